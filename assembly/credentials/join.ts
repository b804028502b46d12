import { loadU64BE } from '../bytes';
import { CONTENT_BASE } from '../envelope/outgoing';
import { derContent, derExpect, derSmallInteger, DER_SEQUENCE, DER_OCTET_STRING, DER_INTEGER } from '../asn1/der';
import { findDeviceLogEntry, deviceLogEntry, addDeviceLogEntry, removeDeviceLogEntry } from './store';
import { parseCertificate } from '../asn1/certificate';

// Joins and unjoins (GBCS 7; devices 7.2, R.6): the device log of the HAN devices bound to a
// device. CS03A1 Method A join (meter) and CS04AC Method A/C unjoin on the ESME; CS03B Method B
// and CS03C Method C joins, CS04AC / CS04B unjoins on the GSME (gsme/asn1.ts).
//   CS03x   SEQUENCE { INTEGER joinMethodAndRole, OCTET STRING(8) other EUI, INTEGER other device type
//                      [, SEQUENCE the other device's certificate (Method C)] }
//   CS04x   OCTET STRING(8) other EUI
//   answer  INTEGER outcome (GBCS 7 tables)

const JOIN_SUCCESS: u32 = 0;
const JOIN_INVALID_METHOD_OR_ROLE: u32 = 2;
const JOIN_INCOMPATIBLE_ENTRY: u32 = 3; // R.6: the ERROR variant joins a logged EUI as another device type
const JOIN_DEVICE_LOG_FULL: u32 = 4;
const JOIN_INVALID_CERTIFICATE: u32 = 11; // devices R.6: CS03C without a certificate
const UNJOIN_SUCCESS: u32 = 0;
const UNJOIN_NOT_IN_LOG: u32 = 1;
const METHOD_A_METER: i64 = 0; // the only joinMethodAndRole of CS03A1 in the data [A: others are "invalid"]
const DEVICE_TYPE_MAX: i64 = 6; // GBCS 7: 0 GSME … 6 Type 2
const EUI_BYTES: u32 = 8;
/** Device-type mask (bit n = GBCS 7 device type n) accepting every type. */
export const ANY_DEVICE_TYPE: u32 = 0x7f;

export function joinMethodA(slot: u32, content: usize, end: usize): i32 {
  return join(slot, content, end, METHOD_A_METER, ANY_DEVICE_TYPE, false);
}

/**
 * A join the device accepts for one joinMethodAndRole and the other device types of the mask;
 * any other method or type answers 2. With `certificate`, the other device's certificate must
 * follow (Method C): absent or unparsable answers 11.
 */
export function join(slot: u32, content: usize, end: usize, acceptedMethod: i64, acceptedTypes: u32, certificate: bool): i32 {
  if (derExpect(content, end, DER_SEQUENCE) != end) return -1;
  const method = derContent(content);
  const methodEnd = derExpect(method, end, DER_INTEGER);
  if (methodEnd == 0) return -1;
  const euiEnd = derExpect(methodEnd, end, DER_OCTET_STRING);
  if (euiEnd == 0 || euiEnd - derContent(methodEnd) != EUI_BYTES) return -1;
  const typeEnd = derExpect(euiEnd, end, DER_INTEGER);
  if (typeEnd == 0) return -1;
  let certificateEnd = typeEnd;
  if (typeEnd != end) {
    if (!certificate) return -1;
    certificateEnd = derExpect(typeEnd, end, DER_SEQUENCE);
    if (certificateEnd != end) return -1;
  }
  const methodAndRole = derSmallInteger(method, methodEnd);
  const deviceType = derSmallInteger(euiEnd, typeEnd);
  if (methodAndRole < 0 || deviceType < 0 || deviceType > DEVICE_TYPE_MAX) return -1;
  const eui = loadU64BE(derContent(methodEnd));
  let outcome = JOIN_SUCCESS;
  if (methodAndRole != acceptedMethod || (acceptedTypes & (1 << <u32>deviceType)) == 0) {
    outcome = JOIN_INVALID_METHOD_OR_ROLE;
  } else if (certificate && (typeEnd == end || !parseCertificate(typeEnd, end))) {
    outcome = JOIN_INVALID_CERTIFICATE;
  } else {
    const index = findDeviceLogEntry(slot, eui);
    if (index >= 0) {
      // Joining a device already in the log as the same type changes nothing and succeeds [A].
      if (<i64>deviceLogEntry(slot, <u32>index).deviceType != deviceType) outcome = JOIN_INCOMPATIBLE_ENTRY;
    } else if (!addDeviceLogEntry(slot, eui, <u32>deviceType)) {
      outcome = JOIN_DEVICE_LOG_FULL;
    }
  }
  return putOutcome(outcome);
}

export function unjoin(slot: u32, content: usize, end: usize): i32 {
  if (derExpect(content, end, DER_OCTET_STRING) != end || end - derContent(content) != EUI_BYTES) return -1;
  const index = findDeviceLogEntry(slot, loadU64BE(derContent(content)));
  if (index < 0) return putOutcome(UNJOIN_NOT_IN_LOG);
  removeDeviceLogEntry(slot, <u32>index);
  return putOutcome(UNJOIN_SUCCESS);
}

function putOutcome(outcome: u32): i32 {
  store<u8>(CONTENT_BASE, DER_INTEGER);
  store<u8>(CONTENT_BASE + 1, 1);
  store<u8>(CONTENT_BASE + 2, <u8>outcome);
  return 3;
}
