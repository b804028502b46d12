import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import { ConfigError, EmulatorError } from '../gbcs/errors.js';
import { MESSAGE_CODES } from '../gbcs/tables/message-codes.js';
import type { FirmwareBuild } from './firmware.js';
import { refusalRuleInput, type RefusalRule } from './local-inputs.js';
import { LedgerWatch } from './report/ledger-watch.js';
import type { PrepaymentReport } from './report/prepayment-report.js';
import { builtInScenario } from './scenario/load.js';
import type { Scenario } from './scenario/scenario.js';
import { Status, statusName } from './status.js';
import type { TraceEvent } from './trace.js';
import type { GsmeStats, PremisesStats, UseCaseCounts } from './world/premises-stats.js';
import { remoteParties, totalGsme, totalHan, totalUseCases, type HanSummary, type RemotePartySummary } from './world/run-summary.js';
import { DAY_MS } from './world/uk-time.js';
import { worldContext } from './world/world-context.js';
import { combineTraceHashes, WorldRun, type DeviceSummary, type WorldSnapshot } from './world/world-run.js';

// The premises runner behind `smartmeter simulate` (issue 3, issue 8): the premises of a
// scenario (by default host/scenarios/default.json: a hub (CHF + GPF), an ESME with half-hourly
// consumption and rooftop generation, a sleepy GSME and a PPMID on a seeded HAN; daily reads of
// both meters and weekly top-ups over a seeded SM WAN) run in virtual time in one process.
// Everything random comes from named streams of one seed;
// the run ends with its trace hash, the same hash `smartmeter fleet` prints for the scenario.

export { DAY_MS };
export { SUPPLIER_EUI, NETWORK_OPERATOR_EUI, ACB_EUI, PREMISES_PARTIES } from './world/world-context.js';
export type { DeviceSummary } from './world/world-run.js';
export type { RemotePartySummary } from './world/run-summary.js';
/** 2026-01-05T00:00:00Z, a Monday: the default start of a run (the default scenario's start). */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 5);
export const DEFAULT_ESME_EUI = '00DB000000000001';

export interface PremisesOptions {
  seed: bigint;
  /** Virtual days; the scenario's own when omitted. */
  days?: number;
  /** The scenario (validated); the built-in default when omitted. */
  scenario?: Scenario;
  /** How the scenario was named on the command line (for the reproduce line). */
  scenarioSource?: string;
  build?: FirmwareBuild;
  provider?: CryptoProvider;
  /** Device-level refusals applied to every ESME (fault injection, devices.md 1.3). */
  refusals?: readonly RefusalRule[];
  /** Keep every trace event (for trace files). */
  capture?: boolean;
  /** Called after each virtual day with the virtual time reached (progress bars). */
  onProgress?: (nowMs: number, startMs: number, endMs: number) => void;
  /** Stop at this virtual instant, hand the run to onSnapshot (it may write it to disk), then go on. */
  snapshotAtMs?: number;
  onSnapshot?: (run: WorldRun) => void;
  /** Continue from this snapshot (of a run of the same scenario, seed and days) instead of starting. */
  fromSnapshot?: WorldSnapshot;
  /** Watch the first premises' prepayment ESME for a report (host/report/), returned as `prepayment`. */
  report?: boolean;
}

export interface RunResult {
  scenario: string;
  seed: string;
  days: number;
  start: string;
  end: string;
  premises: number;
  devices: DeviceSummary[];
  remoteParties: RemotePartySummary[];
  /** Every remote-party use case over all premises: sent, answered, refused, answered with the expected register. */
  useCases: Record<string, UseCaseCounts>;
  /** HAN frames relayed by the hubs (devices 7.4). */
  han: HanSummary;
  /** GSME wakes, mirror updates, time synchronisation and the hubs' GSME command queues (devices 6.2, 6.3); all zero without a GSME. */
  gsme: GsmeStats;
  /** The gas registers (dm3) of the premises' GSMEs at the end, and as their GPF mirrors last received them. */
  gas: { premises: number; volumeDm3: number; mirrorVolumeDm3: number; mirrorSyncAt: string; batteryDays: number }[];
  faults: Pick<PremisesStats, 'wan' | 'clockSyncs' | 'clockErrorMsMax' | 'powerCuts' | 'powerRestorations'>;
  scheduledEvents: number;
  traceEvents: number;
  /** Each premises' trace hash, in premises order. */
  premisesHashes: string[];
  traceHash: string;
  reproduce: string;
  /** With `capture`: every premises' events. */
  events?: TraceEvent[][];
  /** With `report`: what the first premises' prepayment ESME recorded, day by day. */
  prepayment?: PrepaymentReport;
}

export class PremisesRunError extends EmulatorError {
  override name = 'PremisesRunError';
}

export function runPremises(options: PremisesOptions): RunResult {
  const scenario = options.scenario ?? builtInScenario('default');
  const days = options.days ?? scenario.days;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const ctx = worldContext(scenario, options.seed, options.provider ?? createNodeProvider(), options.build ?? 'release', days, options.scenarioSource ?? scenario.name);
  for (const rule of options.refusals ?? []) ctx.reproduce += ` --refuse ${refusalText(rule)}`;
  const run = options.fromSnapshot ? WorldRun.restore(ctx, options.fromSnapshot) : WorldRun.start(ctx, 0, ctx.premisesCount, options.capture ?? false);
  if (!options.fromSnapshot) {
    for (const premises of run.premises) {
      for (const rule of options.refusals ?? []) {
        const status = premises.localInput(ctx.startMs, premises.roles.esme, refusalRuleInput(rule));
        if (status !== Status.OK) throw new PremisesRunError(`refusal rule refused: ${statusName(status)} (reproduce: ${ctx.reproduce})`);
      }
    }
  }
  const watch = options.report === true ? watchPrepayment(run, ctx.reproduce) : undefined;
  const onStep = options.onProgress ? (now: number) => options.onProgress!(now, ctx.startMs, ctx.endMs) : undefined;
  if (options.snapshotAtMs !== undefined) {
    if (options.snapshotAtMs < run.nowMs || options.snapshotAtMs > ctx.endMs) {
      throw new RangeError(`the snapshot instant must fall within the run (${new Date(ctx.startMs).toISOString()} .. ${new Date(ctx.endMs).toISOString()})`);
    }
    run.runUntil(options.snapshotAtMs, onStep);
    options.onSnapshot?.(run);
  }
  const results = run.finish(onStep);
  const total = (pick: (s: PremisesStats) => number) => results.reduce((n, r) => n + pick(r.stats), 0);
  const result: RunResult = {
    scenario: scenario.name,
    seed: options.seed.toString(),
    days,
    start: new Date(ctx.startMs).toISOString(),
    end: new Date(ctx.endMs).toISOString(),
    premises: results.length,
    devices: results.flatMap((r) => r.devices),
    remoteParties: run.premises.flatMap((p) => remoteParties(p.s.index, p.group, p.s.stats)),
    useCases: totalUseCases(results.map((r) => r.stats)),
    han: totalHan(results.map((r) => r.stats)),
    gsme: totalGsme(results.map((r) => r.stats)),
    gas: run.premises.filter((p) => p.roles.gsme >= 0).map((p) => ({
      premises: p.s.index, volumeDm3: p.s.han.gasVolumeDm3, mirrorVolumeDm3: p.s.han.mirrorVolumeDm3,
      mirrorSyncAt: new Date(p.s.han.mirrorSyncMs).toISOString(), batteryDays: p.s.han.batteryDays,
    })),
    faults: {
      wan: {
        delivered: total((s) => s.wan.delivered), held: total((s) => s.wan.held), lost: total((s) => s.wan.lost),
        expired: total((s) => s.wan.expired), noCoverage: total((s) => s.wan.noCoverage), queueFull: total((s) => s.wan.queueFull),
      },
      clockSyncs: total((s) => s.clockSyncs), clockErrorMsMax: Math.max(...results.map((r) => r.stats.clockErrorMsMax)),
      powerCuts: total((s) => s.powerCuts), powerRestorations: total((s) => s.powerRestorations),
    },
    scheduledEvents: results.reduce((n, r) => n + r.eventsRun, 0),
    traceEvents: results.reduce((n, r) => n + r.traceEvents, 0),
    premisesHashes: results.map((r) => r.traceHash),
    traceHash: combineTraceHashes(results.map((r) => r.traceHash)),
    reproduce: ctx.reproduce,
  };
  if (options.capture) result.events = run.capturedEvents();
  if (watch !== undefined) {
    const c = result.useCases.ECS01b;
    result.prepayment = watch.report(c === undefined ? 0 : c.answered - c.refused, options.seed);
  }
  return result;
}

/** The watch of the first premises' ESME, which must be a prepayment meter of a fresh run. */
function watchPrepayment(run: WorldRun, reproduce: string): LedgerWatch {
  const premises = run.premises[0];
  if (premises === undefined || premises.group.electricity.paymentMode !== 'prepayment' || run.nowMs > premises.ctx.startMs) {
    throw new ConfigError('bad-arguments', `a prepayment report needs a fresh run whose first premises has a prepayment ESME (reproduce: ${reproduce})`);
  }
  return new LedgerWatch(premises, premises.roles.esme);
}

function refusalText(rule: RefusalRule): string {
  const useCase = rule.messageCode === 0 ? '*' : MESSAGE_CODES.find((r) => r.code === rule.messageCode && r.kind === 'command')?.useCase ?? '*';
  return `${useCase}:${rule.kind}:${rule.target.classId}/${rule.target.obis}/${rule.target.member}:${rule.result}`;
}
