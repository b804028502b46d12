import { findAttribute, findRecord } from '../gbz/attributes';
import { valueAddress, valueLength } from '../cosem/store';
import { Ledger, tariffAddress } from '../ledger/state';
import {
  PRICES_OFFSET, PRICE_SLOTS, THRESHOLDS_OFFSET, BLOCK_RATES_MAX, THRESHOLD_NONE, FLAG_LOADED, FLAG_BLOCKS, TOU_RATES_MAX,
  BLOCKS_MAX, DAY_PROFILES_OFFSET, DAY_PROFILES_MAX, DAY_PROFILE_BYTES, SWITCHES_MAX, ANY,
} from '../tariff/tariff';

// The GSME's tariff (devices 3.1 GSME column, 3.3; GBCS 11, ZSE Price and Calendar clusters) in
// the ledger's parsed-tariff layout (tariff/tariff.ts), so the one engine rates gas as it rates
// electricity: TOU (up to GAS_TOU_RATES_MAX tiers) or Block (GAS_BLOCKS blocks, 3 thresholds).
// Read from the records the Publish… commands left (gsme/effects.ts, now or at activation):
// - PublishPriceMatrix (0700/05): subPayloadControl bit 0 set = TOU, each {tier u8, price u32}
//   sets TOU price[tier]; clear = Block, tierBlockId high nibble the tier (0 = 1), low nibble the
//   block (0 = block 1), each setting Block price[tier][block];
// - PublishBlockThresholds (0700/06): {tier << 4 | count u8, count x u48} in kWh x
//   BlockThresholdMultiplier / BlockThresholdDivisor (0x0202 / 0x0203) [A], held in Wh;
// - PublishDayProfile (0707/01): {start minutes u16, price tier u8} switch points; the last day
//   profile published applies every day [A: week profiles and seasons of the GSME are not modelled];
// - without a price matrix, NoTierBlock1Price (0x0400) is TOU price 1 (installation) [A].
// Prices carry PriceTrailingDigit (0x0617 high nibble, default 5 = milli-pence per kWh) digits of
// the currency per kWh: the engine's scale is 10^(2 - digits) milli-pence per Wh.

const PRICE: u32 = 0x0700;
const CALENDAR: u32 = 0x0707;
const PUBLISH_PRICE_MATRIX: u32 = 0x05;
const PUBLISH_BLOCK_THRESHOLDS: u32 = 0x06;
const PUBLISH_DAY_PROFILE: u32 = 0x01;
const ATTR_TRAILING_DIGIT: u32 = 0x0617;
const ATTR_THRESHOLD_MULTIPLIER: u32 = 0x0202;
const ATTR_THRESHOLD_DIVISOR: u32 = 0x0203;
const ATTR_BLOCK_1_PRICE: u32 = 0x0400;
export const GAS_TOU_RATES_MAX: u32 = 4; // devices 3.1
const GAS_BLOCKS: u32 = 4;
const MATRIX_HEADER_BYTES: u32 = 19; // providerId, issuerEventId, startTime, issuerTariffId, index, total, control
const DAY_PROFILE_HEADER_BYTES: u32 = 17; // providerId, issuerEventId, issuerCalendarId, dayId, entries, index, total, type
const DEFAULT_TRAILING_DIGITS: i32 = 5;
const PRICE_MAX: i64 = 10_000_000; // per kWh in the trailing-digit unit: keeps one increment's cost inside i64
const THRESHOLD_WH_MAX: i64 = 0xfffffffe;

/** An unsigned little-endian attribute value (1-4 bytes after the type), or `otherwise`. */
function attributeU32(slot: u32, attributeId: u32, otherwise: u32): u32 {
  const entry = findAttribute(slot, PRICE, attributeId);
  if (entry == 0) return otherwise;
  const p = valueAddress(entry);
  const bytes = valueLength(entry);
  if (bytes == 5) return load<u32>(p + 1);
  if (bytes == 4) return load<u16>(p + 1) | (<u32>load<u8>(p + 3) << 16);
  if (bytes == 3) return load<u16>(p + 1);
  if (bytes == 2) return load<u8>(p + 1);
  return otherwise;
}

/** Re-reads the gas tariff into the parsed tariff; the registers and block counters survive (devices 3.3). */
export function loadGasTariff(slot: u32, l: Ledger): void {
  const t = tariffAddress(l);
  memory.fill(t + PRICES_OFFSET, 0, PRICE_SLOTS * 4);
  memory.fill(t + THRESHOLDS_OFFSET, 0xff, BLOCK_RATES_MAX * 3 * 4);
  let flags = FLAG_LOADED;
  const digits = <i32>(attributeU32(slot, ATTR_TRAILING_DIGIT, <u32>DEFAULT_TRAILING_DIGITS << 4) >> 4) & 0xf;
  store<i32>(t + 4, 2 - digits);
  if (!loadPriceMatrix(slot, t)) {
    const price = <i64>attributeU32(slot, ATTR_BLOCK_1_PRICE, 0);
    if (price <= PRICE_MAX) store<i32>(t + PRICES_OFFSET, <i32>price);
  }
  if (loadThresholds(slot, t)) flags |= FLAG_BLOCKS;
  loadDayProfile(slot, t);
  store<u32>(t, flags);
}

function loadPriceMatrix(slot: u32, t: usize): bool {
  const entry = findRecord(slot, PRICE, PUBLISH_PRICE_MATRIX);
  if (entry == 0) return false;
  const p = valueAddress(entry);
  const end = p + valueLength(entry);
  if (p + MATRIX_HEADER_BYTES > end || (end - p - MATRIX_HEADER_BYTES) % 5 != 0) return false;
  const tou = (load<u8>(p + 18) & 1) != 0;
  for (let q = p + MATRIX_HEADER_BYTES; q + 5 <= end; q += 5) {
    const id = <u32>load<u8>(q);
    const price = <i64>load<u32>(q + 1);
    if (price > PRICE_MAX) continue; // [A] a price that could overflow a charge is ignored
    let priceSlot: u32 = 0;
    if (tou) {
      if (id >= 1 && id <= GAS_TOU_RATES_MAX) priceSlot = id;
    } else {
      const tier = max<u32>(id >> 4, 1);
      const block = id & 0xf;
      if (tier <= GAS_TOU_RATES_MAX && block < GAS_BLOCKS) priceSlot = TOU_RATES_MAX + (tier - 1) * BLOCKS_MAX + block + 1;
    }
    if (priceSlot != 0) store<i32>(t + PRICES_OFFSET + (priceSlot - 1) * 4, <i32>price);
  }
  return true;
}

function loadThresholds(slot: u32, t: usize): bool {
  const entry = findRecord(slot, PRICE, PUBLISH_BLOCK_THRESHOLDS);
  if (entry == 0) return false;
  const multiplier = <i64>max<u32>(attributeU32(slot, ATTR_THRESHOLD_MULTIPLIER, 1), 1);
  const divisor = <i64>max<u32>(attributeU32(slot, ATTR_THRESHOLD_DIVISOR, 1), 1);
  const p = valueAddress(entry);
  const end = p + valueLength(entry);
  let q = p + MATRIX_HEADER_BYTES;
  let any = false;
  for (let i: u32 = 0; i < GAS_TOU_RATES_MAX && q < end; i++) {
    const head = <u32>load<u8>(q);
    const tier = max<u32>(head >> 4, 1);
    const count = min<u32>(head & 0xf, 3);
    q += 1;
    if (q + (head & 0xf) * 6 > end) return any;
    for (let b: u32 = 0; b < count; b++) {
      const raw = <i64>load<u32>(q + b * 6) | (<i64>load<u16>(q + b * 6 + 4) << 32);
      const wh = raw > THRESHOLD_WH_MAX / 1000 ? THRESHOLD_WH_MAX : min(raw * 1000 * multiplier / divisor, THRESHOLD_WH_MAX);
      if (tier <= GAS_TOU_RATES_MAX) store<u32>(t + THRESHOLDS_OFFSET + ((tier - 1) * 3 + b) * 4, <u32>wh);
      any = true;
    }
    q += (head & 0xf) * 6;
  }
  return any;
}

// The day profile id ANY with no seasons: tariff.ts applies it to every day.
function loadDayProfile(slot: u32, t: usize): void {
  memory.fill(t + DAY_PROFILES_OFFSET, 0, DAY_PROFILE_BYTES);
  store<u8>(t + 16, 0);
  store<u8>(t + 17, 0);
  store<u8>(t + 18, 0);
  store<u8>(t + 19, 0);
  const entry = findRecord(slot, CALENDAR, PUBLISH_DAY_PROFILE);
  if (entry == 0) return;
  const p = valueAddress(entry);
  const end = p + valueLength(entry);
  let kept: u32 = 0;
  for (let q = p + DAY_PROFILE_HEADER_BYTES; q + 3 <= end && kept < SWITCHES_MAX; q += 3) {
    const minutes = <u32>load<u16>(q);
    const tier = <u32>load<u8>(q + 2);
    if (minutes >= 1440 || tier < 1 || tier > GAS_TOU_RATES_MAX) continue;
    store<u32>(t + DAY_PROFILES_OFFSET + 4 + kept * 4, ((minutes * 60) << 15) | tier);
    kept++;
  }
  if (kept == 0) return;
  store<u8>(t + DAY_PROFILES_OFFSET, <u8>ANY);
  store<u8>(t + DAY_PROFILES_OFFSET + 1, <u8>kept);
  store<u8>(t + 16, 1);
  assert(DAY_PROFILES_MAX >= 1);
}
