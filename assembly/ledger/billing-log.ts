import { storeU32BE, loadU32BE, storeAxdrLength, axdrLengthBytes } from '../bytes';
import { ensurePage, pageOf, pageAddress } from '../device/pages';
import { device } from '../device/context';
import { STORE_FIRST_PAGE_ID } from '../cosem/store';
import { LOG_EVENT, LOG_SECURITY } from '../logs/log';
import { JOURNAL_PAGE_ID } from '../power/journal';
import { FIRMWARE_PAGE_ID } from '../device/firmware-image';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_GSME } from '../device/types';
import { cursor, room, putU8, putBytes, setCursor } from '../cosem/output';
import { RESULT_SUCCESS, RESULT_OTHER_REASON } from '../cosem/results';
import { tariffField, TOU_REGISTERS_OFFSET, BLOCK_REGISTERS_OFFSET, TOU_RATES_MAX, BLOCK_RATES_MAX, BLOCKS_MAX } from '../tariff/tariff';
import { Ledger, Money, LEDGER_PAGE_ID } from './state';

// The Billing Data Log (devices 2.3, 3.6, 4.2, 4.11; R.5 formats): three FIFO rings of
// BDL_ENTRIES_MAX [A] entries each, in two pages of their own, allocated on the first entry:
// - snapshots, taken at a billing-calendar occurrence (CALENDAR: ECS20c, ECS68), before a change
//   of payment mode (MODE) and before a tariff change (TARIFF: ECS20b). An entry is the packed
//   (big-endian, untagged) R.5 record `{u32 time, u32 total import, [48] u32 TOU register,
//   4 x [8] u32 TOU x block register, 6 x i32 prepayment register (MB, ECB, ADR, PDR, TDR1, TDR2)}`
//   as the compact-array of a read carries it, so a read copies entries as they are;
// - prepayment credits (ECS20d): `{u32 time, u32 amount}` per accepted UTRN (not ECS04a);
// - payment-based debt payments (ECS20a): `{u32 time, u32 amount}`, the PDR after each.
// Times are seconds since 2000-01-01. Registers are clamped to their wire type [A]. A twin
// ESME's entries take the single-element form (the secondary element's registers are not
// recorded) [A].
//
// page BDL_PAGE_ID:          0 header (HEADER_BYTES) | CREDITS | DEBTS | snapshots 0..SNAPSHOTS_IN_FIRST-1
// page BDL_OVERFLOW_PAGE_ID: snapshots SNAPSHOTS_IN_FIRST..BDL_ENTRIES_MAX-1
// header: 0 snapshotCount | 4 snapshotNext | 8 creditCount | 12 creditNext | 16 debtCount | 20 debtNext
//         24 snapshotsEver (u32 each) | 32 trigger u8 per snapshot slot

// Page ids 3 and 4 are also the CHF's image-store pages (chf/firmware-store.ts): a CHF keeps no
// Billing Data Log (only an ESME or a GSME writes one, meterOnly below), so the two never meet.
export const BDL_PAGE_ID: u32 = 4;
export const BDL_OVERFLOW_PAGE_ID: u32 = 3;
if (BDL_PAGE_ID >= STORE_FIRST_PAGE_ID || BDL_OVERFLOW_PAGE_ID >= STORE_FIRST_PAGE_ID || BDL_PAGE_ID == LEDGER_PAGE_ID ||
  BDL_OVERFLOW_PAGE_ID == LEDGER_PAGE_ID || BDL_PAGE_ID == LOG_EVENT || BDL_PAGE_ID == LOG_SECURITY ||
  BDL_OVERFLOW_PAGE_ID == LOG_EVENT || BDL_OVERFLOW_PAGE_ID == LOG_SECURITY || BDL_PAGE_ID == JOURNAL_PAGE_ID ||
  BDL_OVERFLOW_PAGE_ID == JOURNAL_PAGE_ID || BDL_PAGE_ID == FIRMWARE_PAGE_ID || BDL_OVERFLOW_PAGE_ID == FIRMWARE_PAGE_ID) ERROR('billing data log page id collides');

export const BDL_ENTRIES_MAX: u32 = 12; // devices 2.3 [A]: 12 of each kind, FIFO
export const TRIGGER_CALENDAR: u8 = 1;
export const TRIGGER_MODE: u8 = 2;
export const TRIGGER_TARIFF: u8 = 3;
export const BDL_HEADER_BYTES: u32 = 64;
const SMALL_ENTRY_BYTES: u32 = 16; // {time BE, amount BE} + 8 bytes of our own (PDR after)
export const BDL_CREDITS_OFFSET: u32 = BDL_HEADER_BYTES;
const CREDITS_OFFSET: u32 = BDL_CREDITS_OFFSET;
export const BDL_DEBTS_OFFSET: u32 = CREDITS_OFFSET + BDL_ENTRIES_MAX * SMALL_ENTRY_BYTES;
const DEBTS_OFFSET: u32 = BDL_DEBTS_OFFSET;
export const BDL_SNAPSHOTS_OFFSET: u32 = DEBTS_OFFSET + BDL_ENTRIES_MAX * SMALL_ENTRY_BYTES;
const SNAPSHOTS_OFFSET: u32 = BDL_SNAPSHOTS_OFFSET;
export const REGISTER_PART_BYTES: u32 = 4 + 4 + TOU_RATES_MAX * 4 + BLOCKS_MAX * BLOCK_RATES_MAX * 4; // 328
export const PREPAYMENT_PART_BYTES: u32 = 6 * 4;
export const SNAPSHOT_BYTES: u32 = REGISTER_PART_BYTES + PREPAYMENT_PART_BYTES; // 352 (R.5)
export const BDL_SNAPSHOTS_IN_FIRST: u32 = 8;
const SNAPSHOTS_IN_FIRST: u32 = BDL_SNAPSHOTS_IN_FIRST;
if (SNAPSHOTS_OFFSET + SNAPSHOTS_IN_FIRST * SNAPSHOT_BYTES > 4096) ERROR('billing data log overflows its page');
if ((BDL_ENTRIES_MAX - SNAPSHOTS_IN_FIRST) * SNAPSHOT_BYTES > 4096) ERROR('billing data log overflow page too small');
const EPOCH_2000_S: i64 = 946_684_800;

// The R.5 type descriptions (GBCS 5.3 compact-array) of the five readable views.
const REGISTERS_TYPE: StaticArray<u8> = [0x02, 0x07, 0x06, 0x06, 0x01, 0x00, 0x30, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06];
const PREPAYMENT_TYPE: StaticArray<u8> = [0x02, 0x07, 0x06, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05];
const FULL_TYPE: StaticArray<u8> = [0x02, 0x0d, 0x06, 0x06, 0x01, 0x00, 0x30, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x05, 0x05, 0x05, 0x05, 0x05, 0x05];
const AMOUNT_TYPE: StaticArray<u8> = [0x02, 0x02, 0x06, 0x06];
const TAG_COMPACT_ARRAY: u8 = 0x13;

// Readable views: 7/0-0:98.1.v.255 a2 (ECS20c: v 0 and 1; ECS20b: 2; ECS20a: 4; ECS20d: 5).
export const VIEW_CALENDAR_REGISTERS: i32 = 0;
export const VIEW_CALENDAR_PREPAYMENT: i32 = 1;
export const VIEW_MODE_TARIFF: i32 = 2;
export const VIEW_DEBTS: i32 = 4;
export const VIEW_CREDITS: i32 = 5;

function meterOnly(slot: u32): bool {
  const type = device(slot).deviceType;
  return type == DEVICE_TYPE_ESME || type == DEVICE_TYPE_GSME;
}

function firstPage(slot: u32, create: bool): usize {
  if (!meterOnly(slot)) return 0;
  const page = create ? ensurePage(slot, BDL_PAGE_ID) : pageOf(slot, BDL_PAGE_ID);
  return page == 0 ? 0 : pageAddress(page);
}

/** Address of snapshot slot i, or 0 when its page cannot be had. */
function snapshotAddress(slot: u32, base: usize, i: u32, create: bool): usize {
  assert(i < BDL_ENTRIES_MAX);
  if (i < SNAPSHOTS_IN_FIRST) return base + SNAPSHOTS_OFFSET + i * SNAPSHOT_BYTES;
  const page = create ? ensurePage(slot, BDL_OVERFLOW_PAGE_ID) : pageOf(slot, BDL_OVERFLOW_PAGE_ID);
  return page == 0 ? 0 : pageAddress(page) + (i - SNAPSHOTS_IN_FIRST) * SNAPSHOT_BYTES;
}

function u32Of(v: i64): u32 {
  return <u32>min(max(v, 0), <i64>u32.MAX_VALUE);
}

function i32Of(v: i64): u32 {
  return <u32>(<i32>min(max(v, <i64>i32.MIN_VALUE), <i64>i32.MAX_VALUE));
}

function logTime(timeS: i64): u32 {
  return u32Of(timeS - EPOCH_2000_S);
}

/**
 * Takes a snapshot entry at timeS. A TARIFF snapshot is taken once per instant: the parts of
 * one tariff command activate together (devices 3.3: one snapshot per change) [A]. Returns the
 * slot of the new entry, or -1 (no memory: the entry is lost, never the money).
 */
export function takeSnapshot(slot: u32, l: Ledger, trigger: u8, timeS: i64): i32 {
  const base = firstPage(slot, true);
  if (base == 0) return -1;
  const count = load<u32>(base);
  const next = load<u32>(base + 4);
  if (trigger == TRIGGER_TARIFF && count > 0) {
    const lastIndex = next == 0 ? BDL_ENTRIES_MAX - 1 : next - 1;
    const last = snapshotAddress(slot, base, lastIndex, false);
    if (load<u8>(base + 32 + lastIndex) == TRIGGER_TARIFF && last != 0 && loadU32BE(last) == logTime(timeS)) return <i32>lastIndex;
  }
  const p = snapshotAddress(slot, base, next, true);
  if (p == 0) return -1;
  storeU32BE(p, logTime(timeS));
  storeU32BE(p + 4, u32Of(device(slot).importActiveWh));
  for (let r: u32 = 0; r < TOU_RATES_MAX; r++) {
    storeU32BE(p + 8 + r * 4, u32Of(load<i64>(tariffField(l, TOU_REGISTERS_OFFSET + r * 8))));
  }
  const blocks = p + 8 + TOU_RATES_MAX * 4;
  for (let b: u32 = 0; b < BLOCKS_MAX; b++) {
    for (let r: u32 = 0; r < BLOCK_RATES_MAX; r++) {
      storeU32BE(blocks + (b * BLOCK_RATES_MAX + r) * 4, u32Of(load<i64>(tariffField(l, BLOCK_REGISTERS_OFFSET + (r * BLOCKS_MAX + b) * 8))));
    }
  }
  const prepayment = p + REGISTER_PART_BYTES;
  storeU32BE(prepayment, i32Of(l.meterBalance));
  storeU32BE(prepayment + 4, i32Of(l.ecBalance));
  storeU32BE(prepayment + 8, i32Of(l.accumulatedDebt));
  storeU32BE(prepayment + 12, i32Of(l.paymentDebt));
  storeU32BE(prepayment + 16, i32Of(l.timeDebt1));
  storeU32BE(prepayment + 20, i32Of(l.timeDebt2));
  store<u8>(base + 32 + next, trigger);
  store<u32>(base, count < BDL_ENTRIES_MAX ? count + 1 : count);
  store<u32>(base + 4, next + 1 == BDL_ENTRIES_MAX ? 0 : next + 1);
  store<u32>(base + 24, load<u32>(base + 24) + 1);
  return <i32>next;
}

function appendSmall(slot: u32, countOffset: u32, ringOffset: u32, timeS: i64, amount: Money, extra: i64): void {
  const base = firstPage(slot, true);
  if (base == 0) return; // no memory: the log entry is lost, never the money
  const count = load<u32>(base + countOffset);
  const next = load<u32>(base + countOffset + 4);
  const p = base + ringOffset + next * SMALL_ENTRY_BYTES;
  storeU32BE(p, logTime(timeS));
  storeU32BE(p + 4, u32Of(amount));
  store<i64>(p + 8, extra);
  store<u32>(base + countOffset, count < BDL_ENTRIES_MAX ? count + 1 : count);
  store<u32>(base + countOffset + 4, next + 1 == BDL_ENTRIES_MAX ? 0 : next + 1);
}

/** devices 4.11 step 6: a prepayment credit (UTRN; `extra` = the counter's high word). */
export function logCredit(slot: u32, timeS: i64, amount: Money, counterHigh: u32): void {
  appendSmall(slot, 8, CREDITS_OFFSET, timeS, amount, <i64>counterHigh);
}

/** devices 4.11 step 1: a payment-based debt payment and the PDR after it. */
export function logDebtPayment(slot: u32, timeS: i64, amount: Money, paymentDebtAfter: Money): void {
  appendSmall(slot, 16, DEBTS_OFFSET, timeS, amount, paymentDebtAfter);
}

/** The packed R.5 bytes of snapshot slot i (SNAPSHOT_BYTES at the address), or 0. */
export function snapshotEntry(slot: u32, i: u32): usize {
  const base = firstPage(slot, false);
  if (base == 0 || i >= BDL_ENTRIES_MAX) return 0;
  return snapshotAddress(slot, base, i, false);
}

/** The view an OBIS names (0-0:98.1.v.255), or -1. */
export function billingView(obis: usize): i32 {
  if (loadU32BE(obis) != 0x00006201 || load<u8>(obis + 5) != 0xff) return -1;
  const v = <i32>load<u8>(obis + 4);
  return v == VIEW_CALENDAR_REGISTERS || v == VIEW_CALENDAR_PREPAYMENT || v == VIEW_MODE_TARIFF || v == VIEW_DEBTS || v == VIEW_CREDITS ? v : -1;
}

function viewType(view: i32): StaticArray<u8> {
  if (view == VIEW_CALENDAR_REGISTERS) return REGISTERS_TYPE;
  if (view == VIEW_CALENDAR_PREPAYMENT) return PREPAYMENT_TYPE;
  if (view == VIEW_MODE_TARIFF) return FULL_TYPE;
  return AMOUNT_TYPE;
}

/** Bytes entry k (oldest first) of a view contributes when its time is in [fromS, toS]; 0 when not selected. */
function selectedBytes(slot: u32, base: usize, view: i32, k: u32, fromS: i64, toS: i64, out: usize): u32 {
  const small = view == VIEW_DEBTS || view == VIEW_CREDITS;
  const countOffset: u32 = view == VIEW_DEBTS ? 16 : view == VIEW_CREDITS ? 8 : 0;
  const count = load<u32>(base + countOffset);
  const next = load<u32>(base + countOffset + 4);
  const index = (next + BDL_ENTRIES_MAX - count + k) % BDL_ENTRIES_MAX;
  const p = small ? base + (view == VIEW_DEBTS ? DEBTS_OFFSET : CREDITS_OFFSET) + index * SMALL_ENTRY_BYTES
    : snapshotAddress(slot, base, index, false);
  if (p == 0) return 0;
  if (!small) {
    const trigger = load<u8>(base + 32 + index);
    if ((view == VIEW_MODE_TARIFF) != (trigger != TRIGGER_CALENDAR)) return 0;
  }
  const t = EPOCH_2000_S + <i64>loadU32BE(p);
  if (t < fromS || t > toS) return 0;
  let bytes: u32 = small ? 8 : view == VIEW_CALENDAR_REGISTERS ? REGISTER_PART_BYTES : view == VIEW_CALENDAR_PREPAYMENT ? 4 + PREPAYMENT_PART_BYTES : SNAPSHOT_BYTES;
  if (out != 0) {
    if (view == VIEW_CALENDAR_PREPAYMENT) {
      memory.copy(out, p, 4);
      memory.copy(out + 4, p + REGISTER_PART_BYTES, PREPAYMENT_PART_BYTES);
    } else {
      memory.copy(out, p, bytes);
    }
  }
  return bytes;
}

/**
 * A read of the log (GET-with-selection or a protected read's range, cosem/selection.ts): the
 * entries of the view with times in [fromS, toS], oldest first, as a compact-array. -1 when the
 * OBIS is not a Billing Data Log view, else a data-access-result.
 */
export function putBillingLogInRange(slot: u32, obis: usize, fromS: i64, toS: i64): i32 {
  const view = billingView(obis);
  if (view < 0) return -1;
  const base = firstPage(slot, false);
  const type = viewType(view);
  const kinds: u32 = view == VIEW_DEBTS ? 16 : view == VIEW_CREDITS ? 8 : 0;
  const count: u32 = base == 0 ? 0 : load<u32>(base + kinds);
  let total: u32 = 0;
  for (let k: u32 = 0; k < count; k++) total += selectedBytes(slot, base, view, k, fromS, toS, 0);
  if (!room(1 + <u32>type.length + axdrLengthBytes(total) + total)) return <i32>RESULT_OTHER_REASON;
  putU8(TAG_COMPACT_ARRAY);
  putBytes(changetype<usize>(type), <u32>type.length);
  setCursor(storeAxdrLength(cursor(), total));
  for (let k: u32 = 0; k < count; k++) setCursor(cursor() + selectedBytes(slot, base, view, k, fromS, toS, cursor()));
  return <i32>RESULT_SUCCESS;
}
