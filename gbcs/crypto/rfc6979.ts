// Deterministic ECDSA nonce generation, RFC 6979 §3.2, specialised to P-256 with SHA-256
// (qlen = hlen = 256, so bits2int is a plain big-endian read). It takes the HMAC as a function
// so the Node provider can use node:crypto's native HMAC while staying byte-identical to noble.

import { bigIntToBytes, bytesToBigInt, concatBytes } from './bytes.js';
import { P256_N, P256_SCALAR_BYTES } from './p256.js';
import type { Bytes } from './provider.js';

export type HmacSha256 = (key: Bytes, data: Bytes) => Bytes;

/**
 * Retries of step h before giving up. Each retry happens with probability about 2^-32 for P-256
 * (k >= n, or r = 0 / s = 0 at the caller), so hitting this bound means a broken HMAC.
 */
export const RFC6979_ATTEMPTS_MAX = 64;

const BYTE_00 = Uint8Array.of(0x00);
const BYTE_01 = Uint8Array.of(0x01);

/**
 * Yields candidate nonces k in [1, n-1] for private scalar d and message hash h1, in RFC 6979
 * order. The caller takes the first k that gives r != 0 and s != 0.
 */
export function* rfc6979Nonces(hmac: HmacSha256, d: bigint, h1: Bytes): Generator<bigint> {
  const x = bigIntToBytes(d, P256_SCALAR_BYTES);
  const h1ModN = bigIntToBytes(bytesToBigInt(h1) % P256_N, P256_SCALAR_BYTES); // bits2octets
  let v: Bytes = new Uint8Array(32).fill(0x01); // step b
  let k: Bytes = new Uint8Array(32); // step c
  k = hmac(k, concatBytes(v, BYTE_00, x, h1ModN)); // step d
  v = hmac(k, v); // step e
  k = hmac(k, concatBytes(v, BYTE_01, x, h1ModN)); // step f
  v = hmac(k, v); // step g
  for (let attempt = 0; attempt < RFC6979_ATTEMPTS_MAX; attempt++) {
    v = hmac(k, v); // step h.2 (tlen = qlen = 256: one block)
    const candidate = bytesToBigInt(v);
    if (candidate >= 1n && candidate < P256_N) yield candidate;
    k = hmac(k, concatBytes(v, BYTE_00)); // step h.3
    v = hmac(k, v);
  }
  throw new Error(`RFC 6979: no usable nonce after ${RFC6979_ATTEMPTS_MAX} attempts (broken HMAC?)`);
}
