// Host core (issue 3 point 4): the scheduler orders events by virtual time then by scheduling
// order and never sleeps; PRNG streams are independent per name; the trace hash covers order.
import { describe, expect, it } from 'vitest';
import { PrngStream, PrngStreams } from '../../host/prng.js';
import { Scheduler } from '../../host/scheduler.js';
import { TraceRecorder } from '../../host/trace.js';

describe('Scheduler', () => {
  it('runs events in time order, ties in scheduling order, and jumps the clock', () => {
    const s = new Scheduler(1_000);
    const seen: string[] = [];
    s.at(5_000, () => seen.push('c'));
    s.at(2_000, () => seen.push('a'));
    s.at(5_000, () => seen.push('d'));
    s.at(2_000, () => {
      seen.push('b');
      s.after(0, () => seen.push('b+0'));
    });
    s.runUntil(4_000);
    expect(seen).toEqual(['a', 'b', 'b+0']);
    expect(s.nowMs).toBe(4_000);
    s.runUntil(10_000_000_000);
    expect(seen).toEqual(['a', 'b', 'b+0', 'c', 'd']);
    expect(s.nowMs).toBe(10_000_000_000);
  });

  it('refuses events in the past and non-integer times', () => {
    const s = new Scheduler(1_000);
    expect(() => s.at(999, () => {})).toThrow(RangeError);
    expect(() => s.at(1_000.5, () => {})).toThrow(RangeError);
  });

  it('runs a million events without sleeping', () => {
    const s = new Scheduler(0);
    let n = 0;
    const tick = (now: number) => {
      n++;
      if (n < 1_000_000) s.at(now + 1_000, tick);
    };
    s.at(0, tick);
    s.runUntil(2_000_000_000);
    expect(n).toBe(1_000_000);
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
