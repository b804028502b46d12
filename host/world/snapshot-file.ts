import { readFileSync, writeFileSync } from 'node:fs';
import { decode, encode } from 'cbor-x';
import { ConfigError } from '../../gbcs/errors.js';
import type { TraceRunParameters, TraceFileEvent } from '../replay/trace-file.js';
import { validateScenario } from '../scenario/validate.js';
import { TRACE_KINDS, traceKindCode, TraceRecorder } from '../trace.js';
import type { PremisesSnapshot } from './premises-snapshot.js';
import type { WorldRun, WorldSnapshot } from './world-run.js';

// Snapshots on disk (issue 8 point 3): `simulate --snapshot-at ISO --snapshot FILE` writes the
// run at a virtual instant, `simulate --from-snapshot FILE` continues it to the end with the
// trace hash of the uninterrupted run. The file is CBOR (cbor-x): the run parameters (the
// scenario document itself, seed, days, build), the firmware's ABI version (the reader checks
// it against its own: a device image is a memory copy, ARCHITECTURE.md principle 3) and each premises' snapshot
// (premises-snapshot.ts) as data. Two things do not serialise as they are and are carried as:
//   - the trace hash state (a node:crypto Hash): the premises' events since the run's start, which
//     the reader hashes again into a fresh recorder (so the writing run captures its events);
//   - head-end counters (bigint): decimal strings.

export const SNAPSHOT_FORMAT = 'smartmeter-snapshot';
export const SNAPSHOT_FILE_VERSION = 1;
/** Snapshot files larger than this are refused on reading. */
export const SNAPSHOT_FILE_BYTES_MAX = 1 << 30;

type DiskPremises = Omit<PremisesSnapshot, 'trace' | 'headEndCounters'> & {
  headEndCounters: [string, string][];
  traceEvents: TraceFileEvent[];
};

interface SnapshotFile {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  abiVersion: number;
  run: TraceRunParameters;
  atMs: number;
  premises: DiskPremises[];
}

/** Writes `run` (started with capture, so its events are at hand) as it is now. */
export function writeSnapshotFile(path: string, params: TraceRunParameters, run: WorldRun): void {
  const snapshot = run.snapshot();
  const premises = snapshot.premises.map((p, i): DiskPremises => {
    const captured = run.premises[i]!.s.trace.captured;
    if (captured === undefined) throw new Error('a snapshot written to disk needs a run that captures its trace events');
    const { trace: _, headEndCounters, ...rest } = p;
    return {
      ...rest,
      headEndCounters: headEndCounters.map(([k, v]) => [k, v.toString()]),
      traceEvents: captured.map((e) => [p.index, traceKindCode(e.kind), e.atMs, e.deviceId, e.channel, e.bytes]),
    };
  });
  const file: SnapshotFile = {
    format: SNAPSHOT_FORMAT, version: SNAPSHOT_FILE_VERSION, abiVersion: run.pool.arenas[0]?.firmware.abiVersion ?? 0, run: params, atMs: snapshot.atMs, premises,
  };
  writeFileSync(path, encode(file));
}

/** Reads a snapshot file: the run parameters and the world snapshot, its trace state rebuilt. */
export function readSnapshotFile(path: string): { run: TraceRunParameters; snapshot: WorldSnapshot; abiVersion: number } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError('bad-snapshot', `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes.length > SNAPSHOT_FILE_BYTES_MAX) throw new ConfigError('bad-snapshot', `${path}: larger than ${SNAPSHOT_FILE_BYTES_MAX} bytes`);
  let doc: SnapshotFile;
  try {
    doc = decode(bytes) as SnapshotFile;
  } catch (error) {
    throw new ConfigError('bad-snapshot', `${path}: not a CBOR snapshot file (${(error as Error).message})`);
  }
  if (doc?.format !== SNAPSHOT_FORMAT) throw new ConfigError('bad-snapshot', `${path}: format is not '${SNAPSHOT_FORMAT}'`);
  if (doc.version !== SNAPSHOT_FILE_VERSION) throw new ConfigError('bad-snapshot', `${path}: version ${doc.version}, this emulator reads ${SNAPSHOT_FILE_VERSION}`);
  doc.run.scenario = validateScenario(doc.run.scenario, `${path}: run.scenario`);
  const premises = doc.premises.map((p): PremisesSnapshot => {
    const { traceEvents, headEndCounters, ...rest } = p;
    const trace = new TraceRecorder();
    for (const [, kind, atMs, deviceId, channel, eventBytes] of traceEvents) {
      trace.record(TRACE_KINDS[kind]!, atMs, deviceId, channel, new Uint8Array(eventBytes));
    }
    return {
      ...rest,
      devices: rest.devices.map((d) => new Uint8Array(d)),
      persisted: rest.persisted.map((d) => new Uint8Array(d)),
      expected: rest.expected.map(([k, v]) => [k, v] as [string, number]),
      headEndCounters: headEndCounters.map(([k, v]) => [k, BigInt(v)]),
      trace,
    };
  });
  return { run: doc.run, snapshot: { atMs: doc.atMs, premises }, abiVersion: doc.abiVersion };
}
