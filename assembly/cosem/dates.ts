import { loadU16BE } from '../bytes';
import { daysOfCivil } from '../civil-date';
import { DATE_TIME_BYTES } from './axdr-tags';

// DLMS date-times (GBCS 5.3: year u16, month, day, weekday, hour, minute, second, hundredths,
// deviation i16, status) and the u32 log times of the ESME (devices 11.6 "Log / profile
// reads": seconds since 2000-01-01T00:00:00Z). Integer arithmetic only.

/** Unix seconds of 2000-01-01T00:00:00Z, the epoch of the u32 times in ESME logs (devices R). */
export const EPOCH_2000_UNIX_S: i64 = 946684800;
/** Returned for a date-time that names no single instant (a wildcard field, a bad month). */
export const NO_INSTANT: i64 = i64.MIN_VALUE;
const YEAR_NOT_SPECIFIED: u32 = 0xffff;
const FIELD_NOT_SPECIFIED: u32 = 0xff;
const SECONDS_PER_DAY: i64 = 86400;


/**
 * UTC Unix seconds of the 12 date-time bytes at p, or NO_INSTANT when a date or time field is
 * a wildcard or out of range. Hundredths, deviation and status are ignored: ESME times are UTC
 * with the deviation "not specified" (devices 0.2, R.1).
 */
export function unixSecondsOfDateTime(p: usize): i64 {
  const year = loadU16BE(p);
  const month = <u32>load<u8>(p + 2);
  const day = <u32>load<u8>(p + 3);
  const hour = <u32>load<u8>(p + 5);
  const minute = <u32>load<u8>(p + 6);
  const second = <u32>load<u8>(p + 7);
  if (year == YEAR_NOT_SPECIFIED || month == FIELD_NOT_SPECIFIED || day == FIELD_NOT_SPECIFIED) return NO_INSTANT;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NO_INSTANT;
  const days = daysOfCivil(<i64>year, <i64>month, <i64>day);
  return days * SECONDS_PER_DAY + <i64>(hour * 3600 + minute * 60 + second);
}

/** Whether the 12 bytes at p are all `FF` or all `00` (GBCS: "not specified" / "immediate"). */
export function dateTimeIsAll(p: usize, byte: u8): bool {
  for (let i: u32 = 0; i < DATE_TIME_BYTES; i++) if (load<u8>(p + i) != byte) return false;
  return true;
}
