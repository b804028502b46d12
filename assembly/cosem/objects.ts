import { loadU16BE, loadU32BE } from '../bytes';
import { ESME_OBJECT_TABLE, OBJECT_ROW_WORDS, ACCESS_ACTION } from '../generated/esme-objects';

// Lookup in the ESME object model (generated from gbcs/tables/esme-objects.ts).

/**
 * Row index for (classId, OBIS at obisPtr, member), or -1 when the device has no such attribute
 * (isMethod false) or method (isMethod true): attribute 2 and method 2 of an object are different rows.
 */
export function findObject(classId: u32, obisPtr: usize, member: u32, isMethod: bool): i32 {
  const key = (classId << 16) | (member << 8);
  const obisHigh = loadU32BE(obisPtr);
  const obisLow = loadU16BE(obisPtr + 4);
  const rows = ESME_OBJECT_TABLE.length / OBJECT_ROW_WORDS;
  for (let i = 0; i < rows; i++) {
    const r = i * OBJECT_ROW_WORDS;
    const head = unchecked(ESME_OBJECT_TABLE[r]);
    if ((head & 0xffffff00) == key && unchecked(ESME_OBJECT_TABLE[r + 1]) == obisHigh &&
      unchecked(ESME_OBJECT_TABLE[r + 2]) == obisLow && ((head & ACCESS_ACTION) != 0) == isMethod) return i;
  }
  return -1;
}

export function objectAccess(row: i32): u32 {
  return ESME_OBJECT_TABLE[row * OBJECT_ROW_WORDS] & 0xff;
}

export function objectHandler(row: i32): u32 {
  return ESME_OBJECT_TABLE[row * OBJECT_ROW_WORDS + 3];
}
