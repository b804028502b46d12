import { loadU16BE } from '../bytes';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import { civilDate, daysOfCivil, weekdayOf, dayOf, DAY_S } from '../civil-date';
import { Ledger } from './state';

// The billing calendar (devices 3.6, 2.2): when the Billing Data Log takes its calendar entry,
// the block counters reset (block period = billing period) and 0x8F0A reports the entry.
// Two shapes, one per wire format:
// - BILLING_DATES (ESME, ECS30a `22/0-0:15.0.0.255` a4): up to BILLING_ENTRIES_MAX entries
//   {time hh:mm:ss, date yyyy-mm-dd weekday with 0xFFFF / 0xFF wildcards}; monthly is one entry
//   with day 1 (R.1: 12:00 on the 1st), quarterly four. Day 0xFE is the last day of the month,
//   0xFD the second last; a day past the month's end falls on its last day [A, devices 3.6].
// - BILLING_PERIODIC (GSME, GCS25a PublishBillingPeriod record): a start and a duration in
//   minutes, days, weeks or months (ZSE billingPeriodDurationType low nibble); the period
//   repeats from the start [A].
// Packed entry (u64): timeOfDayS (17 bits) | weekday << 17 (1..7 Mon..Sun, 0xFF any) | day << 25
// | month << 33 | year << 41. Periodic: entry 0 = start (unix s), entry 1 = duration | unit << 32.

export const BILLING_NONE: u8 = 0;
export const BILLING_DATES: u8 = 1;
export const BILLING_PERIODIC: u8 = 2;
export const BILLING_ENTRIES_MAX: u32 = 4; // quarterly (the longest reference list) has four
const ANY8: u32 = 0xff;
const ANY_YEAR: u32 = 0xffff;
const LAST_DAY: u32 = 0xfe;
const SECOND_LAST_DAY: u32 = 0xfd;
const UNIT_MINUTES: u32 = 0;
const UNIT_DAYS: u32 = 1;
const UNIT_WEEKS: u32 = 2;
const UNIT_MONTHS: u32 = 3;
const NO_OCCURRENCE: i64 = i64.MAX_VALUE;
const PERIODS_SEARCH_MAX: i64 = 100_000; // bounds the month walk of a periodic calendar
const OBIS_BILLING: usize = memory.data<u8>([0, 0, 15, 0, 0, 255]);
const ZCL_EPOCH_UNIX_S: i64 = 946_684_800;

function entryAddress(l: Ledger, index: u32): usize {
  assert(index < BILLING_ENTRIES_MAX);
  return changetype<usize>(l) + offsetof<Ledger>('billingEntry0') + <usize>index * 8;
}

function entry(l: Ledger, index: u32): u64 {
  return load<u64>(entryAddress(l, index));
}

/**
 * ECS30a: the calendar from the store (a4 = array of {09 04 time, 09 05 date}); false, nothing
 * changed, when the value is absent or not whole. An empty array clears the calendar.
 */
export function loadBillingDates(slot: u32, l: Ledger): bool {
  const e = findValue(slot, 22, OBIS_BILLING, 4);
  if (e == 0) return false;
  let p = valueAddress(e);
  const end = p + valueLength(e);
  if (p + 2 > end || load<u8>(p) != 0x01) return false;
  const count = <u32>load<u8>(p + 1);
  const ENTRY_BYTES: u32 = 2 + 6 + 7;
  if (count > BILLING_ENTRIES_MAX || p + 2 + count * ENTRY_BYTES != end) return false;
  p += 2;
  for (let i: u32 = 0; i < count; i++) {
    const q = p + i * ENTRY_BYTES;
    if (load<u8>(q) != 0x02 || load<u8>(q + 1) != 2 || load<u8>(q + 2) != 0x09 || load<u8>(q + 3) != 4 ||
      load<u8>(q + 8) != 0x09 || load<u8>(q + 9) != 5) return false;
    if (load<u8>(q + 4) > 23 || load<u8>(q + 5) > 59) return false;
  }
  for (let i: u32 = 0; i < count; i++) {
    const q = p + i * ENTRY_BYTES;
    const ss = <u64>load<u8>(q + 6);
    const tod = <u64>load<u8>(q + 4) * 3600 + <u64>load<u8>(q + 5) * 60 + (ss < 60 ? ss : 0);
    const year = <u64>loadU16BE(q + 10);
    const month = <u64>load<u8>(q + 12);
    const day = <u64>load<u8>(q + 13);
    const weekday = <u64>load<u8>(q + 14);
    store<u64>(entryAddress(l, i), tod | (weekday << 17) | (day << 25) | (month << 33) | (year << 41));
  }
  l.billingKind = count == 0 ? BILLING_NONE : BILLING_DATES;
  l.billingCount = <u8>count;
  return true;
}

/** GCS25a: PublishBillingPeriod {providerId, issuerEventId, start utc, duration u24, durationType map8, tariffType}. */
export function setBillingPeriod(l: Ledger, payload: usize, end: usize): bool {
  if (end - payload < 17) return false;
  const start = <i64>load<u32>(payload + 8) + ZCL_EPOCH_UNIX_S;
  const duration = <u64>(load<u32>(payload + 12) & 0xffffff);
  const unit = <u64>(load<u8>(payload + 15) & 0x0f);
  if (duration == 0 || unit > <u64>UNIT_MONTHS) return false;
  store<u64>(entryAddress(l, 0), <u64>start);
  store<u64>(entryAddress(l, 1), duration | (unit << 32));
  l.billingKind = BILLING_PERIODIC;
  l.billingCount = 0;
  return true;
}

function daysInMonth(year: i64, month: i64): i64 {
  const next = month == 12 ? daysOfCivil(year + 1, 1, 1) : daysOfCivil(year, month + 1, 1);
  return next - daysOfCivil(year, month, 1);
}

function dateMatches(e: u64, day: i64): bool {
  const ymd = civilDate(day);
  const y = <u32>(ymd >> 16);
  const m = (ymd >> 8) & 0xff;
  const d = ymd & 0xff;
  const wantYear = <u32>((e >> 41) & 0xffff);
  const wantMonth = <u32>((e >> 33) & 0xff);
  const wantDay = <u32>((e >> 25) & 0xff);
  const wantWeekday = <u32>((e >> 17) & 0xff);
  if (wantYear != ANY_YEAR && wantYear != y) return false;
  if (wantMonth <= 12 && wantMonth != m) return false; // 0xFD / 0xFE / 0xFF: DST markers or any
  if (wantWeekday >= 1 && wantWeekday <= 7 && wantWeekday != weekdayOf(day) + 1) return false;
  if (wantDay == ANY8 || wantDay == 0) return true;
  const last = <u32>daysInMonth(<i64>y, <i64>m);
  if (wantDay == LAST_DAY) return d == last;
  if (wantDay == SECOND_LAST_DAY) return d == last - 1;
  return wantDay == d || (wantDay > last && d == last);
}

/** Months added to a date, the day clamped to the month's length. */
function addMonths(t: i64, months: i64): i64 {
  const day = dayOf(t);
  const ymd = civilDate(day);
  const total = <i64>(ymd >> 16) * 12 + <i64>((ymd >> 8) & 0xff) - 1 + months;
  const year = total / 12;
  const month = total % 12 + 1;
  const d = min(<i64>(ymd & 0xff), daysInMonth(year, month));
  return daysOfCivil(year, month, d) * DAY_S + (t - day * DAY_S);
}

function nextPeriodic(l: Ledger, after: i64): i64 {
  const start = <i64>entry(l, 0);
  const duration = <i64>(entry(l, 1) & 0xffffff);
  const unit = <u32>(entry(l, 1) >> 32);
  if (after < start) return start;
  if (unit != UNIT_MONTHS) {
    const step = unit == UNIT_MINUTES ? duration * 60 : unit == UNIT_DAYS ? duration * DAY_S : duration * 7 * DAY_S;
    return start + ((after - start) / step + 1) * step;
  }
  // Months: estimate the count, then step past `after` (a short month may clamp the day).
  let k = max<i64>(((after - start) / (28 * DAY_S)) / duration - 2, 0);
  for (let i: i64 = 0; i < PERIODS_SEARCH_MAX; i++) {
    const t = addMonths(start, (k + i) * duration);
    if (t > after) return t;
  }
  return NO_OCCURRENCE;
}

/** The first billing occurrence in (after, after + 1 day], or i64.MAX_VALUE (boundaries come at least hourly). */
export function nextBilling(l: Ledger, after: i64): i64 {
  if (l.billingKind == BILLING_PERIODIC) {
    const t = nextPeriodic(l, after);
    return t <= after + DAY_S ? t : NO_OCCURRENCE;
  }
  if (l.billingKind != BILLING_DATES) return NO_OCCURRENCE;
  let best = NO_OCCURRENCE;
  const today = dayOf(after);
  for (let i: u32 = 0; i < <u32>l.billingCount; i++) {
    const e = entry(l, i);
    const tod = <i64>(e & 0x1ffff);
    for (let d: i64 = today; d <= today + 1; d++) {
      const t = d * DAY_S + tod;
      if (t > after && t < best && dateMatches(e, d)) best = t;
    }
  }
  return best;
}

/** Whether t is a billing occurrence. */
export function isBillingAt(l: Ledger, t: i64): bool {
  return l.billingKind != BILLING_NONE && nextBilling(l, t - 1) == t;
}

if (offsetof<Ledger>('billingEntry3') - offsetof<Ledger>('billingEntry0') != (BILLING_ENTRIES_MAX - 1) * 8) ERROR('billing entries drifted');
