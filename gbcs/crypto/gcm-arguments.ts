// Argument checks common to both providers' AES-128-GCM, so both reject the same inputs with
// the same error. GBCS uses 16-byte keys, 12-byte IVs (EUI || 00000000, GBCS 4.3) and tags of
// 12 bytes (message MAC) or 16 bytes (UTRN, GBCS 10.2).

import { GbcsSecurityError } from '../errors.js';
import type { Bytes } from './provider.js';

export const AES128_KEY_BYTES = 16;
export const GCM_IV_BYTES = 12;
/** Shortest tag we produce or accept; NIST SP 800-38D allows 12..16 (4 and 8 only for special uses). */
export const GCM_TAG_BYTES_MIN = 12;
export const GCM_TAG_BYTES_MAX = 16;

export function checkGcmArguments(key: Bytes, iv: Bytes, tagBytes: number): void {
  if (key.length !== AES128_KEY_BYTES) throw new GbcsSecurityError('bad-key', `AES-128 key must be 16 bytes, got ${key.length}`);
  if (iv.length !== GCM_IV_BYTES) throw new GbcsSecurityError('bad-key', `GCM IV must be 12 bytes, got ${iv.length}`);
  if (!Number.isInteger(tagBytes) || tagBytes < GCM_TAG_BYTES_MIN || tagBytes > GCM_TAG_BYTES_MAX) {
    throw new GbcsSecurityError('bad-key', `GCM tag length must be 12..16 bytes, got ${tagBytes}`);
  }
}
