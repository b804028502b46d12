// GBCS 4.5 ciphered block: `31 00 00 00 00` security header, AES-GCM ciphertext, 12-byte tag.
// The payload codecs only split it into typed fields; the message layer derives the key
// (KDF CRA' = 04) and decrypts. Used by DLMS protected reads/alerts and GBZ encrypted components.

import { GbcsDecodeError } from '../errors.js';
import { ByteReader, ByteWriter } from './bytes.js';

/** Security control byte of a ciphered block: authenticated and encrypted, suite 0 (GBCS 4.5). */
export const CIPHERED_SECURITY_CONTROL = 0x31;
export const CIPHERED_INVOCATION_COUNTER_BYTES = 4;
export const CIPHERED_HEADER_BYTES = 1 + CIPHERED_INVOCATION_COUNTER_BYTES;
/** GBCS 4.5: the tag is the first 12 bytes of the GCM tag. */
export const CIPHERED_TAG_BYTES = 12;

export interface CipheredBlock {
  readonly securityHeader: { readonly securityControl: number; readonly invocationCounter: number };
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

/** True when `bytes` has the GBCS 4.5 header (SC 0x31, counter 0) and room for a tag. Only that
 * exact header is lifted, so ordinary octet-strings are never mistaken for ciphered blocks. */
export function looksCiphered(bytes: Uint8Array): boolean {
  if (bytes.length < CIPHERED_HEADER_BYTES + CIPHERED_TAG_BYTES) return false;
  if (bytes[0] !== CIPHERED_SECURITY_CONTROL) return false;
  for (let k = 1; k < CIPHERED_HEADER_BYTES; k++) if (bytes[k] !== 0) return false;
  return true;
}

/** Splits a ciphered block that fills `bytes` entirely. `base` is the block's offset in the
 * payload, for error reporting. */
export function decodeCiphered(bytes: Uint8Array, base = 0): CipheredBlock {
  const r = new ByteReader(bytes);
  const securityControl = r.u8('ciphered security control');
  if (securityControl !== CIPHERED_SECURITY_CONTROL) {
    throw new GbcsDecodeError('bad-value', base, `security control 0x${CIPHERED_SECURITY_CONTROL.toString(16)}`);
  }
  const invocationCounter = r.uintBE(CIPHERED_INVOCATION_COUNTER_BYTES, 'invocation counter');
  if (r.remaining < CIPHERED_TAG_BYTES) {
    throw new GbcsDecodeError('truncated', base + r.offset, `${CIPHERED_TAG_BYTES}-byte GCM tag`);
  }
  const ciphertext = r.take(r.remaining - CIPHERED_TAG_BYTES, 'ciphertext');
  const tag = r.take(CIPHERED_TAG_BYTES, 'GCM tag');
  return { securityHeader: { securityControl, invocationCounter }, ciphertext, tag };
}

export function encodeCiphered(block: CipheredBlock): Uint8Array {
  return new ByteWriter()
    .u8(block.securityHeader.securityControl)
    .uintBE(block.securityHeader.invocationCounter, CIPHERED_INVOCATION_COUNTER_BYTES)
    .bytes(block.ciphertext)
    .bytes(block.tag)
    .finish();
}

export function cipheredBytes(block: CipheredBlock): number {
  return CIPHERED_HEADER_BYTES + block.ciphertext.length + block.tag.length;
}
