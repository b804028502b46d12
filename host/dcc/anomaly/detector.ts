import type { UserRole } from '../tables/srv-catalogue.js';
import type { ThresholdRow } from './thresholds-csv.js';

// Threshold anomaly detection (dcc.md 11.2): per (user, role, SRV) counts of counted requests in
// fixed windows [E + k*P, E + (k+1)*P), E = 1970-01-05T00:00:00Z (a Monday), P = PeriodMinutes.
// The User's thresholds and the DCC's own ones are counted in their own windows; request
// MaxCount+1 and every later one in a window breach. Plain data in, plain data out: the service
// keeps the counts in its state.

export const WINDOW_EPOCH_MS = Date.UTC(1970, 0, 5);
const MINUTE_MS = 60_000;
/** Window counters kept; when exceeded, counters of windows that have ended are dropped. */
export const ANOMALY_COUNTERS_MAX = 1_000_000;

export interface Breach {
  source: 'user' | 'dcc';
  row: ThresholdRow;
  windowStartMs: number;
  count: number;
}

export function windowStartMs(tMs: number, periodMinutes: number): number {
  const p = periodMinutes * MINUTE_MS;
  return WINDOW_EPOCH_MS + Math.floor((tMs - WINDOW_EPOCH_MS) / p) * p;
}

export interface CountInput {
  userId: string;
  role: UserRole;
  srv: string;
  nowMs: number;
}

/** Counts one request against every applicable threshold; returns the first breach, if any. */
export function countRequest(
  counts: Map<string, number>,
  userRows: readonly ThresholdRow[],
  dccRows: readonly ThresholdRow[],
  input: CountInput,
): Breach | undefined {
  const applicable: [Breach['source'], ThresholdRow][] = [
    ...userRows.filter((r) => r.userId === input.userId && r.role === input.role && r.srv === input.srv).map((r) => ['user', r] as [Breach['source'], ThresholdRow]),
    ...dccRows.filter((r) => (r.userId === '*' || r.userId === input.userId) && r.role === input.role && r.srv === input.srv).map((r) => ['dcc', r] as [Breach['source'], ThresholdRow]),
  ];
  let breach: Breach | undefined;
  for (const [source, row] of applicable) {
    const start = windowStartMs(input.nowMs, row.periodMinutes);
    const key = `${source}|${input.userId}|${row.role}|${row.srv}|${row.periodMinutes}|${start}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > row.maxCount && breach === undefined) breach = { source, row, windowStartMs: start, count };
  }
  if (counts.size > ANOMALY_COUNTERS_MAX) pruneEnded(counts, input.nowMs);
  return breach;
}

function pruneEnded(counts: Map<string, number>, nowMs: number): void {
  for (const key of [...counts.keys()]) {
    const parts = key.split('|');
    const end = Number(parts[6]) + Number(parts[5]) * MINUTE_MS;
    if (end <= nowMs) counts.delete(key);
  }
}

export interface Quarantine {
  quarantineId: string;
  requestId: string;
  userId: string;
  role: UserRole;
  srv: string;
  cv: number;
  deviceType?: string;
  /** The request as received, to process on release. */
  xml: string;
  detectMs: number;
  notifyMs: number;
  status: 'held' | 'released' | 'deleted' | 'expired';
}

/** dcc.md 11.2: unresolved quarantines are deleted after 24 h. */
export const QUARANTINE_LIFETIME_MS = 86_400_000;
/** Quarantines remembered (resolved ones are dropped oldest first beyond this). */
export const QUARANTINES_MAX = 100_000;
