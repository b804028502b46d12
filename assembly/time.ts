import { storeU16BE } from './bytes';
import { civilDate, daysOfCivil, dayOf, DAY_S } from './civil-date';

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
  const days = dayOf(utcS);
  const secondOfDay = utcS - days * DAY_S;
  const date = civilDate(days);
  storeU16BE(p, date >> 16);
  store<u8>(p + 2, <u8>(date >> 8));
  store<u8>(p + 3, <u8>date);
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
  return daysOfCivil(year, month, day) * DAY_S + hour * 3600 + minute * 60 + second;
}
