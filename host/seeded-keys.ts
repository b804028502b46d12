import { createHash } from 'node:crypto';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import type { CertificateInfo, KeyLookup, KeyUsageSlot } from '../gbcs/keys/keystore.js';

// Key pairs derived from (seed, EUI, usage) for simulated premises: a device or party of a run
// has the same keys every time, and a fleet needs no key files. Private scalar =
// SHA-256(label) reduced into [1, n-1]. (Certificates come from gbcs/keys' test PKI.)

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export class SeededKeys implements KeyLookup {
  private readonly cache = new Map<string, { privateKey: Uint8Array; publicKey: Uint8Array }>();

  constructor(
    private readonly provider: CryptoProvider,
    readonly seed: bigint,
  ) {}

  certificate(_eui: string, _usage: KeyUsageSlot): CertificateInfo | undefined {
    return undefined;
  }

  privateKey(eui: string, usage: KeyUsageSlot): Uint8Array {
    return this.pair(eui, usage).privateKey;
  }

  publicKey(eui: string, usage: KeyUsageSlot): Uint8Array {
    return this.pair(eui, usage).publicKey;
  }

  private pair(eui: string, usage: KeyUsageSlot) {
    const id = `${eui.toUpperCase()}-${usage}`;
    let pair = this.cache.get(id);
    if (!pair) {
      const digest = createHash('sha256').update(`smartmeter-seeded-key:${this.seed}:${id}`).digest('hex');
      const scalar = (BigInt(`0x${digest}`) % (P256_N - 1n)) + 1n;
      const privateKey = Uint8Array.from(Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex'));
      pair = { privateKey, publicKey: this.provider.publicKeyOf(privateKey) };
      this.cache.set(id, pair);
    }
    return pair;
  }
}
