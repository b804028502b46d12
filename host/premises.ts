import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import { EmulatorError } from '../gbcs/errors.js';
import { MESSAGE_CODES } from '../gbcs/tables/message-codes.js';
import type { FirmwareBuild } from './firmware.js';
import { refusalRuleInput, type RefusalRule } from './local-inputs.js';
import { builtInScenario } from './scenario/load.js';
import type { Scenario } from './scenario/scenario.js';
import { Status, statusName } from './status.js';
import type { TraceEvent } from './trace.js';
import type { PremisesStats } from './world/premises-stats.js';
import { DAY_MS } from './world/uk-time.js';
import { PARTY_EUI, worldContext } from './world/world-context.js';
import { combineTraceHashes, WorldRun, type DeviceSummary } from './world/world-run.js';

// The premises runner behind `smartmeter simulate` (issue 3, issue 8): the premises of a
// scenario (by default host/scenarios/default.json: one ESME with half-hourly consumption and
// rooftop generation, read daily by the network operator with ECS17a over a seeded SM WAN)
// run in virtual time in one process. Everything random comes from named streams of one seed;
// the run ends with its trace hash, the same hash `smartmeter fleet` prints for the scenario.

export { DAY_MS };
export { SUPPLIER_EUI, NETWORK_OPERATOR_EUI, ACB_EUI, PREMISES_PARTIES } from './world/world-context.js';
export type { DeviceSummary } from './world/world-run.js';
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
}

export interface RemotePartySummary {
  premises: number;
  eui: string;
  role: string;
  commandsSent: number;
  responsesVerified: number;
  responsesRejected: number;
  /** Reads whose export register value equalled the meter's own register when it answered. */
  readsMatchingMeter: number;
  lastExportActiveWhRead: number | null;
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
  faults: Pick<PremisesStats, 'wan' | 'clockSyncs' | 'clockErrorMsMax' | 'powerCuts' | 'powerRestorations'>;
  scheduledEvents: number;
  traceEvents: number;
  /** Each premises' trace hash, in premises order. */
  premisesHashes: string[];
  traceHash: string;
  reproduce: string;
  /** With `capture`: every premises' events. */
  events?: TraceEvent[][];
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
  const run = WorldRun.start(ctx, 0, ctx.premisesCount, options.capture ?? false);
  for (const premises of run.premises) {
    for (const rule of options.refusals ?? []) {
      const status = premises.localInput(ctx.startMs, 0, refusalRuleInput(rule));
      if (status !== Status.OK) throw new PremisesRunError(`refusal rule refused: ${statusName(status)} (reproduce: ${ctx.reproduce})`);
    }
  }
  const results = run.finish(options.onProgress ? (now) => options.onProgress!(now, ctx.startMs, ctx.endMs) : undefined);
  const total = (pick: (s: PremisesStats) => number) => results.reduce((n, r) => n + pick(r.stats), 0);
  const result: RunResult = {
    scenario: scenario.name,
    seed: options.seed.toString(),
    days,
    start: new Date(ctx.startMs).toISOString(),
    end: new Date(ctx.endMs).toISOString(),
    premises: results.length,
    devices: results.flatMap((r) => r.devices),
    remoteParties: results.map((r) => {
      const party = run.premises[r.index]!.group.reads[0]?.party ?? 'NETWORK_OPERATOR';
      const s = r.stats;
      return {
        premises: r.index, eui: PARTY_EUI[party], role: party, commandsSent: s.commandsSent, responsesVerified: s.responsesVerified,
        responsesRejected: s.responsesRejected, readsMatchingMeter: s.readsMatchingMeter, lastExportActiveWhRead: s.lastExportActiveWhRead,
      };
    }),
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
  return result;
}

function refusalText(rule: RefusalRule): string {
  const useCase = rule.messageCode === 0 ? '*' : MESSAGE_CODES.find((r) => r.code === rule.messageCode && r.kind === 'command')?.useCase ?? '*';
  return `${useCase}:${rule.kind}:${rule.target.classId}/${rule.target.obis}/${rule.target.member}:${rule.result}`;
}
