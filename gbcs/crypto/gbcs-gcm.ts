// The two uses of AES-128-GCM in GBCS messages: the message MAC (GMAC, GBCS 4.3) and the
// encrypted payload blocks inside responses and alerts (GBCS 4.5). Keys come from gbcs-kdf.ts.

import { GbcsSecurityError } from '../errors.js';
import { concatBytes, equalBytesConstantTime } from './bytes.js';
import { EUI_BYTES } from './gbcs-kdf.js';
import type { Bytes, CryptoProvider } from './provider.js';

/** GBCS 4.3: the MAC is the first 12 bytes of the GCM tag. */
export const GBCS_MAC_BYTES = 12;
/** GBCS 4.5: encrypted blocks carry a 12-byte tag after the ciphertext. */
export const GBCS_PAYLOAD_TAG_BYTES = 12;

const ZERO_INVOCATION_COUNTER = new Uint8Array(4);
// GBCS 4.3: security control 0x11 then the five empty general-ciphering octet-string lengths.
const MAC_AAD_PREFIX = Uint8Array.of(0x11, 0x00, 0x00, 0x00, 0x00, 0x00);
// GBCS 4.5: AAD is the single security-control byte 0x31 (authenticated and encrypted).
const PAYLOAD_AAD = Uint8Array.of(0x31);

/** IV = originator EUI || 00000000 (the always-zero invocation counter), GBCS 4.3 / 4.5. */
export function gbcsIv(originator: Bytes): Bytes {
  if (originator.length !== EUI_BYTES) throw new RangeError(`originator EUI must be 8 bytes, got ${originator.length}`);
  return concatBytes(originator, ZERO_INVOCATION_COUNTER);
}

/**
 * The 12-byte message MAC of GBCS 4.3. generalSigningApdu = every byte from the DF tag through
 * the signature field (i.e. between the 5-byte security header and the MAC).
 */
export function gbcsMessageMac(provider: CryptoProvider, key: Bytes, originator: Bytes, generalSigningApdu: Bytes): Bytes {
  return provider.gmac(key, gbcsIv(originator), [MAC_AAD_PREFIX, generalSigningApdu], GBCS_MAC_BYTES);
}

/** Checks a received message MAC; throws GbcsSecurityError('bad-mac') when it does not match. */
export function verifyGbcsMessageMac(
  provider: CryptoProvider,
  key: Bytes,
  originator: Bytes,
  generalSigningApdu: Bytes,
  mac: Bytes,
): void {
  const expected = gbcsMessageMac(provider, key, originator, generalSigningApdu);
  if (!equalBytesConstantTime(expected, mac)) throw new GbcsSecurityError('bad-mac', 'GBCS message MAC does not verify');
}

/**
 * Encrypts a sensitive payload block (GBCS 4.5) with the CRA' 4 key; returns ciphertext || 12-byte
 * tag, i.e. the bytes that follow the `31 00 00 00 00` security header on the wire.
 */
export function encryptGbcsPayload(provider: CryptoProvider, key: Bytes, deviceEui: Bytes, plaintext: Bytes): Bytes {
  const { ciphertext, tag } = provider.aesGcmEncrypt(key, gbcsIv(deviceEui), plaintext, PAYLOAD_AAD, GBCS_PAYLOAD_TAG_BYTES);
  return concatBytes(ciphertext, tag);
}

/** Inverse of encryptGbcsPayload; throws GbcsSecurityError('decrypt-failed') on a bad tag or a block too short to hold one. */
export function decryptGbcsPayload(provider: CryptoProvider, key: Bytes, deviceEui: Bytes, ciphertextAndTag: Bytes): Bytes {
  if (ciphertextAndTag.length < GBCS_PAYLOAD_TAG_BYTES) {
    throw new GbcsSecurityError('decrypt-failed', `encrypted block of ${ciphertextAndTag.length} bytes cannot hold a 12-byte tag`);
  }
  const split = ciphertextAndTag.length - GBCS_PAYLOAD_TAG_BYTES;
  return provider.aesGcmDecrypt(
    key,
    gbcsIv(deviceEui),
    ciphertextAndTag.subarray(0, split),
    PAYLOAD_AAD,
    ciphertextAndTag.subarray(split),
  );
}
