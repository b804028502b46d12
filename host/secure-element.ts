import type { CryptoProvider } from '../gbcs/crypto/provider.js';

// The host side of the firmware's secure-element imports (assembly/platform.ts). Keys stay
// here: the firmware names the other party by trust-store slot and sees only MACs, ciphertext
// and signatures. Each device has one shared-secret register (filled by ecdh) and one key
// register (filled by kdf), exactly the state a real secure element keeps between calls.

export const SE_OK = 0;
export const SE_FAILED = 1;
export const GBCS_KEY_BYTES = 16;
const KDF_COUNTER = Uint8Array.of(0, 0, 0, 1); // GBCS 4.2: single-step KDF, one SHA-256 block
export const OTHER_INFO_BYTES_MAX = 64;
const UNCOMPRESSED_POINT_BYTES = 65;
const UTRN_OTHER_INFO_BYTES = 33;
const UTRN_AAD_EUI_OFFSET = 6; // after 11 00 00 00 00 00

/** GBCS 4.2 single-step KDF: the first 16 bytes of SHA-256(00000001 || Z || OtherInfo). */
function kdfKey(provider: CryptoProvider, sharedSecret: Uint8Array, otherInfo: Uint8Array): Uint8Array {
  return provider.sha256Parts([KDF_COUNTER, sharedSecret, otherInfo]).subarray(0, GBCS_KEY_BYTES);
}

/** What a device's secure element holds: its own private keys, used only through these calls. */
export interface DeviceKeyring {
  /** The 32-byte ECDH secret between this device's KA key and the KA key of trust-store entry keySlot. */
  sharedSecret(keySlot: number): Uint8Array | undefined;
  /** The ECDH secret between this device's KA key and a P-256 public key (uncompressed point) the
   *  device read from a certificate a command carried (ECS21b URP, GBCS 4.5); undefined if unusable. */
  sharedSecretWithKey?(publicKey: Uint8Array): Uint8Array | undefined;
  /** Deterministic ECDSA P-256 signature (raw r || s) with the device DS key. */
  sign(message: Uint8Array): Uint8Array | undefined;
  /** The ECDH secret between this device's KA key and the PREPAYMENT KA key (`pp-ka`) of trust-store entry keySlot (UTRN MACs, GBCS 10.2). */
  prepaymentSecret?(keySlot: number): Uint8Array | undefined;
  /** Verifies a signature by the DS key of trust-store entry keySlot. */
  verify(keySlot: number, message: Uint8Array, signature: Uint8Array): boolean;
}

interface Registers {
  keyring: DeviceKeyring;
  sharedSecret: Uint8Array | undefined;
  key: Uint8Array | undefined;
  /** The private key generated for a credential request (CS02c), until it is used; and how many were made. */
  newKey: Uint8Array | undefined;
  keysGenerated: number;
}

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const KEY_USAGE_DS = 0;
const KEY_USAGE_KA = 1;

export class SecureElement {
  private readonly registers = new Map<number, Registers>();

  constructor(readonly provider: CryptoProvider) {}

  attach(slot: number, keyring: DeviceKeyring): void {
    this.registers.set(slot, { keyring, sharedSecret: undefined, key: undefined, newKey: undefined, keysGenerated: 0 });
  }

  detach(slot: number): void {
    this.registers.delete(slot);
  }

  ecdh(slot: number, keySlot: number): number {
    const r = this.registers.get(slot);
    const secret = r?.keyring.sharedSecret(keySlot);
    if (!r || !secret) return SE_FAILED;
    r.sharedSecret = secret;
    return SE_OK;
  }

  ecdhKey(slot: number, publicKey: Uint8Array): number {
    const r = this.registers.get(slot);
    if (!r || publicKey.length !== UNCOMPRESSED_POINT_BYTES || publicKey[0] !== 0x04) return SE_FAILED;
    const secret = r.keyring.sharedSecretWithKey?.(publicKey);
    if (!secret) return SE_FAILED;
    r.sharedSecret = secret;
    return SE_OK;
  }

  kdf(slot: number, otherInfo: Uint8Array): number {
    const r = this.registers.get(slot);
    if (!r?.sharedSecret || otherInfo.length > OTHER_INFO_BYTES_MAX) return SE_FAILED;
    r.key = kdfKey(this.provider, r.sharedSecret, otherInfo);
    return SE_OK;
  }

  gcmMac(slot: number, iv: Uint8Array, aad: Uint8Array, tagBytes: number): Uint8Array | undefined {
    const key = this.registers.get(slot)?.key;
    if (!key) return undefined;
    return this.provider.gmac(key, iv, [aad], tagBytes);
  }

  gcmEncrypt(slot: number, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, tagBytes: number) {
    const key = this.registers.get(slot)?.key;
    if (!key) return undefined;
    return this.provider.aesGcmEncrypt(key, iv, plaintext, aad, tagBytes);
  }

  gcmDecrypt(slot: number, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array | undefined {
    const key = this.registers.get(slot)?.key;
    if (!key) return undefined;
    try {
      return this.provider.aesGcmDecrypt(key, iv, ciphertext, aad, tag);
    } catch {
      return undefined; // a failed tag is an answer (status), not an exception across the ABI
    }
  }

  /**
   * A new key pair for a credential request (CS02c, GBCS 7): its private key stays here. It is
   * deterministic, as every key of a run must be: derived from the device's own (RFC 6979) DS
   * signature over the usage and the generation number. It lives only in this secure element's
   * registers (volatile: a restored device has none until it generates again).
   */
  generateKey(slot: number, usage: number): Uint8Array | undefined {
    const r = this.registers.get(slot);
    if (!r || (usage !== KEY_USAGE_DS && usage !== KEY_USAGE_KA)) return undefined;
    r.keysGenerated++;
    const label = new TextEncoder().encode(`smartmeter secure element key generation ${usage} ${r.keysGenerated}`);
    const entropy = r.keyring.sign(label);
    if (!entropy) return undefined;
    const digest = this.provider.sha256(entropy);
    let scalar = 0n;
    for (const byte of digest) scalar = (scalar << 8n) | BigInt(byte);
    scalar = (scalar % (P256_ORDER - 1n)) + 1n;
    const privateKey = new Uint8Array(32);
    for (let i = 31; i >= 0; i--) {
      privateKey[i] = Number(scalar & 0xffn);
      scalar >>= 8n;
    }
    r.newKey = privateKey;
    return this.provider.publicKeyOf(privateKey);
  }

  /** Deterministic ECDSA (raw r || s) with the key generateKey made; undefined when there is none. */
  signWithNewKey(slot: number, message: Uint8Array): Uint8Array | undefined {
    const key = this.registers.get(slot)?.newKey;
    return key ? this.provider.ecdsaSign(key, message) : undefined;
  }

  sign(slot: number, message: Uint8Array): Uint8Array | undefined {
    return this.registers.get(slot)?.keyring.sign(message);
  }

  verify(slot: number, keySlot: number, message: Uint8Array, signature: Uint8Array): boolean {
    return this.registers.get(slot)?.keyring.verify(keySlot, message, signature) ?? false;
  }

  /**
   * UTRN MAC (GBCS 10.2): data = the 33-byte KDF OtherInfo || the GCM AAD, whose bytes 6..13
   * are the supplier EUI the IV starts with; keySlot names the supplier, whose prepayment KA key
   * (`pp-ka`, never its ordinary KA key) the MAC uses.
   * Returns lo32, the last 4 bytes of the 16-byte tag. The registers are left as they were.
   */
  utrnMac(slot: number, keySlot: number, data: Uint8Array): Uint8Array | undefined {
    const r = this.registers.get(slot);
    const secret = r?.keyring.prepaymentSecret?.(keySlot);
    if (!secret || data.length < UTRN_OTHER_INFO_BYTES + UTRN_AAD_EUI_OFFSET + 8) return undefined;
    const key = kdfKey(this.provider, secret, data.subarray(0, UTRN_OTHER_INFO_BYTES));
    const aad = data.subarray(UTRN_OTHER_INFO_BYTES);
    const iv = new Uint8Array(12);
    iv.set(aad.subarray(UTRN_AAD_EUI_OFFSET, UTRN_AAD_EUI_OFFSET + 8), 0);
    const tag = this.provider.gmac(key, iv, [aad], 16);
    return tag.slice(12, 16);
  }
}
