import { arena } from './device/arena';

// The platform layer (STYLE.md "OpenThread"): the only doors out of the firmware. A real meter
// has a secure element; ours is an import the host implements, so keys never enter linear
// memory and nothing here can vary between runs. Every import returns a Status (0 = OK).
//
// Key slots name the other party of a key agreement: slot i is entry i of the device's trust
// store (devices 1.1), provisioned by the host at createDevice. The secure element keeps one
// derived-key register per device: ecdh fills its shared-secret register, kdf turns that and
// the 33-byte GBCS OtherInfo (GBCS 4.2) into the AES key the gcm* calls then use.

// @ts-ignore: decorator
@external('secure_element', 'ecdh')
export declare function seEcdh(slot: u32, keySlot: u32): u32;
// ECDH with a P-256 public key (65-byte uncompressed point) the firmware read from a certificate a
// command carried (ECS21b URP, GBCS 2.2 / 4.5), instead of a trust-store slot.
// @ts-ignore: decorator
@external('secure_element', 'ecdh_key')
export declare function seEcdhKey(slot: u32, publicKeyPtr: usize, publicKeyLength: u32): u32;
// @ts-ignore: decorator
@external('secure_element', 'kdf')
export declare function seKdf(slot: u32, otherInfoPtr: usize, otherInfoLength: u32): u32;
// @ts-ignore: decorator
@external('secure_element', 'gcm_mac')
export declare function seGcmMac(slot: u32, ivPtr: usize, aadPtr: usize, aadLength: u32, tagPtr: usize): u32;
// @ts-ignore: decorator
@external('secure_element', 'gcm_encrypt')
export declare function seGcmEncrypt(slot: u32, ivPtr: usize, aadPtr: usize, aadLength: u32, dataPtr: usize, dataLength: u32, outPtr: usize, tagPtr: usize): u32;
// @ts-ignore: decorator
@external('secure_element', 'gcm_decrypt')
export declare function seGcmDecrypt(slot: u32, ivPtr: usize, aadPtr: usize, aadLength: u32, dataPtr: usize, dataLength: u32, tagPtr: usize, outPtr: usize): u32;
// @ts-ignore: decorator
@external('secure_element', 'sign')
export declare function seSign(slot: u32, messagePtr: usize, messageLength: u32, signaturePtr: usize): u32;
// @ts-ignore: decorator
@external('secure_element', 'verify')
export declare function seVerify(slot: u32, keySlot: u32, messagePtr: usize, messageLength: u32, signaturePtr: usize): u32;
// The device's secure element generates a new key pair for `usage` (0 DS, 1 KA) and keeps its
// private key; the public key (65 bytes) is written out (CS02c, GBCS 7). sign_new_key signs with it.
// @ts-ignore: decorator
@external('secure_element', 'generate_key')
export declare function seGenerateKey(slot: u32, usage: u32, publicKeyPtr: usize): u32;
// @ts-ignore: decorator
@external('secure_element', 'sign_new_key')
export declare function seSignWithNewKey(slot: u32, messagePtr: usize, messageLength: u32, signaturePtr: usize): u32;
// @ts-ignore: decorator
@external('secure_element', 'utrn_mac')
export declare function seUtrnMac(slot: u32, keySlot: u32, dataPtr: usize, dataLength: u32, macPtr: usize): u32;

// The custom abort (asc --use abort=assembly/platform/firmwareAbort): it reports the device whose
// call broke an invariant, so the host can name it, the seed and the virtual time, then stop.
// @ts-ignore: decorator
@external('platform', 'trap')
declare function platformTrap(slot: u32, messagePtr: usize, line: u32, column: u32): void;

export function firmwareAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  platformTrap(arena().currentSlot, changetype<usize>(message), line, column);
  unreachable();
}
