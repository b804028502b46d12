import { loadU16BE, loadU32BE } from '../bytes';
import { ESME_OBJECT_TABLE, OBJECT_ROW_WORDS } from '../generated/esme-objects';

// Lookup in the ESME object model (generated from gbcs/tables/esme-objects.ts).

/** Row index for (classId, OBIS at obisPtr, member), or -1 when the device has no such attribute/method. */
export function findObject(classId: u32, obisPtr: usize, member: u32): i32 {
  const key = (classId << 16) | (member << 8);
  const obisHigh = loadU32BE(obisPtr);
  const obisLow = loadU16BE(obisPtr + 4);
  const rows = ESME_OBJECT_TABLE.length / OBJECT_ROW_WORDS;
  for (let i = 0; i < rows; i++) {
    const r = i * OBJECT_ROW_WORDS;
    if ((unchecked(ESME_OBJECT_TABLE[r]) & 0xffffff00) == key && unchecked(ESME_OBJECT_TABLE[r + 1]) == obisHigh &&
      unchecked(ESME_OBJECT_TABLE[r + 2]) == obisLow) return i;
  }
  return -1;
}

export function objectAccess(row: i32): u32 {
  return ESME_OBJECT_TABLE[row * OBJECT_ROW_WORDS] & 0xff;
}

export function objectHandler(row: i32): u32 {
  return ESME_OBJECT_TABLE[row * OBJECT_ROW_WORDS + 3];
}
