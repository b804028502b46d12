import { readFileSync, writeFileSync } from 'node:fs';
import { decode, encode } from 'cbor-x';
import { ConfigError } from '../../gbcs/errors.js';
import type { FirmwareBuild } from '../firmware.js';
import type { RefusalRule } from '../local-inputs.js';
import type { RunResult } from '../premises.js';
import type { Scenario } from '../scenario/scenario.js';
import { validateScenario } from '../scenario/validate.js';
import { TRACE_KINDS, traceKindCode, type TraceEvent } from '../trace.js';

// Trace files (issue 8 point B): what a run needs to be re-run (the scenario document itself,
// the seed, the days, the firmware build, the refusal rules) and every event it recorded, in
// CBOR (cbor-x). `smartmeter replay FILE` re-runs the run and compares the events and the hash.

export const TRACE_FORMAT = 'smartmeter-trace';
export const TRACE_FILE_VERSION = 1;
/** Trace files larger than this are refused on reading. */
export const TRACE_FILE_BYTES_MAX = 1 << 30;

export interface TraceRunParameters {
  scenario: Scenario;
  scenarioSource: string;
  seed: string;
  days: number;
  build: FirmwareBuild;
  refusals: RefusalRule[];
}

/** One event: premises, kind code, virtual time, device EUI, channel, bytes. */
export type TraceFileEvent = [number, number, number, string, number, Uint8Array];

export interface TraceFile {
  format: typeof TRACE_FORMAT;
  version: number;
  run: TraceRunParameters;
  premisesHashes: string[];
  traceHash: string;
  events: TraceFileEvent[];
}

/** The trace file of a run: simulate's RunResult, or a fleet's totals (the same premises hashes and events). */
export function traceFileOf(run: TraceRunParameters, result: Pick<RunResult, 'events' | 'premisesHashes' | 'traceHash'>): TraceFile {
  const events: TraceFileEvent[] = [];
  (result.events ?? []).forEach((list, premises) => {
    for (const e of list) events.push([premises, traceKindCode(e.kind), e.atMs, e.deviceId, e.channel, e.bytes]);
  });
  return { format: TRACE_FORMAT, version: TRACE_FILE_VERSION, run, premisesHashes: result.premisesHashes, traceHash: result.traceHash, events };
}

export function writeTraceFile(path: string, file: TraceFile): void {
  writeFileSync(path, encode(file));
}

export function readTraceFile(path: string): TraceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError('bad-trace', `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (bytes.length > TRACE_FILE_BYTES_MAX) throw new ConfigError('bad-trace', `${path}: larger than ${TRACE_FILE_BYTES_MAX} bytes`);
  let doc: TraceFile;
  try {
    doc = decode(bytes) as TraceFile;
  } catch (error) {
    throw new ConfigError('bad-trace', `${path}: not a CBOR trace file (${(error as Error).message})`);
  }
  if (doc?.format !== TRACE_FORMAT) throw new ConfigError('bad-trace', `${path}: format is not '${TRACE_FORMAT}'`);
  if (doc.version !== TRACE_FILE_VERSION) throw new ConfigError('bad-trace', `${path}: version ${doc.version}, this emulator reads ${TRACE_FILE_VERSION}`);
  doc.run.scenario = validateScenario(doc.run.scenario, `${path}: run.scenario`);
  return doc;
}

/** The first event where two event lists differ, described for a person; undefined when equal. */
export function firstDifference(expected: readonly TraceFileEvent[], actual: readonly TraceFileEvent[]): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = expected[i];
    const b = actual[i];
    if (a && b && a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && Buffer.compare(Buffer.from(a[5]), Buffer.from(b[5])) === 0) continue;
    return `event ${i}: recorded ${describe(a)}, re-run ${describe(b)}`;
  }
  return undefined;
}

function describe(e: TraceFileEvent | undefined): string {
  if (!e) return '(none)';
  const [premises, kind, atMs, device, channel, bytes] = e;
  const hex = Buffer.from(bytes).toString('hex');
  return `premises ${premises} ${TRACE_KINDS[kind] ?? kind} ${device} at ${new Date(atMs).toISOString()} channel ${channel} ${bytes.length} bytes ${hex.slice(0, 48)}${hex.length > 48 ? '…' : ''}`;
}

export type { TraceEvent };
