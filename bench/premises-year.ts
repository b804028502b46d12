// Benchmark: the default premises for a virtual year. Prints the machine, what ran, the wall
// time and virtual days per wall second. Wall-clock reads are allowed here (a benchmark timer).
import { cpus } from 'node:os';
import { runPremises } from '../host/premises.js';

const days = Number(process.argv[2] ?? 365);
const seed = 1n;
runPremises({ seed, days: 7 }); // warm-up: compile the firmware, JIT the host
const started = performance.now(); // wall-clock ok: benchmark timer
const result = runPremises({ seed, days });
const wallMs = performance.now() - started; // wall-clock ok: benchmark timer
console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}`);
console.log(`ran: default premises (1 ESME, half-hourly consumption, daily ECS17a reads), seed ${seed}, ${days} virtual days`);
console.log(`events: ${result.traceEvents} traced; trace hash ${result.traceHash}`);
console.log(`wall: ${wallMs.toFixed(1)} ms; ${(days / (wallMs / 1000)).toFixed(0)} virtual days per wall second`);
