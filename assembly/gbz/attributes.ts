import { storeU16BE } from '../bytes';
import { Status } from '../status';
import { PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { findValue, storeValue, valueAddress, valueLength } from '../cosem/store';
import { ZCL_TYPE_TABLE } from '../generated/gsme-commands';

// The ZCL state of a GSME or GPF, kept in the device's object store (cosem/store.ts: values in
// pages, allocated as written) under keys that cannot collide with COSEM ones: classId = ZCL
// cluster, member 0, and a 6-byte key in the OBIS position starting 'Z' (no OBIS A-group is 90):
//   attribute  'Z' 'A' 00 00 <attribute id u16 BE>  value = ZCL type id + value (LE), exactly the
//              bytes a Read Attributes Response record carries after its status (GBCS 6.2)
//   record     'Z' 'R' <command id> 00 00 00        value = the ZCL payload of the last command
//              of that id (Publish… commands: calendar, price matrix, billing period, message)
//   pending    'Z' 'P' <command id> <message code u16 BE> 00   the payload of a future-dated
//              component waiting for its activation (gsme/future-dated.ts)
//   log        'Z' 'L' <answer command id> <entry index> 00 00   one preloaded log answer
//              (gsme/logs.ts)

const KEY_CELL: usize = PARSED_BASE + PARSED_BYTES - 48; // 6 bytes, free while a command or input runs
const KEY_Z: u8 = 0x5a;
export const KEY_ATTRIBUTE: u8 = 0x41;
export const KEY_RECORD: u8 = 0x52;
export const KEY_PENDING: u8 = 0x50;
export const KEY_LOG: u8 = 0x4c;
const MEMBER: u32 = 0;
export const ZCL_LENGTH_PREFIXED: u32 = 0xff;

/** Writes the 6-byte key at KEY_CELL; returns its address. */
export function zclKey(kind: u8, a: u32, b: u32, c: u32, d: u32): usize {
  store<u8>(KEY_CELL, KEY_Z);
  store<u8>(KEY_CELL + 1, kind);
  store<u8>(KEY_CELL + 2, <u8>a);
  store<u8>(KEY_CELL + 3, <u8>b);
  store<u8>(KEY_CELL + 4, <u8>c);
  store<u8>(KEY_CELL + 5, <u8>d);
  return KEY_CELL;
}

function attributeKey(attributeId: u32): usize {
  const key = zclKey(KEY_ATTRIBUTE, 0, 0, 0, 0);
  storeU16BE(key + 4, attributeId);
  return key;
}

/** Size of a ZCL type's value (ZCL_LENGTH_PREFIXED for strings), or 0 for a type we do not know. */
export function zclTypeSize(typeId: u32): u32 {
  for (let i = 0; i < ZCL_TYPE_TABLE.length; i++) {
    const row = unchecked(ZCL_TYPE_TABLE[i]);
    if (row >> 8 == typeId) return row & 0xff;
  }
  return 0;
}

/** Bytes of a typed value (type id + value) at [p, end), or 0 when it is malformed. */
export function typedValueBytes(p: usize, end: usize): u32 {
  if (p >= end) return 0;
  const size = zclTypeSize(<u32>load<u8>(p));
  if (size == 0) return 0;
  const total: u32 = size == ZCL_LENGTH_PREFIXED ? (p + 2 <= end ? 2 + <u32>load<u8>(p + 1) : 0) : 1 + size;
  return total != 0 && p + total <= end ? total : 0;
}

/** Store entry of an attribute (type id + value), or 0. */
export function findAttribute(slot: u32, clusterId: u32, attributeId: u32): usize {
  return findValue(slot, clusterId, attributeKey(attributeId), MEMBER);
}

/** Sets an attribute from a type id and the value bytes (LE, or length + bytes for strings). */
export function storeAttribute(slot: u32, clusterId: u32, attributeId: u32, typeId: u32, value: usize, valueBytes: u32, scratch: usize): Status {
  store<u8>(scratch, <u8>typeId);
  memory.copy(scratch + 1, value, valueBytes);
  return storeValue(slot, clusterId, attributeKey(attributeId), MEMBER, scratch, valueBytes + 1);
}

/** Sets an attribute from a typed value (type id + value) already laid out. */
export function storeTypedAttribute(slot: u32, clusterId: u32, attributeId: u32, typed: usize, bytes: u32): Status {
  return storeValue(slot, clusterId, attributeKey(attributeId), MEMBER, typed, bytes);
}

/** The stored record of a command (its last payload), or 0. */
export function findRecord(slot: u32, clusterId: u32, commandId: u32): usize {
  return findValue(slot, clusterId, zclKey(KEY_RECORD, commandId, 0, 0, 0), MEMBER);
}

export function storeRecord(slot: u32, clusterId: u32, commandId: u32, payload: usize, bytes: u32): Status {
  return storeValue(slot, clusterId, zclKey(KEY_RECORD, commandId, 0, 0, 0), MEMBER, payload, bytes);
}

/** Reads a little-endian signed 32-bit attribute value (int32 / uint32), or `otherwise` when absent or of another size. */
export function attributeI32(slot: u32, clusterId: u32, attributeId: u32, otherwise: i32): i32 {
  const entry = findAttribute(slot, clusterId, attributeId);
  if (entry == 0 || valueLength(entry) != 5) return otherwise;
  return load<i32>(valueAddress(entry) + 1);
}
