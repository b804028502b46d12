// Host core (issue 3 point 4): the event queue orders events by virtual time then by scheduling
// order and never sleeps; PRNG streams are independent per name; the trace hash covers order.
import { describe, expect, it } from 'vitest';
import { PrngStream, PrngStreams } from '../../host/prng.js';
import { EventQueue } from '../../host/world/event-queue.js';
import { TraceRecorder } from '../../host/trace.js';

describe('EventQueue, the discrete-event scheduler of the world', () => {
  const drain = (q: EventQueue, endMs: number, seen: number[]) => {
    for (let e = q.next(endMs); e !== undefined; e = q.next(endMs)) seen.push(e.kind);
  };

  it('runs events in time order, ties in scheduling order, and jumps the clock', () => {
    const q = new EventQueue(1_000);
    q.add(5_000, 3);
    q.add(2_000, 1);
    q.add(5_000, 4);
    q.add(2_000, 2);
    const seen: number[] = [];
    drain(q, 4_000, seen);
    expect(seen).toEqual([1, 2]);
    q.add(4_000, 9); // an event at the current end is still in the future of the last one run
    drain(q, 10_000_000_000, seen);
    expect(seen).toEqual([1, 2, 9, 3, 4]);
  });

  it('refuses events in the past and non-integer times', () => {
    const q = new EventQueue(1_000);
    expect(() => q.add(999, 1)).toThrow(RangeError);
    expect(() => q.add(1_000.5, 1)).toThrow(RangeError);
  });

  it('runs a million events without sleeping, and its state round-trips as data', () => {
    const q = new EventQueue(0);
    q.add(0, 1);
    let n = 0;
    for (let e = q.next(2_000_000_000); e !== undefined; e = q.next(2_000_000_000)) {
      if (++n < 1_000_000) q.add(e.atMs + 1_000, 1);
    }
    expect(n).toBe(1_000_000);
    const copy = EventQueue.fromState(JSON.parse(JSON.stringify(q.exportState())));
    expect(copy.exportState()).toEqual(q.exportState());
  });
});

describe('PRNG streams', () => {
  it('the same seed and name give the same sequence', () => {
    const a = new PrngStream(42n, 'load:00DB000000000001');
    const b = new PrngStream(42n, 'load:00DB000000000001');
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(xs);
  });

  it('adding a component does not change what another component sees', () => {
    const alone = new PrngStreams(9n);
    const first = Array.from({ length: 50 }, () => alone.stream('wan:1').nextU32());
    const crowded = new PrngStreams(9n);
    const other = crowded.stream('wan:2');
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) {
      other.nextU32();
      interleaved.push(crowded.stream('wan:1').nextU32());
    }
    expect(interleaved).toEqual(first);
  });

  it('different seeds or names give different sequences', () => {
    const base = new PrngStream(1n, 'x').nextU32();
    expect(new PrngStream(2n, 'x').nextU32()).not.toBe(base);
    expect(new PrngStream(1n, 'y').nextU32()).not.toBe(base);
  });

  it('nextInt stays in range and covers it', () => {
    const s = new PrngStream(5n, 'range');
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7_000; i++) counts[s.nextInt(7)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
    expect(() => s.nextInt(0)).toThrow(RangeError);
  });
});

describe('TraceRecorder', () => {
  it('hash depends on content and order of events', () => {
    const h = (events: [number, string][]) => {
      const t = new TraceRecorder();
      for (const [at, id] of events) t.record('deliver', at, id, 0, new Uint8Array([1, 2, 3]));
      return t.digest();
    };
    expect(h([[1, 'a'], [2, 'b']])).toBe(h([[1, 'a'], [2, 'b']]));
    expect(h([[1, 'a'], [2, 'b']])).not.toBe(h([[2, 'b'], [1, 'a']]));
    expect(h([[1, 'a']])).not.toBe(h([[1, 'b']]));
  });
});
