import { storeU16BE } from './bytes';

// Device time is whole UTC seconds (ARCHITECTURE.md principle 2); the host passes f64 ms.

export const MS_PER_S: f64 = 1000;
export const DLMS_DATE_TIME_BYTES: u32 = 12;

/** Whole UTC seconds of an f64 holding integer milliseconds (floor, also before 1970). */
// @ts-ignore: decorator
@inline export function secondsOf(nowMs: f64): i64 {
  return <i64>Math.floor(nowMs / MS_PER_S);
}

/**
 * Writes a DLMS date-time (IEC 62056-62 / GBCS 5.3) for UTC seconds: year u16, month, day,
 * day-of-week FF, hour, minute, second, hundredths 00, deviation 0x8000 ("not specified")
 * and clock status FF, the values the reference ESME responses carry (GBCS 1.2).
 */
export function storeDlmsDateTime(p: usize, utcS: i64): void {
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
  store<u8>(p + 11, 0xff);
}
