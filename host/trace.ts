import { createHash, type Hash } from 'node:crypto';

// The trace recorder: every event delivered to or emitted by a device is hashed, in order,
// with its virtual time, device and bytes. Same seed, same hash (the determinism tests).

export type TraceKind = 'deliver' | 'emit' | 'create' | 'status';

const KIND_CODES: Record<TraceKind, number> = { create: 1, deliver: 2, emit: 3, status: 4 };

export class TraceRecorder {
  private readonly hash: Hash = createHash('sha256');
  private readonly header = Buffer.alloc(24);
  events = 0;

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
  }

  /** The SHA-256 of everything recorded so far, as hex (the recorder stays usable). */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
