// UK local time on the host side (ARCHITECTURE.md principle 2): devices know only UTC, but
// consumption habits, read times and planned maintenance windows are UK wall-clock times, so
// they cross the clock changes. UK rule (Summer Time Order 2002): BST (UTC+1) from 01:00 UTC on
// the last Sunday of March to 01:00 UTC on the last Sunday of October. Integer ms throughout;
// Date.UTC and getUTC* are pure calendar arithmetic (leap years included), never the wall clock.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** 01:00 UTC on the last Sunday of a month (0-based month). */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** When BST starts and ends in a year (UTC ms). */
export function bstBounds(year: number): { startMs: number; endMs: number } {
  return { startMs: lastSundayOneUtc(year, 2), endMs: lastSundayOneUtc(year, 9) };
}

/** The UK offset from UTC at an instant: 0 (GMT) or one hour (BST). */
export function ukOffsetMs(utcMs: number): number {
  const { startMs, endMs } = bstBounds(new Date(utcMs).getUTCFullYear());
  return utcMs >= startMs && utcMs < endMs ? HOUR_MS : 0;
}

export interface LocalParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  dayOfWeek: number;
  /** Minutes since local midnight (wall clock). */
  minuteOfDay: number;
}

export function ukLocalParts(utcMs: number): LocalParts {
  const d = new Date(utcMs + ukOffsetMs(utcMs));
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute,
    dayOfWeek: d.getUTCDay(), minuteOfDay: hour * 60 + minute,
  };
}

/**
 * The instant a UK wall-clock time names. In the spring gap (01:00-02:00 does not exist) the
 * time is read as GMT, i.e. it lands one hour later on the wall clock; in the autumn overlap
 * (01:00-02:00 happens twice) the first occurrence (BST) is taken.
 */
export function ukLocalToUtc(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const asBst = wall - HOUR_MS;
  return ukOffsetMs(asBst) === HOUR_MS ? asBst : wall;
}

/** UTC ms of local midnight starting the local day that contains utcMs. */
export function ukStartOfDay(utcMs: number): number {
  const p = ukLocalParts(utcMs);
  return ukLocalToUtc(p.year, p.month, p.day);
}

/** UTC ms of the next local midnight after the local day containing utcMs (23, 24 or 25 h later). */
export function ukNextDay(utcMs: number): number {
  const p = ukLocalParts(utcMs);
  return ukLocalToUtc(p.year, p.month, p.day + 1);
}

/** Parses 'HH:MM' into minutes of the day, or undefined. */
export function parseLocalTime(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Parses 'YYYY-MM-DDTHH:MM' (UK wall clock) into its parts, or undefined. */
export function parseLocalDateTime(text: string): { year: number; month: number; day: number; hour: number; minute: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}
