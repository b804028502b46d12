import { Status } from '../status';
import { device, findRole, trustEntry, ROLE_SUPPLIER } from '../device/context';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_GSME } from '../device/types';
import { ParsedHeader, CRA_RESPONSE } from '../envelope/header';
import { buildOutgoing, outgoing, clearResponseDateTime, CONTENT_BASE, CONTENT_BYTES, NO_DATE_TIME } from '../envelope/outgoing';
import { BUILD_BASE } from '../envelope/scratch';
import { outboxHasRoom, outboxPush, CHANNEL_HAN } from '../outbox';
import { loadU16BE, storeU16BE } from '../bytes';
import { appendLog, LOG_EVENT } from '../logs/log';
import { gsmePayload } from '../gsme/gsme';
import { readyLedger } from '../ledger/config';
import { enterUTRN, UTRN_ACCEPTED, UTRN_DIGITS } from '../ledger/utrn';
import { MESSAGE_CODE_PCS01 } from '../generated/use-cases';

// A keypad top-up the PPMID sends to a meter (devices 4.11 "PPMID (PECS01 / PCS01)", 8.1): the
// UTRN is local entry (counter rebuilt, lock-out, 0x810E) verified with the supplier's
// prepayment key. The GSME runs PCS01 through its GBZ server (gsme/prepayment.ts consumerTopUp);
// the ESME, whose remote interface is DLMS, takes the same ZSE ConsumerTopUp component here.
// Either answers ConsumerTopUpResponse (devices 6.4) in a d2d response and logs the command in
// its Event Log: 0x8154 "Immediate HAN interface command received and successfully actioned"
// or 0x8155 when the UTRN was refused, with the message code as its data (GSME event log, S.2).
//
//   ConsumerTopUp          01 09 | 01 | 01 | 07 05 | 00 19 | 01 seq 04 | 02 | 14 <20 ASCII digits>
//   ConsumerTopUpResponse  01 09 | 01 | 01 | 07 05 | 00 0D | 09 seq 03 | result | value i32 LE | source | credit i32 LE

export const MESSAGE_CODE_PECS01: u32 = 0x0116; // gbcs/tables/message-codes.ts
const EVENT_HAN_COMMAND_ACTIONED: u32 = 0x8154;
const EVENT_HAN_COMMAND_NOT_ACTIONED: u32 = 0x8155;
const RESPONSE_BYTES_MAX: u32 = CONTENT_BYTES + 256;
const GBZ_PROFILE: u32 = 0x0109;
const PREPAYMENT_CLUSTER: u32 = 0x0705;
const LAST_COMPONENT: u8 = 0x01;
const TOP_UP_BYTES: u32 = 33;
const TOP_UP_ZCL_BYTES: u32 = 0x19;
const ZCL_CLIENT_TO_SERVER: u8 = 0x01;
const ZCL_SERVER_TO_CLIENT: u8 = 0x09;
const CONSUMER_TOP_UP: u8 = 0x04;
const CONSUMER_TOP_UP_RESPONSE: u8 = 0x03;
export const SOURCE_PPMID: u8 = 0x02;
export const TOP_UP_RESPONSE_BYTES: u32 = 21;
const RESPONSE_ZCL_BYTES: u32 = 0x0d;
const RESULT_ACCEPTED: u8 = 0;
const RESULT_REJECTED: u8 = 1;
/** Offset of the result byte in a ConsumerTopUpResponse content. */
export const TOP_UP_RESULT_OFFSET: u32 = 11;

export function meterTopUpCommand(slot: u32, h: ParsedHeader, peer: u32): Status {
  const d = device(slot);
  const entry = trustEntry(slot, peer);
  if (h.counter <= entry.lastCounter) return Status.COUNTER_REPLAYED;
  if (!outboxHasRoom(RESPONSE_BYTES_MAX)) return Status.OUTBOX_FULL;
  clearResponseDateTime();
  let contentBytes: i32 = -1;
  if (d.deviceType == DEVICE_TYPE_GSME && h.messageCode == MESSAGE_CODE_PCS01) {
    // The UTRN is the supplier's, so its MAC is checked with the supplier's prepayment key.
    contentBytes = gsmePayload(slot, h, <u32>findRole(slot, ROLE_SUPPLIER), peer, h.originator);
  } else if (d.deviceType == DEVICE_TYPE_ESME && h.messageCode == MESSAGE_CODE_PECS01) {
    contentBytes = esmeTopUp(slot, h);
  } else {
    return Status.UNKNOWN_USE_CASE;
  }
  if (contentBytes < 0) return Status.BAD_PAYLOAD;
  const accepted = <u32>contentBytes == TOP_UP_RESPONSE_BYTES && load<u8>(CONTENT_BASE + TOP_UP_RESULT_OFFSET) == RESULT_ACCEPTED;
  appendLog(slot, LOG_EVENT, d.clockS, accepted ? EVENT_HAN_COMMAND_ACTIONED : EVENT_HAN_COMMAND_NOT_ACTIONED, <u64>h.messageCode, 2);
  const m = outgoing();
  m.cra = CRA_RESPONSE;
  m.keySlot = peer;
  m.counter = h.counter;
  m.originator = d.eui;
  m.recipient = h.originator;
  m.dateTimeS = NO_DATE_TIME;
  m.otherInfoPtr = h.otherInfoPtr;
  m.otherInfoBytes = h.otherInfoBytes;
  m.contentBytes = <u32>contentBytes;
  m.signed = 0;
  const total = buildOutgoing(slot, m);
  if (total == 0) return Status.SECURE_ELEMENT_FAILED;
  entry.lastCounter = h.counter; // authenticated and answered: only now does the counter move (GBCS 4.6)
  outboxPush(slot, CHANNEL_HAN, BUILD_BASE, total);
  d.messagesOut++;
  return Status.OK;
}

/** The ESME's ConsumerTopUp; the answer's length at CONTENT_BASE, or -1 when the content is not one. */
function esmeTopUp(slot: u32, h: ParsedHeader): i32 {
  const p = <usize>h.contentPtr;
  if (h.contentBytes != TOP_UP_BYTES || loadU16BE(p) != GBZ_PROFILE || load<u8>(p + 2) != 1 || load<u8>(p + 3) != LAST_COMPONENT) return -1;
  if (loadU16BE(p + 4) != PREPAYMENT_CLUSTER || loadU16BE(p + 6) != TOP_UP_ZCL_BYTES) return -1;
  if (load<u8>(p + 8) != ZCL_CLIENT_TO_SERVER || load<u8>(p + 10) != CONSUMER_TOP_UP) return -1;
  if (load<u8>(p + 11) != SOURCE_PPMID || <u32>load<u8>(p + 12) != UTRN_DIGITS) return -1;
  const sequence = load<u8>(p + 9);
  const l = readyLedger(slot);
  if (l == null) return -1;
  const before = l.sumCredit;
  const accepted = enterUTRN(slot, l, p + 13, true, 0, -1) == UTRN_ACCEPTED;
  const c: usize = CONTENT_BASE;
  storeU16BE(c, GBZ_PROFILE);
  store<u8>(c + 2, 1);
  store<u8>(c + 3, LAST_COMPONENT);
  storeU16BE(c + 4, PREPAYMENT_CLUSTER);
  storeU16BE(c + 6, RESPONSE_ZCL_BYTES);
  store<u8>(c + 8, ZCL_SERVER_TO_CLIENT);
  store<u8>(c + 9, sequence);
  store<u8>(c + 10, CONSUMER_TOP_UP_RESPONSE);
  store<u8>(c + 11, accepted ? RESULT_ACCEPTED : RESULT_REJECTED);
  store<i32>(c + 12, accepted ? clampI32(l.sumCredit - before) : -1);
  store<u8>(c + 16, SOURCE_PPMID);
  store<i32>(c + 17, accepted ? clampI32(l.meterBalance) : -1);
  return <i32>TOP_UP_RESPONSE_BYTES;
}

function clampI32(v: i64): i32 {
  return <i32>min(max(v, <i64>i32.MIN_VALUE), <i64>i32.MAX_VALUE);
}
