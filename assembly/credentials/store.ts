import { deviceAddress } from '../device/context';
import { CREDENTIAL_STORE_OFFSET, CREDENTIAL_STORE_BYTES } from '../esme/state';

// The ESME's certificate store (GBCS 4.7, 7; devices 1.1): the trust-anchor cells of the remote
// parties, each holding one certificate's subject (EUI-64) and 8-byte subject key identifier
// with its key usage, the credential sequence number of each remote-party role (CS02b), and the
// device log of the HAN devices joined to the meter (CS03A1 / CS04AC). The certificates
// themselves stay with the secure element; the device keeps what its answers report.
//
//   0 cellCount u32 | 4 deviceLogCount u32 | 8 ROLES_MAX x u32 sequence numbers | 72 reserved u64
//  80 CELLS_MAX x TrustAnchorCell (24) | 464 DEVICE_LOG_MAX x DeviceLogEntry (16) | 592 end

//   0 role u8 (GBCS 7: 0 root … 8) | 1 usage u8 (USAGE_DS / USAGE_KA) | 2 cellId u8 (0, or 1 = the
//   supplier's prepayment KA cell) | 3 reserved u8 | 4 reserved u32 | 8 subjectEui u64 | 16 subjectKeyId u64
@unmanaged
export class TrustAnchorCell {
  role: u8;
  usage: u8;
  cellId: u8;
  reserved: u8;
  reserved2: u32;
  subjectEui: u64;
  subjectKeyId: u64;
}

//   0 eui u64 | 8 deviceType u8 (GBCS 7: 0 GSME … 6 type 2) | 9 reserved (7 bytes)
@unmanaged
export class DeviceLogEntry {
  eui: u64;
  deviceType: u8;
  reserved: u8;
  reserved2: u16;
  reserved3: u32;
}

@unmanaged
class StoreHeader {
  cellCount: u32;
  deviceLogCount: u32;
}

/** GBCS 7 remote-party roles 0 root … 8 (the test-only organisation of RTDS); 127 other is not stored. */
export const ROLES_MAX: u32 = 16;
/** Cells: root, recovery, supplier DS/KA/prepayment KA, NO DS/KA, ACB DS/KA, WAN provider, TransCoS,
 *  issuing authority and the role-8 party DS/KA (GBCS 4.7) fit in 16. A full store refuses a new cell. */
export const CELLS_MAX: u32 = 16;
/** HAN devices joined to one ESME (PPMID, IHDs, HCALCS, GSME via the CHF); a full log answers 4 (GBCS 7). */
export const DEVICE_LOG_MAX: u32 = 8;
export const USAGE_DS: u8 = 1;
export const USAGE_KA: u8 = 2;
export const CELL_ID_PREPAYMENT: u8 = 1;

const SEQUENCE_OFFSET: u32 = 8;
const CELLS_OFFSET: u32 = 80;
const CELL_BYTES: u32 = 24;
const DEVICE_LOG_OFFSET: u32 = CELLS_OFFSET + CELLS_MAX * CELL_BYTES;
const DEVICE_LOG_ENTRY_BYTES: u32 = 16;
const STORE_END: u32 = DEVICE_LOG_OFFSET + DEVICE_LOG_MAX * DEVICE_LOG_ENTRY_BYTES;

if (offsetof<TrustAnchorCell>() != CELL_BYTES) ERROR('TrustAnchorCell size drifted');
if (offsetof<DeviceLogEntry>() != DEVICE_LOG_ENTRY_BYTES) ERROR('DeviceLogEntry size drifted');
if (SEQUENCE_OFFSET + ROLES_MAX * 4 > CELLS_OFFSET) ERROR('sequence numbers overlap the cells');
if (STORE_END > CREDENTIAL_STORE_BYTES) ERROR('credential store overflows its region');

// @ts-ignore: decorator
@inline function base(slot: u32): usize {
  return deviceAddress(slot) + CREDENTIAL_STORE_OFFSET;
}

// @ts-ignore: decorator
@inline function header(slot: u32): StoreHeader {
  return changetype<StoreHeader>(base(slot));
}

export function cellCount(slot: u32): u32 {
  return header(slot).cellCount;
}

// @ts-ignore: decorator
@inline export function cell(slot: u32, index: u32): TrustAnchorCell {
  return changetype<TrustAnchorCell>(base(slot) + CELLS_OFFSET + index * CELL_BYTES);
}

/** Index of the cell (role, usage, cellId), or -1. */
export function findCell(slot: u32, role: u32, usage: u32, cellId: u32): i32 {
  const count = header(slot).cellCount;
  for (let i: u32 = 0; i < count && i < CELLS_MAX; i++) {
    const c = cell(slot, i);
    if (<u32>c.role == role && <u32>c.usage == usage && <u32>c.cellId == cellId) return <i32>i;
  }
  return -1;
}

/** Writes a cell in place (same role, usage and cell id) or appends it; false when the store is full. */
export function putCell(slot: u32, role: u32, usage: u32, cellId: u32, subjectEui: u64, subjectKeyId: u64): bool {
  let index = findCell(slot, role, usage, cellId);
  const h = header(slot);
  if (index < 0) {
    if (h.cellCount >= CELLS_MAX) return false;
    index = <i32>h.cellCount;
    h.cellCount++;
  }
  const c = cell(slot, <u32>index);
  c.role = <u8>role;
  c.usage = <u8>usage;
  c.cellId = <u8>cellId;
  c.subjectEui = subjectEui;
  c.subjectKeyId = subjectKeyId;
  return true;
}

/** Whether the store holds any cell for `role`. */
export function hasRole(slot: u32, role: u32): bool {
  const count = header(slot).cellCount;
  for (let i: u32 = 0; i < count && i < CELLS_MAX; i++) if (<u32>cell(slot, i).role == role) return true;
  return false;
}

export function sequenceNumber(slot: u32, role: u32): u32 {
  assert(role < ROLES_MAX);
  return load<u32>(base(slot) + SEQUENCE_OFFSET + (<usize>role << 2));
}

export function setSequenceNumber(slot: u32, role: u32, value: u32): void {
  assert(role < ROLES_MAX);
  store<u32>(base(slot) + SEQUENCE_OFFSET + (<usize>role << 2), value);
}

export function deviceLogCount(slot: u32): u32 {
  return header(slot).deviceLogCount;
}

// @ts-ignore: decorator
@inline export function deviceLogEntry(slot: u32, index: u32): DeviceLogEntry {
  return changetype<DeviceLogEntry>(base(slot) + DEVICE_LOG_OFFSET + index * DEVICE_LOG_ENTRY_BYTES);
}

export function findDeviceLogEntry(slot: u32, eui: u64): i32 {
  const count = header(slot).deviceLogCount;
  for (let i: u32 = 0; i < count && i < DEVICE_LOG_MAX; i++) if (deviceLogEntry(slot, i).eui == eui) return <i32>i;
  return -1;
}

/** Appends a device; false when the log is full. */
export function addDeviceLogEntry(slot: u32, eui: u64, deviceType: u32): bool {
  const h = header(slot);
  if (h.deviceLogCount >= DEVICE_LOG_MAX) return false;
  const e = deviceLogEntry(slot, h.deviceLogCount);
  e.eui = eui;
  e.deviceType = <u8>deviceType;
  h.deviceLogCount++;
  return true;
}

/** Removes entry `index`, keeping the others in order. */
export function removeDeviceLogEntry(slot: u32, index: u32): void {
  const h = header(slot);
  assert(index < h.deviceLogCount);
  const at = base(slot) + DEVICE_LOG_OFFSET + index * DEVICE_LOG_ENTRY_BYTES;
  memory.copy(at, at + DEVICE_LOG_ENTRY_BYTES, (h.deviceLogCount - 1 - index) * DEVICE_LOG_ENTRY_BYTES);
  h.deviceLogCount--;
  memory.fill(base(slot) + DEVICE_LOG_OFFSET + h.deviceLogCount * DEVICE_LOG_ENTRY_BYTES, 0, DEVICE_LOG_ENTRY_BYTES);
}
