// Working days as dcc.md section 0 defines them: Monday to Friday, excluding England and Wales
// bank holidays. The spec reads the list from config/bank-holidays.json [A]; until that file
// exists the list lives here (gov.uk published dates). A year outside the list is an error, not
// a guess.

const BANK_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  // dcc.md 13.1 lists 2026.
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

export function hasBankHolidays(year: number): boolean {
  return BANK_HOLIDAYS[year] !== undefined;
}

/** Is the calendar date (UTC ms of its midnight, any time of the day works) a working day? */
export function isWorkingDay(dateMs: number): boolean {
  const d = new Date(dateMs);
  const dow = d.getUTCDay();
  if (dow === 0 || dow === 6) return false;
  const list = BANK_HOLIDAYS[d.getUTCFullYear()];
  if (!list) throw new RangeError(`no bank holiday list for ${d.getUTCFullYear()}`);
  return !list.includes(d.toISOString().slice(0, 10));
}

/** Working days from the day after `fromMs` up to and including the day before `toMs` (calendar dates). */
export function workingDaysBetween(fromMs: number, toMs: number): number {
  const day = 86_400_000;
  let count = 0;
  for (let t = Math.floor(fromMs / day) * day + day; t < Math.floor(toMs / day) * day; t += day) {
    if (isWorkingDay(t)) count++;
  }
  return count;
}
