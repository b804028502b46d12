import { createHash } from 'node:crypto';
import { readDeviceCounters } from '../device-view.js';
import { readIhd, readPpmid, type IhdView, type PpmidView } from '../han-device-view.js';
import { ArenaPool } from './arena.js';
import type { PremisesStats } from './premises-stats.js';
import { restorePremises, snapshotPremises, type PremisesSnapshot } from './premises-snapshot.js';
import { PremisesWorld } from './premises-world.js';
import { DAY_MS } from './uk-time.js';
import type { WorldContext } from './world-context.js';
import type { TraceEvent } from '../trace.js';

// A run of premises [first, first + count) of a scenario in one process: their devices share
// firmware instances (ArenaPool), each premises keeps its own events, streams and trace, and
// the run advances all of them together in steps (a day by default), so it can be snapshot at
// any step and its figures reported as it goes. Premises never interact, so how premises are
// split over processes changes nothing any of them sees.

export interface DeviceSummary {
  eui: string;
  deviceType: string;
  messagesIn: number;
  messagesOut: number;
  rejected: number;
  alerts: number;
  importActiveWh: number;
  exportActiveWh: number;
  importReactiveVarh: number;
  logPages: number;
  clockS: number;
  /** HAN frames the hub relayed to and from the device (0 for the hub's own CHF and GPF, and without a hub). */
  hanIn: number;
  hanOut: number;
  /** A PPMID's keypad top-ups and an IHD's display, as the devices hold them (host/han-device-view.ts). */
  ppmid?: PpmidView;
  ihd?: IhdView;
}

export interface PremisesResult {
  index: number;
  devices: DeviceSummary[];
  stats: PremisesStats;
  eventsRun: number;
  traceEvents: number;
  traceHash: string;
}

/** The hash of a run: SHA-256 over the premises' trace hashes in premises order (independent of workers). */
export function combineTraceHashes(hashes: readonly string[]): string {
  const h = createHash('sha256');
  for (const x of hashes) h.update(x, 'hex');
  return h.digest('hex');
}

export class WorldRun {
  readonly pool: ArenaPool;
  readonly premises: PremisesWorld[] = [];

  private constructor(readonly ctx: WorldContext) {
    this.pool = new ArenaPool(ctx.provider, ctx.build);
  }

  static start(ctx: WorldContext, first: number, count: number, capture = false): WorldRun {
    const run = new WorldRun(ctx);
    for (let i = first; i < first + count; i++) run.premises.push(PremisesWorld.create(ctx, run.pool, i, capture));
    return run;
  }

  /** A run continuing from a snapshot in new firmware instances; `reseed` forks it onto other random streams. */
  static restore(ctx: WorldContext, snapshot: WorldSnapshot, reseed?: bigint): WorldRun {
    const run = new WorldRun(ctx);
    for (const p of snapshot.premises) run.premises.push(restorePremises(ctx, run.pool, p, reseed));
    run.nowMs = snapshot.atMs;
    return run;
  }

  nowMs = 0;

  /** Advances every premises to endMs, in steps of stepMs, calling onStep after each. */
  runUntil(endMs: number, onStep?: (nowMs: number) => void, stepMs = DAY_MS): void {
    const target = Math.min(endMs, this.ctx.endMs);
    let t = Math.max(this.nowMs, this.ctx.startMs);
    while (t < target) {
      t = Math.min(t + stepMs, target);
      for (const p of this.premises) p.runUntil(t);
      this.nowMs = t;
      onStep?.(t);
    }
  }

  /** Runs to the end of the run and brings every device clock there. */
  finish(onStep?: (nowMs: number) => void): PremisesResult[] {
    this.runUntil(this.ctx.endMs, onStep);
    for (const p of this.premises) p.finish(this.ctx.endMs);
    return this.results();
  }

  results(): PremisesResult[] {
    return this.premises.map((p) => ({
      index: p.s.index,
      devices: p.homes.map((home, d) => {
        const c = readDeviceCounters(home.arena.firmware, home.slot);
        return {
          eui: p.euis[d]!, deviceType: p.group.devices[d]!, messagesIn: c.messagesIn, messagesOut: c.messagesOut, rejected: c.rejectedCount,
          alerts: c.alertsRaised, importActiveWh: c.importActiveWh, exportActiveWh: c.exportActiveWh, importReactiveVarh: c.importReactiveVarh,
          logPages: c.pageCount, clockS: c.clockS, hanIn: p.s.stats.devices[d]?.hanIn ?? 0, hanOut: p.s.stats.devices[d]?.hanOut ?? 0,
          ...(p.types[d] === 'PPMID' ? { ppmid: readPpmid(home.arena.firmware, home.slot) } : {}),
          ...(p.types[d] === 'IHD' ? { ihd: readIhd(home.arena.firmware, home.slot) } : {}),
        };
      }),
      stats: p.s.stats,
      eventsRun: p.s.queue.eventsRun,
      traceEvents: p.s.trace.events,
      traceHash: p.s.trace.digest(),
    }));
  }

  /** Every premises' captured trace events (runs started with capture), in premises order. */
  capturedEvents(): TraceEvent[][] {
    return this.premises.map((p) => p.s.trace.captured ?? []);
  }

  snapshot(): WorldSnapshot {
    return { atMs: this.nowMs, premises: this.premises.map(snapshotPremises) };
  }
}

export interface WorldSnapshot {
  atMs: number;
  premises: PremisesSnapshot[];
}
