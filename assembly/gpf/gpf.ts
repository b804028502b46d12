import { ParsedHeader } from '../envelope/header';
import { findUseCase, useCasePayload } from '../device/use-cases';
import { PAYLOAD_ASN1 } from '../generated/use-cases';
import { DEVICE_TYPE_GPF } from '../device/types';
import { gasAsn1Payload } from '../gsme/asn1';
import { dateMirrorRead } from '../gsme/mirror';
import { runGbzCommand } from '../gsme/server';

// The GPF's payload handler (devices 6.3): the GPF answers the reads addressed to it from its
// mirror of the GSME (GCS13b, GCS14, GCS60a RELIABLE variants) and takes GCS09 change of tenancy
// for its own logs; its ASN.1 use cases (CS02b handovers, joins) go to gsme/asn1.ts. The mirror is the GPF's own ZCL state, served by the same GBZ server as the
// GSME's; refreshing it at GSME wakes is the HAN step's work (host side, later).

export function gpfPayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const row = findUseCase(h.messageCode, DEVICE_TYPE_GPF);
  if (row >= 0 && useCasePayload(row) == PAYLOAD_ASN1) return gasAsn1Payload(slot, h, originatorParty);
  const bytes = runGbzCommand(slot, h, originatorParty, replyParty, replyEui);
  if (bytes >= 0) dateMirrorRead(slot, h);
  return bytes;
}
