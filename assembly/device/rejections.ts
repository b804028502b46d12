import { Status } from '../status';
import { device, deviceAddress, UNUSUAL_TALLY_OFFSET, UNUSUAL_REJECTIONS_MAX, ROLE_SUPPLIER } from './context';
import { appendLog, LOG_SECURITY, EPOCH_2000_S } from '../logs/log';
import { raiseAlert, MESSAGE_CODE_CRITICAL_ALERT } from '../alerts/alert';

// devices 1.3: what a rejected command leaves behind, by cause (first failure wins): a Security
// Log entry, an alert, and a place in the 0x8F60 tally. Nothing else changes. Rows:
// (status, security-log code or 0, alert code or 0, counts towards 0x8F60). The log code is the
// alert's code; [A] for the replay and unsupported-use-case rows, where GBCS names no code.
const ROW_WORDS: i32 = 4;
export const REJECTION_TABLE: StaticArray<u32> = [
  Status.BAD_ENVELOPE, 0x8f1e, 0x8f1e, 1, // cause 1
  Status.WRONG_RECIPIENT, 0, 0, 0, // cause 2
  Status.UNKNOWN_ORIGINATOR, 0x8f53, 0x8f53, 0, // cause 3
  Status.BAD_MAC, 0x8f53, 0x8f53, 1, // cause 4
  Status.COUNTER_REPLAYED, 0x8f53, 0, 1, // cause 5
  Status.BAD_SIGNATURE, 0x8f3d, 0x8f3d, 1, // cause 6
  Status.BAD_PAYLOAD, 0x8f1e, 0x8f1e, 1, // cause 8
  Status.UNKNOWN_USE_CASE, 0x8f85, 0, 0, // cause 9
];

export const ALERT_UNUSUAL_COMMANDS: u32 = 0x8f60;
const UNUSUAL_WINDOW_S: u32 = 3600; // "10 times within any rolling 60 minutes"

function rowOf(status: Status): i32 {
  for (let i = 0; i < REJECTION_TABLE.length; i += ROW_WORDS) {
    if (unchecked(REJECTION_TABLE[i]) == <u32>status) return i;
  }
  return -1;
}

/** Security-log code for a rejection status, 0 when the cause leaves no entry. */
export function securityLogCodeFor(status: Status): u32 {
  const r = rowOf(status);
  return r < 0 ? 0 : REJECTION_TABLE[r + 1];
}

/**
 * Records a rejection: log entry, alert to the supplier [A: critical security alerts go to the
 * Supplier], 0x8F60 tally. Statuses outside the table (host or capacity errors) leave nothing.
 */
export function recordRejection(slot: u32, status: Status): void {
  const r = rowOf(status);
  if (r < 0) return;
  const d = device(slot);
  d.rejectedCount++;
  const logCode = REJECTION_TABLE[r + 1];
  const alertCode = REJECTION_TABLE[r + 2];
  if (logCode != 0) appendLog(slot, LOG_SECURITY, d.clockS, logCode, 0, 0);
  if (alertCode != 0) raiseAlert(slot, alertCode, MESSAGE_CODE_CRITICAL_ALERT, true, ROLE_SUPPLIER, d.clockS, 0, 0);
  if (REJECTION_TABLE[r + 3] != 0 && countUnusual(slot, <u32>(d.clockS - EPOCH_2000_S))) {
    appendLog(slot, LOG_SECURITY, d.clockS, ALERT_UNUSUAL_COMMANDS, 0, 0);
    raiseAlert(slot, ALERT_UNUSUAL_COMMANDS, MESSAGE_CODE_CRITICAL_ALERT, true, ROLE_SUPPLIER, d.clockS, 0, 0);
  }
}

// tally: ring u32[UNUSUAL_REJECTIONS_MAX] | next u16 | filled u8 | latched u8 | lastCountedS u32
function countUnusual(slot: u32, nowS: u32): bool {
  const t = deviceAddress(slot) + UNUSUAL_TALLY_OFFSET;
  const meta = t + UNUSUAL_REJECTIONS_MAX * 4;
  let next = <u32>load<u16>(meta);
  let filled = <u32>load<u8>(meta + 2);
  let latched = load<u8>(meta + 3) != 0;
  const lastCounted = load<u32>(meta + 4);
  if (latched && nowS - lastCounted >= UNUSUAL_WINDOW_S) latched = false; // an hour passed without one
  store<u32>(t + next * 4, nowS);
  next = next + 1 == UNUSUAL_REJECTIONS_MAX ? 0 : next + 1;
  if (filled < UNUSUAL_REJECTIONS_MAX) filled++;
  const oldest = load<u32>(t + next * 4); // after the write, `next` points at the oldest of a full ring
  let raise = false;
  if (!latched && filled == UNUSUAL_REJECTIONS_MAX && nowS - oldest < UNUSUAL_WINDOW_S) {
    raise = true;
    latched = true;
  }
  store<u16>(meta, <u16>next);
  store<u8>(meta + 2, <u8>filled);
  store<u8>(meta + 3, latched ? 1 : 0);
  store<u32>(meta + 4, nowS);
  return raise;
}
