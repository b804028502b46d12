import { BANK_HOLIDAYS_ENGLAND_WALES } from '../tables/bank-holidays.js';
import { ukLocalToUtc } from '../../world/uk-time.js';

// Working days and report periods (dcc.md 0, 13.1, 13.6): a WD is Mon-Fri except England and
// Wales bank holidays; a period is a UK local calendar month; its minutes are elapsed minutes.

const DAY_MS = 86_400_000;
/** A due date is at most this many WD after the period (the derogation allowed 25). */
export const DEADLINE_WORKING_DAYS_MAX = 60;

export interface Period {
  year: number;
  /** 1-12 */
  month: number;
}

export function parsePeriod(text: string): Period | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : undefined;
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isWorkingDay(dayMs: number, holidays: readonly string[] = BANK_HOLIDAYS_ENGLAND_WALES): boolean {
  const weekday = new Date(dayMs).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(formatDate(dayMs));
}

/** The Nth WD strictly after the last calendar day of the period (dcc.md 13.1), as YYYY-MM-DD. */
export function dueDate(period: Period, workingDays: number, holidays: readonly string[] = BANK_HOLIDAYS_ENGLAND_WALES): string {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > DEADLINE_WORKING_DAYS_MAX) throw new RangeError(`workingDays 1-${DEADLINE_WORKING_DAYS_MAX}`);
  let day = Date.UTC(period.year, period.month, 1); // the day after the period's last day
  let counted = 0;
  for (;;) {
    if (isWorkingDay(day, holidays) && ++counted === workingDays) return formatDate(day);
    day += DAY_MS;
  }
}

/** UTC bounds [start, end) of the UK local month. */
export function periodBoundsMs(period: Period): [number, number] {
  const next = period.month === 12 ? { year: period.year + 1, month: 1 } : { year: period.year, month: period.month + 1 };
  return [ukLocalToUtc(period.year, period.month, 1), ukLocalToUtc(next.year, next.month, 1)];
}

/** Elapsed minutes of the UK local month (43,200 / 44,580 for March 2026 / 44,700 for October 2026). */
export function periodMinutes(period: Period): number {
  const [start, end] = periodBoundsMs(period);
  return (end - start) / 60_000;
}
