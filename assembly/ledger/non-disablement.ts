import { Ledger, NDC_OFFSET } from './state';
import { civilDate, weekdayOf, dayOf } from '../civil-date';

// The ESME non-disablement calendar (devices 4.10): switches {time of day, START | STOP,
// weekdays, special-day applicability, validity dates} and a special-days list, parsed from the
// object store (config.ts) or set by LOCAL input. ndActive(t): the script of the latest
// applicable switch at or before t, searching the current and the 7 previous dates; STOP wins a
// tie; none ⇒ false.
//
//   0 switchCount u8 | 1 specialDayCount u8 | 2..7 reserved
//   8 switches: NDC_SWITCHES_MAX x { 0 timeOfDayS u32 | 4 script u8 | 5 weekdays u8 (bit 0 Monday)
//                                    6 onSpecialDays u8 | 7 reserved | 8 firstDay i32 | 12 lastDay i32 }
//   8 + 12*16: NDC_SPECIAL_DAYS_MAX x { year u16 (0xFFFF any) | month u8 | day u8 }

export const NDC_SWITCHES_MAX: u32 = 12; // [A] the reference calendar has 6
export const NDC_SPECIAL_DAYS_MAX: u32 = 16; // [A] the reference has 4
export const NDC_SCRIPT_START: u8 = 1;
export const NDC_SCRIPT_STOP: u8 = 2;
export const NDC_SWITCH_BYTES: u32 = 16;
export const NDC_ANY_YEAR: u32 = 0xffff;
const SWITCHES_OFFSET: u32 = 8;
const SPECIAL_OFFSET: u32 = SWITCHES_OFFSET + NDC_SWITCHES_MAX * NDC_SWITCH_BYTES;
const SEARCH_DAYS: i64 = 7;
const DAY_S: i64 = 86_400;

// @ts-ignore: decorator
@inline export function ndcAddress(l: Ledger): usize {
  return changetype<usize>(l) + NDC_OFFSET;
}

export function ndcSwitchAddress(l: Ledger, index: u32): usize {
  assert(index < NDC_SWITCHES_MAX);
  return ndcAddress(l) + SWITCHES_OFFSET + index * NDC_SWITCH_BYTES;
}

export function ndcSpecialDayAddress(l: Ledger, index: u32): usize {
  assert(index < NDC_SPECIAL_DAYS_MAX);
  return ndcAddress(l) + SPECIAL_OFFSET + index * 4;
}

function isSpecialDay(l: Ledger, day: i64): bool {
  const count = <u32>load<u8>(ndcAddress(l) + 1);
  const ymd = civilDate(day);
  const year = ymd >> 16;
  const month = (ymd >> 8) & 0xff;
  const dom = ymd & 0xff;
  for (let i: u32 = 0; i < count; i++) {
    const p = ndcSpecialDayAddress(l, i);
    const y = <u32>load<u16>(p);
    if ((y == NDC_ANY_YEAR || y == year) && <u32>load<u8>(p + 2) == month && <u32>load<u8>(p + 3) == dom) return true;
  }
  return false;
}

/** Whether non-disablement (friendly credit) is active at t (UTC seconds). */
export function ndActiveAt(l: Ledger, t: i64): bool {
  const count = <u32>load<u8>(ndcAddress(l));
  if (count == 0) return false;
  const today = dayOf(t);
  let bestTime: i64 = i64.MIN_VALUE;
  let bestScript: u8 = 0;
  for (let back: i64 = 0; back <= SEARCH_DAYS; back++) {
    const day = today - back;
    const special = isSpecialDay(l, day);
    const weekday = weekdayOf(day);
    for (let i: u32 = 0; i < count; i++) {
      const p = ndcSwitchAddress(l, i);
      const at = day * DAY_S + <i64>load<u32>(p);
      if (at > t || at < bestTime) continue;
      const applies = special ? load<u8>(p + 6) != 0 : (load<u8>(p + 5) & (1 << <u8>weekday)) != 0;
      if (!applies || day < <i64>load<i32>(p + 8) || day > <i64>load<i32>(p + 12)) continue;
      const script = load<u8>(p + 4);
      if (at > bestTime || script == NDC_SCRIPT_STOP) {
        bestTime = at;
        bestScript = script;
      }
    }
    if (bestTime != i64.MIN_VALUE) break; // a later date's switch always beats an earlier date's
  }
  return bestScript == NDC_SCRIPT_START;
}

/** The first switch instant after `after` (an evaluation point of devices 4.10 "End of period"), or i64.MAX_VALUE. */
export function nextNdcSwitch(l: Ledger, after: i64): i64 {
  const count = <u32>load<u8>(ndcAddress(l));
  let next = i64.MAX_VALUE;
  const dayStart = dayOf(after) * DAY_S;
  for (let i: u32 = 0; i < count; i++) {
    let at = dayStart + <i64>load<u32>(ndcSwitchAddress(l, i));
    if (at <= after) at += DAY_S;
    if (at < next) next = at;
  }
  return next;
}
