// CryptoProvider in pure JavaScript over @noble/* (ARCHITECTURE.md "portable crypto"): runs in a
// browser, no node: imports here. It is also the cross-check for the Node provider, which must
// produce the same bytes. Every noble option that shapes output is passed explicitly
// (STYLE.md "Defaults you did not choose").

import { gcm, ctr } from '@noble/ciphers/aes.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';

import { GbcsSecurityError } from '../errors.js';
import { concatBytes, equalBytesConstantTime } from './bytes.js';
import { checkGcmArguments } from './gcm-arguments.js';
import { ECDSA_SIGN_LOW_S, ECDSA_SIGNATURE_BYTES, checkPrivateKey, checkPublicKeyShape } from './p256.js';
import type { Bytes, CryptoProvider } from './provider.js';

const SIGN_OPTIONS = { prehash: true, lowS: ECDSA_SIGN_LOW_S, extraEntropy: false, format: 'compact' } as const;
// GBCS reference signatures include high-s values, so verification must not require low-s.
const VERIFY_OPTIONS = { prehash: true, lowS: false, format: 'compact' } as const;
const GCM_FULL_TAG_BYTES = 16;

/** GCM's first counter block for a 12-byte IV is IV || 00000002 (NIST SP 800-38D 7.1, inc32(J0)). */
function gcmFirstCounterBlock(iv: Bytes): Bytes {
  return concatBytes(iv, Uint8Array.of(0, 0, 0, 2));
}

function pointError(): GbcsSecurityError {
  return new GbcsSecurityError('bad-key', 'public key is not a point on P-256');
}

export function createNobleProvider(): CryptoProvider {
  return {
    name: 'noble',

    ecdh(privateKey, publicKey) {
      checkPrivateKey(privateKey);
      checkPublicKeyShape(publicKey);
      try {
        // Compressed output is 02/03 || x; GBCS uses x alone (GBCS 4.2 Z).
        return p256.getSharedSecret(privateKey, publicKey, true).slice(1);
      } catch {
        throw pointError();
      }
    },

    publicKeyOf(privateKey) {
      checkPrivateKey(privateKey);
      return p256.getPublicKey(privateKey, false);
    },

    sha256(data) {
      return sha256(data);
    },

    sha256Parts(parts) {
      const hash = sha256.create();
      for (const part of parts) hash.update(part);
      return hash.digest();
    },

    gmac(key, iv, aadParts, tagBytes) {
      checkGcmArguments(key, iv, tagBytes);
      const sealed = gcm(key, iv, concatBytes(...aadParts)).encrypt(new Uint8Array(0));
      return sealed.slice(0, tagBytes); // empty plaintext: the output is the tag alone
    },

    aesGcmEncrypt(key, iv, plaintext, aad, tagBytes) {
      checkGcmArguments(key, iv, tagBytes);
      const sealed = gcm(key, iv, aad).encrypt(plaintext);
      const split = sealed.length - GCM_FULL_TAG_BYTES;
      // A shorter GCM tag is the leading bytes of the full tag (NIST SP 800-38D 7.1 step 6).
      return { ciphertext: sealed.slice(0, split), tag: sealed.slice(split, split + tagBytes) };
    },

    aesGcmDecrypt(key, iv, ciphertext, aad, tag) {
      checkGcmArguments(key, iv, tag.length);
      // noble's gcm only checks full 16-byte tags, and GBCS uses 12: decrypt with the GCM
      // keystream (CTR from inc32(J0)), then recompute the tag by re-encrypting and compare.
      const plaintext = ctr(key, gcmFirstCounterBlock(iv)).decrypt(ciphertext);
      const sealed = gcm(key, iv, aad).encrypt(plaintext);
      const expected = sealed.subarray(ciphertext.length, ciphertext.length + tag.length);
      if (!equalBytesConstantTime(expected, tag)) throw new GbcsSecurityError('decrypt-failed', 'AES-GCM tag does not verify');
      return plaintext;
    },

    ecdsaSign(privateKey, message) {
      checkPrivateKey(privateKey);
      return p256.sign(message, privateKey, SIGN_OPTIONS);
    },

    ecdsaVerify(publicKey, message, signature) {
      checkPublicKeyShape(publicKey);
      if (signature.length !== ECDSA_SIGNATURE_BYTES) return false;
      // Reject an off-curve key as the Node provider does (bad-key), before verify would
      // fold it into a plain `false`.
      try {
        p256.Point.fromBytes(publicKey).assertValidity();
      } catch {
        throw pointError();
      }
      return p256.verify(signature, message, publicKey, VERIFY_OPTIONS);
    },
  };
}
