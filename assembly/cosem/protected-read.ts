import { SCRATCH_CIPHER_AAD, SCRATCH_CIPHER_IV, SCRATCH_CIPHER_TAG } from '../scratch-map';
import { loadU16BE, storeU64BE, loadU64BE, storeAxdrLength, axdrLengthBytes } from '../bytes';
import { device } from '../device/context';
import { seGcmEncrypt } from '../platform';
import { Status } from '../status';
import { axdrEnd } from '../dlms/axdr-walk';
import { deriveKey } from '../envelope/mac';
import { commandParties, KEY_SLOT_CARRIED } from '../device/parties';
import { parsed } from '../envelope/header';
import { MAC_INPUT_BASE, MAC_INPUT_BYTES, PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { findObject, objectAccess, objectHandler } from './objects';
import { ACCESS_GET, ACCESS_GET_WITH_SELECTION, HANDLER_PROFILE_BUFFER } from '../generated/esme-objects';
import { parseDescriptorRange, putStoredInParsedRange } from './selection';
import { getAttribute } from './handlers';
import { cursor, limit, retarget, room, putU8, putBytes } from './output';
import { RESULT_SUCCESS, RESULT_OTHER_REASON, RESULT_TYPE_UNMATCHED, RESULT_OBJECT_UNDEFINED } from './results';

// Data protection get_protected_attributes (class 30 m1; GBCS 4.5, devices 11.6 "Protected
// reads"): the parameter lists attribute descriptors and the protection parameters; the device
// reads each attribute, encrypts structure{values} with the CRA' 4 key towards the remote party,
// and answers structure{protection parameters with originator and recipient swapped, ciphered
// octet-string 31 00000000 || ciphertext || tag}.

const CRA_PAYLOAD_ENCRYPTION: u32 = 4;
const SECURITY_CONTROL_ENCRYPTED: u8 = 0x31;
const TAG_BYTES: u32 = 12;
const DESCRIPTORS_MAX: i32 = 16; // the reference reads list one attribute each
const PLAINTEXT_BASE: usize = MAC_INPUT_BASE; // free until the response is MACed
const PLAINTEXT_LIMIT: usize = MAC_INPUT_BASE + MAC_INPUT_BYTES / 2;
const CIPHERTEXT_BASE: usize = PLAINTEXT_LIMIT;
const IV_PTR: usize = SCRATCH_CIPHER_IV;
const AAD_PTR: usize = SCRATCH_CIPHER_AAD;
const TAG_PTR: usize = SCRATCH_CIPHER_TAG;
const SIZE_CELL: usize = PARSED_BASE + PARSED_BYTES - 12;
// Offsets in a protection-parameters element: 01 01 02 02 16 tt 02 05 09 09 <transaction id 9> 09 08 <orig> 09 08 <recip>
const ORIGINATOR_OFFSET: u32 = 8 + 2 + 9 + 2;
const RECIPIENT_OFFSET: u32 = ORIGINATOR_OFFSET + 8 + 2;
const PROTECTION_PARAMETERS_MIN_BYTES: u32 = RECIPIENT_OFFSET + 8;
// In a descriptor: 02 05, 12 class, 09 06 OBIS, 0F attribute, 12 data-index, then the selection.
const SELECTION_OFFSET: usize = 18;

/**
 * Runs the action for a request whose parameter is [param, paramEnd); keySlot and partyEui name the
 * remote party the reply is encrypted for; counter is the header counter. Returns an action-result.
 */
export function protectedRead(slot: u32, param: usize, paramEnd: usize, keySlot: u32, partyEui: u64, counter: u64): u8 {
  // Parameter: structure(2) { array of descriptors, protection parameters }
  if (param + 4 > paramEnd || load<u8>(param) != 0x02 || load<u8>(param + 1) != 2 || load<u8>(param + 2) != 0x01) return RESULT_TYPE_UNMATCHED;
  const count = <i32>load<u8>(param + 3);
  if (count < 1 || count > DESCRIPTORS_MAX) return RESULT_TYPE_UNMATCHED;
  const descriptors = param + 4;
  const protection = axdrEnd(param + 2, paramEnd, SIZE_CELL);
  if (protection == 0) return RESULT_TYPE_UNMATCHED;
  const protectionEnd = axdrEnd(protection, paramEnd, SIZE_CELL);
  if (protectionEnd != paramEnd || <u32>(protectionEnd - protection) < PROTECTION_PARAMETERS_MIN_BYTES) return RESULT_TYPE_UNMATCHED;
  if (load<u8>(protection + ORIGINATOR_OFFSET - 2) != 0x09 || load<u8>(protection + RECIPIENT_OFFSET - 2) != 0x09) return RESULT_TYPE_UNMATCHED;

  // Plaintext = structure(count) { value of each listed attribute }, built with the output retargeted.
  const savedCursor = cursor();
  const savedLimit = limit();
  retarget(PLAINTEXT_BASE, PLAINTEXT_LIMIT);
  putU8(0x02);
  putU8(<u32>count);
  let p = descriptors;
  let result: u8 = RESULT_SUCCESS;
  for (let i = 0; i < count && result == RESULT_SUCCESS; i++) {
    // descriptor: structure(5) { long-unsigned class, octet-string(6) OBIS, integer attribute, long-unsigned index, selection }
    if (p + 16 > paramEnd || load<u8>(p) != 0x02 || load<u8>(p + 2) != 0x12 || load<u8>(p + 5) != 0x09 || load<u8>(p + 6) != 6 || load<u8>(p + 13) != 0x0f) {
      result = RESULT_TYPE_UNMATCHED;
      break;
    }
    const classId = loadU16BE(p + 3);
    const obis = p + 7;
    const member = <u32>load<u8>(p + 14);
    const descriptorEnd = axdrEnd(p, paramEnd, SIZE_CELL);
    if (descriptorEnd == 0) {
      result = RESULT_TYPE_UNMATCHED;
      break;
    }
    // A log read carries a range {enum 1, {from, to}} as the descriptor's selection (devices 11.6).
    const ranged = descriptorEnd > p + SELECTION_OFFSET && parseDescriptorRange(p + SELECTION_OFFSET, descriptorEnd);
    const row = findObject(device(slot).deviceType, classId, obis, member, false);
    const needed = ranged ? ACCESS_GET_WITH_SELECTION : ACCESS_GET;
    if (row < 0 || (objectAccess(row) & needed) == 0) result = RESULT_OBJECT_UNDEFINED;
    else if (ranged && objectHandler(row) == HANDLER_PROFILE_BUFFER) result = putStoredInParsedRange(slot, classId, obis, member);
    else result = getAttribute(slot, objectHandler(row), classId, obis, member);
    p = descriptorEnd;
  }
  const plaintextEnd = cursor();
  retarget(savedCursor, savedLimit);
  if (result != RESULT_SUCCESS) return result;

  const plaintextBytes = <u32>(plaintextEnd - PLAINTEXT_BASE);
  const cipheredBytes = 5 + plaintextBytes + TAG_BYTES;
  const protectionBytes = <u32>(protectionEnd - protection);
  if (!room(2 + protectionBytes + 1 + axdrLengthBytes(cipheredBytes) + cipheredBytes)) return RESULT_OTHER_REASON;
  const deviceEui = device(slot).eui;
  // GBCS 4.5: a reply to an unknown remote party (ECS21b URP) is keyed by the supplementary originator counter.
  if (keySlot == KEY_SLOT_CARRIED) counter = commandParties().encryptionCounter;
  if (deriveKey(slot, keySlot, deviceEui, CRA_PAYLOAD_ENCRYPTION, counter, partyEui) != Status.OK) return RESULT_OTHER_REASON;
  storeU64BE(IV_PTR, deviceEui);
  store<u32>(IV_PTR + 8, 0);
  store<u8>(AAD_PTR, SECURITY_CONTROL_ENCRYPTED);
  if (seGcmEncrypt(slot, IV_PTR, AAD_PTR, 1, PLAINTEXT_BASE, plaintextBytes, CIPHERTEXT_BASE, TAG_PTR) != 0) return RESULT_OTHER_REASON;

  putU8(0x02);
  putU8(2);
  const copy = cursor();
  putBytes(protection, protectionBytes);
  // The reply travels the other way: swap originator and recipient system titles.
  const originator = loadU64BE(copy + ORIGINATOR_OFFSET);
  storeU64BE(copy + ORIGINATOR_OFFSET, loadU64BE(copy + RECIPIENT_OFFSET));
  storeU64BE(copy + RECIPIENT_OFFSET, originator);
  // ECS21b URP (RTDS 4.14 URP SUCCESS): the command's titles name the supplementary party, the
  // reply names the header originator (the ACB that carried the certificate) as its recipient.
  if (keySlot == KEY_SLOT_CARRIED) storeU64BE(copy + RECIPIENT_OFFSET, parsed().originator);
  putU8(0x09);
  setCursorAfterLength(cipheredBytes);
  putU8(SECURITY_CONTROL_ENCRYPTED);
  putU8(0);
  putU8(0);
  putU8(0);
  putU8(0);
  putBytes(CIPHERTEXT_BASE, plaintextBytes);
  putBytes(TAG_PTR, TAG_BYTES);
  return RESULT_SUCCESS;
}

function setCursorAfterLength(length: u32): void {
  const p = cursor();
  const after = storeAxdrLength(p, length);
  retarget(after, limit());
}
