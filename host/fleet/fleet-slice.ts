import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import type { FirmwareBuild } from '../firmware.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TraceEvent } from '../trace.js';
import { validateScenario } from '../scenario/validate.js';
import { worldContext } from '../world/world-context.js';
import { WorldRun } from '../world/world-run.js';

// A slice of a fleet: premises [first, first + count) of a scenario, run in one thread (the
// main one or a worker). The slice's result carries each premises' trace hash in premises
// order, so the fleet's hash is the same however the premises are sliced.

export interface FleetJob {
  scenario: Scenario;
  scenarioSource: string;
  seed: string;
  days: number;
  build: FirmwareBuild;
  first: number;
  count: number;
  /** Keep every trace event (fleet --trace). */
  capture?: boolean;
}

export interface FleetSliceResult {
  first: number;
  premisesHashes: string[];
  devices: number;
  messages: number;
  wanMessages: number;
  commandsSent: number;
  responsesVerified: number;
  readsMatchingMeter: number;
  powerCuts: number;
  wanHeld: number;
  wanLost: number;
  wanExpired: number;
  eventsRun: number;
  /** Linear memory of the slice's firmware instances. */
  wasmBytes: number;
  instances: number;
  /** Each premises' trace events, in premises order, when the job captured them. */
  events?: TraceEvent[][];
}

export function runFleetSlice(job: FleetJob, onDay?: (daysDone: number) => void): FleetSliceResult {
  const scenario = validateScenario(job.scenario, job.scenarioSource);
  const ctx = worldContext(scenario, BigInt(job.seed), createNodeProvider(), job.build, job.days, job.scenarioSource);
  const run = WorldRun.start(ctx, job.first, job.count, job.capture ?? false);
  let day = 0;
  const results = run.finish(() => onDay?.(++day));
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    first: job.first,
    premisesHashes: results.map((r) => r.traceHash),
    devices: sum((r) => r.devices.length),
    messages: sum((r) => r.stats.messages),
    wanMessages: sum((r) => r.stats.wan.delivered),
    commandsSent: sum((r) => r.stats.commandsSent),
    responsesVerified: sum((r) => r.stats.responsesVerified),
    readsMatchingMeter: sum((r) => r.stats.readsMatchingMeter),
    powerCuts: sum((r) => r.stats.powerCuts),
    wanHeld: sum((r) => r.stats.wan.held),
    wanLost: sum((r) => r.stats.wan.lost),
    wanExpired: sum((r) => r.stats.wan.expired),
    eventsRun: sum((r) => r.eventsRun),
    wasmBytes: run.pool.memoryBytes,
    instances: run.pool.arenas.length,
    ...(job.capture ? { events: run.capturedEvents() } : {}),
  };
}

/** Splits premises 0..total-1 into `parts` contiguous slices (earlier slices one larger when uneven). */
export function sliceRanges(total: number, parts: number): { first: number; count: number }[] {
  const n = Math.max(1, Math.min(parts, total));
  const out: { first: number; count: number }[] = [];
  let first = 0;
  for (let i = 0; i < n; i++) {
    const count = Math.floor(total / n) + (i < total % n ? 1 : 0);
    out.push({ first, count });
    first += count;
  }
  return out;
}
