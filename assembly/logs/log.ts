import { LOG_PAGE_BYTES } from '../layout';
import { ensurePage, pageOf, pageAddress } from '../device/pages';
import { E_INVARIANT } from '../status';

// The FIFO logs common to metering devices (devices 1.2): 100 entries each, the oldest
// overwritten when full. A log owns one page, allocated on its first entry.
//
// page:  0 entryCount u32 | 4 nextIndex u32 | 8 entries[LOG_ENTRIES_MAX]
// entry: 0 time u32 (seconds since 2000-01-01T00:00:00Z, devices 1.2) | 4 code u16
//        6 payloadBytes u16 | 8 payload[8] (e.g. the message code of a command)

export const LOG_EVENT: u32 = 0;
export const LOG_SECURITY: u32 = 1;

export const LOG_ENTRIES_MAX: u32 = 100; // devices 1.2 capacity
export const LOG_ENTRY_BYTES: u32 = 16;
export const LOG_HEADER_BYTES: u32 = 8;
export const LOG_PAYLOAD_MAX: u32 = 8;

if (LOG_HEADER_BYTES + LOG_ENTRIES_MAX * LOG_ENTRY_BYTES > LOG_PAGE_BYTES) ERROR('log does not fit its page');

/** Seconds between the Unix epoch and 2000-01-01T00:00:00Z, the log time base. */
export const EPOCH_2000_S: i64 = 946684800;

/** Appends an entry; returns false only when no page could be allocated (the entry is lost, counted by the caller). */
export function appendLog(slot: u32, logId: u32, clockS: i64, code: u32, payload: u64, payloadBytes: u32): bool {
  assert(payloadBytes <= LOG_PAYLOAD_MAX, E_INVARIANT);
  const page = ensurePage(slot, logId);
  if (page == 0) return false;
  const base = pageAddress(page);
  const count = load<u32>(base);
  const next = load<u32>(base + 4);
  assert(next < LOG_ENTRIES_MAX, E_INVARIANT);
  const entry = base + LOG_HEADER_BYTES + next * LOG_ENTRY_BYTES;
  store<u32>(entry, <u32>(clockS - EPOCH_2000_S));
  store<u16>(entry + 4, <u16>code);
  store<u16>(entry + 6, <u16>payloadBytes);
  store<u64>(entry + 8, payload);
  store<u32>(base, count < LOG_ENTRIES_MAX ? count + 1 : count);
  store<u32>(base + 4, next + 1 == LOG_ENTRIES_MAX ? 0 : next + 1);
  return true;
}

export function logEntryCount(slot: u32, logId: u32): u32 {
  const page = pageOf(slot, logId);
  return page == 0 ? 0 : load<u32>(pageAddress(page));
}
