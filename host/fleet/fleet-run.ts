import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EmulatorError } from '../../gbcs/errors.js';
import { combineTraceHashes } from '../world/world-run.js';
import { runFleetSlice, sliceRanges, type FleetJob, type FleetSliceResult } from './fleet-slice.js';

// A fleet over worker threads (issue 8 point D): the premises are cut into contiguous slices,
// one per worker; each worker runs its slice with many device contexts per firmware instance.
// Results are combined in premises order, never in completion order, so the trace hash does not
// depend on the worker count. One worker runs in the calling thread.

export const WORKERS_MAX = 64;

export interface FleetTotals extends Omit<FleetSliceResult, 'first' | 'premisesHashes'> {
  premises: number;
  premisesHashes: string[];
  traceHash: string;
  workers: number;
}

export class FleetRunError extends EmulatorError {
  override name = 'FleetRunError';
}

/** The bundled worker next to dist/cli.js, or dist/fleet-worker.js when running from sources. */
export function workerPath(): string {
  const here = new URL(import.meta.url);
  const bundled = new URL('./fleet-worker.js', here);
  if (here.pathname.endsWith('/dist/cli.js') || existsSync(fileURLToPath(bundled))) return fileURLToPath(bundled);
  return fileURLToPath(new URL('../../dist/fleet-worker.js', here));
}

export async function runFleet(job: Omit<FleetJob, 'first' | 'count'>, total: number, workers: number, onDay?: (workerIndex: number, days: number) => void): Promise<FleetTotals> {
  if (!Number.isInteger(workers) || workers < 1 || workers > WORKERS_MAX) throw new RangeError(`workers must be 1..${WORKERS_MAX}`);
  const ranges = sliceRanges(total, workers);
  const reproduce = `smartmeter fleet --scenario ${job.scenarioSource} --premises ${total} --days ${job.days} --seed ${job.seed}`;
  let slices: FleetSliceResult[];
  if (ranges.length === 1) {
    try {
      slices = [runFleetSlice({ ...job, ...ranges[0]! }, (d) => onDay?.(0, d))];
    } catch (error) {
      if (error instanceof EmulatorError) throw new FleetRunError(`${error.message} (fleet: ${reproduce})`);
      throw error;
    }
  } else {
    const path = workerPath();
    slices = await Promise.all(ranges.map((range, i) => new Promise<FleetSliceResult>((resolve, reject) => {
      const worker = new Worker(path, { workerData: { ...job, ...range } });
      worker.on('message', (m: { type: string; days?: number; result?: FleetSliceResult; message?: string }) => {
        if (m.type === 'day') onDay?.(i, m.days!);
        else if (m.type === 'done') resolve(m.result!);
        else reject(new FleetRunError(`worker ${i} (premises ${range.first}..${range.first + range.count - 1}): ${m.message} (reproduce: ${reproduce} --workers ${workers})`));
      });
      worker.on('error', (error) => reject(new FleetRunError(`worker ${i}: ${error.message} (reproduce: ${reproduce} --workers ${workers})`)));
      worker.on('exit', (code) => { if (code !== 0) reject(new FleetRunError(`worker ${i} exited with ${code} (reproduce: ${reproduce})`)); });
    })));
  }
  // Promise.all keeps the order of `ranges`: premises order, whatever finished first.
  const premisesHashes = slices.flatMap((s) => s.premisesHashes);
  const sum = (pick: (s: FleetSliceResult) => number) => slices.reduce((n, s) => n + pick(s), 0);
  return {
    premises: total, workers: ranges.length, premisesHashes, traceHash: combineTraceHashes(premisesHashes),
    devices: sum((s) => s.devices), messages: sum((s) => s.messages), wanMessages: sum((s) => s.wanMessages),
    commandsSent: sum((s) => s.commandsSent), responsesVerified: sum((s) => s.responsesVerified), readsMatchingMeter: sum((s) => s.readsMatchingMeter),
    powerCuts: sum((s) => s.powerCuts), wanHeld: sum((s) => s.wanHeld), wanLost: sum((s) => s.wanLost), wanExpired: sum((s) => s.wanExpired),
    eventsRun: sum((s) => s.eventsRun), wasmBytes: sum((s) => s.wasmBytes), instances: sum((s) => s.instances),
    ...(job.capture ? { events: slices.flatMap((s) => s.events ?? []) } : {}),
  };
}
