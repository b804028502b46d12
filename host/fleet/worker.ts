import { parentPort, workerData } from 'node:worker_threads';
import { runFleetSlice, type FleetJob } from './fleet-slice.js';

// Entry of a fleet worker thread (bundled to dist/fleet-worker.js): runs one slice and posts
// its progress (virtual days done) and its result. A failure is posted as text with its stack,
// and the main thread reports it with the reproduce command.

const port = parentPort;
if (!port) throw new Error('host/fleet/worker.ts runs as a worker thread');
try {
  const result = runFleetSlice(workerData as FleetJob, (days) => port.postMessage({ type: 'day', days }));
  port.postMessage({ type: 'done', result });
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}
