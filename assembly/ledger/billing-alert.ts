import { SCRATCH_CIPHER_AAD, SCRATCH_CIPHER_IV, SCRATCH_CIPHER_TAG } from '../scratch-map';
import { storeU64BE, storeAxdrLength } from '../bytes';
import { Status } from '../status';
import { device, findRole, trustEntry, ROLE_SUPPLIER } from '../device/context';
import { seGcmEncrypt } from '../platform';
import { deriveKey } from '../envelope/mac';
import { MAC_INPUT_BASE } from '../envelope/scratch';
import { raiseAlertTo, ALERT_EXTRA_BASE, ALERT_EXTRA_BYTES_MAX } from '../alerts/alert';
import { nextAlertCounter } from '../alerts/send';
import { snapshotEntry, REGISTER_PART_BYTES } from './billing-log';

// ECS68 (devices 3.6, 11.1; gbcs.md 4.5; RTDS NA_ECS68): 0x8F0A "Billing Data Log Updated",
// critical and sensitive, sent with message code 0x0061 and carrying the new calendar entry of
// the Billing Data Log encrypted towards the supplier:
//   data-notification structure(4) { alert code, time, array(1) protection parameters
//   {enum 2, {09 09 04 ‖ alert counter, device EUI, supplier EUI, 09 00, {enum 2, {09 01 02, 09 00}}}},
//   ciphered octet-string `31 00000000 ‖ ciphertext ‖ tag` }
// The plaintext is structure(1) { compact-array of the R.5 register form (98.1.0) with one entry };
// the key is the GBCS 4.2 KDF with CRA' 4, the alert counter, device → supplier (gbcs.md 4.5).

export const ALERT_BILLING_DATA_LOG: u32 = 0x8f0a;
export const MESSAGE_CODE_ECS68: u32 = 0x0061;
const CRA_PAYLOAD_ENCRYPTION: u32 = 4;
const SECURITY_CONTROL_ENCRYPTED: u8 = 0x31;
const TAG_BYTES: u32 = 12;
const PLAINTEXT: usize = MAC_INPUT_BASE; // free between commands: the alert is built after the response left
const REGISTERS_TYPE: StaticArray<u8> = [0x02, 0x07, 0x06, 0x06, 0x01, 0x00, 0x30, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06, 0x01, 0x00, 0x08, 0x06];
// Protection parameters before and after the three 8/9-byte fields (the reference bytes, gbcs.md 4.5).
const PROTECTION_HEAD: StaticArray<u8> = [0x01, 0x01, 0x02, 0x02, 0x16, 0x02, 0x02, 0x05, 0x09, 0x09, 0x04];
const PROTECTION_TAIL: StaticArray<u8> = [0x09, 0x00, 0x02, 0x02, 0x16, 0x02, 0x02, 0x02, 0x09, 0x01, 0x02, 0x09, 0x00];

/** Sends the ECS68 alert for snapshot slot `entryIndex` at timeS; OUTBOX_FULL keeps it for later. */
export function sendBillingAlert(slot: u32, entryIndex: u32, timeS: i64): Status {
  const entry = snapshotEntry(slot, entryIndex);
  const party = findRole(slot, ROLE_SUPPLIER);
  if (entry == 0 || party < 0) return Status.UNKNOWN_ORIGINATOR; // dropped, as any alert with no recipient
  const d = device(slot);
  const supplier = trustEntry(slot, <u32>party).eui;
  const counter = nextAlertCounter(slot);
  // Plaintext: 02 01 13 <type> 82 len <entry>.
  let p = PLAINTEXT;
  store<u8>(p, 0x02);
  store<u8>(p + 1, 1);
  store<u8>(p + 2, 0x13);
  memory.copy(p + 3, changetype<usize>(REGISTERS_TYPE), REGISTERS_TYPE.length);
  p = storeAxdrLength(p + 3 + REGISTERS_TYPE.length, REGISTER_PART_BYTES);
  memory.copy(p, entry, REGISTER_PART_BYTES);
  const plaintextBytes = <u32>(p + REGISTER_PART_BYTES - PLAINTEXT);
  // Extra items at ALERT_EXTRA_BASE: protection parameters, then the ciphered block.
  let x = ALERT_EXTRA_BASE;
  memory.copy(x, changetype<usize>(PROTECTION_HEAD), PROTECTION_HEAD.length);
  x += PROTECTION_HEAD.length;
  storeU64BE(x, counter);
  store<u8>(x + 8, 0x09);
  store<u8>(x + 9, 8);
  storeU64BE(x + 10, d.eui);
  store<u8>(x + 18, 0x09);
  store<u8>(x + 19, 8);
  storeU64BE(x + 20, supplier);
  x += 28;
  memory.copy(x, changetype<usize>(PROTECTION_TAIL), PROTECTION_TAIL.length);
  x += PROTECTION_TAIL.length;
  const cipheredBytes = 5 + plaintextBytes + TAG_BYTES;
  store<u8>(x, 0x09);
  x = storeAxdrLength(x + 1, cipheredBytes);
  store<u8>(x, SECURITY_CONTROL_ENCRYPTED);
  store<u32>(x + 1, 0);
  const extraBytes = <u32>(x + cipheredBytes - ALERT_EXTRA_BASE);
  assert(extraBytes <= ALERT_EXTRA_BYTES_MAX);
  if (deriveKey(slot, <u32>party, d.eui, CRA_PAYLOAD_ENCRYPTION, counter, supplier) != Status.OK) return Status.SECURE_ELEMENT_FAILED;
  storeU64BE(SCRATCH_CIPHER_IV, d.eui);
  store<u32>(SCRATCH_CIPHER_IV + 8, 0);
  store<u8>(SCRATCH_CIPHER_AAD, SECURITY_CONTROL_ENCRYPTED);
  if (seGcmEncrypt(slot, SCRATCH_CIPHER_IV, SCRATCH_CIPHER_AAD, 1, PLAINTEXT, plaintextBytes, x + 5, SCRATCH_CIPHER_TAG) != 0) return Status.SECURE_ELEMENT_FAILED;
  memory.copy(x + 5 + plaintextBytes, SCRATCH_CIPHER_TAG, TAG_BYTES);
  memory.fill(PLAINTEXT, 0, plaintextBytes); // nothing sensitive left in the scratch
  return raiseAlertTo(slot, ALERT_BILLING_DATA_LOG, MESSAGE_CODE_ECS68, true, <u32>party, timeS, 2, extraBytes);
}
