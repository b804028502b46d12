// P-256 facts and checks shared by both providers: the group order, the one signing policy we
// use, and validation of raw key bytes (provider.ts: private = 32-byte scalar, public = 65-byte
// uncompressed point).

import { GbcsSecurityError } from '../errors.js';
import { bytesToBigInt } from './bytes.js';
import type { Bytes } from './provider.js';

/** Order n of the P-256 base point (FIPS 186-4 D.1.2.3). */
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
export const P256_SCALAR_BYTES = 32;
export const P256_PUBLIC_KEY_BYTES = 65;
export const ECDSA_SIGNATURE_BYTES = 64;

/**
 * Our signing policy, passed explicitly to noble (STYLE.md "Defaults you did not choose") and
 * implemented by the Node provider: plain RFC 6979 output with NO low-s normalisation. GBCS does
 * not require low-s (the RTDS data holds high-s signatures), and keeping s as RFC 6979 computes it
 * lets both providers be checked against the RFC 6979 A.2.5 vectors byte for byte.
 * Verification always accepts high-s (lowS: false) because reference signatures use it.
 */
export const ECDSA_SIGN_LOW_S = false;

/** Checks a private scalar: 32 bytes, 1 <= d <= n-1. Returns d. */
export function checkPrivateKey(privateKey: Bytes): bigint {
  if (privateKey.length !== P256_SCALAR_BYTES) {
    throw new GbcsSecurityError('bad-key', `private key must be ${P256_SCALAR_BYTES} bytes, got ${privateKey.length}`);
  }
  const d = bytesToBigInt(privateKey);
  if (d === 0n || d >= P256_N) throw new GbcsSecurityError('bad-key', 'private key scalar outside [1, n-1]');
  return d;
}

/** Checks the shape of a public key (65 bytes, 0x04 prefix); curve membership is checked by the provider. */
export function checkPublicKeyShape(publicKey: Bytes): void {
  if (publicKey.length !== P256_PUBLIC_KEY_BYTES || publicKey[0] !== 0x04) {
    throw new GbcsSecurityError(
      'bad-key',
      `public key must be ${P256_PUBLIC_KEY_BYTES} bytes starting 04 (uncompressed), got ${publicKey.length} bytes`,
    );
  }
}

/** a^-1 mod m for 0 < a < m, m prime (extended Euclid: much faster than a BigInt modPow). */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('value has no inverse');
  return ((oldS % m) + m) % m;
}
