// Measurement (issue 8 point H): memory per device after one virtual day and after a year, for
// the built-in fleet scenario. Reports the device's own state (its firmware snapshot: context +
// log pages), the firmware instance's linear memory divided by its devices, and the JS heap the
// host keeps per premises (after GC: run with node --expose-gc). Args: premises.
import { cpus } from 'node:os';
import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import { builtInScenario } from '../host/scenario/load.js';
import { DAY_MS } from '../host/world/uk-time.js';
import { worldContext } from '../host/world/world-context.js';
import { WorldRun } from '../host/world/world-run.js';

const premises = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const scenario = builtInScenario('fleet');
scenario.premises[0]!.count = premises;
const ctx = worldContext(scenario, 1n, createNodeProvider(), 'release', 365);
console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}; scenario fleet, seed 1, ${premises} premises; gc ${gc ? 'on' : 'off (numbers include garbage)'}`);
const heapBefore = heap();
const run = WorldRun.start(ctx, 0, premises);
const started = performance.now(); // wall-clock ok: benchmark timer
for (const days of [1, 365]) {
  run.runUntil(ctx.startMs + days * DAY_MS);
  const devices = run.premises.reduce((n, p) => n + p.homes.length, 0);
  const snapshotBytes = run.premises.reduce((n, p) => n + p.homes.reduce((m, h) => m + h.arena.firmware.snapshotDevice(h.slot).length, 0), 0);
  const wasm = run.pool.memoryBytes;
  const heapNow = heap();
  console.log(`after ${days} day(s) (${((performance.now() - started) / 1000).toFixed(1)} s wall): device state ${(snapshotBytes / devices).toFixed(0)} B/device (firmware snapshot); wasm linear memory ${wasm} B = ${(wasm / devices).toFixed(0)} B/device over ${run.pool.arenas.length} instance(s); host JS heap ${((heapNow - heapBefore) / devices).toFixed(0)} B/device`); // wall-clock ok: benchmark timer
}
