import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_GSME, DEVICE_TYPE_GPF } from '../device/types';
import { storeValue } from '../cosem/store';
import { storeTypedAttribute, storeRecord, typedValueBytes } from '../gbz/attributes';
import { logKey } from './logs';
import { gsmeState } from './state';
import { isLedgerAttribute, installGsmeLedgerAttribute, gasConsumption } from './prepayment';

// LOCAL inputs only a GSME or GPF understands (host/local-inputs.ts encodes and documents them):
// installation values of its ZCL state. Each is validated whole before it changes anything.
//   48 SET_ZCL_ATTRIBUTE  cluster u16 | attribute u16 | ZCL type id u8 | value (LE; strings: length + bytes)
//   49 SET_GBZ_RECORD     cluster u16 | command id u8 | payload: the record of that command
//   50 SET_GBZ_LOG        cluster u16 | answer command id u8 | entry index u8 | answer payload
//   51 SET_GSME_STATE     next sample id u16 | friendly credit u8 | friendly credit calendar id u32
//   52 SET_MIRROR_SYNC    clock status u8 | data obtained at: UTC seconds f64 (0 = none): the
//                         mirror reads' header date-time and time-reliability (gsme/mirror.ts)
//   53 GAS_CONSUMPTION    volume u32 dm3 that flowed since the last one: priced and charged by the
//                         GSME's prepayment ledger (gsme/prepayment.ts; GSME only)

export const LOCAL_GSME_FIRST: u8 = 48;
export const LOCAL_SET_ZCL_ATTRIBUTE: u8 = 48;
export const LOCAL_SET_GBZ_RECORD: u8 = 49;
export const LOCAL_SET_GBZ_LOG: u8 = 50;
export const LOCAL_SET_GSME_STATE: u8 = 51;
export const LOCAL_SET_MIRROR_SYNC: u8 = 52;
export const LOCAL_GAS_CONSUMPTION: u8 = 53;
export const LOCAL_GSME_LAST: u8 = 53;
const SET_GSME_STATE_BYTES: u32 = 8;
const SET_MIRROR_SYNC_BYTES: u32 = 10;
const UTC_S_MAX: f64 = 253402300799; // 9999-12-31T23:59:59Z, the last DLMS date-time

export function gsmeLocalInput(slot: u32, kind: u8, length: u32): Status {
  const type = device(slot).deviceType;
  if (type != DEVICE_TYPE_GSME && type != DEVICE_TYPE_GPF) return Status.BAD_INPUT;
  const cluster = <u32>load<u16>(INBOX_BASE + 1);
  if (kind == LOCAL_SET_ZCL_ATTRIBUTE) {
    if (length < 6) return Status.BAD_LENGTH;
    const typed = INBOX_BASE + 5;
    const bytes = typedValueBytes(typed, INBOX_BASE + length);
    if (bytes == 0 || 5 + bytes != length) return Status.BAD_INPUT;
    const attributeId = <u32>load<u16>(INBOX_BASE + 3);
    const stored = storeTypedAttribute(slot, cluster, attributeId, typed, bytes);
    if (stored != Status.OK || !isLedgerAttribute(cluster, attributeId)) return stored;
    return installGsmeLedgerAttribute(slot, cluster, attributeId); // the GSME's ledger takes it in
  }
  if (kind == LOCAL_GAS_CONSUMPTION) {
    if (type != DEVICE_TYPE_GSME) return Status.BAD_INPUT;
    return gasConsumption(slot, length);
  }
  if (kind == LOCAL_SET_GBZ_RECORD) {
    if (length < 4) return Status.BAD_LENGTH;
    return storeRecord(slot, cluster, <u32>load<u8>(INBOX_BASE + 3), INBOX_BASE + 4, length - 4);
  }
  if (kind == LOCAL_SET_GBZ_LOG) {
    if (length < 6) return Status.BAD_LENGTH;
    return storeValue(slot, cluster, logKey(<u32>load<u8>(INBOX_BASE + 3), <u32>load<u8>(INBOX_BASE + 4)), 0, INBOX_BASE + 5, length - 5);
  }
  if (kind == LOCAL_SET_GSME_STATE) {
    if (length != SET_GSME_STATE_BYTES) return Status.BAD_LENGTH;
    const s = gsmeState(slot);
    s.nextSampleId = <u32>load<u16>(INBOX_BASE + 1);
    s.friendlyCredit = load<u8>(INBOX_BASE + 3);
    s.friendlyCreditCalendarId = load<u32>(INBOX_BASE + 4);
    return Status.OK;
  }
  if (kind == LOCAL_SET_MIRROR_SYNC) {
    if (length != SET_MIRROR_SYNC_BYTES) return Status.BAD_LENGTH;
    const utcS = load<f64>(INBOX_BASE + 2);
    if (utcS != Math.floor(utcS) || utcS < 0 || utcS > UTC_S_MAX) return Status.BAD_INPUT;
    const s = gsmeState(slot);
    s.mirrorClockStatus = load<u8>(INBOX_BASE + 1);
    s.mirrorSyncS = <i64>utcS;
    return Status.OK;
  }
  return Status.BAD_INPUT;
}
