// Crypto throughput of both providers (ARCHITECTURE.md principle 1 quotes these figures):
// deterministic ECDSA P-256 sign, verify, and ECDH + GBCS KDF (GBCS 4.2) per second, on one
// core. Keys and messages are seeded (SHA-256 counter stream), so every run does the same work;
// only the timer reads the wall clock, as benchmarks may.
//
//   npx tsx bench/crypto-signatures.ts [--seconds 1.5]

import { cpus, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';

import { bytesToBigInt, bigIntToBytes, concatBytes } from '../gbcs/crypto/bytes.js';
import { deriveGbcsKey } from '../gbcs/crypto/gbcs-kdf.js';
import { createNobleProvider } from '../gbcs/crypto/noble-provider.js';
import { NODE_SHARED_SECRET_CACHE_MAX, createNodeProvider } from '../gbcs/crypto/node-provider.js';
import { P256_N } from '../gbcs/crypto/p256.js';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';

const SEED = 0xbe9c4;
const KEY_COUNT = 64;
/** More peers than the Node provider caches, so "uncached" ECDH really computes every time. */
const PEER_COUNT = NODE_SHARED_SECRET_CACHE_MAX + 1000;
const MESSAGE_BYTES = 150; // a typical GBCS signed body (GBCS 4.4)

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 1.5;

const node = createNodeProvider();
const stream = (label: string, i: number): Uint8Array => node.sha256(new TextEncoder().encode(`${SEED}/${label}/${i}`));
const scalar = (i: number): Uint8Array => bigIntToBytes((bytesToBigInt(concatBytes(stream('k0', i), stream('k1', i))) % (P256_N - 1n)) + 1n, 32);

const keys = Array.from({ length: KEY_COUNT }, (_, i) => scalar(i));
const publicKeys = keys.map((k) => node.publicKeyOf(k));
const messages = Array.from({ length: KEY_COUNT }, (_, i) => concatBytes(...Array.from({ length: 5 }, (_, j) => stream(`m${j}`, i))).slice(0, MESSAGE_BYTES));
const signatures = keys.map((k, i) => node.ecdsaSign(k, messages[i]!));
const peers = Array.from({ length: PEER_COUNT }, (_, i) => node.publicKeyOf(scalar(100_000 + i)));
const EUI_A = Uint8Array.of(0x90, 0xb3, 0xd5, 0x1f, 0x30, 0x01, 0, 0);
const EUI_B = Uint8Array.of(0x00, 0xdb, 0x12, 0x34, 0x56, 0x78, 0x90, 0xa0);
const COUNTER = new Uint8Array(8);

/** Runs op(i) for about SECONDS of wall-clock time; returns operations per second. */
function rate(op: (i: number) => void): number {
  for (let i = 0; i < 20; i++) op(i); // warm-up
  let count = 0;
  const start = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < SECONDS * 1000) {
    for (let j = 0; j < 20; j++) op(count++);
    elapsedMs = performance.now() - start;
  }
  return Math.round((count * 1000) / elapsedMs);
}

function measure(provider: CryptoProvider): Record<string, number> {
  const ecdhKdf = (peer: Uint8Array, i: number): void => {
    deriveGbcsKey(provider, provider.ecdh(keys[i % KEY_COUNT]!, peer), EUI_A, 1, COUNTER, EUI_B);
  };
  return {
    'sign/s': rate((i) => provider.ecdsaSign(keys[i % KEY_COUNT]!, messages[i % KEY_COUNT]!)),
    'verify/s': rate((i) => provider.ecdsaVerify(publicKeys[i % KEY_COUNT]!, messages[i % KEY_COUNT]!, signatures[i % KEY_COUNT]!)),
    'ECDH+KDF/s (new pair)': rate((i) => ecdhKdf(peers[i % PEER_COUNT]!, i)),
    'ECDH+KDF/s (cached pair)': rate((i) => ecdhKdf(peers[i % 8]!, 0)),
  };
}

const cpu = cpus()[0];
console.log(`machine: ${cpu?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${platform()} ${release()}, Node ${process.version}`);
console.log(`ran: P-256/SHA-256, ${KEY_COUNT} seeded keys (seed 0x${SEED.toString(16)}), ${MESSAGE_BYTES}-byte messages, ` +
  `${PEER_COUNT} ECDH peers, ~${SECONDS} s per figure, one thread`);
const rows: Record<string, Record<string, number>> = {};
for (const provider of [node, createNobleProvider()]) rows[provider.name] = measure(provider);
console.table(rows);
