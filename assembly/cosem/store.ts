import { LOG_PAGE_BYTES, DEVICE_PAGES_MAX } from '../layout';
import { loadU16BE, loadU32BE } from '../bytes';
import { ensurePage, pageOf, pageAddress } from '../device/pages';
import { Status } from '../status';

// The COSEM object store of a device: attribute values kept as their A-XDR encoding, so what a
// SET writes a GET reads back byte for byte. Values live in the device's store pages (page-table
// ids STORE_FIRST_PAGE_ID..), allocated as values are written.
//
// page:  0 usedBytes u32 | entries...
// entry: 0 classId u16 | 2 OBIS 6 | 8 member u8 | 9 flags u8 | 10 length u16 | 12 capacity u16 | 14 value[capacity]
//        flags bit 0 = deleted (the value moved to a bigger entry). Entries are 2-byte aligned.

export const STORE_FIRST_PAGE_ID: u32 = 8;
export const STORE_PAGE_HEADER_BYTES: u32 = 4;
export const STORE_ENTRY_HEADER_BYTES: u32 = 14;
/** Largest value one entry holds: a whole page less its headers (the biggest reference value is < 2 KiB). */
export const STORE_VALUE_BYTES_MAX: u32 = LOG_PAGE_BYTES - STORE_PAGE_HEADER_BYTES - STORE_ENTRY_HEADER_BYTES;
const FLAG_DELETED: u8 = 1;
// New entries reserve a little room so a value that grows slightly (a longer string) stays in place.
const CAPACITY_SLACK_BYTES: u32 = 8;

/** Address of the entry for (classId, OBIS, member), or 0. `obis` points at 6 OBIS bytes. */
export function findValue(slot: u32, classId: u32, obis: usize, member: u32): usize {
  const obisHigh = loadU32BE(obis);
  const obisLow = loadU16BE(obis + 4);
  for (let id = STORE_FIRST_PAGE_ID; id < DEVICE_PAGES_MAX; id++) {
    const page = pageOf(slot, id);
    if (page == 0) return 0; // store pages are allocated in order
    const base = pageAddress(page);
    const used = load<u32>(base);
    let p = base + STORE_PAGE_HEADER_BYTES;
    const end = base + used;
    while (p < end) {
      const capacity = <u32>load<u16>(p + 12);
      if ((load<u8>(p + 9) & FLAG_DELETED) == 0 && <u32>load<u16>(p) == classId && <u32>load<u8>(p + 8) == member &&
        loadU32BE(p + 2) == obisHigh && loadU16BE(p + 6) == obisLow) return p;
      p += STORE_ENTRY_HEADER_BYTES + capacity;
    }
  }
  return 0;
}

export function valueLength(entry: usize): u32 {
  return <u32>load<u16>(entry + 10);
}

export function valueAddress(entry: usize): usize {
  return entry + STORE_ENTRY_HEADER_BYTES;
}

/** Whether writing `length` bytes for this attribute would succeed (checked before any item of a command runs). */
export function canStore(length: u32): bool {
  return length <= STORE_VALUE_BYTES_MAX;
}

/** Writes the value (A-XDR bytes at `value`) of an attribute, in place when it fits. */
export function storeValue(slot: u32, classId: u32, obis: usize, member: u32, value: usize, length: u32): Status {
  if (!canStore(length)) return Status.BAD_LENGTH;
  const existing = findValue(slot, classId, obis, member);
  if (existing != 0 && <u32>load<u16>(existing + 12) >= length) {
    memory.copy(valueAddress(existing), value, length);
    store<u16>(existing + 10, <u16>length);
    return Status.OK;
  }
  const capacity = min((length + CAPACITY_SLACK_BYTES + 1) & ~1, STORE_VALUE_BYTES_MAX);
  const entry = reserveEntry(slot, capacity);
  if (entry == 0) return Status.OUT_OF_MEMORY;
  if (existing != 0) store<u8>(existing + 9, FLAG_DELETED);
  store<u16>(entry, <u16>classId);
  memory.copy(entry + 2, obis, 6);
  store<u8>(entry + 8, <u8>member);
  store<u8>(entry + 9, 0);
  store<u16>(entry + 10, <u16>length);
  store<u16>(entry + 12, <u16>capacity);
  memory.copy(valueAddress(entry), value, length);
  return Status.OK;
}

/** Space for an entry of `capacity` value bytes in the last store page, or a new one; 0 when full. */
function reserveEntry(slot: u32, capacity: u32): usize {
  const bytes = STORE_ENTRY_HEADER_BYTES + capacity;
  for (let id = STORE_FIRST_PAGE_ID; id < DEVICE_PAGES_MAX; id++) {
    const existing = pageOf(slot, id);
    const page = existing != 0 ? existing : ensurePage(slot, id);
    if (page == 0) return 0;
    const base = pageAddress(page);
    if (existing == 0) store<u32>(base, STORE_PAGE_HEADER_BYTES);
    const used = load<u32>(base);
    if (used + bytes <= LOG_PAGE_BYTES) {
      store<u32>(base, used + bytes);
      return base + used;
    }
  }
  return 0;
}

/** Shortens a stored value in place to its first `length` bytes (a reset log keeps its header). */
export function truncateValue(entry: usize, length: u32): void {
  assert(length <= valueLength(entry));
  store<u16>(entry + 10, <u16>length);
}
