// Benchmark (issue 8 point D): the built-in fleet scenario (full premises: a hub of CHF + GPF,
// an ESME and a sleepy GSME each on a seeded HAN, half-hourly consumption, daily ECS17a /
// GCS13b / GCS33 reads and Saturday CS01a / CS01b top-ups over the SM WAN, drifting clocks,
// rare outages and power cuts) for N premises and D days, in this thread and over worker threads (the bundled worker:
// run `npm run build` first). Prints machine, seed, size, messages per second and memory per
// device. Wall-clock reads are allowed here (a benchmark timer). Args: premises days workers.
import { availableParallelism, cpus } from 'node:os';
import { runFleet } from '../host/fleet/fleet-run.js';
import { builtInScenario } from '../host/scenario/load.js';

const premises = Number(process.argv[2] ?? 500);
const days = Number(process.argv[3] ?? 2);
const workerCounts = [1, Number(process.argv[4] ?? availableParallelism())];
const seed = '1';
const scenario = builtInScenario('fleet');
scenario.premises[0]!.count = premises;
console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}; scenario fleet, seed ${seed}, ${premises} premises, ${days} days`);
for (const workers of workerCounts) {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const started = performance.now(); // wall-clock ok: benchmark timer
  const r = await runFleet({ scenario, scenarioSource: 'fleet', seed, days, build: 'release' }, premises, workers, () => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  });
  const wallS = (performance.now() - started) / 1000; // wall-clock ok: benchmark timer
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  console.log(`workers ${r.workers}: ${premises} premises, ${r.devices} devices; ${r.messages} messages (${r.wanMessages} WAN) in ${wallS.toFixed(2)} s = ${(r.messages / wallS).toFixed(0)} messages/s, ${((r.devices * days) / wallS).toFixed(0)} device-days/s; wasm ${(r.wasmBytes / r.devices).toFixed(0)} B/device, RSS growth ${((rssPeak - rssBefore) / r.devices).toFixed(0)} B/device; hash ${r.traceHash.slice(0, 16)}`);
}
