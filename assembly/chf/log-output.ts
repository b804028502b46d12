import { SCRATCH_CHF } from '../scratch-map';
import { storeU64BE, storeU16BE } from '../bytes';
import { device } from '../device/context';
import { storeDlmsDateTime, DLMS_DATE_TIME_BYTES } from '../time';
import { room, putU8, putBytes, cursor, setCursor } from '../cosem/output';
import {
  TAG_ARRAY, TAG_STRUCTURE, TAG_OCTET_STRING, TAG_BIT_STRING, TAG_INTEGER, TAG_UNSIGNED,
} from '../cosem/axdr-tags';
import { RESULT_SUCCESS, RESULT_OTHER_REASON } from '../cosem/results';
import {
  chfHeader, logEntry, historicEntryAddress, DeviceLogEntry, DEVICE_LOG_MAX, HISTORIC_LOG_MAX,
  KEY_HASH_BYTES, NEVER,
} from './state';
import { hanStatusAddress, HAN_TYPE_GPF } from './device-log';

// A-XDR renderings of the CHF device logs at the output cursor (cosem/output.ts):
// - backup_PAN (CCS07, CS14 alert): structure { date-time (device clock), octet-string(8)
//   extended PAN ID, array of structure { octet-string(8) EUI, octet-string(16) link-key hash,
//   or a zero-length string where no key is established (GBCS CCS01 text) } };
// - active devices (CCS06, class 104 a4): array of structure(14) { EUI, bit-string(8) status,
//   integer RSSI max / avg / min, unsigned LQI max / avg / min, date-time of the last
//   communication, unsigned hops / failures / successes / application / stack version }; the GPF
//   is absent (devices.md 7.2: it never communicates with the CHF over the HAN on its own).

const EUI_CELL: usize = SCRATCH_CHF + 32;
const BACKUP_HEADER_BYTES: u32 = 2 + 2 + DLMS_DATE_TIME_BYTES + 2 + 8 + 2;
const BACKUP_ENTRY_BYTES_MAX: u32 = 2 + 2 + 8 + 2 + KEY_HASH_BYTES;
/** The largest backup_PAN value: a full device log with every key hash. */
export const DEVICE_LOG_BACKUP_BYTES_MAX: u32 = BACKUP_HEADER_BYTES + DEVICE_LOG_MAX * BACKUP_ENTRY_BYTES_MAX;
const HAN_CHECK_ENTRY_BYTES: u32 = 2 + 10 + 6 + 3 * 2 + 3 * 2 + 2 + DLMS_DATE_TIME_BYTES + 5 * 2;
const NOT_SPECIFIED: u8 = 0xff;
const SECONDS_PER_DAY: i64 = 86400;

export function putDeviceLog(slot: u32): u8 {
  const h = chfHeader(slot);
  const count = min(h.logCount, DEVICE_LOG_MAX);
  if (!room(BACKUP_HEADER_BYTES + count * BACKUP_ENTRY_BYTES_MAX)) return RESULT_OTHER_REASON;
  putBackupHeader(slot, count);
  for (let i: u32 = 0; i < count; i++) {
    const e = logEntry(slot, i);
    putKeyEntry(e.eui, changetype<usize>(e) + offsetof<DeviceLogEntry>('keyHashHigh'), e.hasKey != 0);
  }
  return RESULT_SUCCESS;
}

export function putHistoricLog(slot: u32): u8 {
  const count = min(chfHeader(slot).historicCount, HISTORIC_LOG_MAX);
  if (!room(BACKUP_HEADER_BYTES + count * BACKUP_ENTRY_BYTES_MAX)) return RESULT_OTHER_REASON;
  putBackupHeader(slot, count);
  for (let i: u32 = 0; i < count; i++) {
    const p = historicEntryAddress(slot, i);
    putKeyEntry(load<u64>(p), p + 8, true);
  }
  return RESULT_SUCCESS;
}

function putBackupHeader(slot: u32, count: u32): void {
  putU8(TAG_STRUCTURE);
  putU8(3);
  putU8(TAG_OCTET_STRING);
  putU8(DLMS_DATE_TIME_BYTES);
  const p = cursor();
  storeDlmsDateTime(p, device(slot).clockS);
  setCursor(p + DLMS_DATE_TIME_BYTES);
  putEui(chfHeader(slot).panId);
  putU8(TAG_ARRAY);
  putU8(count);
}

function putKeyEntry(eui: u64, keyHash: usize, hasKey: bool): void {
  putU8(TAG_STRUCTURE);
  putU8(2);
  putEui(eui);
  putU8(TAG_OCTET_STRING);
  putU8(hasKey ? KEY_HASH_BYTES : 0);
  if (hasKey) putBytes(keyHash, KEY_HASH_BYTES);
}

function putEui(eui: u64): void {
  putU8(TAG_OCTET_STRING);
  putU8(8);
  storeU64BE(EUI_CELL, eui);
  putBytes(EUI_CELL, 8);
}

export function putHanCheck(slot: u32): u8 {
  const count = min(chfHeader(slot).logCount, DEVICE_LOG_MAX);
  let shown: u32 = 0;
  for (let i: u32 = 0; i < count; i++) if (logEntry(slot, i).deviceType != HAN_TYPE_GPF) shown++;
  if (!room(2 + shown * HAN_CHECK_ENTRY_BYTES)) return RESULT_OTHER_REASON;
  putU8(TAG_ARRAY);
  putU8(shown);
  for (let i: u32 = 0; i < count; i++) {
    const e = logEntry(slot, i);
    if (e.deviceType == HAN_TYPE_GPF) continue;
    const s = hanStatusAddress(slot, i);
    putU8(TAG_STRUCTURE);
    putU8(14);
    putEui(e.eui);
    putU8(TAG_BIT_STRING);
    putU8(8);
    putU8(load<u8>(s));
    for (let k: u32 = 1; k <= 3; k++) {
      putU8(TAG_INTEGER);
      putU8(load<u8>(s + k));
    }
    for (let k: u32 = 4; k <= 6; k++) {
      putU8(TAG_UNSIGNED);
      putU8(load<u8>(s + k));
    }
    putU8(TAG_OCTET_STRING);
    putU8(DLMS_DATE_TIME_BYTES);
    putLastCommunication(e.lastCommS);
    for (let k: u32 = 7; k <= 11; k++) {
      putU8(TAG_UNSIGNED);
      putU8(load<u8>(s + k));
    }
  }
  return RESULT_SUCCESS;
}

// A communication time carries its weekday (the reference CCS06 does: 2014-12-31 is 03,
// Wednesday, DLMS 1 = Monday); never communicated = every field not specified [A].
function putLastCommunication(lastCommS: u32): void {
  const p = cursor();
  if (lastCommS == NEVER) {
    memory.fill(p, NOT_SPECIFIED, DLMS_DATE_TIME_BYTES);
    storeU16BE(p + 9, 0x8000);
  } else {
    storeDlmsDateTime(p, <i64>lastCommS);
    const days = <i64>lastCommS / SECONDS_PER_DAY;
    store<u8>(p + 4, <u8>((days + 3) % 7 + 1)); // 1970-01-01 was a Thursday (4)
  }
  setCursor(p + DLMS_DATE_TIME_BYTES);
}

