import { storeU16BE } from './bytes';

// Device time is whole UTC seconds (ARCHITECTURE.md principle 2); the host passes f64 ms.

export const MS_PER_S: f64 = 1000;
export const DLMS_DATE_TIME_BYTES: u32 = 12;
/** DLMS clock status "not specified" (GBCS 1.2, 5.3). */
export const CLOCK_STATUS_NOT_SPECIFIED: u8 = 0xff;

/** Whole UTC seconds of an f64 holding integer milliseconds (floor, also before 1970). */
// @ts-ignore: decorator
@inline export function secondsOf(nowMs: f64): i64 {
  return <i64>Math.floor(nowMs / MS_PER_S);
}

/**
 * Writes a DLMS date-time (IEC 62056-62 / GBCS 5.3) for UTC seconds: year u16, month, day,
 * day-of-week FF, hour, minute, second, hundredths 00, deviation 0x8000 ("not specified")
 * and the clock status: FF ("not specified", the value the reference ESME responses carry) unless
 * the caller states one (GBCS 1.2: the GSME/GPF mirror reads carry their time-reliability there).
 */
export function storeDlmsDateTime(p: usize, utcS: i64, clockStatus: u8 = CLOCK_STATUS_NOT_SPECIFIED): void {
  let days = utcS / 86400;
  let secondOfDay = utcS % 86400;
  if (secondOfDay < 0) {
    secondOfDay += 86400;
    days -= 1;
  }
  // Civil date from days since 1970-01-01 (proleptic Gregorian, era-based, integers only).
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const day = doy - (153 * mp + 2) / 5 + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  storeU16BE(p, <u32>year);
  store<u8>(p + 2, <u8>month);
  store<u8>(p + 3, <u8>day);
  store<u8>(p + 4, 0xff);
  store<u8>(p + 5, <u8>(secondOfDay / 3600));
  store<u8>(p + 6, <u8>((secondOfDay / 60) % 60));
  store<u8>(p + 7, <u8>(secondOfDay % 60));
  store<u8>(p + 8, 0);
  storeU16BE(p + 9, 0x8000);
  store<u8>(p + 11, clockStatus);
}

/** Year (2), month, day, weekday, hour, minute, second, hundredths: the bytes before deviation and status. */
const DATE_AND_TIME_FIELD_BYTES: u32 = 9;

/** parseDlmsDateTime results that are not a time. */
export const DATE_TIME_IMMEDIATE: i64 = -1; // all zero: execute now (devices 11.6)
export const DATE_TIME_CANCEL: i64 = -2; // all FF: not specified = cancel (devices 11.6)
export const DATE_TIME_INVALID: i64 = -3;

/**
 * UTC seconds of a DLMS date-time at p (12 bytes), or one of the markers above. Weekday,
 * hundredths, deviation and status are not used: device times are UTC (devices 0.2).
 */
export function parseDlmsDateTime(p: usize): i64 {
  // Date and time fields only: the reference IMMEDIATE / CANCELLATION values carry deviation
  // 0x8000 and status FF after all-zero / all-FF date and time (RTDS ECS01a/b/c/d, ECS02, ECS08).
  let zeros = true;
  let ones = true;
  for (let i: u32 = 0; i < DATE_AND_TIME_FIELD_BYTES; i++) {
    const b = load<u8>(p + i);
    if (b != 0) zeros = false;
    if (b != 0xff) ones = false;
  }
  if (zeros) return DATE_TIME_IMMEDIATE;
  if (ones) return DATE_TIME_CANCEL;
  const year = (<i64>load<u8>(p) << 8) | <i64>load<u8>(p + 1);
  const month = <i64>load<u8>(p + 2);
  const day = <i64>load<u8>(p + 3);
  const hour = <i64>load<u8>(p + 5);
  const minute = <i64>load<u8>(p + 6);
  const second = <i64>load<u8>(p + 7);
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return DATE_TIME_INVALID;
  }
  // Days since 1970-01-01 from the civil date (proleptic Gregorian, integers only).
  const y = month <= 2 ? year - 1 : year;
  const era = y / 400;
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (153 * mp + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}
