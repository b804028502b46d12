import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { loadU16BE, loadU64BE, storeU16BE, storeU64BE } from '../bytes';
import { device } from '../device/context';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_GPF, DEVICE_TYPE_GSME } from '../device/types';
import { CONTENT_BASE } from '../envelope/outgoing';
import { outboxHasRoom, outboxPush, CHANNEL_HAN } from '../outbox';
import { findAttribute, zclTypeSize, ZCL_LENGTH_PREFIXED } from '../gbz/attributes';
import { valueAddress, valueLength } from '../cosem/store';
import { Ledger, ledgerIfAny, availableCredit, EC_AVAILABLE, EC_IN_USE, EC_EXHAUSTED, MODE_PREPAYMENT } from '../ledger/state';
import { supplyState } from '../ledger/supply';
import { activeRate, priceOf } from '../tariff/tariff';
import { hanPeer } from './han-message';

// A meter answering a HAN device's ZSE attribute reads (devices 8.2: the IHD reads the ESME over
// the HAN and the gas data from the GPF mirror, never waking the GSME). The GPF answers from its
// ZCL store (the mirror, gbz/attributes.ts); the ESME, whose remote interface is DLMS, from its
// registers and ledger through the ZSE attribute ids of HAN_ATTRIBUTES. Frames (the HAN's own
// security is the ZigBee network's, not modelled):
//
//   request   A1 | seq u8 | requester eui u64 BE | meter eui u64 BE | count u8 | count x (cluster u16 BE, attribute u16 BE)
//   response  A2 | seq u8 | meter eui u64 BE | requester eui u64 BE | count u8 | count x (cluster, attribute, status u8, value i64 LE)
//
// status 00 SUCCESS or 86 UNSUPPORTED_ATTRIBUTE (ZCL); every value is a whole number in the
// attribute's own unit (Wh or dm3, milli-pence, enum or bitmap).

export const HAN_READ_REQUEST: u8 = 0xa1;
export const HAN_READ_RESPONSE: u8 = 0xa2;
export const HAN_READ_HEADER_BYTES: u32 = 19;
export const HAN_READ_REQUEST_RECORD_BYTES: u32 = 4;
export const HAN_READ_RESPONSE_RECORD_BYTES: u32 = 13;
/** Attributes in one read; more is refused (BAD_LENGTH). */
export const HAN_READ_ATTRIBUTES_MAX: u32 = 16;
export const ZCL_SUCCESS: u8 = 0x00;
export const ZCL_UNSUPPORTED_ATTRIBUTE: u8 = 0x86;

// The attributes a display asks for (cluster << 16 | attribute id), in the order ihd.ts keeps them.
export const HAN_ATTRIBUTES: StaticArray<u32> = [
  0x07020000, // CurrentSummationDelivered (ESME import, Wh)
  0x07020001, // CurrentSummationReceived (ESME export, Wh)
  0x07020700, // CurrentNoTierBlock1SummationDelivered (gas, dm3; the GPF mirror)
  0x07020014, // Supply Status (ZSE: 0 off, 1 armed, 2 on)
  0x07050001, // Credit Remaining (milli-pence)
  0x07050002, // Emergency Credit Remaining
  0x07050003, // Credit Status (bitmap, CREDIT_STATUS_*)
  0x07050005, // Accumulated Debt
  0x07000400, // NoTierBlock1Price: the price per kWh now (milli-pence)
];
export const ATTRIBUTE_SUPPLY_STATUS: u32 = 3;
export const ATTRIBUTE_CREDIT_STATUS: u32 = 6;

// ZSE Prepayment Credit Status bits [A: the ZSE 1.4 bitmap, as far as the ledger holds them].
export const CREDIT_STATUS_OK: u32 = 0x01;
export const CREDIT_STATUS_LOW: u32 = 0x02;
export const CREDIT_STATUS_EC_AVAILABLE: u32 = 0x08;
export const CREDIT_STATUS_EC_IN_USE: u32 = 0x20;
export const CREDIT_STATUS_EXHAUSTED: u32 = 0x40;
// The ledger's supply states (ENABLED 0, ARMED 1, DISABLED 2) as ZSE Supply Status values.
const ZSE_SUPPLY_STATUS: StaticArray<u8> = [2, 1, 0];
const NO_VALUE: i64 = i64.MIN_VALUE;
const ZCL_SIGNED_FIRST: u32 = 0x28;
const ZCL_SIGNED_LAST: u32 = 0x2f;

export function answerHanRead(slot: u32, length: u32): Status {
  if (length < HAN_READ_HEADER_BYTES) return Status.BAD_LENGTH;
  const count = <u32>load<u8>(INBOX_BASE + 18);
  if (count > HAN_READ_ATTRIBUTES_MAX || length != HAN_READ_HEADER_BYTES + count * HAN_READ_REQUEST_RECORD_BYTES) return Status.BAD_LENGTH;
  const d = device(slot);
  const requester = loadU64BE(INBOX_BASE + 2);
  if (loadU64BE(INBOX_BASE + 10) != d.eui) return Status.WRONG_RECIPIENT;
  if (hanPeer(slot, requester) < 0) return Status.UNKNOWN_ORIGINATOR;
  if (d.deviceType != DEVICE_TYPE_ESME && d.deviceType != DEVICE_TYPE_GPF && d.deviceType != DEVICE_TYPE_GSME) return Status.UNKNOWN_USE_CASE;
  const total = HAN_READ_HEADER_BYTES + count * HAN_READ_RESPONSE_RECORD_BYTES;
  if (!outboxHasRoom(total)) return Status.OUTBOX_FULL;
  d.messagesIn++;
  const out: usize = CONTENT_BASE;
  store<u8>(out, HAN_READ_RESPONSE);
  store<u8>(out + 1, load<u8>(INBOX_BASE + 1));
  storeU64BE(out + 2, d.eui);
  storeU64BE(out + 10, requester);
  store<u8>(out + 18, <u8>count);
  for (let i: u32 = 0; i < count; i++) {
    const q = INBOX_BASE + HAN_READ_HEADER_BYTES + i * HAN_READ_REQUEST_RECORD_BYTES;
    const r = out + HAN_READ_HEADER_BYTES + i * HAN_READ_RESPONSE_RECORD_BYTES;
    const cluster = loadU16BE(q);
    const attribute = loadU16BE(q + 2);
    const value = d.deviceType == DEVICE_TYPE_ESME ? esmeValue(slot, cluster << 16 | attribute) : zclValue(slot, cluster, attribute);
    storeU16BE(r, cluster);
    storeU16BE(r + 2, attribute);
    store<u8>(r + 4, value == NO_VALUE ? ZCL_UNSUPPORTED_ATTRIBUTE : ZCL_SUCCESS);
    store<i64>(r + 5, value == NO_VALUE ? 0 : value);
  }
  outboxPush(slot, CHANNEL_HAN, out, total);
  d.messagesOut++;
  return Status.OK;
}

/** The credit status bits of a ledger. */
export function creditStatusOf(l: Ledger): u32 {
  let bits: u32 = 0;
  const ec = <u32>l.ecState;
  if (availableCredit(l) > 0) bits |= CREDIT_STATUS_OK;
  if (l.lowLatched != 0) bits |= CREDIT_STATUS_LOW;
  if (ec == EC_AVAILABLE) bits |= CREDIT_STATUS_EC_AVAILABLE;
  if (ec == EC_IN_USE) bits |= CREDIT_STATUS_EC_IN_USE;
  if (ec == EC_EXHAUSTED || (availableCredit(l) <= 0 && ec != EC_IN_USE)) bits |= CREDIT_STATUS_EXHAUSTED;
  return bits;
}

function attributeIndex(key: u32): i32 {
  for (let i = 0; i < HAN_ATTRIBUTES.length; i++) if (unchecked(HAN_ATTRIBUTES[i]) == key) return i;
  return -1;
}

/** An ESME value by its place in HAN_ATTRIBUTES, or NO_VALUE. */
function esmeValue(slot: u32, key: u32): i64 {
  const index = attributeIndex(key);
  const d = device(slot);
  if (index == 0) return d.importActiveWh;
  if (index == 1) return d.exportActiveWh;
  if (index == <i32>ATTRIBUTE_SUPPLY_STATUS) return <i64>ZSE_SUPPLY_STATUS[min(supplyState(slot), 2)];
  const l = ledgerIfAny(slot);
  if (l == null) return NO_VALUE;
  if (index == 8) {
    const price = priceOf(l, activeRate(l, d.clockS));
    return price == 0 ? NO_VALUE : price; // 0: no price set for the rate (tariff/tariff.ts)
  }
  // The Prepayment cluster is the prepayment meter's (ZSE); a credit-mode meter holds none of it.
  if (<u32>l.mode != MODE_PREPAYMENT) return NO_VALUE;
  if (index == 4) return l.meterBalance;
  if (index == 5) return l.ecBalance;
  if (index == <i32>ATTRIBUTE_CREDIT_STATUS) return <i64>creditStatusOf(l);
  if (index == 7) return l.accumulatedDebt;
  return NO_VALUE; // the gas volume, or an attribute the display does not ask for
}

/** An integer attribute of the ZCL store (GPF mirror), or NO_VALUE. */
function zclValue(slot: u32, cluster: u32, attribute: u32): i64 {
  const entry = findAttribute(slot, cluster, attribute);
  if (entry == 0) return NO_VALUE;
  const p = valueAddress(entry);
  const type = <u32>load<u8>(p);
  const size = zclTypeSize(type);
  if (size == 0 || size == ZCL_LENGTH_PREFIXED || size > 8 || valueLength(entry) != 1 + size) return NO_VALUE;
  let value: u64 = 0;
  for (let i: u32 = 0; i < size; i++) value |= <u64>load<u8>(p + 1 + i) << (8 * i);
  if (type >= ZCL_SIGNED_FIRST && type <= ZCL_SIGNED_LAST && size < 8) {
    const shift = <u64>(64 - 8 * size);
    return <i64>(value << shift) >> shift;
  }
  return <i64>value;
}
