import { ConfigError } from '../../gbcs/errors.js';
import { HOUR_MS, parseLocalDateTime, ukLocalParts, ukLocalToUtc } from './uk-time.js';
import { hasBankHolidays, workingDaysBetween } from './working-days.js';
import type { BlockedSpan } from './wan-link.js';

// Planned maintenance windows as dcc.md 12.1 defines them [S004 DP092][A]. Start and end are UK
// wall-clock times that must both lie in 20:00-08:00; durations and the monthly 6 h total are
// elapsed time (a 22:00-05:00 window on the night the clocks go forward lasts 6 h); a window
// belongs to the month of its start. H8 mode: at most 6 h in total per month. DP092 mode: at
// most 6 h per window, one High Impact and up to three Low Impact windows per month. Notice
// lead times (DP092: HI >= 20 WD, LI >= 10 WD before the window; H8: 20 WD before the month)
// are not a reason to refuse a window: they are what DSP KPI 7 / CSP KPI 10 measure.

export type MaintenanceMode = 'H8' | 'DP092';

export interface MaintenanceWindowSpec {
  /** UK wall clock, 'YYYY-MM-DDTHH:MM'. */
  start: string;
  end: string;
  impact: 'HI' | 'LI';
  /** `wan`: commands are held and released at the end; `gateway`: the DUIS gateway answers 503 (no effect on devices). */
  scope: 'wan' | 'gateway';
  /** Date the window was notified, 'YYYY-MM-DD'. */
  notice?: string;
}

export interface MaintenanceWindow {
  startMs: number;
  endMs: number;
  impact: 'HI' | 'LI';
  scope: 'wan' | 'gateway';
  /** Whether the notice met its lead time; null when no notice date was given. */
  noticeMet: boolean | null;
}

export const MAINTENANCE_WINDOWS_MAX = 1_000;
const WINDOW_MS_MAX = 6 * HOUR_MS;
const ALLOWED_START_MIN = 20 * 60;
const ALLOWED_END_MIN = 8 * 60;

function inAllowedHours(minuteOfDay: number): boolean {
  return minuteOfDay >= ALLOWED_START_MIN || minuteOfDay <= ALLOWED_END_MIN;
}

/** Builds and checks a calendar; throws ConfigError naming the offending field. */
export function buildMaintenanceCalendar(mode: MaintenanceMode, specs: readonly MaintenanceWindowSpec[], field = 'maintenance.windows'): MaintenanceWindow[] {
  if (specs.length > MAINTENANCE_WINDOWS_MAX) throw new ConfigError('bad-maintenance', `${field}: at most ${MAINTENANCE_WINDOWS_MAX} windows`);
  const windows = specs.map((spec, i) => buildWindow(mode, spec, `${field}[${i}]`));
  const perMonth = new Map<string, { totalMs: number; hi: number; li: number }>();
  windows.forEach((w, i) => {
    const p = ukLocalParts(w.startMs);
    const key = `${p.year}-${String(p.month).padStart(2, '0')}`;
    const m = perMonth.get(key) ?? { totalMs: 0, hi: 0, li: 0 };
    m.totalMs += w.endMs - w.startMs;
    if (w.impact === 'HI') m.hi++;
    else m.li++;
    perMonth.set(key, m);
    const at = `${field}[${i}]`;
    if (mode === 'H8' && m.totalMs > WINDOW_MS_MAX) throw new ConfigError('bad-maintenance', `${at}: H8 allows 6 h of planned maintenance in total per month; ${key} would have ${m.totalMs / 60_000} min`);
    if (mode === 'DP092' && m.hi > 1) throw new ConfigError('bad-maintenance', `${at}: DP092 allows one High Impact window per month (${key})`);
    if (mode === 'DP092' && m.li > 3) throw new ConfigError('bad-maintenance', `${at}: DP092 allows up to three Low Impact windows per month (${key})`);
  });
  for (let i = 1; i < windows.length; i++) {
    if (windows[i]!.startMs < windows[i - 1]!.endMs) throw new ConfigError('bad-maintenance', `${field}[${i}]: windows must be in time order and must not overlap`);
  }
  return windows;
}

function buildWindow(mode: MaintenanceMode, spec: MaintenanceWindowSpec, at: string): MaintenanceWindow {
  const start = parseLocalDateTime(spec.start);
  const end = parseLocalDateTime(spec.end);
  if (!start) throw new ConfigError('bad-maintenance', `${at}.start: expected UK local 'YYYY-MM-DDTHH:MM', got '${spec.start}'`);
  if (!end) throw new ConfigError('bad-maintenance', `${at}.end: expected UK local 'YYYY-MM-DDTHH:MM', got '${spec.end}'`);
  if (spec.impact !== 'HI' && spec.impact !== 'LI') throw new ConfigError('bad-maintenance', `${at}.impact: 'HI' or 'LI'`);
  if (spec.scope !== 'wan' && spec.scope !== 'gateway') throw new ConfigError('bad-maintenance', `${at}.scope: 'wan' or 'gateway'`);
  if (!inAllowedHours(start.hour * 60 + start.minute)) throw new ConfigError('bad-maintenance', `${at}.start: planned maintenance starts within 20:00-08:00 UK time`);
  if (!inAllowedHours(end.hour * 60 + end.minute)) throw new ConfigError('bad-maintenance', `${at}.end: planned maintenance ends within 20:00-08:00 UK time`);
  const startMs = ukLocalToUtc(start.year, start.month, start.day, start.hour, start.minute);
  const endMs = ukLocalToUtc(end.year, end.month, end.day, end.hour, end.minute);
  if (endMs <= startMs) throw new ConfigError('bad-maintenance', `${at}.end: must be after start`);
  // A window inside 20:00-08:00 at both ends may still span a whole day; the elapsed cap catches it.
  if (mode === 'DP092' && endMs - startMs > WINDOW_MS_MAX) throw new ConfigError('bad-maintenance', `${at}: DP092 allows at most 6 h per window (elapsed), got ${(endMs - startMs) / 60_000} min`);
  if (endMs - startMs > 12 * HOUR_MS) throw new ConfigError('bad-maintenance', `${at}: a window must lie within one night (20:00-08:00)`);
  return { startMs, endMs, impact: spec.impact, scope: spec.scope, noticeMet: spec.notice === undefined ? null : noticeMet(mode, spec, startMs, at) };
}

function noticeMet(mode: MaintenanceMode, spec: MaintenanceWindowSpec, startMs: number, at: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(spec.notice!);
  if (!m) throw new ConfigError('bad-maintenance', `${at}.notice: expected 'YYYY-MM-DD'`);
  const noticeMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const p = ukLocalParts(startMs);
  for (const year of [Number(m[1]), p.year]) {
    if (!hasBankHolidays(year)) throw new ConfigError('bad-maintenance', `${at}.notice: no bank holiday list for ${year}, so working days cannot be counted`);
  }
  if (mode === 'H8') return workingDaysBetween(noticeMs, Date.UTC(p.year, p.month - 1, 1)) + 1 >= 20;
  const windowDayMs = Date.UTC(p.year, p.month - 1, p.day);
  return workingDaysBetween(noticeMs, windowDayMs) + 1 >= (spec.impact === 'HI' ? 20 : 10);
}

/** The spans during which `wan` windows block the SM WAN. */
export function wanBlockedSpans(windows: readonly MaintenanceWindow[]): BlockedSpan[] {
  return windows.filter((w) => w.scope === 'wan').map((w) => ({ startMs: w.startMs, endMs: w.endMs, reason: 'maintenance' as const }));
}
