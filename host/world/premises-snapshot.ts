import { HeadEnd } from '../head-end.js';
import { PrngStreams } from '../prng.js';
import { Status, statusName } from '../status.js';
import type { ArenaPool } from './arena.js';
import { EventQueue, type EventQueueState } from './event-queue.js';
import type { HanState } from './han-state.js';
import { copyStats, type PremisesStats } from './premises-stats.js';
import { PremisesWorld, type DeviceClock } from './premises-world.js';
import { WanLink, type BlockedSpan } from './wan-link.js';
import { ACB_EUI, type WorldContext } from './world-context.js';

// Snapshot, restore and fork of one premises (issue 8 point C, ARCHITECTURE.md principle 4):
// the devices are firmware snapshots (context + log pages, a memory copy); the host state is the
// data the premises is made of: event queue, PRNG stream states, head-end counters, WAN link
// state, counters, clocks, power state and the HAN state (GSME queue, gas register, mirror). The trace hash state is a copy of the running hash
// (in-process: a hash state does not serialise, so a snapshot written to disk carries the
// events since the run's start instead: world/snapshot-file.ts).

export interface PremisesSnapshot {
  index: number;
  atMs: number;
  devices: Uint8Array[];
  queue: EventQueueState;
  streams: [string, [number, number, number, number]][];
  headEndCounters: [string, bigint][];
  wan: { inFlight: number; spans: BlockedSpan[] };
  stats: PremisesStats;
  expected: [string, number][];
  clocks: DeviceClock[];
  powered: boolean;
  persisted: Uint8Array[];
  han: HanState;
  trace: PremisesWorld['s']['trace'];
}

export function snapshotPremises(world: PremisesWorld): PremisesSnapshot {
  const s = world.s;
  return {
    index: s.index,
    atMs: s.queue.nowMs,
    devices: world.homes.map((home) => home.arena.firmware.snapshotDevice(home.slot)),
    queue: s.queue.exportState(),
    streams: s.streams.exportState(),
    headEndCounters: s.headEnd.exportCounters(),
    wan: { inFlight: s.link.inFlight, spans: s.link.blockedSpans.map((x) => ({ ...x })) },
    stats: copyStats(s.stats),
    expected: [...s.expected],
    clocks: s.clocks.map((c) => ({ ...c })),
    powered: s.powered,
    persisted: s.persisted.map((p) => p.slice()),
    han: structuredClone(s.han),
    trace: s.trace.fork(),
  };
}

/**
 * A premises continuing from a snapshot, its devices in new slots of `pool`. With `reseed` the
 * random streams start afresh from that seed (a fork takes a different future); the keys, the
 * already-drawn outages and power cuts stay those of the original run.
 */
export function restorePremises(ctx: WorldContext, pool: ArenaPool, snap: PremisesSnapshot, reseed?: bigint): PremisesWorld {
  const homes = pool.allocate(snap.devices.length);
  homes.forEach((home, d) => {
    const status = home.arena.firmware.restoreDevice(home.slot, snap.devices[d]!);
    if (status !== Status.OK) throw new Error(`restoreDevice of premises ${snap.index} device ${d} returned ${statusName(status)}`);
  });
  const streams = new PrngStreams(reseed ?? ctx.seed);
  if (reseed === undefined) streams.importState(snap.streams);
  const headEnd = new HeadEnd(ctx.provider, ctx.keys, ACB_EUI);
  headEnd.importCounters(snap.headEndCounters);
  const link = new WanLink(ctx.wan, snap.wan.spans.map((x) => ({ ...x })));
  link.inFlight = snap.wan.inFlight;
  return new PremisesWorld(ctx, homes, {
    index: snap.index,
    queue: EventQueue.fromState(snap.queue),
    streams,
    trace: snap.trace.fork(),
    headEnd,
    link,
    stats: copyStats(snap.stats),
    expected: new Map(snap.expected),
    clocks: snap.clocks.map((c) => ({ ...c })),
    powered: snap.powered,
    persisted: snap.persisted.map((p) => p.slice()),
    han: structuredClone(snap.han),
  });
}
