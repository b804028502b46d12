// The pluggable crypto provider (ARCHITECTURE.md principle 1, issue 4 point 4). Everything is
// synchronous because the firmware's secure-element imports are synchronous wasm imports.
// Keys cross as raw bytes: a P-256 private key is its 32-byte big-endian scalar, a public key
// its 65-byte uncompressed point (04 || X || Y). Providers may cache parsed keys and shared
// secrets, but only in bounded caches they own.

export type Bytes = Uint8Array;

export interface CryptoProvider {
  readonly name: 'node' | 'noble';
  /** ECDH on P-256: the 32-byte x coordinate of privateKey * publicKey. */
  ecdh(privateKey: Bytes, publicKey: Bytes): Bytes;
  /** The public key (65 bytes, uncompressed) of a private scalar. */
  publicKeyOf(privateKey: Bytes): Bytes;
  sha256(data: Bytes): Bytes;
  /** SHA-256 of the concatenation of parts (hot paths hash header pieces without joining them). */
  sha256Parts(parts: readonly Bytes[]): Bytes;
  /** GMAC: the AES-128-GCM tag (tagBytes long) of an empty plaintext over the concatenated AAD parts. */
  gmac(key: Bytes, iv: Bytes, aadParts: readonly Bytes[], tagBytes: number): Bytes;
  /** AES-128-GCM; returns ciphertext and a tag of tagBytes bytes (GBCS uses 12). */
  aesGcmEncrypt(key: Bytes, iv: Bytes, plaintext: Bytes, aad: Bytes, tagBytes: number): { ciphertext: Bytes; tag: Bytes };
  /** AES-128-GCM decrypt; throws GbcsSecurityError('decrypt-failed') when the tag does not verify. */
  aesGcmDecrypt(key: Bytes, iv: Bytes, ciphertext: Bytes, aad: Bytes, tag: Bytes): Bytes;
  /** Deterministic (RFC 6979) ECDSA P-256 / SHA-256 over message; raw 64-byte r || s. */
  ecdsaSign(privateKey: Bytes, message: Bytes): Bytes;
  /** ECDSA P-256 / SHA-256 verify of a raw r || s signature; high-s accepted (GBCS data has it). */
  ecdsaVerify(publicKey: Bytes, message: Bytes, signature: Bytes): boolean;
}
