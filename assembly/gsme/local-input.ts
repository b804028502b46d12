import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_GSME, DEVICE_TYPE_GPF } from '../device/types';
import { storeValue } from '../cosem/store';
import { storeTypedAttribute, storeRecord, typedValueBytes } from '../gbz/attributes';
import { logKey } from './logs';
import { gsmeState } from './state';

// LOCAL inputs only a GSME or GPF understands (host/local-inputs.ts encodes and documents them):
// installation values of its ZCL state. Each is validated whole before it changes anything.
//   48 SET_ZCL_ATTRIBUTE  cluster u16 | attribute u16 | ZCL type id u8 | value (LE; strings: length + bytes)
//   49 SET_GBZ_RECORD     cluster u16 | command id u8 | payload: the record of that command
//   50 SET_GBZ_LOG        cluster u16 | answer command id u8 | entry index u8 | answer payload
//   51 SET_GSME_STATE     next sample id u16 | friendly credit u8 | friendly credit calendar id u32

export const LOCAL_GSME_FIRST: u8 = 48;
export const LOCAL_SET_ZCL_ATTRIBUTE: u8 = 48;
export const LOCAL_SET_GBZ_RECORD: u8 = 49;
export const LOCAL_SET_GBZ_LOG: u8 = 50;
export const LOCAL_SET_GSME_STATE: u8 = 51;
export const LOCAL_GSME_LAST: u8 = 51;
const SET_GSME_STATE_BYTES: u32 = 8;

export function gsmeLocalInput(slot: u32, kind: u8, length: u32): Status {
  const type = device(slot).deviceType;
  if (type != DEVICE_TYPE_GSME && type != DEVICE_TYPE_GPF) return Status.BAD_INPUT;
  const cluster = <u32>load<u16>(INBOX_BASE + 1);
  if (kind == LOCAL_SET_ZCL_ATTRIBUTE) {
    if (length < 6) return Status.BAD_LENGTH;
    const typed = INBOX_BASE + 5;
    const bytes = typedValueBytes(typed, INBOX_BASE + length);
    if (bytes == 0 || 5 + bytes != length) return Status.BAD_INPUT;
    return storeTypedAttribute(slot, cluster, <u32>load<u16>(INBOX_BASE + 3), typed, bytes);
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
  return Status.BAD_INPUT;
}
