import { createHash } from 'node:crypto';

// Named, independently seeded PRNG streams (STYLE.md "TigerBeetle"): each component's stream
// is derived from the master seed and the component's name alone, so adding a component never
// changes the numbers another one sees. xoshiro128** on 32-bit integers: exact on every engine.

export type Seed = number | bigint;

export class PrngStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(
    readonly seed: Seed,
    readonly name: string,
  ) {
    const digest = createHash('sha256').update(`smartmeter-prng:${BigInt(seed).toString()}:${name}`).digest();
    this.s0 = digest.readUInt32LE(0);
    this.s1 = digest.readUInt32LE(4);
    this.s2 = digest.readUInt32LE(8);
    this.s3 = digest.readUInt32LE(12);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform integer in [0, bound), bound in [1, 2^32], without modulo bias. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 0x1_0000_0000) throw new RangeError(`bad bound ${bound}`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % bound;
    }
  }

  /** Uniform integer in [min, max]. */
  nextRange(min: number, max: number): number {
    return min + this.nextInt(max - min + 1);
  }

  /** The generator's state, to snapshot a run (issue 8 point C). */
  exportState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  importState(state: readonly number[]): void {
    if (state.length !== 4 || state.some((x) => !Number.isInteger(x) || x < 0 || x > 0xffff_ffff)) throw new RangeError('a PRNG state is four u32');
    [this.s0, this.s1, this.s2, this.s3] = state as [number, number, number, number];
  }

  /** True with probability perMille / 1000. */
  chancePerMille(perMille: number): boolean {
    return this.nextInt(1000) < perMille;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The streams of one run, created on first use by name. */
export class PrngStreams {
  private readonly streams = new Map<string, PrngStream>();

  constructor(readonly seed: Seed) {}

  /** Every stream's state by name, in creation order. */
  exportState(): [string, [number, number, number, number]][] {
    return [...this.streams].map(([name, s]) => [name, s.exportState()]);
  }

  importState(states: readonly (readonly [string, readonly number[]])[]): void {
    this.streams.clear();
    for (const [name, state] of states) this.stream(name).importState(state);
  }

  stream(name: string): PrngStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new PrngStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}
