import {
  chfHeader, logEntry, logEntryAddress, historicEntryAddress, DeviceLogEntry, DEVICE_LOG_MAX, HISTORIC_LOG_MAX,
  KEY_HASH_BYTES, HAN_STATUS_OFFSET, HAN_STATUS_BYTES, DEVICE_LOG_ENTRY_BYTES, HISTORIC_ENTRY_BYTES, NEVER, PENDING_CS14,
} from './state';

// The CHF Device Log ("whitelist") and the CHF Historic Device Log (devices.md 7.1-7.3; GBCS
// CCS01-03 use-case text). Pure state operations: callers have validated their input. Every
// change of the device log (an entry added or removed, a link-key hash recorded, a restore)
// marks the CS14 alert 0x8F12 due.

/** GBCS 7 device types (CCS01 register_device and CS03 use the same numbering). */
export const HAN_TYPE_GSME: u8 = 0;
export const HAN_TYPE_ESME: u8 = 1;
export const HAN_TYPE_GPF: u8 = 3;
export const HAN_TYPE_HHT: u8 = 7; // [A] HHTs never reach the historic log (CCS02 text)
export const HAN_TYPE_UNKNOWN: u8 = 0xff; // a restored entry of a device the log did not hold

export const ADD_ADDED: i32 = 0;
export const ADD_PRESENT: i32 = 1;
export const ADD_FULL: i32 = 2;

/** Index of the device-log entry of `eui`, or -1. */
export function findLogEntry(slot: u32, eui: u64): i32 {
  const count = min(chfHeader(slot).logCount, DEVICE_LOG_MAX);
  for (let i: u32 = 0; i < count; i++) if (logEntry(slot, i).eui == eui) return <i32>i;
  return -1;
}

/** Index of the historic entry of `eui`, or -1. */
export function findHistoricEntry(slot: u32, eui: u64): i32 {
  const count = min(chfHeader(slot).historicCount, HISTORIC_LOG_MAX);
  for (let i: u32 = 0; i < count; i++) if (load<u64>(historicEntryAddress(slot, i)) == eui) return <i32>i;
  return -1;
}

/**
 * CCS01: a device already present keeps its entry and any link key (ADD_PRESENT, nothing
 * changes); otherwise a new entry without key hash (ADD_ADDED, CS14 due), or ADD_FULL.
 */
export function addDevice(slot: u32, eui: u64, deviceType: u8, nowS: i64): i32 {
  if (findLogEntry(slot, eui) >= 0) return ADD_PRESENT;
  const h = chfHeader(slot);
  if (h.logCount >= DEVICE_LOG_MAX) return ADD_FULL;
  writeEntry(slot, h.logCount, eui, deviceType, 0, nowS);
  h.logCount++;
  h.pendingAlerts |= PENDING_CS14;
  return ADD_ADDED;
}

/** A fresh entry: no key hash unless keyHash != 0, never communicated, HAN status zero. */
export function writeEntry(slot: u32, index: u32, eui: u64, deviceType: u8, keyHash: usize, nowS: i64): void {
  const p = logEntryAddress(slot, index);
  memory.fill(p, 0, DEVICE_LOG_ENTRY_BYTES);
  const e = changetype<DeviceLogEntry>(p);
  e.eui = eui;
  e.deviceType = deviceType;
  e.registeredS = <u32>max<i64>(0, min<i64>(nowS, <i64>u32.MAX_VALUE - 1));
  e.lastCommS = NEVER;
  if (keyHash != 0) setKeyHash(slot, index, keyHash);
}

/** Records a TC link-key hash for entry `index` (a join, or a restore). */
export function setKeyHash(slot: u32, index: u32, keyHash: usize): void {
  const e = logEntry(slot, index);
  memory.copy(changetype<usize>(e) + offsetof<DeviceLogEntry>('keyHashHigh'), keyHash, KEY_HASH_BYTES);
  e.hasKey = 1;
  chfHeader(slot).pendingAlerts |= PENDING_CS14;
}

/**
 * CCS02: a device with an established link key (not an HHT) goes to the historic log first
 * (updating its record there, else appending, the oldest dropped when 15 are held), then
 * leaves the device log. Returns false when the device is not in the log (nothing changes).
 */
export function removeDevice(slot: u32, eui: u64): bool {
  const index = findLogEntry(slot, eui);
  if (index < 0) return false;
  const e = logEntry(slot, <u32>index);
  if (e.hasKey != 0 && e.deviceType != HAN_TYPE_HHT) {
    recordHistoric(slot, eui, changetype<usize>(e) + offsetof<DeviceLogEntry>('keyHashHigh'));
  }
  const h = chfHeader(slot);
  for (let i = <u32>index; i + 1 < h.logCount; i++) {
    memory.copy(logEntryAddress(slot, i), logEntryAddress(slot, i + 1), DEVICE_LOG_ENTRY_BYTES);
  }
  h.logCount--;
  h.pendingAlerts |= PENDING_CS14;
  return true;
}

function recordHistoric(slot: u32, eui: u64, keyHash: usize): void {
  const h = chfHeader(slot);
  const existing = findHistoricEntry(slot, eui);
  if (existing >= 0) {
    memory.copy(historicEntryAddress(slot, <u32>existing) + 8, keyHash, KEY_HASH_BYTES);
    return;
  }
  if (h.historicCount >= HISTORIC_LOG_MAX) {
    // Overwrite the oldest: entries move down one, the newest goes last.
    memory.copy(historicEntryAddress(slot, 0), historicEntryAddress(slot, 1), (HISTORIC_LOG_MAX - 1) * HISTORIC_ENTRY_BYTES);
    h.historicCount = HISTORIC_LOG_MAX - 1;
  }
  const p = historicEntryAddress(slot, h.historicCount);
  store<u64>(p, eui);
  memory.copy(p + 8, keyHash, KEY_HASH_BYTES);
  h.historicCount++;
}

/** Appends a historic entry as the installer / profile states it (LOCAL input); false when full. */
export function appendHistoric(slot: u32, eui: u64, keyHash: usize): bool {
  if (findHistoricEntry(slot, eui) < 0 && chfHeader(slot).historicCount >= HISTORIC_LOG_MAX) return false;
  recordHistoric(slot, eui, keyHash);
  return true;
}

/** HAN status bytes (class 104 a4 fields) of entry `index`. */
export function hanStatusAddress(slot: u32, index: u32): usize {
  return logEntryAddress(slot, index) + HAN_STATUS_OFFSET;
}

export { HAN_STATUS_BYTES };
