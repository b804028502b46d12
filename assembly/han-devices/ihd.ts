import { DEVICE_BYTES, INBOX_BASE } from '../layout';
import { Status } from '../status';
import { loadU64BE, storeU16BE, storeU64BE } from '../bytes';
import { device, deviceAddress, trustEntry, ROLE_HAN_PEER } from '../device/context';
import { DEVICE_TYPE_IHD } from '../device/types';
import { DEVICE_CONTEXT_END } from '../device/context';
import { CONTENT_BASE } from '../envelope/outgoing';
import { outboxHasRoom, outboxPush, CHANNEL_HAN } from '../outbox';
import {
  HAN_ATTRIBUTES, HAN_READ_REQUEST, HAN_READ_HEADER_BYTES, HAN_READ_REQUEST_RECORD_BYTES, HAN_READ_RESPONSE_RECORD_BYTES,
  ATTRIBUTE_CREDIT_STATUS, CREDIT_STATUS_LOW, CREDIT_STATUS_EC_AVAILABLE, ZCL_SUCCESS,
} from './meter-reads';

// The in-home display (devices 8.2; a Type 2 consumer access device, GBCS 7 device type 6). It
// reads the meters it is bound to (trust-store entries of role ROLE_HAN_PEER: the ESME, and the
// GPF for gas, whose mirror answers so the GSME is never woken) on its own schedule, every
// refreshS seconds of its clock from its installation (or its last schedule input), and shows what the answers carry: consumption, balance and
// emergency credit, debt, price, supply state, and the notices the credit status raises (low
// credit, emergency credit available), counted as they appear. Its state is volatile display
// data and its bindings ([A] devices 8.2): no logs, no remote use cases.
//
//   LOCAL 45 IHD_SCHEDULE  refreshS u32 LE (IHD_REFRESH_MIN_S .. IHD_REFRESH_MAX_S)
//
// State after the device context (device types are exclusive):
//   0 refreshS u32 | 4 sequence u32 | 8 nextReadS i64 | 16 readsSent u32 | 20 answers u32
//  24 answersRefused u32 | 28 screenCount u32 | 32 IHD_SCREENS_MAX x Screen

export const LOCAL_IHD_SCHEDULE: u8 = 45;
/** devices 8.2 asks for electricity no older than 10 s; the emulator's default refresh is the GSME wake interval [A]. */
export const IHD_REFRESH_DEFAULT_S: u32 = 1800;
export const IHD_REFRESH_MIN_S: u32 = 10;
export const IHD_REFRESH_MAX_S: u32 = 86_400;
/** Meters one display shows (electricity and gas); further bindings are not read. */
export const IHD_SCREENS_MAX: u32 = 2;
export const IHD_VALUES: u32 = 9; // HAN_ATTRIBUTES.length
const OUTSTANDING: u32 = 0x100;

@unmanaged
export class IhdState {
  refreshS: u32;
  sequence: u32;
  nextReadS: i64;
  readsSent: u32;
  answers: u32;
  answersRefused: u32;
  screenCount: u32;
}

//   0 meterEui u64 | 8 lastAnswerS i64 | 16 outstanding u32 (OUTSTANDING | seq, 0 none) | 20 present u32 (bit i: value i answered)
//  24 readsSent u32 | 28 answers u32 | 32 lowCreditNotices u32 | 36 ecNotices u32 | 40 values[IHD_VALUES] i64 (HAN_ATTRIBUTES order)
@unmanaged
export class IhdScreen {
  meterEui: u64;
  lastAnswerS: i64;
  outstanding: u32;
  present: u32;
  readsSent: u32;
  answers: u32;
  lowCreditNotices: u32;
  ecNotices: u32;
}

export const IHD_STATE_OFFSET: u32 = DEVICE_CONTEXT_END;
export const IHD_SCREEN_OFFSET: u32 = IHD_STATE_OFFSET + 32;
export const IHD_SCREEN_VALUES_OFFSET: u32 = 40;
export const IHD_SCREEN_BYTES: u32 = IHD_SCREEN_VALUES_OFFSET + IHD_VALUES * 8;
if (offsetof<IhdState>() > 32) ERROR('IhdState overflows its 32 bytes');
if (offsetof<IhdScreen>() != IHD_SCREEN_VALUES_OFFSET) ERROR('IhdScreen layout drifted');
if (IHD_SCREEN_OFFSET + IHD_SCREENS_MAX * IHD_SCREEN_BYTES > DEVICE_BYTES) ERROR('IHD state overflows DEVICE_BYTES');
if (IHD_STATE_OFFSET % 8 != 0) ERROR('IHD state must keep 8-byte alignment');

// @ts-ignore: decorator
@inline function ihdState(slot: u32): IhdState {
  return changetype<IhdState>(deviceAddress(slot) + IHD_STATE_OFFSET);
}

// @ts-ignore: decorator
@inline function screen(slot: u32, index: u32): IhdScreen {
  return changetype<IhdScreen>(deviceAddress(slot) + IHD_SCREEN_OFFSET + index * IHD_SCREEN_BYTES);
}

function valueAddress(slot: u32, index: u32, value: u32): usize {
  return deviceAddress(slot) + IHD_SCREEN_OFFSET + index * IHD_SCREEN_BYTES + IHD_SCREEN_VALUES_OFFSET + value * 8;
}

export function ihdSchedule(slot: u32, length: u32): Status {
  if (length != 5) return Status.BAD_LENGTH;
  if (device(slot).deviceType != DEVICE_TYPE_IHD) return Status.BAD_INPUT;
  const refreshS = load<u32>(INBOX_BASE + 1);
  if (refreshS < IHD_REFRESH_MIN_S || refreshS > IHD_REFRESH_MAX_S) return Status.BAD_INPUT;
  const s = ihdState(slot);
  s.refreshS = refreshS;
  s.nextReadS = device(slot).clockS + <i64>refreshS; // the new schedule starts now
  return Status.OK;
}

/** At each advance of the IHD's clock: when a refresh is due, one read to every bound meter. */
export function ihdTick(slot: u32): Status {
  const d = device(slot);
  const s = ihdState(slot);
  const refreshS = <i64>(s.refreshS == 0 ? IHD_REFRESH_DEFAULT_S : s.refreshS);
  if (s.nextReadS == 0) {
    s.nextReadS = d.clockS + refreshS; // a new display reads one interval after it is installed
    return Status.OK;
  }
  if (d.clockS < s.nextReadS) return Status.OK;
  bindScreens(slot);
  const count = s.screenCount;
  const requestBytes = HAN_READ_HEADER_BYTES + IHD_VALUES * HAN_READ_REQUEST_RECORD_BYTES;
  for (let i: u32 = 0; i < count; i++) {
    if (!outboxHasRoom(requestBytes)) return Status.OUTBOX_FULL; // the next advance tries again
    const sc = screen(slot, i);
    s.sequence = (s.sequence + 1) & 0xff;
    const out: usize = CONTENT_BASE;
    store<u8>(out, HAN_READ_REQUEST);
    store<u8>(out + 1, <u8>s.sequence);
    storeU64BE(out + 2, d.eui);
    storeU64BE(out + 10, sc.meterEui);
    store<u8>(out + 18, <u8>IHD_VALUES);
    for (let k: u32 = 0; k < IHD_VALUES; k++) {
      const key = unchecked(HAN_ATTRIBUTES[k]);
      storeU16BE(out + HAN_READ_HEADER_BYTES + k * HAN_READ_REQUEST_RECORD_BYTES, key >> 16);
      storeU16BE(out + HAN_READ_HEADER_BYTES + k * HAN_READ_REQUEST_RECORD_BYTES + 2, key & 0xffff);
    }
    outboxPush(slot, CHANNEL_HAN, out, requestBytes);
    sc.outstanding = OUTSTANDING | s.sequence;
    sc.readsSent++;
    s.readsSent++;
    d.messagesOut++;
  }
  s.nextReadS = d.clockS + refreshS;
  return Status.OK;
}

/** The bound meters, in trust-store order, get the screens (once). */
function bindScreens(slot: u32): void {
  const s = ihdState(slot);
  const d = device(slot);
  for (let i: u32 = 0; i < d.partyCount && s.screenCount < IHD_SCREENS_MAX; i++) {
    const e = trustEntry(slot, i);
    if (e.role != ROLE_HAN_PEER || screenOf(slot, e.eui) >= 0) continue;
    memory.fill(deviceAddress(slot) + IHD_SCREEN_OFFSET + s.screenCount * IHD_SCREEN_BYTES, 0, IHD_SCREEN_BYTES);
    screen(slot, s.screenCount).meterEui = e.eui;
    s.screenCount++;
  }
}

function screenOf(slot: u32, eui: u64): i32 {
  const count = ihdState(slot).screenCount;
  for (let i: u32 = 0; i < count; i++) if (screen(slot, i).meterEui == eui) return <i32>i;
  return -1;
}

/** A meter's answer: shown when it answers the read outstanding with that meter; any other is a replay. */
export function ihdReadAnswered(slot: u32, length: u32): Status {
  const d = device(slot);
  if (d.deviceType != DEVICE_TYPE_IHD) return Status.UNKNOWN_USE_CASE;
  if (length < HAN_READ_HEADER_BYTES) return Status.BAD_LENGTH;
  const count = <u32>load<u8>(INBOX_BASE + 18);
  if (count > IHD_VALUES || length != HAN_READ_HEADER_BYTES + count * HAN_READ_RESPONSE_RECORD_BYTES) return Status.BAD_LENGTH;
  if (loadU64BE(INBOX_BASE + 10) != d.eui) return Status.WRONG_RECIPIENT;
  const s = ihdState(slot);
  const index = screenOf(slot, loadU64BE(INBOX_BASE + 2));
  if (index < 0) return Status.UNKNOWN_ORIGINATOR;
  const sc = screen(slot, <u32>index);
  if (sc.outstanding != (OUTSTANDING | <u32>load<u8>(INBOX_BASE + 1))) {
    s.answersRefused++;
    return Status.COUNTER_REPLAYED;
  }
  // Validate whole, then show.
  for (let i: u32 = 0; i < count; i++) {
    const r = INBOX_BASE + HAN_READ_HEADER_BYTES + i * HAN_READ_RESPONSE_RECORD_BYTES;
    if (valueIndexOf((<u32>load<u8>(r) << 24) | (<u32>load<u8>(r + 1) << 16) | (<u32>load<u8>(r + 2) << 8) | <u32>load<u8>(r + 3)) < 0) return Status.BAD_PAYLOAD;
  }
  const lowBefore = (sc.present >> ATTRIBUTE_CREDIT_STATUS) & 1 ? load<i64>(valueAddress(slot, <u32>index, ATTRIBUTE_CREDIT_STATUS)) : 0;
  let present: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const r = INBOX_BASE + HAN_READ_HEADER_BYTES + i * HAN_READ_RESPONSE_RECORD_BYTES;
    const v = <u32>valueIndexOf((<u32>load<u8>(r) << 24) | (<u32>load<u8>(r + 1) << 16) | (<u32>load<u8>(r + 2) << 8) | <u32>load<u8>(r + 3));
    if (load<u8>(r + 4) != ZCL_SUCCESS) continue;
    present |= 1 << v;
    store<i64>(valueAddress(slot, <u32>index, v), load<i64>(r + 5));
  }
  if ((present >> ATTRIBUTE_CREDIT_STATUS) & 1) {
    const now = <u32>load<i64>(valueAddress(slot, <u32>index, ATTRIBUTE_CREDIT_STATUS));
    const before = <u32>lowBefore;
    if ((now & CREDIT_STATUS_LOW) != 0 && (before & CREDIT_STATUS_LOW) == 0) sc.lowCreditNotices++;
    if ((now & CREDIT_STATUS_EC_AVAILABLE) != 0 && (before & CREDIT_STATUS_EC_AVAILABLE) == 0) sc.ecNotices++;
  }
  sc.present = present;
  sc.outstanding = 0;
  sc.lastAnswerS = d.clockS;
  sc.answers++;
  s.answers++;
  d.messagesIn++;
  return Status.OK;
}

function valueIndexOf(key: u32): i32 {
  for (let i = 0; i < HAN_ATTRIBUTES.length; i++) if (unchecked(HAN_ATTRIBUTES[i]) == key) return i;
  return -1;
}
