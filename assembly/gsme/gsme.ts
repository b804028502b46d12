import { ParsedHeader } from '../envelope/header';
import { findUseCase, useCasePayload } from '../device/use-cases';
import { PAYLOAD_ASN1 } from '../generated/use-cases';
import { DEVICE_TYPE_GSME } from '../device/types';
import { gasAsn1Payload } from './asn1';
import { dateMirrorRead } from './mirror';
import { runGbzCommand } from './server';

// The GSME's payload handler (devices 6): its use cases are GBZ commands (GBCS 6) served by the
// GBZ server over the GSME's ZCL state; its ASN.1 use cases (GCS28 set clock, joins, unjoins,
// CS07, credentials) go to gsme/asn1.ts. device/command.ts has run the common checks.

/** Writes the answer at CONTENT_BASE; returns its length or -1 when the payload is malformed. */
export function gsmePayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const row = findUseCase(h.messageCode, DEVICE_TYPE_GSME);
  if (row >= 0 && useCasePayload(row) == PAYLOAD_ASN1) return gasAsn1Payload(slot, h, originatorParty);
  const bytes = runGbzCommand(slot, h, originatorParty, replyParty, replyEui);
  if (bytes >= 0) dateMirrorRead(slot, h);
  return bytes;
}
