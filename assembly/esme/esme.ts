import { ParsedHeader } from '../envelope/header';
import { runAccessRequest } from '../cosem/server';
import { findUseCase, useCasePayload } from '../device/use-cases';
import { PAYLOAD_ASN1 } from '../generated/use-cases';
import { DEVICE_TYPE_ESME } from '../device/types';
import { credentialsPayload } from '../credentials/credentials';

// The ESME's payload handler: its DLMS use cases are access-requests (GBCS 5) served by the COSEM
// server over the ESME object model; its ASN.1 use cases (GBCS 7: security credentials, joins)
// go to credentials/. device/command.ts has run the common checks.

/** Writes the answer at CONTENT_BASE; returns its length or -1 when the payload is malformed. */
export function esmePayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const row = findUseCase(h.messageCode, DEVICE_TYPE_ESME);
  if (row >= 0 && useCasePayload(row) == PAYLOAD_ASN1) return credentialsPayload(slot, h, originatorParty);
  return runAccessRequest(slot, h, originatorParty, replyParty, replyEui);
}
