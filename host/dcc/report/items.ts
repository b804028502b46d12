import type { DccEvent } from '../state.js';

// Performance items (dcc.md 13.4, 13.5) derived from the event log: one per accepted or rejected
// request and per device alert, with the clock points of 13.4 and the exclusion reason of 13.5.

export type Category = 'ON_DEMAND' | 'CRITICAL' | 'TRANSFORM' | 'LOCAL' | 'NON_DEVICE' | 'FUTURE_DATED' | 'SCHEDULED' | 'ALERT';
export type Exclusion = 'REJECTED' | 'USER_ENDPOINT' | 'QUARANTINE' | 'MAINTENANCE' | 'REPLACEMENT' | 'DEVICE_FAULT';
export const EXCLUSIONS: readonly Exclusion[] = ['REJECTED', 'USER_ENDPOINT', 'QUARANTINE', 'MAINTENANCE', 'REPLACEMENT', 'DEVICE_FAULT'];

export interface PerformanceItem {
  requestId: string;
  srv: string;
  category: Category;
  tStartMs: number;
  /** Undefined while the response has not started to go out. */
  tStopMs?: number;
  responseCode: string;
  exclusion?: Exclusion;
}

/** dcc.md 13.4 defaults. */
export const TRT_MS: Readonly<Record<Category, number>> = {
  ON_DEMAND: 30_000, CRITICAL: 60_000, TRANSFORM: 30_000, LOCAL: 30_000, NON_DEVICE: 30_000, FUTURE_DATED: 30_000, SCHEDULED: 30_000, ALERT: 60_000,
};

function syncCategory(cv: number): Category {
  return cv === 4 ? 'TRANSFORM' : cv === 2 || cv === 6 ? 'LOCAL' : cv === 8 ? 'NON_DEVICE' : cv >= 5 ? 'CRITICAL' : 'ON_DEMAND';
}

/** The callback events of the log: first POST and undelivered, by RequestID. */
export const CALLBACK_FIRST_POST = 'first-post';
export const CALLBACK_UNDELIVERED = 'undelivered';

export function itemsFromEvents(events: readonly DccEvent[]): PerformanceItem[] {
  const firstPost = new Map<string, number>();
  const undelivered = new Set<string>();
  const asyncCode = new Map<string, string>();
  for (const e of events) {
    if (e.kind === 'CALLBACK' && e.requestId && e.detail === CALLBACK_FIRST_POST && !firstPost.has(e.requestId)) firstPost.set(e.requestId, e.tMs);
    if (e.kind === 'CALLBACK' && e.requestId && e.detail === CALLBACK_UNDELIVERED) undelivered.add(e.requestId);
    if (e.kind === 'RESPONSE' && e.requestId && e.responseCode) asyncCode.set(e.requestId, e.responseCode);
  }
  const items: PerformanceItem[] = [];
  for (const e of events) {
    if (e.kind === 'DEVICE_ALERT' && e.requestId) {
      const stop = firstPost.get(e.requestId);
      items.push({ requestId: e.requestId, srv: '-', category: 'ALERT', tStartMs: e.tMs, ...(stop !== undefined ? { tStopMs: stop } : {}), responseCode: 'I0', ...(undelivered.has(e.requestId) ? { exclusion: 'USER_ENDPOINT' as const } : {}) });
      continue;
    }
    if (e.kind !== 'REQUEST' || !e.requestId || e.cv === undefined || !e.responseCode) continue;
    // Schema and signature failures never reach access control and are not in the CPMs (dcc.md 14 #11).
    if (e.responseCode === 'SchemaFailure' || e.responseCode === 'SignatureFailure') continue;
    const category: Category = e.detail === 'SCHEDULED' ? 'SCHEDULED' : e.detail === 'FUTURE_DATED' ? 'FUTURE_DATED' : syncCategory(e.cv);
    const base = { requestId: e.requestId, srv: e.srv ?? '-', category, tStartMs: e.tMs };
    if (!e.responseCode.startsWith('I')) {
      items.push({ ...base, tStopMs: e.tMs, responseCode: e.responseCode, exclusion: 'REJECTED' });
    } else if (e.detail?.startsWith('QUARANTINE')) {
      items.push({ ...base, tStopMs: e.tMs, responseCode: e.responseCode, exclusion: 'QUARANTINE' });
    } else if (e.responseCode === 'I99' && (category === 'ON_DEMAND' || category === 'CRITICAL' || category === 'SCHEDULED' || category === 'FUTURE_DATED')) {
      const stop = firstPost.get(e.requestId);
      items.push({ ...base, ...(stop !== undefined ? { tStopMs: stop } : {}), responseCode: asyncCode.get(e.requestId) ?? 'I99', ...(undelivered.has(e.requestId) ? { exclusion: 'USER_ENDPOINT' as const } : {}) });
    } else {
      items.push({ ...base, tStopMs: e.tMs, responseCode: e.responseCode });
    }
  }
  return items;
}
