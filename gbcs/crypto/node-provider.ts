// CryptoProvider over node:crypto (ARCHITECTURE.md principle 1, "fast crypto"). Native ECDH,
// AES-GCM, SHA-256 and ECDSA verify; deterministic ECDSA signing composed from native pieces
// because node:crypto only signs with a random k: RFC 6979 nonce via native HMAC-SHA256, k·G
// via ECDH public-key derivation, r and s by BigInt arithmetic mod n. Output is byte-identical
// to @noble/curves' p256.sign with the same options (see ECDSA_SIGN_LOW_S).

import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  createHmac,
  createPublicKey,
  verify as nodeVerify,
  type ECDH,
  type KeyObject,
} from 'node:crypto';

import { GbcsSecurityError } from '../errors.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, toHex } from './bytes.js';
import {
  ECDSA_SIGN_LOW_S,
  ECDSA_SIGNATURE_BYTES,
  P256_N,
  P256_SCALAR_BYTES,
  checkPrivateKey,
  checkPublicKeyShape,
  modInverse,
} from './p256.js';
import type { Bytes, CryptoProvider } from './provider.js';
import { rfc6979Nonces } from './rfc6979.js';
import { BoundedCache } from './bounded-cache.js';
import { checkGcmArguments } from './gcm-arguments.js';

/**
 * Parsed public KeyObjects kept per provider. A premises talks to a handful of parties and a
 * fleet worker to a few thousand devices; 4096 keeps the hot set while bounding memory
 * (about 1 KiB per entry). When full, the oldest inserted entry is evicted.
 */
export const NODE_PUBLIC_KEY_CACHE_MAX = 4096;
/**
 * ECDH shared secrets per (private key, public key) pair: one per (device, party) link, as
 * ARCHITECTURE.md asks. 4096 pairs, about 200 bytes each; the oldest inserted is evicted.
 */
export const NODE_SHARED_SECRET_CACHE_MAX = 4096;

const P256_HALF_N = P256_N >> 1n;
const SPKI_P256_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]); // SubjectPublicKeyInfo header for an uncompressed P-256 point (RFC 5480)

function hmacSha256(key: Bytes, data: Bytes): Bytes {
  return createHmac('sha256', key).update(data).digest();
}

const EMPTY = new Uint8Array(0);

/** A plain Uint8Array over a Buffer's bytes, without copying (callers compare with Uint8Arrays). */
function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function createNodeProvider(): CryptoProvider {
  const publicKeys = new BoundedCache<string, KeyObject>(NODE_PUBLIC_KEY_CACHE_MAX);
  const sharedSecrets = new BoundedCache<string, Bytes>(NODE_SHARED_SECRET_CACHE_MAX);
  // One ECDH object reused for scalar multiplications; safe because every call is synchronous.
  const scalarMult: ECDH = createECDH('prime256v1');

  function publicKeyObject(publicKey: Bytes): KeyObject {
    checkPublicKeyShape(publicKey);
    const id = toHex(publicKey);
    const cached = publicKeys.get(id);
    if (cached !== undefined) return cached;
    let keyObject: KeyObject;
    try {
      keyObject = createPublicKey({ key: Buffer.from(concatBytes(SPKI_P256_PREFIX, publicKey)), format: 'der', type: 'spki' });
    } catch {
      throw new GbcsSecurityError('bad-key', 'public key is not a point on P-256');
    }
    publicKeys.set(id, keyObject);
    return keyObject;
  }

  function baseMultX(k: bigint): bigint {
    scalarMult.setPrivateKey(bigIntToBytes(k, P256_SCALAR_BYTES));
    return bytesToBigInt(scalarMult.getPublicKey().subarray(1, 33));
  }

  return {
    name: 'node',

    ecdh(privateKey, publicKey) {
      checkPrivateKey(privateKey);
      checkPublicKeyShape(publicKey);
      const id = toHex(privateKey) + toHex(publicKey);
      const cached = sharedSecrets.get(id);
      if (cached !== undefined) return cached.slice();
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(privateKey);
      let z: Bytes;
      try {
        z = new Uint8Array(ecdh.computeSecret(publicKey));
      } catch {
        throw new GbcsSecurityError('bad-key', 'public key is not a point on P-256');
      }
      sharedSecrets.set(id, z);
      return z.slice();
    },

    publicKeyOf(privateKey) {
      checkPrivateKey(privateKey);
      scalarMult.setPrivateKey(privateKey);
      return new Uint8Array(scalarMult.getPublicKey());
    },

    sha256(data) {
      return view(createHash('sha256').update(data).digest());
    },

    sha256Parts(parts) {
      const hash = createHash('sha256');
      for (const part of parts) hash.update(part);
      return view(hash.digest());
    },

    gmac(key, iv, aadParts, tagBytes) {
      checkGcmArguments(key, iv, tagBytes);
      const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: tagBytes });
      for (const part of aadParts) cipher.setAAD(part); // GCM takes the AAD in pieces
      cipher.final();
      return view(cipher.getAuthTag());
    },

    aesGcmEncrypt(key, iv, plaintext, aad, tagBytes) {
      checkGcmArguments(key, iv, tagBytes);
      const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: tagBytes });
      cipher.setAAD(aad);
      // GCM is a stream mode: final() never returns bytes, so update() alone is the ciphertext;
      // a GMAC (empty plaintext) skips it. Views instead of copies: this is the MAC hot path.
      const ciphertext = plaintext.length === 0 ? EMPTY : view(cipher.update(plaintext));
      cipher.final();
      return { ciphertext, tag: view(cipher.getAuthTag()) };
    },

    aesGcmDecrypt(key, iv, ciphertext, aad, tag) {
      checkGcmArguments(key, iv, tag.length);
      const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: tag.length });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      const head = decipher.update(ciphertext);
      try {
        return concatBytes(head, decipher.final());
      } catch {
        throw new GbcsSecurityError('decrypt-failed', 'AES-GCM tag does not verify');
      }
    },

    ecdsaSign(privateKey, message) {
      const d = checkPrivateKey(privateKey);
      const h1 = createHash('sha256').update(message).digest();
      const e = bytesToBigInt(h1) % P256_N;
      for (const k of rfc6979Nonces(hmacSha256, d, h1)) {
        const r = baseMultX(k) % P256_N;
        if (r === 0n) continue;
        let s = (modInverse(k, P256_N) * ((e + r * d) % P256_N)) % P256_N;
        if (s === 0n) continue;
        if (ECDSA_SIGN_LOW_S && s > P256_HALF_N) s = P256_N - s;
        return concatBytes(bigIntToBytes(r, 32), bigIntToBytes(s, 32));
      }
      throw new Error('unreachable: rfc6979Nonces throws when exhausted');
    },

    ecdsaVerify(publicKey, message, signature) {
      if (signature.length !== ECDSA_SIGNATURE_BYTES) return false;
      // node:crypto (OpenSSL) accepts high-s signatures, as GBCS reference data needs.
      return nodeVerify('sha256', message, { key: publicKeyObject(publicKey), dsaEncoding: 'ieee-p1363' }, signature);
    },
  };
}
