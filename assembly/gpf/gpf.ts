import { ParsedHeader } from '../envelope/header';
import { findUseCase, useCasePayload } from '../device/use-cases';
import { PAYLOAD_ASN1, MESSAGE_CODE_GCS59 } from '../generated/use-cases';
import { DEVICE_TYPE_GPF } from '../device/types';
import { gasAsn1Payload } from '../gsme/asn1';
import { dateMirrorRead } from '../gsme/mirror';
import { runGbzCommand } from '../gsme/server';
import { restoreGpfDeviceLog } from './device-log-restore';

// The GPF's payload handler (devices 6.3): the GPF answers the reads addressed to it from its
// mirror of the GSME (GCS13a/b/c, GCS14, GCS16b, GCS17, GCS21f, GCS60a, GCS61) and takes GCS09
// change of tenancy for its own logs; GCS59 restores its device log (gpf/device-log-restore.ts);
// its other ASN.1 use cases (CS02b handovers, joins, CS07) go to gsme/asn1.ts. The mirror is the
// GPF's own ZCL state, served by the same GBZ server as the GSME's; refreshing it at GSME wakes is
// the HAN step's work (host side).

export function gpfPayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const row = findUseCase(h.messageCode, DEVICE_TYPE_GPF);
  if (h.messageCode == MESSAGE_CODE_GCS59) return restoreGpfDeviceLog(slot, <usize>h.contentPtr, <usize>h.contentPtr + h.contentBytes);
  if (row >= 0 && useCasePayload(row) == PAYLOAD_ASN1) return gasAsn1Payload(slot, h, originatorParty);
  const bytes = runGbzCommand(slot, h, originatorParty, replyParty, replyEui);
  if (bytes >= 0) dateMirrorRead(slot, h);
  return bytes;
}
