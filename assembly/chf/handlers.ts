import { SCRATCH_CHF } from '../scratch-map';
import { loadU16BE, loadU64BE, storeU64BE } from '../bytes';
import { device } from '../device/context';
import { Status } from '../status';
import {
  HANDLER_CHF_DEVICE_ID, HANDLER_CHF_DEVICE_LOG_REGISTER, HANDLER_CHF_DEVICE_LOG_UNREGISTER, HANDLER_CHF_DEVICE_LOG_BACKUP,
  HANDLER_CHF_DEVICE_LOG_RESTORE, HANDLER_CHF_HAN_CHECK, HANDLER_CHF_JOIN_ENABLED, HANDLER_CHF_JOIN_TIMEOUT,
  HANDLER_CHF_SUB_GHZ_CONFIGURATION, HANDLER_CHF_CHANNEL_SCAN,
} from '../generated/chf-objects';
import { findValue, storeValue, valueAddress, valueLength } from '../cosem/store';
import { room, putU8, putBytes } from '../cosem/output';
import { TAG_OCTET_STRING, TAG_STRUCTURE, TAG_LONG_UNSIGNED, TAG_BOOLEAN, TAG_ENUM, TAG_UNSIGNED, TAG_ARRAY } from '../cosem/axdr-tags';
import { RESULT_SUCCESS, RESULT_OTHER_REASON, RESULT_TYPE_UNMATCHED, RESULT_OBJECT_UNAVAILABLE } from '../cosem/results';
import { chfHeader, logEntry, DEVICE_LOG_MAX, KEY_HASH_BYTES, PENDING_DBCH09, PENDING_DBCH08, PENDING_CS14 } from './state';
import { addDevice, removeDevice, findLogEntry, writeEntry, ADD_FULL, HAN_TYPE_UNKNOWN } from './device-log';
import { putDeviceLog, putHistoricLog, putHanCheck } from './log-output';

// GET / SET / ACTION handlers of the CHF object model (gbcs/tables/chf-objects.ts; GBCS 5.4
// class 104; devices.md 7.2). Each validates its A-XDR parameter whole, then changes state, and
// returns a data-access-result / action-result; bad input never traps and changes nothing.

const EUI_BYTES: u32 = 8;
/** ZigBee install codes are 6, 8, 12 or 16 bytes plus a 2-byte CRC; anything up to 18 is accepted [A]. */
const INSTALL_CODE_BYTES_MAX: u32 = 18;
/** DBCH03/04: a structure of 15 values (bit-strings, long-unsigned, unsigned), 49 bytes in the data [A: room for more]. */
const SUB_GHZ_CONFIGURATION_FIELDS: u32 = 15;
export const SUB_GHZ_CONFIGURATION_BYTES_MAX: u32 = 128;
const OBIS_E_OFFSET: usize = 4; // 0-0:30.3.E.255: E = 0 device log, 1 historic device log
const TYPES_SCRATCH: usize = SCRATCH_CHF; // DEVICE_LOG_MAX bytes during a restore

export function chfGet(slot: u32, handler: u32, classId: u32, obis: usize, member: u32): u8 {
  if (handler == HANDLER_CHF_DEVICE_ID) {
    if (!room(2 + EUI_BYTES)) return RESULT_OTHER_REASON;
    putU8(TAG_OCTET_STRING);
    putU8(EUI_BYTES);
    storeU64BE(SCRATCH_CHF, device(slot).eui);
    putBytes(SCRATCH_CHF, EUI_BYTES);
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CHF_HAN_CHECK) return putHanCheck(slot);
  const h = chfHeader(slot);
  if (handler == HANDLER_CHF_JOIN_ENABLED) {
    if (!room(2)) return RESULT_OTHER_REASON;
    putU8(TAG_BOOLEAN);
    putU8(h.joinEnabled);
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CHF_JOIN_TIMEOUT) {
    if (!room(3)) return RESULT_OTHER_REASON;
    putU8(TAG_LONG_UNSIGNED);
    putU8(<u32>h.joinTimeoutMin >> 8);
    putU8(<u32>h.joinTimeoutMin & 0xff);
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CHF_SUB_GHZ_CONFIGURATION) {
    const entry = findValue(slot, classId, obis, member);
    if (entry == 0) return RESULT_OBJECT_UNAVAILABLE;
    if (!room(valueLength(entry))) return RESULT_OTHER_REASON;
    putBytes(valueAddress(entry), valueLength(entry));
    return RESULT_SUCCESS;
  }
  return RESULT_OBJECT_UNAVAILABLE; // a row whose access the table grants but no GET serves
}

export function chfSet(slot: u32, handler: u32, classId: u32, obis: usize, member: u32, value: usize, length: u32): u8 {
  const h = chfHeader(slot);
  if (handler == HANDLER_CHF_JOIN_ENABLED) {
    if (length != 2 || load<u8>(value) != TAG_BOOLEAN) return RESULT_TYPE_UNMATCHED;
    h.joinEnabled = load<u8>(value + 1) != 0 ? 1 : 0;
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CHF_JOIN_TIMEOUT) {
    if (length != 3 || load<u8>(value) != TAG_LONG_UNSIGNED) return RESULT_TYPE_UNMATCHED;
    h.joinTimeoutMin = <u16>loadU16BE(value + 1);
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CHF_SUB_GHZ_CONFIGURATION) {
    // DBCH04: the new configuration is kept as written and reported by DBCH09 0x8F2A.
    if (length > SUB_GHZ_CONFIGURATION_BYTES_MAX || length < 2 || load<u8>(value) != TAG_STRUCTURE ||
      <u32>load<u8>(value + 1) != SUB_GHZ_CONFIGURATION_FIELDS) return RESULT_TYPE_UNMATCHED;
    if (storeValue(slot, classId, obis, member, value, length) != Status.OK) return RESULT_OTHER_REASON;
    h.pendingAlerts |= PENDING_DBCH09;
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CHF_CHANNEL_SCAN) {
    // DBCH05: a scan request; its assessment is reported by DBCH08 0x8F28 [A: the channel stays].
    if (length != 2 || load<u8>(value) != TAG_UNSIGNED) return RESULT_TYPE_UNMATCHED;
    h.pendingAlerts |= PENDING_DBCH08;
    return RESULT_SUCCESS;
  }
  return RESULT_OTHER_REASON; // computed attributes are read-only
}

export function chfAction(slot: u32, handler: u32, obis: usize, param: usize, paramEnd: usize): u8 {
  const bytes = <u32>(paramEnd - param);
  if (handler == HANDLER_CHF_DEVICE_LOG_REGISTER) return register(slot, param, bytes);
  if (handler == HANDLER_CHF_DEVICE_LOG_UNREGISTER) {
    // CCS02: octet-string EUI; a device not in the log is refused [A: other-reason], nothing changes.
    if (bytes != 2 + EUI_BYTES || load<u8>(param) != TAG_OCTET_STRING || <u32>load<u8>(param + 1) != EUI_BYTES) return RESULT_TYPE_UNMATCHED;
    return removeDevice(slot, loadU64BE(param + 2)) ? RESULT_SUCCESS : RESULT_OTHER_REASON;
  }
  if (handler == HANDLER_CHF_DEVICE_LOG_BACKUP) {
    // CCS07: backup_PAN takes null-data; 30.3.0 returns the device log, 30.3.1 the historic one.
    if (bytes != 1 || load<u8>(param) != 0) return RESULT_TYPE_UNMATCHED;
    return load<u8>(obis + OBIS_E_OFFSET) == 0 ? putDeviceLog(slot) : putHistoricLog(slot);
  }
  if (handler == HANDLER_CHF_DEVICE_LOG_RESTORE) return restore(slot, param, paramEnd);
  return RESULT_OTHER_REASON;
}

// CCS01 register_device: structure { octet-string(8) EUI, enum device type, octet-string install
// code, enum }. The install code is not kept: the link key it leads to arrives with the HAN join
// (LOCAL HAN_JOIN), whose hash the log records.
function register(slot: u32, p: usize, bytes: u32): u8 {
  const end = p + bytes;
  if (bytes < 2 + 10 + 2 + 2 + 2 || load<u8>(p) != TAG_STRUCTURE || load<u8>(p + 1) != 4) return RESULT_TYPE_UNMATCHED;
  if (load<u8>(p + 2) != TAG_OCTET_STRING || <u32>load<u8>(p + 3) != EUI_BYTES) return RESULT_TYPE_UNMATCHED;
  const eui = loadU64BE(p + 4);
  if (load<u8>(p + 12) != TAG_ENUM) return RESULT_TYPE_UNMATCHED;
  const deviceType = load<u8>(p + 13);
  if (load<u8>(p + 14) != TAG_OCTET_STRING) return RESULT_TYPE_UNMATCHED;
  const codeBytes = <u32>load<u8>(p + 15);
  if (codeBytes > INSTALL_CODE_BYTES_MAX || p + 16 + codeBytes + 2 != end || load<u8>(p + 16 + codeBytes) != TAG_ENUM) return RESULT_TYPE_UNMATCHED;
  return addDevice(slot, eui, deviceType, device(slot).clockS) == ADD_FULL ? RESULT_OTHER_REASON : RESULT_SUCCESS;
}

// CCS03 restore_PAN: structure { octet-string(8) extended PAN ID, array of structure
// { octet-string(8) EUI, octet-string(16) link-key hash, or empty when none } }. The whole
// parameter is checked before the log is replaced; a device the old log held keeps its type.
function restore(slot: u32, param: usize, end: usize): u8 {
  if (end - param < 14 || load<u8>(param) != TAG_STRUCTURE || load<u8>(param + 1) != 2) return RESULT_TYPE_UNMATCHED;
  if (load<u8>(param + 2) != TAG_OCTET_STRING || <u32>load<u8>(param + 3) != EUI_BYTES) return RESULT_TYPE_UNMATCHED;
  if (load<u8>(param + 12) != TAG_ARRAY) return RESULT_TYPE_UNMATCHED;
  const count = <u32>load<u8>(param + 13);
  if (count > DEVICE_LOG_MAX) return RESULT_OTHER_REASON; // [A] more than the log holds
  const first = param + 14;
  let p = first;
  for (let i: u32 = 0; i < count; i++) {
    const keyBytes = restoredEntryKeyBytes(p, end);
    if (keyBytes < 0) return RESULT_TYPE_UNMATCHED;
    storeDeviceType(slot, i, loadU64BE(p + 4));
    p += 14 + <u32>keyBytes;
  }
  if (p != end) return RESULT_TYPE_UNMATCHED;
  const h = chfHeader(slot);
  h.panId = loadU64BE(param + 4);
  p = first;
  const nowS = device(slot).clockS;
  for (let i: u32 = 0; i < count; i++) {
    const keyBytes = <u32>load<u8>(p + 13);
    writeEntry(slot, i, loadU64BE(p + 4), load<u8>(TYPES_SCRATCH + i), keyBytes == KEY_HASH_BYTES ? p + 14 : 0, nowS);
    p += 14 + keyBytes;
  }
  h.logCount = count;
  h.pendingAlerts |= PENDING_CS14;
  return RESULT_SUCCESS;
}

/** Key-hash length (0 or 16) of a restored entry {02 02 09 08 EUI 09 n hash} at p, or -1. */
function restoredEntryKeyBytes(p: usize, end: usize): i32 {
  if (p + 14 > end || load<u8>(p) != TAG_STRUCTURE || load<u8>(p + 1) != 2) return -1;
  if (load<u8>(p + 2) != TAG_OCTET_STRING || <u32>load<u8>(p + 3) != EUI_BYTES || load<u8>(p + 12) != TAG_OCTET_STRING) return -1;
  const keyBytes = <u32>load<u8>(p + 13);
  if ((keyBytes != 0 && keyBytes != KEY_HASH_BYTES) || p + 14 + keyBytes > end) return -1;
  return <i32>keyBytes;
}

function storeDeviceType(slot: u32, i: u32, eui: u64): void {
  const old = findLogEntry(slot, eui);
  store<u8>(TYPES_SCRATCH + i, old >= 0 ? logEntry(slot, <u32>old).deviceType : HAN_TYPE_UNKNOWN);
}
