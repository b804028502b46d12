import { loadU16BE, loadU32BE } from '../bytes';
import { ESME_OBJECT_TABLE, OBJECT_ROW_WORDS, ACCESS_ACTION } from '../generated/esme-objects';
import { CHF_OBJECT_TABLE } from '../generated/chf-objects';
import { SAPC_OBJECT_TABLE } from '../generated/sapc-objects';
import { DEVICE_TYPE_CHF, DEVICE_TYPE_SAPC } from '../device/types';

// Lookup in a device type's COSEM object model (generated from gbcs/tables/esme-objects.ts,
// chf-objects.ts, sapc-objects.ts; every table has the ESME's row layout). A found row carries
// its table in bits 16 and up, so objectAccess / objectHandler need no device type.

const TABLE_ESME: i32 = 0;
const TABLE_CHF: i32 = 1;
const TABLE_SAPC: i32 = 2;
const TABLE_SHIFT: i32 = 16;
const INDEX_MASK: i32 = 0xffff;

function tableOf(table: i32): StaticArray<u32> {
  if (table == TABLE_CHF) return CHF_OBJECT_TABLE;
  if (table == TABLE_SAPC) return SAPC_OBJECT_TABLE;
  return ESME_OBJECT_TABLE;
}

function tableFor(deviceType: u32): i32 {
  if (deviceType == DEVICE_TYPE_CHF) return TABLE_CHF;
  if (deviceType == DEVICE_TYPE_SAPC) return TABLE_SAPC;
  return TABLE_ESME;
}

/**
 * Row for (classId, OBIS at obisPtr, member) in the object model of `deviceType`, or -1 when the
 * device has no such attribute (isMethod false) or method (isMethod true): attribute 2 and
 * method 2 of an object are different rows.
 */
export function findObject(deviceType: u32, classId: u32, obisPtr: usize, member: u32, isMethod: bool): i32 {
  const table = tableFor(deviceType);
  const words = tableOf(table);
  const key = (classId << 16) | (member << 8);
  const obisHigh = loadU32BE(obisPtr);
  const obisLow = loadU16BE(obisPtr + 4);
  const rows = words.length / OBJECT_ROW_WORDS;
  assert(rows <= INDEX_MASK);
  for (let i = 0; i < rows; i++) {
    const r = i * OBJECT_ROW_WORDS;
    const head = unchecked(words[r]);
    if ((head & 0xffffff00) == key && unchecked(words[r + 1]) == obisHigh &&
      unchecked(words[r + 2]) == obisLow && ((head & ACCESS_ACTION) != 0) == isMethod) return (table << TABLE_SHIFT) | i;
  }
  return -1;
}

export function objectAccess(row: i32): u32 {
  return tableOf(row >> TABLE_SHIFT)[(row & INDEX_MASK) * OBJECT_ROW_WORDS] & 0xff;
}

export function objectHandler(row: i32): u32 {
  return tableOf(row >> TABLE_SHIFT)[(row & INDEX_MASK) * OBJECT_ROW_WORDS + 3];
}
