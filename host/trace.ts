import { createHash, type Hash } from 'node:crypto';

// The trace recorder: every event delivered to or emitted by a device is hashed, in order,
// with its virtual time, device and bytes. Same seed, same hash (the determinism tests).

export type TraceKind = 'deliver' | 'emit' | 'create' | 'status' | 'world';

const KIND_CODES: Record<TraceKind, number> = { create: 1, deliver: 2, emit: 3, status: 4, world: 5 };
/** Trace kinds by code (trace files store the code). */
export const TRACE_KINDS: readonly TraceKind[] = ['create', 'create', 'deliver', 'emit', 'status', 'world'];
export function traceKindCode(kind: TraceKind): number {
  return KIND_CODES[kind];
}

/** One recorded event, kept when a run writes a trace file (--trace). */
export interface TraceEvent {
  kind: TraceKind;
  atMs: number;
  deviceId: string;
  channel: number;
  bytes: Uint8Array;
}

/** Events a trace file may hold; past it the run stops with a clear error (a trace is for reproducing, not archiving). */
export const TRACE_EVENTS_MAX = 2_000_000;

export class TraceRecorder {
  private hash: Hash = createHash('sha256');
  private readonly header = Buffer.alloc(24);
  events = 0;
  /** Set to an array to keep every event (trace files); undefined keeps only the hash. */
  captured: TraceEvent[] | undefined;

  record(kind: TraceKind, atMs: number, deviceId: string, channel: number, bytes: Uint8Array): void {
    const h = this.header;
    h.writeUInt32LE(KIND_CODES[kind], 0);
    h.writeDoubleLE(atMs, 4);
    h.writeUInt32LE(channel >>> 0, 12);
    h.writeUInt32LE(bytes.length, 16);
    h.writeUInt32LE(deviceId.length, 20);
    this.hash.update(h);
    this.hash.update(deviceId);
    this.hash.update(bytes);
    this.events++;
    if (this.captured) {
      if (this.captured.length >= TRACE_EVENTS_MAX) throw new RangeError(`trace file would exceed TRACE_EVENTS_MAX (${TRACE_EVENTS_MAX}) events: run fewer days or premises`);
      this.captured.push({ kind, atMs, deviceId, channel, bytes: bytes.slice() });
    }
  }

  /** A copy that continues independently (snapshots and forks, in-process: a hash state does not serialise). */
  fork(): TraceRecorder {
    const copy = new TraceRecorder();
    copy.hash = this.hash.copy();
    copy.events = this.events;
    return copy;
  }

  /** The SHA-256 of everything recorded so far, as hex (the recorder stays usable). */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
