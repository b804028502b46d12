// GBCS key derivation (GBCS 4.2): NIST SP 800-56A single-step KDF with SHA-256, one block,
// truncated to an AES-128 key. A fresh key per message: the originator counter is in OtherInfo.

import { concatBytes } from './bytes.js';
import type { Bytes, CryptoProvider } from './provider.js';

/** CRA' values of the KDF (GBCS 4.2): the message's CRA flag, or 4 for payload encryption (GBCS 4.5). */
export const GBCS_CRA = { command: 1, response: 2, alert: 3, payloadEncryption: 4 } as const;
export type GbcsKdfCra = 1 | 2 | 3 | 4;

export const EUI_BYTES = 8;
export const GBCS_COUNTER_BYTES = 8;
export const GBCS_KEY_BYTES = 16;
const Z_BYTES = 32;

// GBCS 4.2: the 7-byte AlgorithmID constant, used verbatim; then the 09 length of the
// transaction id (CRA' + counter) that follows the originator.
const ALGORITHM_ID = Uint8Array.of(0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00);
const KDF_ROUND_1 = Uint8Array.of(0x00, 0x00, 0x00, 0x01);
const TRANSACTION_ID_LENGTH = Uint8Array.of(0x09);

function checkLength(what: string, bytes: Bytes, expected: number): void {
  if (bytes.length !== expected) throw new RangeError(`${what} must be ${expected} bytes, got ${bytes.length}`);
}

/** The 33-byte OtherInfo of GBCS 4.2. */
export function gbcsKdfOtherInfo(originator: Bytes, cra: GbcsKdfCra, counter: Bytes, recipient: Bytes): Bytes {
  checkLength('originator EUI', originator, EUI_BYTES);
  checkLength('originator counter', counter, GBCS_COUNTER_BYTES);
  checkLength('recipient EUI', recipient, EUI_BYTES);
  if (cra !== 1 && cra !== 2 && cra !== 3 && cra !== 4) throw new RangeError(`CRA' must be 1..4, got ${String(cra)}`);
  return concatBytes(ALGORITHM_ID, originator, TRANSACTION_ID_LENGTH, Uint8Array.of(cra), counter, recipient);
}

/**
 * K = SHA-256(00000001 || Z || OtherInfo)[0..15] (GBCS 4.2).
 * z: the 32-byte ECDH x coordinate; originator / recipient: header EUIs (or the supplementary
 * remote party for payload encryption, GBCS 4.5); counter: the 8-byte originator counter.
 */
export function deriveGbcsKey(
  provider: CryptoProvider,
  z: Bytes,
  originator: Bytes,
  cra: GbcsKdfCra,
  counter: Bytes,
  recipient: Bytes,
): Bytes {
  checkLength('shared secret Z', z, Z_BYTES);
  const otherInfo = gbcsKdfOtherInfo(originator, cra, counter, recipient);
  return provider.sha256Parts([KDF_ROUND_1, z, otherInfo]).slice(0, GBCS_KEY_BYTES);
}

/** ECDH then KDF in one call: the usual way to get a message key from a key pair. */
export function deriveGbcsKeyFromKeys(
  provider: CryptoProvider,
  privateKey: Bytes,
  peerPublicKey: Bytes,
  originator: Bytes,
  cra: GbcsKdfCra,
  counter: Bytes,
  recipient: Bytes,
): Bytes {
  return deriveGbcsKey(provider, provider.ecdh(privateKey, peerPublicKey), originator, cra, counter, recipient);
}
