import { SCRATCH_KDF_OTHER_INFO, SCRATCH_MAC_IV, SCRATCH_MAC_TAG } from '../scratch-map';
import { storeU64BE } from '../bytes';
import { seEcdh, seEcdhKey, seKdf, seGcmMac } from '../platform';
import { KEY_SLOT_CARRIED, CARRIED_KEY_PTR, CARRIED_KEY_BYTES } from '../device/parties';
import { Status } from '../status';
import { MAC_INPUT_BASE } from './scratch';
import { SECURITY_CONTROL_AUTH_ONLY, MAC_BYTES } from './header';

// GBCS message MAC (GBCS 4.2, 4.3): K = KDF(ECDH(device KA, party KA), OtherInfo), then a
// 12-byte GMAC over 11 00 00 00 00 00 || the general-signing APDU with IV = originator || 0^4.
// The key material never leaves the secure element; only the OtherInfo and the data cross.

const OTHER_INFO_PTR: usize = SCRATCH_KDF_OTHER_INFO;
export const OTHER_INFO_BYTES: u32 = 33;
const IV_PTR: usize = SCRATCH_MAC_IV;
const TAG_PTR: usize = SCRATCH_MAC_TAG;
export const AAD_PREFIX_BYTES: u32 = 6;

// GBCS 4.2: the AlgorithmID constant that opens every OtherInfo.
const ALGORITHM_ID_0: u64 = 0x6085740608030000; // 60 85 74 06 08 03 00, plus a byte overwritten below
const TRANSACTION_ID_LENGTH: u8 = 9;

/** Builds the OtherInfo of GBCS 4.2 in the SE scratch. */
function storeOtherInfo(originator: u64, craPrime: u32, counter: u64, recipient: u64): void {
  storeU64BE(OTHER_INFO_PTR, ALGORITHM_ID_0);
  storeU64BE(OTHER_INFO_PTR + 7, originator);
  store<u8>(OTHER_INFO_PTR + 15, TRANSACTION_ID_LENGTH);
  store<u8>(OTHER_INFO_PTR + 16, <u8>craPrime);
  storeU64BE(OTHER_INFO_PTR + 17, counter);
  storeU64BE(OTHER_INFO_PTR + 25, recipient);
}

/** Derives the message key for (party, originator, CRA', counter, recipient) into the SE key register. */
export function deriveKey(slot: u32, keySlot: u32, originator: u64, craPrime: u32, counter: u64, recipient: u64): Status {
  // A key slot names a trust-store party; KEY_SLOT_CARRIED the key a command carried (GBCS 4.5 URP).
  const agreed = keySlot == KEY_SLOT_CARRIED ? seEcdhKey(slot, CARRIED_KEY_PTR, CARRIED_KEY_BYTES) : seEcdh(slot, keySlot);
  if (agreed != 0) return Status.SECURE_ELEMENT_FAILED;
  storeOtherInfo(originator, craPrime, counter, recipient);
  if (seKdf(slot, OTHER_INFO_PTR, OTHER_INFO_BYTES) != 0) return Status.SECURE_ELEMENT_FAILED;
  return Status.OK;
}

/** Computes the 12-byte MAC of the APDU [apduPtr, apduEnd) into tagOut, with the key already derived. */
export function gbcsMac(slot: u32, originator: u64, apduPtr: usize, apduEnd: usize, tagOut: usize): Status {
  const aadLength = AAD_PREFIX_BYTES + <u32>(apduEnd - apduPtr);
  store<u8>(MAC_INPUT_BASE, SECURITY_CONTROL_AUTH_ONLY);
  store<u32>(MAC_INPUT_BASE + 1, 0);
  store<u8>(MAC_INPUT_BASE + 5, 0);
  memory.copy(MAC_INPUT_BASE + AAD_PREFIX_BYTES, apduPtr, apduEnd - apduPtr);
  storeU64BE(IV_PTR, originator);
  store<u32>(IV_PTR + 8, 0);
  if (seGcmMac(slot, IV_PTR, MAC_INPUT_BASE, aadLength, TAG_PTR) != 0) return Status.SECURE_ELEMENT_FAILED;
  memory.copy(tagOut, TAG_PTR, MAC_BYTES);
  return Status.OK;
}

/** True when the 12 bytes at a and b are equal (no early exit: the comparison time does not depend on where they differ). */
export function macEqual(a: usize, b: usize): bool {
  let diff: u32 = 0;
  for (let i: u32 = 0; i < MAC_BYTES; i++) diff |= <u32>(load<u8>(a + i) ^ load<u8>(b + i));
  return diff == 0;
}
