import { Ledger, tariffAddress, TARIFF_BYTES_MAX, FRACTION_DIGITS } from '../ledger/state';
import { civilDate, weekdayOf, dayOf, DAY_S } from '../civil-date';

// The tariff engine (devices 3): a parsed copy of the active tariff (tariff/load.ts reads it from
// the object store when the store changed), rate selection (3.2), the TOU / TOU-with-blocks
// registers and block counters (2.1, 3.4), and the exact cost of an increment (4.4).
//
//   0 flags u32 (bit 0 loaded, bit 1 blocks, bit 2 daily block reset) | 4 priceScale i32 (10^x milli-pence per Wh)
//   8 standingCharge i64 (milli-pence per day) | 16 dayProfileCount u8 | 17 weekCount u8 | 18 seasonCount u8
//  19 specialDayCount u8 | 20 reserved u32
//  PRICES: PRICE_SLOTS x i32 | THRESHOLDS: 8 x 3 u32 (Wh; 0xFFFFFFFF none) | BLOCK_COUNTERS: 8 x i64 (Wh)
//  TOU_REGISTERS: 48 x i64 (Wh) | BLOCK_REGISTERS: 8 x 4 x i64 (Wh)
//  DAY_PROFILES: DAY_PROFILES_MAX x { id u8 | count u8 | reserved u16 | SWITCHES_MAX x u32 (start s << 15 | rate) }
//  WEEKS: WEEKS_MAX x 8 bytes (day ids Mon..Sun, reserved) | SEASONS: SEASONS_MAX x { firstDay i32 | week u32 }
//  SPECIAL_DAYS: SPECIAL_DAYS_MAX x { year u16 (0xFFFF any) | month u8 (0xFF any) | day u8 } + day ids u8

export const TOU_RATES_MAX: u32 = 48; // devices 3.1
export const BLOCK_RATES_MAX: u32 = 8;
export const BLOCKS_MAX: u32 = 4;
export const PRICE_SLOTS: u32 = 80; // GBCS 11.1: slot 1..0x50
export const DAY_PROFILES_MAX: u32 = 16; // devices 3.1 [A]
export const SWITCHES_MAX: u32 = 10;
export const WEEKS_MAX: u32 = 4;
export const SEASONS_MAX: u32 = 4;
export const SPECIAL_DAYS_MAX: u32 = 50;
export const THRESHOLD_NONE: u32 = 0xffffffff;
export const FLAG_LOADED: u32 = 1;
export const FLAG_BLOCKS: u32 = 2;
export const FLAG_DAILY_BLOCK_RESET: u32 = 4;
export const ANY: u32 = 0xff;

export const PRICES_OFFSET: u32 = 24;
export const THRESHOLDS_OFFSET: u32 = PRICES_OFFSET + PRICE_SLOTS * 4;
export const BLOCK_COUNTERS_OFFSET: u32 = THRESHOLDS_OFFSET + BLOCK_RATES_MAX * 3 * 4;
export const TOU_REGISTERS_OFFSET: u32 = BLOCK_COUNTERS_OFFSET + BLOCK_RATES_MAX * 8;
export const BLOCK_REGISTERS_OFFSET: u32 = TOU_REGISTERS_OFFSET + TOU_RATES_MAX * 8;
export const DAY_PROFILES_OFFSET: u32 = BLOCK_REGISTERS_OFFSET + BLOCK_RATES_MAX * BLOCKS_MAX * 8;
export const DAY_PROFILE_BYTES: u32 = 4 + SWITCHES_MAX * 4;
export const WEEKS_OFFSET: u32 = DAY_PROFILES_OFFSET + DAY_PROFILES_MAX * DAY_PROFILE_BYTES;
export const SEASONS_OFFSET: u32 = WEEKS_OFFSET + WEEKS_MAX * 8;
export const SPECIAL_DAYS_OFFSET: u32 = SEASONS_OFFSET + SEASONS_MAX * 8;
export const SPECIAL_DAY_IDS_OFFSET: u32 = SPECIAL_DAYS_OFFSET + SPECIAL_DAYS_MAX * 4;
export const TARIFF_BYTES: u32 = SPECIAL_DAY_IDS_OFFSET + SPECIAL_DAYS_MAX;

if (TARIFF_BYTES > TARIFF_BYTES_MAX) ERROR('parsed tariff overflows the ledger page');
if (BLOCK_COUNTERS_OFFSET % 8 != 0) ERROR('tariff registers must keep 8-byte alignment');

// @ts-ignore: decorator
@inline export function tariffField(l: Ledger, offset: u32): usize {
  return tariffAddress(l) + offset;
}

export function tariffFlags(l: Ledger): u32 {
  return load<u32>(tariffAddress(l));
}

export function standingCharge(l: Ledger): i64 {
  return load<i64>(tariffAddress(l) + 8);
}

/** The price of a slot (1..PRICE_SLOTS), 0 when unset. */
export function priceOf(l: Ledger, priceSlot: u32): i64 {
  if (priceSlot < 1 || priceSlot > PRICE_SLOTS) return 0;
  return <i64>load<i32>(tariffField(l, PRICES_OFFSET + (priceSlot - 1) * 4));
}

/** devices 3.2: the day profile id in effect on a day (special day, else season -> week -> weekday). */
function dayProfileIdOn(l: Ledger, day: i64): u32 {
  const t = tariffAddress(l);
  const ymd = civilDate(day);
  const specials = <u32>load<u8>(t + 19);
  for (let i: u32 = 0; i < specials; i++) {
    const p = t + SPECIAL_DAYS_OFFSET + i * 4;
    const y = <u32>load<u16>(p);
    const m = <u32>load<u8>(p + 2);
    const d = <u32>load<u8>(p + 3);
    if ((y == 0xffff || y == ymd >> 16) && (m == ANY || m == ((ymd >> 8) & 0xff)) && (d == ANY || d == (ymd & 0xff))) {
      return <u32>load<u8>(t + SPECIAL_DAY_IDS_OFFSET + i);
    }
  }
  const seasons = <u32>load<u8>(t + 18);
  if (seasons == 0) return ANY;
  // The last season started on or before the day; none started: the last one (previous cycle).
  let week: u32 = load<u32>(t + SEASONS_OFFSET + (seasons - 1) * 8 + 4);
  let best: i64 = i64.MIN_VALUE;
  for (let i: u32 = 0; i < seasons; i++) {
    const first = <i64>load<i32>(t + SEASONS_OFFSET + i * 8);
    if (first <= day && first >= best) {
      best = first;
      week = load<u32>(t + SEASONS_OFFSET + i * 8 + 4);
    }
  }
  if (week >= <u32>load<u8>(t + 17)) return ANY;
  return <u32>load<u8>(t + WEEKS_OFFSET + week * 8 + weekdayOf(day));
}

/** The switch entry in effect on `day` at second-of-day `s` (or -1 when the profile is empty / unknown). */
function actionOn(l: Ledger, day: i64, s: i64): i32 {
  const id = dayProfileIdOn(l, day);
  const t = tariffAddress(l);
  const profiles = <u32>load<u8>(t + 16);
  for (let i: u32 = 0; i < profiles; i++) {
    const p = t + DAY_PROFILES_OFFSET + i * DAY_PROFILE_BYTES;
    if (<u32>load<u8>(p) != id) continue;
    const count = <u32>load<u8>(p + 1);
    let action: i32 = -1;
    let bestStart: i64 = -1;
    for (let k: u32 = 0; k < count; k++) {
      const e = load<u32>(p + 4 + k * 4);
      const start = <i64>(e >> 15);
      if (start <= s && start >= bestStart) {
        bestStart = start;
        action = <i32>(e & 0x7fff);
      }
    }
    return action;
  }
  return -1;
}

/** devices 3.2: the TOU rate (1-based) at t; rate 1 when no switching table applies [A]. */
export function activeRate(l: Ledger, t: i64): u32 {
  const day = dayOf(t);
  let action = actionOn(l, day, t - day * DAY_S);
  if (action < 0) action = actionOn(l, day - 1, DAY_S); // the last entry of the previous day's profile
  if (action <= 0) return 1;
  // Script selectors number the rates within a tariff script table (101, 102 ... in R.3; 1 ...) [A].
  let rate = <u32>action % 100;
  if (rate == 0) rate = 1;
  return rate > TOU_RATES_MAX ? 1 : rate;
}

/**
 * Integrates `wh` Wh at time t into the registers (devices 2.1, 3.2) and returns its exact cost
 * in 1/10^FRACTION_DIGITS milli-penny: TOU, or TOU-with-blocks splitting at thresholds.
 */
export function integrate(l: Ledger, wh: i64, t: i64): i64 {
  assert(wh >= 0);
  const rate = activeRate(l, t);
  if ((tariffFlags(l) & FLAG_BLOCKS) == 0 || rate > BLOCK_RATES_MAX) {
    const reg = tariffField(l, TOU_REGISTERS_OFFSET + (rate - 1) * 8);
    store<i64>(reg, load<i64>(reg) + wh);
    return costOf(l, wh, priceOf(l, rate));
  }
  const counter = tariffField(l, BLOCK_COUNTERS_OFFSET + (rate - 1) * 8);
  let used = load<i64>(counter);
  let left = wh;
  let cost: i64 = 0;
  for (let b: u32 = 0; b < BLOCKS_MAX && left > 0; b++) {
    let room = i64.MAX_VALUE;
    if (b < BLOCKS_MAX - 1) {
      const threshold = load<u32>(tariffField(l, THRESHOLDS_OFFSET + ((rate - 1) * 3 + b) * 4));
      if (threshold != THRESHOLD_NONE) room = max(<i64>threshold - used, 0);
    }
    const part = min(left, room);
    if (part == 0) continue;
    const reg = tariffField(l, BLOCK_REGISTERS_OFFSET + ((rate - 1) * BLOCKS_MAX + b) * 8);
    store<i64>(reg, load<i64>(reg) + part);
    cost += costOf(l, part, priceOf(l, TOU_RATES_MAX + (rate - 1) * BLOCKS_MAX + b + 1));
    used += part;
    left -= part;
  }
  store<i64>(counter, used);
  return cost;
}

/** wh x price x 10^priceScale milli-pence, in FRACTION units (price scale from load.ts). */
function costOf(l: Ledger, wh: i64, price: i64): i64 {
  let v = wh * price;
  let e = load<i32>(tariffAddress(l) + 4) + FRACTION_DIGITS;
  while (e > 0) { v *= 10; e--; }
  while (e < 0) { v /= 10; e++; }
  return v;
}

/** devices 3.4: Block Counter Matrix := 0. */
export function resetBlockCounters(l: Ledger): void {
  memory.fill(tariffField(l, BLOCK_COUNTERS_OFFSET), 0, BLOCK_RATES_MAX * 8);
}
