// Fuzzes the whole message decoder (envelope, use case, security, payload codecs, GBCS 4.5
// decryption) with mutated RTDS 4.5.0 reference
// messages: bit flips, truncations, insertions, deletions, length-field corruptions and splices
// of two messages. Every input must either decode or throw GbcsDecodeError / GbcsSecurityError;
// any other error (TypeError, RangeError, …) or a hang fails the run. A decoded input must also
// re-encode to exactly itself, because only minimal encodings are accepted (gbcs/envelope.ts).
// Seeded and deterministic: GBCS_FUZZ_SEED and GBCS_FUZZ_COUNT override the defaults, and a
// failure prints the seed and the case index that reproduce it.

import { describe, expect, it } from 'vitest';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { encodeEnvelope, parseEnvelope } from '../../gbcs/envelope.js';
import { GbcsDecodeError, GbcsSecurityError } from '../../gbcs/errors.js';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import { SecurityContext } from '../../gbcs/security.js';
import { loadReferenceFiles, loadReferenceKeyStore, loadUseCaseCatalogue } from './reference-data.js';

const SEED = Number(process.env.GBCS_FUZZ_SEED ?? 0x5eed_2024) >>> 0;
const COUNT = Number(process.env.GBCS_FUZZ_COUNT ?? 100_000);

/** xorshift32 with a splitmix-style seed scramble: small, seeded, no Math.random. */
class Prng {
  private state: number;
  constructor(seed: number) {
    let s = (seed ^ 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  /** Uniform-enough integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }
}

// Values that probe length handling: short/long-form boundaries, the 3-byte form we reject, max.
const EDGE_BYTES = [0x00, 0x01, 0x02, 0x08, 0x09, 0x0c, 0x12, 0x1a, 0x40, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xff];

/** Offsets of the length fields of a parsed message (GBCS 1.1, 1.2). */
function lengthFieldOffsets(bytes: Uint8Array): number[] {
  const env = parseEnvelope(bytes);
  const apdu = env.wire!.apdu;
  const apduAt = apdu.byteOffset - bytes.byteOffset;
  const codeAt = env.wire!.messageCodeOffset;
  const contentAt = env.content.byteOffset - bytes.byteOffset;
  const signatureLengthAt = apduAt + 1 + env.wire!.signedBytes.length;
  // Transaction-id and title lengths, date-time length, the last bytes before the message code
  // and before the content (their length fields), and the signature length.
  const offsets = [apduAt + 1, apduAt + 11, apduAt + 20, apduAt + 29, codeAt - 1, codeAt - 2, contentAt - 1, contentAt - 2, contentAt - 3, signatureLengthAt];
  if (env.kind === 'general-ciphering') offsets.push(7, 8, 9);
  return offsets.filter((o) => o >= 0 && o < bytes.length);
}

function mutate(rng: Prng, input: Uint8Array, lengths: number[], other: Uint8Array): Uint8Array {
  const bytes = input.slice();
  switch (rng.below(7)) {
    case 0: {
      const flips = 1 + rng.below(4);
      for (let i = 0; i < flips; i++) bytes[rng.below(bytes.length)]! ^= 1 << rng.below(8);
      return bytes;
    }
    case 1:
      return bytes.subarray(0, rng.below(bytes.length));
    case 2: {
      const at = rng.below(bytes.length + 1);
      const extra = Uint8Array.from({ length: 1 + rng.below(8) }, () => rng.below(256));
      return Uint8Array.from([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
    }
    case 3: {
      const at = rng.below(bytes.length);
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + rng.below(8))]);
    }
    case 4:
    case 5: {
      const at = lengths[rng.below(lengths.length)]!;
      bytes[at] = rng.below(2) === 0 ? EDGE_BYTES[rng.below(EDGE_BYTES.length)]! : (bytes[at]! + rng.below(5) - 2) & 0xff;
      return bytes;
    }
    default: {
      const cut = rng.below(bytes.length);
      return Uint8Array.from([...bytes.subarray(0, cut), ...other.subarray(rng.below(other.length))]);
    }
  }
}

describe('fuzz: mutated reference messages', () => {
  it(`${COUNT} inputs (seed 0x${SEED.toString(16)}) decode or throw GbcsDecodeError/GbcsSecurityError`, () => {
    const files = loadReferenceFiles();
    const security = new SecurityContext({ keystore: loadReferenceKeyStore(), provider: createNodeProvider() });
    const catalogue = loadUseCaseCatalogue();
    const lengthOffsets = files.map((f) => lengthFieldOffsets(f.bytes));
    const rng = new Prng(SEED);
    const outcomes: Record<string, number> = {};
    for (let index = 0; index < COUNT; index++) {
      const pick = rng.below(files.length);
      const input = mutate(rng, files[pick]!.bytes, lengthOffsets[pick]!, files[rng.below(files.length)]!.bytes);
      let outcome: string;
      try {
        // Odd cases report bad MACs instead of throwing, so the payload codecs see the input too.
        const decoded = decodeFullMessage(input, { security, catalogue, onSecurityFailure: index % 2 === 1 ? 'report' : 'throw' });
        const again = encodeEnvelope({ ...decoded.envelope, wire: undefined });
        if (Buffer.compare(Buffer.from(again), Buffer.from(input)) !== 0) throw new Error('accepted input does not re-encode to itself');
        outcome = 'decoded';
      } catch (error) {
        if (!(error instanceof GbcsDecodeError) && !(error instanceof GbcsSecurityError)) {
          const hex = Buffer.from(input).toString('hex').toUpperCase();
          throw new Error(`fuzz case ${index} (seed 0x${SEED.toString(16)}, from ${files[pick]!.name}) threw ${String(error)}\ninput: ${hex}`, { cause: error });
        }
        outcome = `${error.name}:${error.reason}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    console.log(`fuzz seed 0x${SEED.toString(16)}: ${COUNT} inputs`, outcomes);
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(COUNT);
  });
});
