import { loadU64BE } from '../bytes';
import { CONTENT_BASE } from '../envelope/outgoing';
import { derContent, derEnd, derExpect, derSmallInteger, DER_SEQUENCE, DER_OCTET_STRING, DER_INTEGER } from '../asn1/der';
import { addDeviceLogEntry, deviceLogCount, removeDeviceLogEntry, DEVICE_LOG_MAX } from '../credentials/store';

// GCS59 Restore GPF Device Log (SR 8.12.2; devices 6.3 "GPF Device Log ... backup/restore"): the
// new GPF of a replaced hub takes the device log the DCC holds for the premises. No RTDS folder;
// the shape is ours [A]: the command is the list CS07 reads, SEQUENCE OF SEQUENCE { OCTET
// STRING(8) EUI, INTEGER device type }, and the answer the `02 01 <outcome>` of the joins:
// 0 restored (the log is replaced), 1 more devices than the log holds, 2 a device the GPF does
// not talk to (GBCS 7 types 0 GSME, 5 PPMID, 6 Type 2) or listed twice. Anything but 0 changes
// nothing; a malformed list answers -1 (cause 8).

const RESTORED: u32 = 0;
const TOO_MANY: u32 = 1;
const INVALID_ENTRY: u32 = 2;
const EUI_BYTES: u32 = 8;
const GPF_PEERS: u32 = (1 << 0) | (1 << 5) | (1 << 6);
const DEVICE_TYPE_MAX: i64 = 6;

export function restoreGpfDeviceLog(slot: u32, content: usize, end: usize): i32 {
  if (derExpect(content, end, DER_SEQUENCE) != end) return -1;
  // First pass: the whole list is well formed and acceptable before the log changes.
  let count: u32 = 0;
  let outcome = RESTORED;
  for (let p = derContent(content); p < end; count++) {
    const entryEnd = derExpect(p, end, DER_SEQUENCE);
    if (entryEnd == 0) return -1;
    const eui = derContent(p);
    const euiEnd = derExpect(eui, entryEnd, DER_OCTET_STRING);
    if (euiEnd == 0 || euiEnd - derContent(eui) != EUI_BYTES) return -1;
    const deviceType = derSmallInteger(euiEnd, entryEnd);
    if (deviceType < 0 || deviceType > DEVICE_TYPE_MAX || derExpect(euiEnd, entryEnd, DER_INTEGER) != entryEnd) return -1;
    if ((GPF_PEERS & (1 << <u32>deviceType)) == 0 || listedBefore(content, p, loadU64BE(derContent(eui)))) outcome = INVALID_ENTRY;
    p = entryEnd;
  }
  if (outcome == RESTORED && count > DEVICE_LOG_MAX) outcome = TOO_MANY;
  if (outcome != RESTORED) return putOutcome(outcome);
  while (deviceLogCount(slot) > 0) removeDeviceLogEntry(slot, deviceLogCount(slot) - 1);
  for (let p = derContent(content); p < end;) {
    const entryEnd = derEnd(p, end);
    const eui = derContent(p);
    const euiEnd = derEnd(eui, entryEnd);
    const added = addDeviceLogEntry(slot, loadU64BE(derContent(eui)), <u32>derSmallInteger(euiEnd, entryEnd));
    assert(added); // count <= DEVICE_LOG_MAX checked above
    p = entryEnd;
  }
  return putOutcome(RESTORED);
}

/** Whether an entry before `at` names the same EUI. */
function listedBefore(content: usize, at: usize, eui: u64): bool {
  for (let p = derContent(content); p < at;) {
    const entryEnd = derEnd(p, at);
    if (loadU64BE(derContent(derContent(p))) == eui) return true;
    p = entryEnd;
  }
  return false;
}

function putOutcome(outcome: u32): i32 {
  store<u8>(CONTENT_BASE, DER_INTEGER);
  store<u8>(CONTENT_BASE + 1, 1);
  store<u8>(CONTENT_BASE + 2, <u8>outcome);
  return 3;
}
