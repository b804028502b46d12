import type { PrngStream } from '../prng.js';

// The SM WAN link of one communications hub, as dcc.md 12.2 models it [A]: a coverage state
// (Connected, NoCoverage, Intermittent(p), Outage), a seeded latency distribution given by its
// median and p99 (default 5 s / 20 s), a loss chance, outages and the `wan` planned
// maintenance windows of 12.1. A message sent while the link is blocked is held and released
// when the block ends (12.1: "commands are queued and released at the end"), unless that is past
// its expiry. Integer arithmetic only: the latency distribution is a piecewise-linear quantile
// table, never exp/log.

export type WanCoverage = 'Connected' | 'NoCoverage' | 'Intermittent' | 'Outage';

export interface WanLatency {
  minMs: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

export interface WanConfig {
  coverage: WanCoverage;
  latency: WanLatency;
  /** Chance per message and direction that it is lost, per mille. */
  lossPerMille: number;
  /** Intermittent(p): chance per attempt that the link is up, per mille. */
  availabilityPerMille: number;
  /** Intermittent: wait before the next attempt. */
  retryMs: number;
  /** A message not delivered within this time of being sent expires. */
  expiryMs: number;
  /** Messages in flight on one link at once; one more is dropped and counted (STYLE.md bounds). */
  inFlightMax: number;
}

/** A span of virtual time [startMs, endMs) during which the link carries nothing. */
export interface BlockedSpan {
  startMs: number;
  endMs: number;
  reason: 'outage' | 'maintenance' | 'power';
}

export type WanOutcome =
  | { kind: 'deliver'; atMs: number; heldMs: number }
  | { kind: 'lost' | 'expired' | 'no-coverage' | 'queue-full' };

/** Attempts of an Intermittent link before giving up (each waits retryMs): a bound, not a behaviour users see. */
export const WAN_ATTEMPTS_MAX = 10_000;

const PPM = 1_000_000;

/** Latency of a uniform draw u in [0, 1e6): linear between the quantiles 0, 50, 90, 99 and 100 %. */
export function latencyMs(latency: WanLatency, u: number): number {
  const { minMs, medianMs, p99Ms, maxMs } = latency;
  const p90 = medianMs + Math.trunc(((p99Ms - medianMs) * 45) / 100);
  const points: readonly (readonly [number, number])[] = [[0, minMs], [500_000, medianMs], [900_000, p90], [990_000, p99Ms], [PPM, maxMs]];
  for (let i = 1; i < points.length; i++) {
    const [q1, ms1] = points[i]!;
    if (u < q1) {
      const [q0, ms0] = points[i - 1]!;
      return ms0 + Math.trunc(((u - q0) * (ms1 - ms0)) / (q1 - q0));
    }
  }
  return maxMs;
}

/** Merges spans into sorted, disjoint ones. */
export function mergeSpans(spans: readonly BlockedSpan[]): BlockedSpan[] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const out: BlockedSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.startMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else out.push({ ...s });
  }
  return out;
}

/** The end of the blocked span containing t, or t when the link is not blocked then. */
export function unblockedAt(spans: readonly BlockedSpan[], t: number): number {
  let at = t;
  for (const s of spans) {
    if (s.startMs > at) break;
    if (at < s.endMs) at = s.endMs;
  }
  return at;
}

export class WanLink {
  inFlight = 0;

  constructor(
    readonly config: WanConfig,
    /** Sorted, disjoint (mergeSpans). */
    private spans: BlockedSpan[],
  ) {}

  get blockedSpans(): readonly BlockedSpan[] {
    return this.spans;
  }

  /** Adds a span (a power cut at the premises takes the hub down too). */
  block(span: BlockedSpan): void {
    this.spans = mergeSpans([...this.spans, span]);
  }

  /** What happens to a message handed to the link at sendMs; draws from the link's stream. */
  send(sendMs: number, stream: PrngStream): WanOutcome {
    const c = this.config;
    if (c.coverage === 'NoCoverage') return { kind: 'no-coverage' };
    if (this.inFlight >= c.inFlightMax) return { kind: 'queue-full' };
    if (c.coverage === 'Outage') return { kind: 'expired' };
    let at = unblockedAt(this.spans, sendMs);
    if (c.coverage === 'Intermittent') {
      let attempts = 0;
      while (!stream.chancePerMille(c.availabilityPerMille)) {
        if (++attempts >= WAN_ATTEMPTS_MAX) return { kind: 'expired' };
        at = unblockedAt(this.spans, at + c.retryMs);
        if (at - sendMs > c.expiryMs) return { kind: 'expired' };
      }
    }
    if (at - sendMs > c.expiryMs) return { kind: 'expired' };
    if (c.lossPerMille > 0 && stream.chancePerMille(c.lossPerMille)) return { kind: 'lost' };
    const arrive = at + latencyMs(c.latency, stream.nextInt(PPM));
    this.inFlight++;
    return { kind: 'deliver', atMs: arrive, heldMs: at - sendMs };
  }

  /** A delivered message left the link. */
  arrived(): void {
    this.inFlight--;
  }
}

/** Outages drawn for [startMs, endMs): each UTC day has outagesPerYear/365 chance of one, lasting minMin..maxMin minutes. */
export function drawOutages(stream: PrngStream, startMs: number, endMs: number, outagesPerYear: number, minMin: number, maxMin: number): BlockedSpan[] {
  const out: BlockedSpan[] = [];
  const day = 86_400_000;
  for (let t = startMs; t < endMs; t += day) {
    if (stream.nextInt(365_000) >= outagesPerYear * 1000) continue;
    const startAt = t + stream.nextInt(day);
    out.push({ startMs: startAt, endMs: startAt + stream.nextRange(minMin, maxMin) * 60_000, reason: 'outage' });
  }
  return out;
}
