import { loadU64BE } from '../bytes';
import { ParsedHeader } from '../envelope/header';
import { CONTENT_BASE } from '../envelope/outgoing';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import { join, unjoin, JOIN_ADDED, JOIN_PRESENT, JOIN_INCOMPATIBLE, JOIN_FULL } from './join-log';

// The payload handler of the PPMID and the HCALCS (devices.md 8.1, 8.3; GBCS 7): their remote
// use cases are ASN.1 (DER). device/command.ts has run the common checks. Returns the response
// length at CONTENT_BASE, or -1 when the content does not decode (devices 1.3 cause 8).
//   CS08 (0129)  NULL -> SEQUENCE { OCTET STRING firmware version, INTEGER read result }
//   CS03A2 (00AB), CS03C (00AF)  join request -> INTEGER outcome
//   CS04AC (000F)  OCTET STRING other EUI -> INTEGER outcome

const CODE_CS04AC: u32 = 0x000f;
const CODE_CS03A2: u32 = 0x00ab;
const CODE_CS03C: u32 = 0x00af;
const CODE_CS08: u32 = 0x0129;
const DER_INTEGER: u8 = 0x02;
const DER_OCTET_STRING: u8 = 0x04;
const DER_NULL: u8 = 0x05;
const DER_SEQUENCE: u8 = 0x30;
const EUI_BYTES: u32 = 8;
// GBCS 7 join methods and roles [A: the data show 1 with CS03A2 and 3 with CS03C].
const JOIN_METHOD_A_MAX: u32 = 1;
const JOIN_METHOD_C: u32 = 3;
const HAN_DEVICE_TYPE_MAX: u32 = 6; // GBCS 7: 0 GSME … 6 Type 2
// GBCS 7 join outcomes.
const OUTCOME_SUCCESS: u8 = 0;
const OUTCOME_WRONG_CODE_FOR_METHOD: u8 = 1;
const OUTCOME_INVALID_METHOD: u8 = 2;
const OUTCOME_INCOMPATIBLE: u8 = 3;
const OUTCOME_LOG_FULL: u8 = 4;
const OUTCOME_NO_CERTIFICATE: u8 = 11;
const UNJOIN_NOT_IN_LOG: u8 = 1;
// The firmware version the device reports (CS08): class 1 a2 of 0-0:0.2.0.255 in the object
// store, an octet-string the host sets (devices 8.1 [A]); absent = unreadable (HCALCS, S.3).
const OBIS_FIRMWARE_VERSION: usize = memory.data<u8>([0, 0, 0, 2, 0, 255]);
const FIRMWARE_VERSION_BYTES_MAX: u32 = 32;
const UNREADABLE_VERSION_BYTES: u32 = 4;

export function hanDevicePayload(slot: u32, h: ParsedHeader): i32 {
  const p = h.contentPtr;
  const n = h.contentBytes;
  const code = h.messageCode;
  if (code == CODE_CS08) {
    if (n != 2 || load<u8>(p) != DER_NULL || load<u8>(p + 1) != 0) return -1;
    return firmwareVersion(slot);
  }
  if (code == CODE_CS04AC) {
    if (n != 2 + EUI_BYTES || load<u8>(p) != DER_OCTET_STRING || <u32>load<u8>(p + 1) != EUI_BYTES) return -1;
    return outcome(unjoin(slot, loadU64BE(p + 2)) ? OUTCOME_SUCCESS : UNJOIN_NOT_IN_LOG);
  }
  if (code == CODE_CS03A2 || code == CODE_CS03C) return joinRequest(slot, code, p, p + n);
  return -1; // a use case of this type the firmware does not serve yet (CS07, CS05c …)
}

function outcome(value: u8): i32 {
  store<u8>(CONTENT_BASE, DER_INTEGER);
  store<u8>(CONTENT_BASE + 1, 1);
  store<u8>(CONTENT_BASE + 2, value);
  return 3;
}

function firmwareVersion(slot: u32): i32 {
  const entry = findValue(slot, 1, OBIS_FIRMWARE_VERSION, 2);
  const value: usize = entry == 0 ? <usize>0 : valueAddress(entry);
  let versionBytes = UNREADABLE_VERSION_BYTES;
  let readable = false;
  if (value != 0 && valueLength(entry) >= 2 && load<u8>(value) == 0x09) {
    const length = <u32>load<u8>(value + 1);
    if (length >= 1 && length <= FIRMWARE_VERSION_BYTES_MAX && valueLength(entry) == 2 + length) {
      versionBytes = length;
      readable = true;
    }
  }
  const c: usize = CONTENT_BASE;
  store<u8>(c, DER_SEQUENCE);
  store<u8>(c + 1, <u8>(2 + versionBytes + 3));
  store<u8>(c + 2, DER_OCTET_STRING);
  store<u8>(c + 3, <u8>versionBytes);
  if (readable) memory.copy(c + 4, value + 2, versionBytes);
  else memory.fill(c + 4, 0, versionBytes);
  store<u8>(c + 4 + versionBytes, DER_INTEGER);
  store<u8>(c + 5 + versionBytes, 1);
  store<u8>(c + 6 + versionBytes, readable ? 0 : 1);
  return <i32>(7 + versionBytes);
}

// SEQUENCE { INTEGER joinMethodAndRole, OCTET STRING(8) other EUI, INTEGER other device type,
// [method C: SEQUENCE certificate] }.
function joinRequest(slot: u32, code: u32, p: usize, end: usize): i32 {
  if (end - p < 2 || load<u8>(p) != DER_SEQUENCE) return -1;
  const body = derBody(p, end);
  if (body == 0) return -1;
  let q = body;
  if (q + 3 + 10 + 3 > end || load<u8>(q) != DER_INTEGER || load<u8>(q + 1) != 1) return -1;
  const method = <u32>load<u8>(q + 2);
  q += 3;
  if (load<u8>(q) != DER_OCTET_STRING || <u32>load<u8>(q + 1) != EUI_BYTES) return -1;
  const eui = loadU64BE(q + 2);
  q += 10;
  if (load<u8>(q) != DER_INTEGER || load<u8>(q + 1) != 1) return -1;
  const deviceType = <u32>load<u8>(q + 2);
  q += 3;
  let hasCertificate = false;
  if (q < end) {
    if (load<u8>(q) != DER_SEQUENCE || derBody(q, end) == 0) return -1;
    hasCertificate = true;
  }
  if (method > JOIN_METHOD_C || deviceType > HAN_DEVICE_TYPE_MAX) return outcome(OUTCOME_INVALID_METHOD);
  if (code == CODE_CS03A2 && method > JOIN_METHOD_A_MAX) return outcome(OUTCOME_WRONG_CODE_FOR_METHOD);
  if (code == CODE_CS03C && method != JOIN_METHOD_C) return outcome(OUTCOME_WRONG_CODE_FOR_METHOD);
  // Method C binds by certificate: without one the join fails [D: CS03CNonCritical ERROR, 11].
  if (method == JOIN_METHOD_C && !hasCertificate) return outcome(OUTCOME_NO_CERTIFICATE);
  const joined = join(slot, eui, <u8>deviceType);
  if (joined == JOIN_INCOMPATIBLE) return outcome(OUTCOME_INCOMPATIBLE);
  if (joined == JOIN_FULL) return outcome(OUTCOME_LOG_FULL);
  assert(joined == JOIN_ADDED || joined == JOIN_PRESENT);
  return outcome(OUTCOME_SUCCESS);
}

/** Start of the contents of the DER element at p when it ends exactly at `end`, else 0. */
function derBody(p: usize, end: usize): usize {
  if (p + 2 > end) return 0;
  const first = <u32>load<u8>(p + 1);
  let length: u32 = first;
  let body = p + 2;
  if (first == 0x81) {
    if (p + 3 > end) return 0;
    length = <u32>load<u8>(p + 2);
    body = p + 3;
  } else if (first == 0x82) {
    if (p + 4 > end) return 0;
    length = (<u32>load<u8>(p + 2) << 8) | <u32>load<u8>(p + 3);
    body = p + 4;
  } else if (first >= 0x80) {
    return 0;
  }
  return body + length == end ? body : 0;
}
