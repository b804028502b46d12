import type { PremisesGroup } from '../scenario/scenario.js';
import type { GsmeStats, PremisesStats, UseCaseCounts } from './premises-stats.js';
import { PARTY_EUI } from './world-context.js';

// Summaries of a run's premises for `simulate` (host/premises.ts): per remote party what it sent
// and what the answers said, per use case, and the HAN and GSME figures over all premises.

export interface RemotePartySummary {
  premises: number;
  eui: string;
  role: string;
  commandsSent: number;
  /** Answers to its commands that verified (MAC or signature) at the DCC. */
  responsesVerified: number;
  /** Device messages of the premises that failed verification (not attributable to one party). */
  responsesRejected: number;
  /** ECS17a reads whose export register value equalled the meter's own register when it answered. */
  readsMatchingMeter: number;
  lastExportActiveWhRead: number | null;
  useCases: Record<string, UseCaseCounts>;
}

export interface HanSummary {
  relayed: number;
  retries: number;
  lost: number;
  notJoined: number;
  /** Device-to-device frames and HAN reads the recipient refused (a bad MAC, a replay, an unbound sender). */
  refused: number;
}

/** The parties of a premises: those with reading habits, then the supplier when it tops up. */
export function remoteParties(index: number, group: PremisesGroup, stats: PremisesStats): RemotePartySummary[] {
  const parties = new Map<string, string[]>();
  const add = (party: string, useCase: string) => {
    const list = parties.get(party) ?? [];
    if (!list.includes(useCase)) list.push(useCase);
    parties.set(party, list);
  };
  for (const r of group.reads) add(r.party, r.useCase);
  // Keypad top-ups are the consumer's, not a remote party's command (counted as 'CS01a keypad').
  for (const t of group.topUps) if (t.entry === 'remote') add('SUPPLIER', t.useCase);
  for (const c of group.tariffChanges) add('SUPPLIER', c.useCase);
  for (const u of group.firmwareUpdates) if (u.activateAfterHours !== undefined) add('SUPPLIER', 'CS06');
  return [...parties].map(([role, useCases]) => {
    const counts: Record<string, UseCaseCounts> = {};
    for (const u of useCases) counts[u] = stats.useCases[u] ?? { sent: 0, answered: 0, refused: 0, matching: 0 };
    const sum = (pick: (c: UseCaseCounts) => number) => Object.values(counts).reduce((n, c) => n + pick(c), 0);
    const esme = useCases.includes('ECS17a');
    return {
      premises: index, eui: PARTY_EUI[role as keyof typeof PARTY_EUI], role, commandsSent: sum((c) => c.sent), responsesVerified: sum((c) => c.answered),
      responsesRejected: stats.responsesRejected, readsMatchingMeter: esme ? stats.readsMatchingMeter : 0,
      lastExportActiveWhRead: esme ? stats.lastExportActiveWhRead : null, useCases: counts,
    };
  });
}

export function totalUseCases(all: readonly PremisesStats[]): Record<string, UseCaseCounts> {
  const out: Record<string, UseCaseCounts> = {};
  for (const s of all) {
    for (const [u, c] of Object.entries(s.useCases)) {
      const t = (out[u] ??= { sent: 0, answered: 0, refused: 0, matching: 0 });
      t.sent += c.sent;
      t.answered += c.answered;
      t.refused += c.refused;
      t.matching += c.matching;
    }
  }
  return out;
}

export function totalHan(all: readonly PremisesStats[]): HanSummary {
  const t: HanSummary = { relayed: 0, retries: 0, lost: 0, notJoined: 0, refused: 0 };
  for (const s of all) {
    t.relayed += s.han.relayed;
    t.retries += s.han.retries;
    t.lost += s.han.lost;
    t.notJoined += s.han.notJoined;
    t.refused += s.han.refused;
  }
  return t;
}

const MAX_FIELDS: ReadonlySet<keyof GsmeStats> = new Set(['queueWaitMsMax', 'queueLengthMax']);

export function totalGsme(all: readonly PremisesStats[]): GsmeStats {
  const t = structuredClone(all[0]!.gsme);
  for (const s of all.slice(1)) {
    for (const key of Object.keys(t) as (keyof GsmeStats)[]) t[key] = MAX_FIELDS.has(key) ? Math.max(t[key], s.gsme[key]) : t[key] + s.gsme[key];
  }
  return t;
}
