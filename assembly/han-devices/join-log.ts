import { DEVICE_BYTES } from '../layout';
import { deviceAddress, DEVICE_CONTEXT_END } from '../device/context';

// The device log of a HAN device other than the CHF (PPMID, HCALCS; devices.md 7.2 "CS03/CS04
// ... by updating each device's own device log", 8.1, 8.3): the devices it may talk to, set by
// the joins and unjoins of CS03 / CS04. Kept in the device context after DEVICE_CONTEXT_END
// (device types are exclusive, so these bytes are other types' state on other devices).
//
//   0 count u32 | 4 reserved u32 | JOIN_LOG_MAX x { 0 eui u64 | 8 deviceType u8 (GBCS 7) | 9..15 reserved }

export const JOIN_LOG_MAX: u32 = 8; // [A] a PPMID binds an ESME, a GPF and a few more
export const JOIN_ENTRY_BYTES: u32 = 16;
export const JOIN_LOG_OFFSET: u32 = DEVICE_CONTEXT_END;
const JOIN_LOG_HEADER_BYTES: u32 = 8;
export const JOIN_LOG_END: u32 = JOIN_LOG_OFFSET + JOIN_LOG_HEADER_BYTES + JOIN_LOG_MAX * JOIN_ENTRY_BYTES;

if (JOIN_LOG_END > DEVICE_BYTES) ERROR('HAN device join log overflows DEVICE_BYTES');
if (JOIN_LOG_OFFSET % 8 != 0) ERROR('HAN device join log must keep 8-byte alignment');

export const JOIN_ADDED: i32 = 0;
export const JOIN_PRESENT: i32 = 1;
export const JOIN_INCOMPATIBLE: i32 = 2;
export const JOIN_FULL: i32 = 3;

function countAddress(slot: u32): usize {
  return deviceAddress(slot) + JOIN_LOG_OFFSET;
}

function entryAddress(slot: u32, index: u32): usize {
  return deviceAddress(slot) + JOIN_LOG_OFFSET + JOIN_LOG_HEADER_BYTES + index * JOIN_ENTRY_BYTES;
}

export function joinedCount(slot: u32): u32 {
  return min(load<u32>(countAddress(slot)), JOIN_LOG_MAX);
}

export function findJoined(slot: u32, eui: u64): i32 {
  const count = joinedCount(slot);
  for (let i: u32 = 0; i < count; i++) if (load<u64>(entryAddress(slot, i)) == eui) return <i32>i;
  return -1;
}

/** GBCS 7 device type of the joined device at index (findJoined). */
export function joinedType(slot: u32, index: u32): u8 {
  assert(index < joinedCount(slot));
  return load<u8>(entryAddress(slot, index) + 8);
}

/** Adds (eui, deviceType); an entry for the same device with another type is incompatible. */
export function join(slot: u32, eui: u64, deviceType: u8): i32 {
  const found = findJoined(slot, eui);
  if (found >= 0) return load<u8>(entryAddress(slot, <u32>found) + 8) == deviceType ? JOIN_PRESENT : JOIN_INCOMPATIBLE;
  const count = joinedCount(slot);
  if (count >= JOIN_LOG_MAX) return JOIN_FULL;
  const p = entryAddress(slot, count);
  memory.fill(p, 0, JOIN_ENTRY_BYTES);
  store<u64>(p, eui);
  store<u8>(p + 8, deviceType);
  store<u32>(countAddress(slot), count + 1);
  return JOIN_ADDED;
}

/** Removes eui; false when it is not in the log. */
export function unjoin(slot: u32, eui: u64): bool {
  const found = findJoined(slot, eui);
  if (found < 0) return false;
  const count = joinedCount(slot);
  for (let i = <u32>found; i + 1 < count; i++) memory.copy(entryAddress(slot, i), entryAddress(slot, i + 1), JOIN_ENTRY_BYTES);
  store<u32>(countAddress(slot), count - 1);
  return true;
}
