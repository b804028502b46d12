import { DEVICE_BYTES, INBOX_BASE } from '../layout';
import { Status } from '../status';
import { SCRATCH_OUT_OTHER_INFO } from '../scratch-map';
import { loadU16BE, loadU64BE, storeU16BE } from '../bytes';
import { device, deviceAddress } from '../device/context';
import { DEVICE_TYPE_PPMID } from '../device/types';
import { ParsedHeader, CRA_COMMAND } from '../envelope/header';
import { buildOutgoing, outgoing, CONTENT_BASE, CONTENT_BYTES, NO_DATE_TIME } from '../envelope/outgoing';
import { BUILD_BASE } from '../envelope/scratch';
import { outboxHasRoom, outboxPush, CHANNEL_HAN } from '../outbox';
import { UTRN_DIGITS } from '../ledger/utrn';
import { MESSAGE_CODE_PCS01 } from '../generated/use-cases';
import { findJoined, joinedType, JOIN_LOG_END } from './join-log';
import { hanPeer } from './han-message';
import { MESSAGE_CODE_PECS01, SOURCE_PPMID, TOP_UP_RESPONSE_BYTES, TOP_UP_RESULT_OFFSET } from './top-up';

// The PPMID's keypad (devices 8.1): a UTRN typed on it goes to the meter it names, PCS01 to a
// GSME and PECS01 to an ESME (han-devices/top-up.ts), in a device-to-device envelope MACed
// with the PPMID's own originator counter (GBCS 4.6; the reference PCS01 carries 0x2710). The
// meter's ConsumerTopUpResponse comes back on the HAN; the PPMID accepts only an answer to a
// top-up it is waiting for (any other counter is a replay) and shows its result.
//
//   LOCAL 44 PPMID_TOP_UP  meter eui u64 BE | 20 ASCII digits
//
// State after the join log (device types are exclusive, so these bytes are other types' state):
//   0 counter u64 | 8 entered u32 | 12 accepted u32 | 16 rejected u32 | 20 unanswered u32
//  24 pendingCount u32 | 28 lastResult u32 (0 none, 1 accepted, 2 rejected) | 32 lastMeter u64
//  40 lastValue i64 | 48 lastCredit i64 (milli-pence as the meter answered; -1 when rejected)
//  56 PENDING_TOP_UPS_MAX x { counter u64 | meter u64 | enteredS i64 | messageCode u32 | reserved u32 }

export const LOCAL_PPMID_TOP_UP: u8 = 44;
const TOP_UP_INPUT_BYTES: u32 = 1 + 8 + UTRN_DIGITS;
/** Top-ups awaiting their answer; a fifth is refused (TABLE_FULL) until one is answered or dropped. */
export const PENDING_TOP_UPS_MAX: u32 = 4;
/** [A] A top-up not answered within a day is dropped and counted unanswered (a GSME holds it until its wake). */
export const TOP_UP_ANSWER_TIMEOUT_S: i64 = 86_400;
const GBCS_TYPE_GSME: u8 = 0;
const GBCS_TYPE_ESME: u8 = 1;
const COMMAND_BYTES: u32 = 33;
const COMMAND_BYTES_MAX: u32 = CONTENT_BYTES + 256;
const PENDING_BYTES: u32 = 32;
const RESULT_ACCEPTED: u32 = 1;
const RESULT_REJECTED: u32 = 2;

@unmanaged
export class PpmidState {
  counter: u64;
  entered: u32;
  accepted: u32;
  rejected: u32;
  unanswered: u32;
  pendingCount: u32;
  lastResult: u32;
  lastMeter: u64;
  lastValue: i64;
  lastCredit: i64;
}

export const PPMID_STATE_OFFSET: u32 = (JOIN_LOG_END + 7) & ~7;
const PENDING_OFFSET: u32 = PPMID_STATE_OFFSET + 56;
if (offsetof<PpmidState>() != 56) ERROR('PpmidState layout drifted');
if (PENDING_OFFSET + PENDING_TOP_UPS_MAX * PENDING_BYTES > DEVICE_BYTES) ERROR('PPMID state overflows DEVICE_BYTES');

// @ts-ignore: decorator
@inline export function ppmidState(slot: u32): PpmidState {
  return changetype<PpmidState>(deviceAddress(slot) + PPMID_STATE_OFFSET);
}

function pendingAddress(slot: u32, index: u32): usize {
  return deviceAddress(slot) + PENDING_OFFSET + index * PENDING_BYTES;
}

export function ppmidTopUpInput(slot: u32, length: u32): Status {
  if (length != TOP_UP_INPUT_BYTES) return Status.BAD_LENGTH;
  const d = device(slot);
  if (d.deviceType != DEVICE_TYPE_PPMID) return Status.BAD_INPUT;
  const meter = loadU64BE(INBOX_BASE + 1);
  const digits = INBOX_BASE + 9;
  for (let i: u32 = 0; i < UTRN_DIGITS; i++) {
    const c = load<u8>(digits + i);
    if (c < 0x30 || c > 0x39) return Status.BAD_INPUT;
  }
  const joined = findJoined(slot, meter);
  const peer = hanPeer(slot, meter);
  if (joined < 0 || peer < 0) return Status.BAD_INPUT; // not a meter this PPMID is bound to
  const type = joinedType(slot, <u32>joined);
  if (type != GBCS_TYPE_GSME && type != GBCS_TYPE_ESME) return Status.BAD_INPUT;
  dropUnanswered(slot, d.clockS);
  const s = ppmidState(slot);
  if (s.pendingCount >= PENDING_TOP_UPS_MAX) return Status.TABLE_FULL;
  if (!outboxHasRoom(COMMAND_BYTES_MAX)) return Status.OUTBOX_FULL;
  const code = type == GBCS_TYPE_GSME ? MESSAGE_CODE_PCS01 : MESSAGE_CODE_PECS01;
  const counter = s.counter + 1;
  const c: usize = CONTENT_BASE;
  storeU16BE(c, 0x0109); // GBZ profile (GBCS 6.1)
  store<u8>(c + 2, 1);
  store<u8>(c + 3, 0x01); // the last component
  storeU16BE(c + 4, 0x0705); // Prepayment cluster
  storeU16BE(c + 6, COMMAND_BYTES - 8);
  store<u8>(c + 8, 0x01); // ZCL client to server
  store<u8>(c + 9, <u8>counter);
  store<u8>(c + 10, 0x04); // ConsumerTopUp
  store<u8>(c + 11, SOURCE_PPMID);
  store<u8>(c + 12, <u8>UTRN_DIGITS);
  memory.copy(c + 13, digits, UTRN_DIGITS);
  storeU16BE(SCRATCH_OUT_OTHER_INFO, code);
  const m = outgoing();
  m.cra = CRA_COMMAND;
  m.keySlot = <u32>peer;
  m.counter = counter;
  m.originator = d.eui;
  m.recipient = meter;
  m.dateTimeS = NO_DATE_TIME;
  m.otherInfoPtr = SCRATCH_OUT_OTHER_INFO;
  m.otherInfoBytes = 2;
  m.contentBytes = COMMAND_BYTES;
  m.signed = 0;
  const total = buildOutgoing(slot, m);
  if (total == 0) return Status.SECURE_ELEMENT_FAILED;
  const p = pendingAddress(slot, s.pendingCount);
  store<u64>(p, counter);
  store<u64>(p + 8, meter);
  store<i64>(p + 16, d.clockS);
  store<u32>(p + 24, code);
  store<u32>(p + 28, 0);
  s.pendingCount++;
  s.counter = counter;
  s.entered++;
  outboxPush(slot, CHANNEL_HAN, BUILD_BASE, total);
  d.messagesOut++;
  return Status.OK;
}

/** A meter's authenticated d2d response: the answer to a waiting top-up, or a replay. */
export function ppmidTopUpAnswered(slot: u32, h: ParsedHeader): Status {
  if (device(slot).deviceType != DEVICE_TYPE_PPMID) return Status.UNKNOWN_USE_CASE;
  const s = ppmidState(slot);
  let found: i32 = -1;
  for (let i: u32 = 0; i < s.pendingCount; i++) {
    const p = pendingAddress(slot, i);
    if (load<u64>(p) == h.counter && load<u64>(p + 8) == h.originator && load<u32>(p + 24) == h.messageCode) found = <i32>i;
  }
  if (found < 0) return Status.COUNTER_REPLAYED; // nothing waits for this answer: already answered, or never asked
  const c = <usize>h.contentPtr;
  if (h.contentBytes != TOP_UP_RESPONSE_BYTES || loadU16BE(c + 4) != 0x0705 || load<u8>(c + 10) != 0x03) return Status.BAD_PAYLOAD;
  const accepted = load<u8>(c + TOP_UP_RESULT_OFFSET) == 0;
  s.lastResult = accepted ? RESULT_ACCEPTED : RESULT_REJECTED;
  s.lastMeter = h.originator;
  s.lastValue = <i64>load<i32>(c + 12);
  s.lastCredit = <i64>load<i32>(c + 17);
  if (accepted) s.accepted++;
  else s.rejected++;
  removePending(slot, <u32>found);
  return Status.OK;
}

function dropUnanswered(slot: u32, nowS: i64): void {
  const s = ppmidState(slot);
  let i: u32 = 0;
  while (i < s.pendingCount) {
    if (nowS - load<i64>(pendingAddress(slot, i) + 16) <= TOP_UP_ANSWER_TIMEOUT_S) {
      i++;
      continue;
    }
    removePending(slot, i);
    s.unanswered++;
  }
}

function removePending(slot: u32, index: u32): void {
  const s = ppmidState(slot);
  for (let i = index; i + 1 < s.pendingCount; i++) memory.copy(pendingAddress(slot, i), pendingAddress(slot, i + 1), PENDING_BYTES);
  s.pendingCount--;
}

