import { DEVICE_BYTES } from '../layout';
import { deviceAddress, DEVICE_CONTEXT_END } from '../device/context';

// The CHF's own state (devices.md 7.1) in the device context after DEVICE_CONTEXT_END. Device
// types are exclusive, so this region is the CHF's view of the bytes other types use for theirs
// (the ESME keeps its state at the top of the context, assembly/esme/state.ts); a fresh context
// is zero: no devices, empty logs, joining disabled.
//
// header (32 bytes):
//   0 panId u64 (extended PAN ID, the big-endian value of its 8 bytes)
//   8 logCount u32 | 12 historicCount u32 | 16 pendingAlerts u32 (PENDING_* bits)
//  20 joinTimeoutMin u16 (class 104 a3) | 22 joinEnabled u8 (a2) | 23 reserved u8 | 24 reserved u64
// device log: DEVICE_LOG_MAX x DeviceLogEntry (48 bytes), in order of addition
//   0 eui u64 | 8 keyHash 16 | 24 registeredS u32 (device clock, UTC s) | 28 lastCommS u32 (NEVER = none)
//  32 deviceType u8 (GBCS 7 numbering) | 33 hasKey u8 | 34 HAN status 12 bytes (class 104 a4
//     active_device fields: status bit-string, RSSI max/avg/min i8, LQI max/avg/min u8, hops,
//     transmission failures, successes, application version, stack version u8) | 46 reserved u16
// historic device log: HISTORIC_LOG_MAX x HistoricEntry (24 bytes), oldest first
//   0 eui u64 | 8 keyHash 16

@unmanaged
export class ChfHeader {
  panId: u64;
  logCount: u32;
  historicCount: u32;
  pendingAlerts: u32;
  joinTimeoutMin: u16;
  joinEnabled: u8;
  reserved: u8;
  reserved2: u64;
}

@unmanaged
export class DeviceLogEntry {
  eui: u64;
  keyHashHigh: u64; // key hash bytes 0..7 as stored (raw memory order)
  keyHashLow: u64; // key hash bytes 8..15
  registeredS: u32;
  lastCommS: u32;
  deviceType: u8;
  hasKey: u8;
}

/** devices.md 7.1 [A]: room for an ESME, a GSME, the GPF, IHDs, a PPMID and HCALCSs. */
export const DEVICE_LOG_MAX: u32 = 16;
/** devices.md 7.1 [G] (CCS02): the historic log keeps 15, overwriting the oldest. */
export const HISTORIC_LOG_MAX: u32 = 15;
export const KEY_HASH_BYTES: u32 = 16;
export const HAN_STATUS_BYTES: u32 = 12;
export const HAN_STATUS_OFFSET: u32 = 34;
export const NEVER: u32 = 0xffffffff;

export const CHF_HEADER_BYTES: u32 = 32;
export const DEVICE_LOG_ENTRY_BYTES: u32 = 48;
export const HISTORIC_ENTRY_BYTES: u32 = 24;
export const CHF_STATE_OFFSET: u32 = DEVICE_CONTEXT_END;
export const DEVICE_LOG_OFFSET: u32 = CHF_STATE_OFFSET + CHF_HEADER_BYTES;
export const HISTORIC_LOG_OFFSET: u32 = DEVICE_LOG_OFFSET + DEVICE_LOG_MAX * DEVICE_LOG_ENTRY_BYTES;
export const CHF_STATE_END: u32 = HISTORIC_LOG_OFFSET + HISTORIC_LOG_MAX * HISTORIC_ENTRY_BYTES;

// Alerts a command decided to send, sent after its response (assembly/chf/alerts.ts).
export const PENDING_CS14: u32 = 1; // 0x8F12 CHF device log changed
export const PENDING_DBCH09: u32 = 2; // 0x8F2A sub-GHz configuration changed
export const PENDING_DBCH08: u32 = 4; // 0x8F28 sub-GHz channel scan assessment

if (offsetof<ChfHeader>() != CHF_HEADER_BYTES) ERROR('ChfHeader size drifted');
if (offsetof<DeviceLogEntry>() != HAN_STATUS_OFFSET) ERROR('DeviceLogEntry fields drifted');
if (HAN_STATUS_OFFSET + HAN_STATUS_BYTES > DEVICE_LOG_ENTRY_BYTES) ERROR('DeviceLogEntry overflows its row');
if (CHF_STATE_OFFSET % 8 != 0) ERROR('CHF state must keep 8-byte alignment');
if (CHF_STATE_END > DEVICE_BYTES) ERROR('CHF state overflows DEVICE_BYTES');

// @ts-ignore: decorator
@inline export function chfHeader(slot: u32): ChfHeader {
  return changetype<ChfHeader>(deviceAddress(slot) + CHF_STATE_OFFSET);
}

// @ts-ignore: decorator
@inline export function logEntryAddress(slot: u32, index: u32): usize {
  return deviceAddress(slot) + DEVICE_LOG_OFFSET + index * DEVICE_LOG_ENTRY_BYTES;
}

// @ts-ignore: decorator
@inline export function logEntry(slot: u32, index: u32): DeviceLogEntry {
  return changetype<DeviceLogEntry>(logEntryAddress(slot, index));
}

// @ts-ignore: decorator
@inline export function historicEntryAddress(slot: u32, index: u32): usize {
  return deviceAddress(slot) + HISTORIC_LOG_OFFSET + index * HISTORIC_ENTRY_BYTES;
}
