import { loadU16BE, loadU32BE } from '../bytes';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import { Ledger, tariffAddress } from '../ledger/state';
import { daysOfCivil } from '../civil-date';
import {
  TARIFF_BYTES, PRICES_OFFSET, PRICE_SLOTS, THRESHOLDS_OFFSET, BLOCK_RATES_MAX, THRESHOLD_NONE, FLAG_LOADED, FLAG_BLOCKS,
  FLAG_DAILY_BLOCK_RESET, DAY_PROFILES_OFFSET, DAY_PROFILE_BYTES, DAY_PROFILES_MAX, SWITCHES_MAX, WEEKS_OFFSET, WEEKS_MAX,
  SEASONS_OFFSET, SEASONS_MAX, SPECIAL_DAYS_OFFSET, SPECIAL_DAY_IDS_OFFSET, SPECIAL_DAYS_MAX, BLOCK_COUNTERS_OFFSET, ANY,
} from './tariff';

// Reads the ACTIVE tariff objects of the object store (devices 3.1, R.3; GBCS 11.1: ECS01a/b
// write the passive ones and activation copies them to these) into the parsed copy of
// tariff.ts. Registers and block counters are kept (devices 3.3: a new tariff resets neither).
// A value that does not have the expected shape leaves its part of the tariff at defaults.

const OBIS_PRICE_MATRIX: usize = memory.data<u8>([0, 0, 19, 20, 0, 255]); // 113 a5
const OBIS_STANDING_CHARGE: usize = memory.data<u8>([0, 0, 19, 20, 4, 255]); // 113 a5
const OBIS_CALENDAR: usize = memory.data<u8>([0, 0, 13, 0, 0, 255]); // 20 a3 a4 a5
const OBIS_SPECIAL_DAYS: usize = memory.data<u8>([0, 0, 11, 0, 0, 255]); // 11 a2
const OBIS_DAILY_RESET: usize = memory.data<u8>([0, 0, 15, 1, 0, 255]); // 22 a4 (ECS48)
const OBIS_THRESHOLD_CELL: usize = memory.data<u8>([0, 0, 16, 0, 11, 255]); // 21 a2, byte 4 = 11..18
const CHARGE_ACTIVE: u32 = 5;
const MILLI_PENCE_EXPONENT: i32 = 5; // price scaler -5 = 10^-5 GBP = 1 milli-penny

/** Re-reads the tariff; registers and counters survive. */
export function loadTariff(slot: u32, l: Ledger): void {
  const t = tariffAddress(l);
  memory.fill(t, 0, PRICES_OFFSET + PRICE_SLOTS * 4);
  memory.fill(t + THRESHOLDS_OFFSET, 0xff, BLOCK_RATES_MAX * 3 * 4);
  memory.fill(t + DAY_PROFILES_OFFSET, 0, TARIFF_BYTES - DAY_PROFILES_OFFSET);
  let flags = FLAG_LOADED;
  loadUnitCharge(slot, t, OBIS_PRICE_MATRIX, true);
  loadUnitCharge(slot, t, OBIS_STANDING_CHARGE, false);
  for (let r: u32 = 0; r < BLOCK_RATES_MAX; r++) {
    store<u8>(OBIS_THRESHOLD_CELL + 4, <u8>(11 + r));
    if (loadThresholds(slot, t, r)) flags |= FLAG_BLOCKS;
  }
  if (findValue(slot, 22, OBIS_DAILY_RESET, 4) != 0) flags |= FLAG_DAILY_BLOCK_RESET;
  loadDayProfiles(slot, t);
  loadWeeks(slot, t);
  loadSeasons(slot, t);
  loadSpecialDays(slot, t);
  store<u32>(t, flags);
  assert(BLOCK_COUNTERS_OFFSET > THRESHOLDS_OFFSET);
}

function signedByte(p: usize): i32 {
  return <i32>load<i8>(p);
}

// structure{ structure{0F cs, 0F ps}, structure{12 class, 09 06 OBIS, 0F attr}, 01 n { 02 02 09 01 idx, 10 charge } }
function loadUnitCharge(slot: u32, t: usize, obis: usize, matrix: bool): void {
  const entry = findValue(slot, 113, obis, CHARGE_ACTIVE);
  if (entry == 0) return;
  const p = valueAddress(entry);
  const end = p + valueLength(entry);
  if (end - p < 8 || load<u8>(p) != 0x02 || load<u8>(p + 2) != 0x02 || load<u8>(p + 4) != 0x0f || load<u8>(p + 6) != 0x0f) return;
  const commodityScaler = signedByte(p + 5);
  const priceScaler = signedByte(p + 7);
  // The commodity reference structure: 02 03 12 xx xx 09 06 <6> 0F xx = 15 bytes.
  let q = p + 8;
  if (load<u8>(q) != 0x02 || load<u8>(q + 1) != 0x03) return;
  q += 15;
  if (q + 2 > end || load<u8>(q) != 0x01) return;
  const count = <u32>load<u8>(q + 1);
  q += 2;
  const exponent = priceScaler + MILLI_PENCE_EXPONENT;
  if (matrix) store<i32>(t + 4, exponent - commodityScaler); // milli-pence per Wh = price x 10^(ps + 5 - cs)
  for (let i: u32 = 0; i < count && i < PRICE_SLOTS; i++) {
    // 02 02 09 len <index: 1 byte, or empty for a single charge> 10 charge
    if (q + 4 > end || load<u8>(q) != 0x02 || load<u8>(q + 2) != 0x09) return;
    const indexBytes = <u32>load<u8>(q + 3);
    const index = indexBytes == 1 ? <u32>load<u8>(q + 4) : i + 1;
    q += 4 + indexBytes;
    if (q + 3 > end || load<u8>(q) != 0x10) return;
    const charge = <i32><i16>loadU16BE(q + 1);
    q += 3;
    if (matrix) {
      if (index >= 1 && index <= PRICE_SLOTS) store<i32>(t + PRICES_OFFSET + (index - 1) * 4, charge);
    } else {
      let sc = <i64>charge;
      let e = exponent;
      while (e > 0) { sc *= 10; e--; }
      while (e < 0) { sc /= 10; e++; } // [A] a standing charge finer than a milli-penny is truncated
      store<i64>(t + 8, sc);
    }
  }
}

function loadThresholds(slot: u32, t: usize, rate: u32): bool {
  const entry = findValue(slot, 21, OBIS_THRESHOLD_CELL, 2);
  if (entry == 0) return false;
  const p = valueAddress(entry);
  const end = p + valueLength(entry);
  if (load<u8>(p) != 0x01) return false;
  const count = min(<u32>load<u8>(p + 1), 3);
  let any = false;
  for (let b: u32 = 0; b < count; b++) {
    const q = p + 2 + b * 5;
    if (q + 5 > end || load<u8>(q) != 0x06) return any;
    const threshold = loadU32BE(q + 1);
    store<u32>(t + THRESHOLDS_OFFSET + (rate * 3 + b) * 4, threshold);
    if (threshold != THRESHOLD_NONE) any = true;
  }
  return any;
}

// a5: 01 n { 02 02 11 id 01 k { 02 03 09 04 hh mm ss hs, 09 06 <LN>, 12 selector } }
function loadDayProfiles(slot: u32, t: usize): void {
  const entry = findValue(slot, 20, OBIS_CALENDAR, 5);
  if (entry == 0) return;
  let q = valueAddress(entry);
  const end = q + valueLength(entry);
  if (load<u8>(q) != 0x01) return;
  const count = min(<u32>load<u8>(q + 1), DAY_PROFILES_MAX);
  q += 2;
  let loaded: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (q + 6 > end || load<u8>(q) != 0x02 || load<u8>(q + 2) != 0x11 || load<u8>(q + 4) != 0x01) break;
    const p = t + DAY_PROFILES_OFFSET + i * DAY_PROFILE_BYTES;
    store<u8>(p, load<u8>(q + 3));
    const switches = <u32>load<u8>(q + 5);
    q += 6;
    let kept: u32 = 0;
    for (let k: u32 = 0; k < switches; k++) {
      if (q + 19 > end || load<u8>(q) != 0x02 || load<u8>(q + 2) != 0x09 || load<u8>(q + 3) != 4) return;
      const hh = <u32>load<u8>(q + 4);
      const mm = <u32>load<u8>(q + 5);
      const ss = <u32>load<u8>(q + 6);
      const selector = loadU16BE(q + 17);
      if (kept < SWITCHES_MAX && hh < 24 && mm < 60) {
        const start = hh * 3600 + mm * 60 + (ss < 60 ? ss : 0);
        store<u32>(p + 4 + kept * 4, (start << 15) | (selector & 0x7fff));
        kept++;
      }
      q += 19;
    }
    store<u8>(p + 1, <u8>kept);
    loaded++;
  }
  store<u8>(t + 16, <u8>loaded);
}

// a4: 01 n { 02 08 09 len <name> 11 d1 … 11 d7 }
function loadWeeks(slot: u32, t: usize): void {
  const entry = findValue(slot, 20, OBIS_CALENDAR, 4);
  if (entry == 0) return;
  let q = valueAddress(entry);
  const end = q + valueLength(entry);
  if (load<u8>(q) != 0x01) return;
  const count = min(<u32>load<u8>(q + 1), WEEKS_MAX);
  q += 2;
  let loaded: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (q + 4 > end || load<u8>(q) != 0x02 || load<u8>(q + 2) != 0x09) break;
    q += 4 + <u32>load<u8>(q + 3);
    if (q + 14 > end) break;
    for (let d: u32 = 0; d < 7; d++) store<u8>(t + WEEKS_OFFSET + i * 8 + d, load<u8>(q + d * 2 + 1));
    q += 14;
    loaded++;
  }
  store<u8>(t + 17, <u8>loaded);
}

// a3: 01 n { 02 03 09 len <name> 09 0C <date-time> 09 len <week name> }; week = order of the week table [A]
function loadSeasons(slot: u32, t: usize): void {
  const entry = findValue(slot, 20, OBIS_CALENDAR, 3);
  if (entry == 0) return;
  let q = valueAddress(entry);
  const end = q + valueLength(entry);
  if (load<u8>(q) != 0x01) return;
  const count = min(<u32>load<u8>(q + 1), SEASONS_MAX);
  q += 2;
  let loaded: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (q + 4 > end || load<u8>(q) != 0x02 || load<u8>(q + 2) != 0x09) break;
    q += 4 + <u32>load<u8>(q + 3);
    if (q + 14 > end || load<u8>(q) != 0x09 || load<u8>(q + 1) != 12) break;
    const year = loadU16BE(q + 2);
    const month = <u32>load<u8>(q + 4);
    const day = <u32>load<u8>(q + 5);
    const first = year == 0xffff || month > 12 || day > 31 ? i32.MIN_VALUE : <i32>daysOfCivil(year, month, day);
    q += 14;
    if (q + 2 > end || load<u8>(q) != 0x09) break;
    // Week name: the reference uses a one-byte name = the week's index from 1 (R.3 "week 01").
    const nameBytes = <u32>load<u8>(q + 1);
    const week = nameBytes >= 1 && q + 2 + nameBytes <= end ? <u32>load<u8>(q + 1 + nameBytes) : 1;
    q += 2 + nameBytes;
    store<i32>(t + SEASONS_OFFSET + i * 8, first);
    store<u32>(t + SEASONS_OFFSET + i * 8 + 4, week >= 1 ? week - 1 : 0);
    loaded++;
  }
  store<u8>(t + 18, <u8>loaded);
}

// 11 a2: 01 n { 02 03 12 index, 09 05 <yy yy mm dd wd>, 11 day-id }
function loadSpecialDays(slot: u32, t: usize): void {
  const entry = findValue(slot, 11, OBIS_SPECIAL_DAYS, 2);
  if (entry == 0) return;
  let q = valueAddress(entry);
  const end = q + valueLength(entry);
  if (load<u8>(q) != 0x01) return;
  const count = min(<u32>load<u8>(q + 1), SPECIAL_DAYS_MAX);
  q += 2;
  let loaded: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    if (q + 14 > end || load<u8>(q) != 0x02 || load<u8>(q + 5) != 0x09 || load<u8>(q + 6) != 5 || load<u8>(q + 12) != 0x11) break;
    const p = t + SPECIAL_DAYS_OFFSET + i * 4;
    store<u16>(p, <u16>loadU16BE(q + 7));
    const month = load<u8>(q + 9);
    const day = load<u8>(q + 10);
    store<u8>(p + 2, month > 12 ? <u8>ANY : month);
    store<u8>(p + 3, day > 31 ? <u8>ANY : day);
    store<u8>(t + SPECIAL_DAY_IDS_OFFSET + i, load<u8>(q + 13));
    q += 14;
    loaded++;
  }
  store<u8>(t + 19, <u8>loaded);
}
