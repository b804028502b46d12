import { INBOX_BASE } from '../layout';
import { loadU64BE } from '../bytes';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_CHF, DEVICE_TYPE_PPMID, DEVICE_TYPE_HCALCS } from '../device/types';
import { chfHeader, logEntry, DEVICE_LOG_MAX, HAN_STATUS_BYTES, KEY_HASH_BYTES, NEVER, HISTORIC_ENTRY_BYTES, historicEntryAddress } from './state';
import { findLogEntry, findHistoricEntry, writeEntry, setKeyHash, appendHistoric, hanStatusAddress } from './device-log';
import { sendPendingChfAlerts } from './alerts';
import { join, JOIN_FULL, JOIN_INCOMPATIBLE } from '../han-devices/join-log';
import { firmwareActivated, LOCAL_FIRMWARE_ACTIVATED } from '../han-devices/firmware-activation';

// LOCAL inputs of the HAN (host/local-inputs.ts encodes them; kinds 32 and up):
//  32 HAN_LOG_ENTRY  list u8 (0 device log, 1 historic) | eui u64 BE | deviceType u8 (GBCS 7) |
//                    hasKey u8 | keyHash 16 | lastCommS u32 (0xFFFFFFFF never) | HAN status 12 bytes.
//                    Installer / profile state: on the CHF it writes a device-log or historic entry
//                    (no CS14: nothing changed on the HAN); on a PPMID / HCALCS it joins the device
//                    to the device's own log (device type only).
//  33 HAN_JOIN       eui u64 BE | keyHash 16: the device completes joining the SMHAN with a TC link
//                    key of that hash (CHF). Accepted when the device is in the device log, joining
//                    is enabled (class 104 a2) and its join_timeout (a3, minutes [A]) since CCS01 has
//                    not run out; a device in the historic log may use its historic key in the first
//                    half of the window, the install-code key in the second half (CCS01 text).
//                    Records the hash and sends CS14 0x8F12; BAD_INPUT when refused (nothing changes).
//  34 HAN_NETWORK    panId u64 BE: the extended PAN ID of the SMHAN the CHF formed (CHF).
//  35 FIRMWARE_ACTIVATED  A-XDR octet-string version: the PPMID activated a new image and sends
//                    CS09 0x8F8B (han-devices/firmware-activation.ts).

export const LOCAL_HAN_FIRST: u8 = 32;
export const LOCAL_HAN_LOG_ENTRY: u8 = 32;
export const LOCAL_HAN_JOIN: u8 = 33;
export const LOCAL_HAN_NETWORK: u8 = 34;
const LOG_ENTRY_BYTES_IN: u32 = 1 + 1 + 8 + 1 + 1 + KEY_HASH_BYTES + 4 + HAN_STATUS_BYTES;
const JOIN_BYTES_IN: u32 = 1 + 8 + KEY_HASH_BYTES;
const NETWORK_BYTES_IN: u32 = 1 + 8;
const SECONDS_PER_MINUTE: i64 = 60;

export function hanLocalInput(slot: u32, kind: u8, length: u32): Status {
  const type = device(slot).deviceType;
  if (kind == LOCAL_HAN_LOG_ENTRY) {
    if (length != LOG_ENTRY_BYTES_IN) return Status.BAD_LENGTH;
    if (type == DEVICE_TYPE_CHF) return chfLogEntry(slot);
    if (type != DEVICE_TYPE_PPMID && type != DEVICE_TYPE_HCALCS) return Status.BAD_INPUT;
    if (load<u8>(INBOX_BASE + 1) != 0) return Status.BAD_INPUT; // no historic log on these devices
    const joined = join(slot, loadU64BE(INBOX_BASE + 2), load<u8>(INBOX_BASE + 10));
    return joined == JOIN_FULL ? Status.TABLE_FULL : joined == JOIN_INCOMPATIBLE ? Status.BAD_INPUT : Status.OK;
  }
  if (kind == LOCAL_FIRMWARE_ACTIVATED) return firmwareActivated(slot, length);
  if (type != DEVICE_TYPE_CHF) return Status.BAD_INPUT;
  if (kind == LOCAL_HAN_NETWORK) {
    if (length != NETWORK_BYTES_IN) return Status.BAD_LENGTH;
    chfHeader(slot).panId = loadU64BE(INBOX_BASE + 1);
    return Status.OK;
  }
  if (kind == LOCAL_HAN_JOIN) {
    if (length != JOIN_BYTES_IN) return Status.BAD_LENGTH;
    return hanJoin(slot, loadU64BE(INBOX_BASE + 1), INBOX_BASE + 9);
  }
  return Status.BAD_INPUT;
}

function chfLogEntry(slot: u32): Status {
  const list = load<u8>(INBOX_BASE + 1);
  const eui = loadU64BE(INBOX_BASE + 2);
  const hasKey = load<u8>(INBOX_BASE + 11);
  const keyHash = INBOX_BASE + 12;
  if (list > 1 || hasKey > 1) return Status.BAD_INPUT;
  const h = chfHeader(slot);
  const pending = h.pendingAlerts;
  if (list == 1) {
    if (hasKey == 0) return Status.BAD_INPUT; // the historic log holds link keys only
    return appendHistoric(slot, eui, keyHash) ? Status.OK : Status.TABLE_FULL;
  }
  let index = findLogEntry(slot, eui);
  if (index < 0) {
    if (h.logCount >= DEVICE_LOG_MAX) return Status.TABLE_FULL;
    index = <i32>h.logCount;
    h.logCount++;
  }
  writeEntry(slot, <u32>index, eui, load<u8>(INBOX_BASE + 10), hasKey != 0 ? keyHash : <usize>0, device(slot).clockS);
  logEntry(slot, <u32>index).lastCommS = load<u32>(INBOX_BASE + 28);
  memory.copy(hanStatusAddress(slot, <u32>index), INBOX_BASE + 32, HAN_STATUS_BYTES);
  h.pendingAlerts = pending; // installer state, not a change the DCC is told about
  return Status.OK;
}

function hanJoin(slot: u32, eui: u64, keyHash: usize): Status {
  const index = findLogEntry(slot, eui);
  const h = chfHeader(slot);
  if (index < 0 || h.joinEnabled == 0) return Status.BAD_INPUT;
  const e = logEntry(slot, <u32>index);
  const elapsedS = device(slot).clockS - <i64>e.registeredS;
  const windowS = <i64>h.joinTimeoutMin * SECONDS_PER_MINUTE;
  if (elapsedS < 0 || elapsedS > windowS) return Status.BAD_INPUT;
  const historic = findHistoricEntry(slot, eui);
  if (historic >= 0 && elapsedS * 2 <= windowS) {
    // First half: only the historic TC link key (the hash the historic log holds).
    if (memory.compare(historicEntryAddress(slot, <u32>historic) + HISTORIC_ENTRY_BYTES - KEY_HASH_BYTES, keyHash, KEY_HASH_BYTES) != 0) return Status.BAD_INPUT;
  }
  setKeyHash(slot, <u32>index, keyHash);
  e.lastCommS = <u32>max<i64>(0, min<i64>(device(slot).clockS, <i64>NEVER - 1));
  sendPendingChfAlerts(slot);
  return Status.OK;
}
