// Service-level arithmetic of dcc.md 13.6: achieved % with half-up rounding to two decimals
// (integer arithmetic, no float drift), status against target / minimum, availability over the
// Target Availability Period, nearest-rank percentiles.

export type MeasureStatus = 'Target met' | 'Below target' | 'Below minimum' | 'n/a';

/** round_half_up(100 * n / d, 2) in hundredths of a percent; undefined when d = 0. */
export function achievedHundredths(n: number, d: number): number | undefined {
  if (d === 0) return undefined;
  return Math.floor((20_000 * n + d) / (2 * d));
}

/** '99.50', or 'n/a' (dcc.md 13.7). */
export function formatPct(hundredths: number | undefined): string {
  if (hundredths === undefined) return 'n/a';
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function statusOf(hundredths: number | undefined, targetPct: number, minimumPct: number): MeasureStatus {
  if (hundredths === undefined) return 'n/a';
  if (hundredths >= targetPct * 100) return 'Target met';
  if (hundredths >= minimumPct * 100) return 'Below target';
  return 'Below minimum';
}

/** dcc.md 13.6: TAP = minutes in period - planned; achieved = 100 * (TAP - U) / TAP. */
export function availability(minutesInPeriod: number, plannedMinutes: number, unplannedMinutes: number): { tapMin: number; hundredths: number | undefined } {
  const tapMin = minutesInPeriod - plannedMinutes;
  return { tapMin, hundredths: achievedHundredths(tapMin - unplannedMinutes, tapMin) };
}

/** Nearest-rank percentile of sorted values (dcc.md 13.7); undefined for none. */
export function nearestRank(sorted: readonly number[], pct: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1)];
}
