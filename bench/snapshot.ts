// Benchmark (issue 8 point C): how long a snapshot of one premises takes (its devices' firmware
// snapshots plus its host state: event queue, PRNG streams, head-end counters, WAN link, trace
// hash state) and a restore into a new firmware instance, after one virtual day and after a
// year. Wall-clock reads are allowed here (a benchmark timer). Machine and seed are printed.
import { cpus } from 'node:os';
import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import { builtInScenario } from '../host/scenario/load.js';
import { ArenaPool } from '../host/world/arena.js';
import { restorePremises, snapshotPremises } from '../host/world/premises-snapshot.js';
import { DAY_MS } from '../host/world/uk-time.js';
import { worldContext } from '../host/world/world-context.js';
import { WorldRun } from '../host/world/world-run.js';

const seed = 1n;
const provider = createNodeProvider();
console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}; scenario default, seed ${seed}`);
for (const days of [1, 365]) {
  const ctx = worldContext(builtInScenario('default'), seed, provider, 'release', days + 1);
  const run = WorldRun.start(ctx, 0, 1);
  run.runUntil(ctx.startMs + days * DAY_MS);
  const premises = run.premises[0]!;
  const iterations = 2_000;
  for (let i = 0; i < 200; i++) snapshotPremises(premises); // warm-up
  let started = performance.now(); // wall-clock ok: benchmark timer
  let snap = snapshotPremises(premises);
  for (let i = 1; i < iterations; i++) snap = snapshotPremises(premises);
  const snapshotUs = ((performance.now() - started) * 1000) / iterations; // wall-clock ok: benchmark timer
  const pool = new ArenaPool(provider);
  const restores = 500;
  started = performance.now(); // wall-clock ok: benchmark timer
  for (let i = 0; i < restores; i++) restorePremises(ctx, pool, snap);
  const restoreUs = ((performance.now() - started) * 1000) / restores; // wall-clock ok: benchmark timer
  const deviceBytes = snap.devices.reduce((n, d) => n + d.length, 0);
  console.log(`after ${days} day(s): snapshot of a premises ${snapshotUs.toFixed(1)} µs (device images ${deviceBytes} bytes, ${snap.queue.events.length} queued events, ${snap.streams.length} PRNG streams); restore ${restoreUs.toFixed(1)} µs`);
}
