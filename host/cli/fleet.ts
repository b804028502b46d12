import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../gbcs/errors.js';
import { runFleet, WORKERS_MAX, type FleetTotals } from '../fleet/fleet-run.js';
import { createProgress } from '../progress-adapter.js';
import { loadScenario } from '../scenario/load.js';
import { PREMISES_MAX } from '../scenario/validate.js';
import { traceFileOf, writeTraceFile } from '../replay/trace-file.js';
import { parseDays, parseSeed } from './simulate.js';

// `smartmeter fleet`: N premises of a scenario over worker threads (by default full premises:
// hub, ESME, GSME, read daily and topped up weekly while half-hourly consumption flows in). Prints the figures and the trace
// hash, which does not depend on --workers. Wall time and memory are measured here: this file
// is a wall-clock edge (ARCHITECTURE.md), nothing it reads feeds the simulation.

function parseCount(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be an integer from 1 to ${max}`);
    return n;
  };
}

interface FleetOptions { premises?: number; days?: number; seed?: bigint; workers?: number; scenario: string; json?: boolean; debugFirmware?: boolean; trace?: string }

export interface FleetReport extends FleetTotals {
  scenario: string;
  seed: string;
  days: number;
  wallMs: number;
  messagesPerSecond: number;
  virtualDeviceDaysPerSecond: number;
  memory: { rssPeakBytes: number; rssBytesPerDevice: number; wasmBytesPerDevice: number; heapBytesPerDevice: number };
  reproduce: string;
}

export function fleetCommand(): Command {
  return new Command('fleet')
    .description('run N premises of a scenario (default: the built-in fleet scenario) over worker threads; prints throughput, memory and the trace hash')
    .option('--premises <n>', 'premises in the fleet (the scenario must have one premises group)', parseCount('premises', PREMISES_MAX))
    .option('--days <n>', "virtual days (default: the scenario's)", parseDays)
    // No bigint default: commander prints defaults in --help with JSON.stringify, which refuses bigints.
    .option('--seed <n>', 'master seed (default: 1)', parseSeed)
    .option('--workers <n>', `worker threads (default: the available cores, at most ${WORKERS_MAX}; 1 = this thread)`, parseCount('workers', WORKERS_MAX))
    .option('--scenario <name|file>', 'a built-in scenario or a scenario JSON file', 'fleet')
    .option('--json', 'print the figures as one JSON document')
    .option('--trace <file>', 'write every event of every premises to a CBOR trace file (smartmeter replay FILE re-runs it in one thread)')
    .option('--debug-firmware', 'run the debug build of the firmware')
    .action(async (options: FleetOptions) => {
      const scenario = loadScenario(options.scenario);
      if (options.premises !== undefined) {
        if (scenario.premises.length !== 1) throw new ConfigError('bad-scenario', `--premises needs a scenario with one premises group; ${options.scenario} has ${scenario.premises.length}`);
        scenario.premises[0]!.count = options.premises;
      }
      const total = scenario.premises.reduce((n, g) => n + g.count, 0);
      const seed = (options.seed ?? 1n).toString();
      const build = options.debugFirmware ? 'debug' : 'release';
      const days = options.days ?? scenario.days;
      const workers = Math.min(options.workers ?? availableParallelism(), total);
      const progress = createProgress(`fleet of ${total}`);
      const daysDone = new Array<number>(workers).fill(0);
      const rssBase = process.memoryUsage().rss;
      const heapBase = process.memoryUsage().heapUsed;
      let rssPeak = rssBase;
      let heapPeak = heapBase;
      const sample = () => {
        const m = process.memoryUsage();
        rssPeak = Math.max(rssPeak, m.rss);
        heapPeak = Math.max(heapPeak, m.heapUsed);
      };
      const started = performance.now(); // wall-clock ok: fleet wall time (CLI edge)
      let totals: FleetTotals;
      try {
        totals = await runFleet({ scenario, scenarioSource: options.scenario, seed, days, build, capture: options.trace !== undefined }, total, workers, (w, d) => {
          daysDone[w] = d;
          sample();
          progress.update(daysDone.reduce((a, b) => a + b, 0) / (days * daysDone.length));
        });
      } finally {
        progress.stop();
      }
      sample();
      const wallMs = Math.round(performance.now() - started); // wall-clock ok: fleet wall time (CLI edge)
      if (options.trace !== undefined) {
        // The scenario carries the fleet's premises count, so replay re-runs the same premises (in one thread: same hash).
        writeTraceFile(options.trace, traceFileOf({ scenario, scenarioSource: options.scenario, seed, days, build, refusals: [] }, totals));
        delete totals.events;
      }
      const report: FleetReport = {
        scenario: scenario.name, seed: (options.seed ?? 1n).toString(), days, ...totals, wallMs,
        messagesPerSecond: Math.round((totals.messages * 1000) / Math.max(wallMs, 1)),
        virtualDeviceDaysPerSecond: Math.round((totals.devices * days * 1000) / Math.max(wallMs, 1)),
        memory: {
          rssPeakBytes: rssPeak,
          rssBytesPerDevice: Math.round((rssPeak - rssBase) / totals.devices),
          wasmBytesPerDevice: Math.round(totals.wasmBytes / totals.devices),
          heapBytesPerDevice: Math.round((heapPeak - heapBase) / totals.devices),
        },
        reproduce: `smartmeter fleet --scenario ${options.scenario} --premises ${total} --days ${days} --seed ${options.seed ?? 1n}`,
      };
      if (options.json) {
        const { premisesHashes: _, ...rest } = report;
        process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
      } else process.stdout.write(formatFleet(report));
    });
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

export function formatFleet(r: FleetReport): string {
  return [
    `fleet: scenario ${r.scenario}, seed ${r.seed}, ${r.premises} premises, ${r.devices} devices, ${r.days} virtual day(s), ${r.workers} worker(s), ${r.instances} firmware instance(s)`,
    `messages: ${r.messages} (${r.wanMessages} over the SM WAN); commands sent ${r.commandsSent}, verified ${r.responsesVerified}, matching the meter ${r.readsMatchingMeter}`,
    `faults: WAN held ${r.wanHeld}, lost ${r.wanLost}, expired ${r.wanExpired}; power cuts ${r.powerCuts}`,
    `wall time: ${(r.wallMs / 1000).toFixed(2)} s; ${r.messagesPerSecond} messages/s; ${r.virtualDeviceDaysPerSecond} device-days/s`,
    `memory: peak RSS ${mib(r.memory.rssPeakBytes)}; per device: ${r.memory.rssBytesPerDevice} B RSS growth, ${r.memory.wasmBytesPerDevice} B wasm linear memory, ${r.memory.heapBytesPerDevice} B JS heap growth`,
    `reproduce: ${r.reproduce}`,
    `trace hash: ${r.traceHash}`,
    '',
  ].join('\n');
}
