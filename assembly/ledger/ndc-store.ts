import { loadU16BE } from '../bytes';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import { daysOfCivil } from '../civil-date';
import { Ledger } from './state';
import {
  ndcAddress, ndcSwitchAddress, ndcSpecialDayAddress, NDC_SWITCHES_MAX, NDC_SPECIAL_DAYS_MAX, NDC_SCRIPT_START,
  NDC_SCRIPT_STOP, NDC_ANY_YEAR,
} from './non-disablement';

// The ESME's non-disablement calendar as ECS08 / ECS08a write it (gbcs.md 5.5; devices 4.10,
// R.2): the schedule class 10 0-0:12.0.1.255 a2 and the special days class 11 0-0:11.0.2.255 a2,
// parsed into the ledger's calendar (non-disablement.ts) whenever the ledger reloads its
// configuration (config.ts). A value that does not parse whole leaves the ledger's calendar as
// it was (a LOCAL NDC input, or none) [A].
//
// Schedule entry (DLMS class 10, 47 bytes): 02 0A | 12 index u16 | 03 enable | 09 06 script LN |
// 12 script selector u16 | 09 04 switch time hh mm ss cc | 12 validity window u16 |
// 04 07 weekdays (bit-string, first bit Monday) | 04 04 special-day applicability |
// 09 05 begin date | 09 05 end date (yyyy u16, mm, dd, weekday; FF / FFFF not specified).
// Script selector [D, the reference calendar of R.11: 18:00 weekdays and 00:00 weekends start, 08:00
// weekdays stop]: 32 = START of friendly credit, 33 = STOP.

const OBIS_NDC_SCHEDULE: usize = memory.data<u8>([0, 0, 12, 0, 1, 255]);
const OBIS_NDC_SPECIAL_DAYS: usize = memory.data<u8>([0, 0, 11, 0, 2, 255]);
const SELECTOR_START: u32 = 32;
const SELECTOR_STOP: u32 = 33;
const ENTRY_BYTES: u32 = 47;
const SPECIAL_DAY_BYTES: u32 = 14; // 02 03 | 12 index u16 | 09 05 date | 11 day id
const FIRST_DAY: i32 = i32.MIN_VALUE;
const LAST_DAY: i32 = i32.MAX_VALUE;

/** The array's element count and where its elements start, or -1 (count < 128 only: both objects are bounded far below). */
function arrayCount(p: usize, end: usize): i32 {
  if (p + 2 > end || load<u8>(p) != 0x01 || load<u8>(p + 1) >= 0x80) return -1;
  return <i32>load<u8>(p + 1);
}

function dayOfDate(p: usize, open: i32): i32 {
  const year = <u32>loadU16BE(p);
  const month = <u32>load<u8>(p + 2);
  const day = <u32>load<u8>(p + 3);
  if (year == 0xffff || month < 1 || month > 12 || day < 1 || day > 31) return open;
  return <i32>daysOfCivil(<i64>year, <i64>month, <i64>day);
}

function entryValid(e: usize): bool {
  return load<u8>(e) == 0x02 && load<u8>(e + 1) == 0x0a && load<u8>(e + 2) == 0x12 && load<u8>(e + 5) == 0x03 &&
    load<u8>(e + 7) == 0x09 && load<u8>(e + 8) == 0x06 && load<u8>(e + 15) == 0x12 && load<u8>(e + 18) == 0x09 &&
    load<u8>(e + 19) == 0x04 && load<u8>(e + 24) == 0x12 && load<u8>(e + 27) == 0x04 && load<u8>(e + 28) == 0x07 &&
    load<u8>(e + 30) == 0x04 && load<u8>(e + 31) == 0x04 && load<u8>(e + 33) == 0x09 && load<u8>(e + 34) == 0x05 &&
    load<u8>(e + 40) == 0x09 && load<u8>(e + 41) == 0x05;
}

/** Loads the calendar from the store when ECS08 (or the profile) has written it; false when absent or malformed (unchanged). */
export function loadNdcFromStore(slot: u32, l: Ledger): bool {
  const schedule = findValue(slot, 10, OBIS_NDC_SCHEDULE, 2);
  if (schedule == 0) return false;
  let p = valueAddress(schedule);
  const end = p + valueLength(schedule);
  const count = arrayCount(p, end);
  if (count < 0 || <u32>count > NDC_SWITCHES_MAX || p + 2 + <usize>count * ENTRY_BYTES != end) return false;
  p += 2;
  for (let i: i32 = 0; i < count; i++) {
    const e = p + <usize>i * ENTRY_BYTES;
    if (!entryValid(e)) return false;
    const selector = <u32>loadU16BE(e + 16);
    if (selector != SELECTOR_START && selector != SELECTOR_STOP) return false;
  }
  // Special days (optional): validated before anything changes.
  const special = findValue(slot, 11, OBIS_NDC_SPECIAL_DAYS, 2);
  let sp: usize = 0;
  let specialCount: i32 = 0;
  if (special != 0) {
    sp = valueAddress(special);
    const spEnd = sp + valueLength(special);
    specialCount = arrayCount(sp, spEnd);
    if (specialCount < 0 || <u32>specialCount > NDC_SPECIAL_DAYS_MAX || sp + 2 + <usize>specialCount * SPECIAL_DAY_BYTES != spEnd) return false;
    sp += 2;
    for (let i: i32 = 0; i < specialCount; i++) {
      const d = sp + <usize>i * SPECIAL_DAY_BYTES;
      if (load<u8>(d) != 0x02 || load<u8>(d + 1) != 0x03 || load<u8>(d + 5) != 0x09 || load<u8>(d + 6) != 0x05) return false;
    }
  }
  let kept: u32 = 0;
  for (let i: i32 = 0; i < count; i++) {
    const e = p + <usize>i * ENTRY_BYTES;
    if (load<u8>(e + 6) == 0) continue; // a disabled entry never switches [A]
    const hh = <u32>load<u8>(e + 20);
    const mm = <u32>load<u8>(e + 21);
    const ss = <u32>load<u8>(e + 22);
    const s = (hh > 23 ? 0 : hh) * 3600 + (mm > 59 ? 0 : mm) * 60 + (ss > 59 ? 0 : ss);
    const bits = <u32>load<u8>(e + 29);
    let weekdays: u32 = 0;
    for (let b: u32 = 0; b < 7; b++) if ((bits & (0x80 >> b)) != 0) weekdays |= 1 << b; // bit 0 Monday
    const w = ndcSwitchAddress(l, kept);
    store<u32>(w, s);
    store<u8>(w + 4, loadU16BE(e + 16) == <u16>SELECTOR_START ? NDC_SCRIPT_START : NDC_SCRIPT_STOP);
    store<u8>(w + 5, <u8>weekdays);
    store<u8>(w + 6, load<u8>(e + 32) != 0 ? 1 : 0);
    store<u8>(w + 7, 0);
    store<i32>(w + 8, dayOfDate(e + 35, FIRST_DAY));
    store<i32>(w + 12, dayOfDate(e + 42, LAST_DAY));
    kept++;
  }
  for (let i: i32 = 0; i < specialCount; i++) {
    const d = sp + <usize>i * SPECIAL_DAY_BYTES;
    const out = ndcSpecialDayAddress(l, <u32>i);
    const year = <u32>loadU16BE(d + 7);
    store<u16>(out, <u16>(year == 0xffff ? NDC_ANY_YEAR : year));
    store<u8>(out + 2, load<u8>(d + 9));
    store<u8>(out + 3, load<u8>(d + 10));
  }
  store<u8>(ndcAddress(l), <u8>kept);
  store<u8>(ndcAddress(l) + 1, <u8>specialCount);
  return true;
}
