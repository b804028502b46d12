// Civil-calendar arithmetic of the device (UTC only, devices 0.2): integers, no tables.

export const DAY_S: i64 = 86_400;

/** (year << 16) | (month << 8) | day of a day number (days since 1970-01-01). */
export function civilDate(days: i64): u32 {
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const day = doy - (153 * mp + 2) / 5 + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (<u32>year << 16) | (<u32>month << 8) | <u32>day;
}

/** Day number of a civil date (inverse of civilDate). */
export function daysOfCivil(year: i64, month: i64, day: i64): i64 {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (153 * mp + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(days: i64): u32 {
  return <u32>(((days + 3) % 7 + 7) % 7);
}

/** Day number of the UTC instant t. */
export function dayOf(t: i64): i64 {
  const q = t / DAY_S;
  return t % DAY_S < 0 ? q - 1 : q;
}
