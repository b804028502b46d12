// HMAC-SHA256 (RFC 2104) over a provider's SHA-256, so key derivation that needs HMAC (the test
// PKI) runs on either provider without widening the CryptoProvider interface.

import { concatBytes } from './bytes.js';
import type { Bytes, CryptoProvider } from './provider.js';

const BLOCK_BYTES = 64;

export function hmacSha256(provider: CryptoProvider, key: Bytes, data: Bytes): Bytes {
  const k = new Uint8Array(BLOCK_BYTES);
  k.set(key.length > BLOCK_BYTES ? provider.sha256(key) : key);
  const inner = k.map((b) => b ^ 0x36);
  const outer = k.map((b) => b ^ 0x5c);
  return provider.sha256(concatBytes(outer, provider.sha256(concatBytes(inner, data))));
}
