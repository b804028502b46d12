import { SCRATCH_CERTIFICATE } from '../scratch-map';
import { loadU64BE } from '../bytes';
import {
  derContent, derEnd, derExpect, DER_SEQUENCE, DER_INTEGER, DER_BIT_STRING, DER_OID, DER_SET, DER_CONTEXT_0, DER_CONTEXT_3,
} from './der';

// The parts of a GBCS X.509 certificate (GBCS 4.7; RFC 5280) the device uses: serial number,
// subject unique identifier (the EUI-64 in x500UniqueIdentifier, OID 2.5.4.45, or for a device
// certificate in the SubjectAltName hardwareModuleName serial number), the P-256 public
// key (uncompressed point) and the key usage (KA keyAgreement / DS digitalSignature). Nothing is
// copied: the result points into the certificate, which must stay where it is while it is used.

//   0 serialPtr u32 | 4 serialBytes u32 | 8 subjectEui u64 | 16 publicKeyPtr u32 (65 bytes 04 x y)
//  20 keyUsage u32 (KEY_USAGE_*) | 24 tbsPtr u32 | 28 tbsEnd u32 | 32 subjectKeyId u64 (GBCS 4.7: 8 bytes; 0 = none)
//  40 issuerPtr u32 | 44 issuerEnd u32 | 48 subjectPtr u32 | 52 subjectEnd u32 (the Name elements, tag included)
@unmanaged
export class ParsedCertificate {
  serialPtr: u32;
  serialBytes: u32;
  subjectEui: u64;
  publicKeyPtr: u32;
  keyUsage: u32;
  tbsPtr: u32;
  tbsEnd: u32;
  subjectKeyId: u64;
  issuerPtr: u32;
  issuerEnd: u32;
  subjectPtr: u32;
  subjectEnd: u32;
}

export const PUBLIC_KEY_BYTES: u32 = 65;
export const SERIAL_BYTES_MAX: u32 = 20; // RFC 5280 4.1.2.2
export const KEY_USAGE_NONE: u32 = 0;
export const KEY_USAGE_DS: u32 = 1; // digitalSignature
export const KEY_USAGE_KA: u32 = 2; // keyAgreement
const CERTIFICATE_BASE: usize = SCRATCH_CERTIFICATE;
if (offsetof<ParsedCertificate>() > 56) ERROR('ParsedCertificate overflows its scratch');
const NAME_ATTRIBUTES_MAX: i32 = 8;
const EXTENSIONS_MAX: i32 = 8;
// OID 2.5.4.45 x500UniqueIdentifier, OID 2.5.29.15 keyUsage (content bytes after 06 03).
const OID_UNIQUE_IDENTIFIER: u32 = 0x55042d;
const OID_KEY_USAGE: u32 = 0x551d0f;
const OID_SUBJECT_KEY_ID: u32 = 0x551d0e;
const OID_SUBJECT_ALT_NAME: u32 = 0x551d11;
const HW_SERIAL_BYTES: u32 = 10; // OCTET STRING(8) EUI-64 closing a device certificate's hardwareModuleName
const KEY_ID_BYTES: u32 = 8;
const BIT_KEY_AGREEMENT: u8 = 0x08; // bit 4 of the first octet
const BIT_DIGITAL_SIGNATURE: u8 = 0x80; // bit 0

// @ts-ignore: decorator
@inline export function parsedCertificate(): ParsedCertificate {
  return changetype<ParsedCertificate>(CERTIFICATE_BASE);
}

/**
 * Parses the certificate [p, end) into parsedCertificate(); false (and nothing usable) when it is
 * not one we accept. A certificate without x500UniqueIdentifier (an issuing authority's) parses
 * with subjectEui 0: callers that need a party's EUI check it.
 */
export function parseCertificate(p: usize, end: usize): bool {
  const c = parsedCertificate();
  c.serialBytes = 0;
  c.subjectEui = 0;
  c.publicKeyPtr = 0;
  c.keyUsage = KEY_USAGE_NONE;
  c.subjectKeyId = 0;
  if (derExpect(p, end, DER_SEQUENCE) != end) return false;
  let q = derContent(p);
  const tbsEnd = derExpect(q, end, DER_SEQUENCE);
  if (tbsEnd == 0) return false;
  c.tbsPtr = <u32>q;
  c.tbsEnd = <u32>tbsEnd;
  q = derContent(q);
  if (q < tbsEnd && load<u8>(q) == DER_CONTEXT_0) q = derEnd(q, tbsEnd); // version
  const serialEnd = derExpect(q, tbsEnd, DER_INTEGER);
  if (serialEnd == 0) return false;
  c.serialPtr = <u32>derContent(q);
  c.serialBytes = <u32>(serialEnd - derContent(q));
  if (c.serialBytes < 1 || c.serialBytes > SERIAL_BYTES_MAX) return false;
  q = derExpect(serialEnd, tbsEnd, DER_SEQUENCE); // signature algorithm
  if (q == 0) return false;
  const issuer = q;
  q = derExpect(q, tbsEnd, DER_SEQUENCE); // issuer
  if (q == 0) return false;
  c.issuerPtr = <u32>issuer;
  c.issuerEnd = <u32>q;
  q = derExpect(q, tbsEnd, DER_SEQUENCE); // validity
  if (q == 0) return false;
  const subjectEnd = derExpect(q, tbsEnd, DER_SEQUENCE);
  if (subjectEnd == 0 || !readSubject(derContent(q), subjectEnd)) return false;
  c.subjectPtr = <u32>q;
  c.subjectEnd = <u32>subjectEnd;
  const spkiEnd = derExpect(subjectEnd, tbsEnd, DER_SEQUENCE);
  if (spkiEnd == 0) return false;
  const algorithmEnd = derExpect(derContent(subjectEnd), spkiEnd, DER_SEQUENCE);
  const keyEnd: usize = algorithmEnd == 0 ? <usize>0 : derExpect(algorithmEnd, spkiEnd, DER_BIT_STRING);
  const key: usize = algorithmEnd == 0 ? <usize>0 : derContent(algorithmEnd);
  if (keyEnd != spkiEnd || keyEnd - key != 1 + PUBLIC_KEY_BYTES || load<u8>(key) != 0 || load<u8>(key + 1) != 0x04) return false;
  c.publicKeyPtr = <u32>(key + 1);
  q = spkiEnd;
  if (q < tbsEnd && load<u8>(q) == DER_CONTEXT_3) {
    const extensionsEnd = derEnd(q, tbsEnd);
    if (extensionsEnd != tbsEnd || !readExtensions(derContent(q), extensionsEnd)) return false;
  }
  return true;
}

/** Subject Name: SEQUENCE OF SET OF {OID, value}; finds the x500UniqueIdentifier BIT STRING 00 || EUI. */
function readSubject(p: usize, end: usize): bool {
  for (let i = 0; i < NAME_ATTRIBUTES_MAX && p < end; i++) {
    const setEnd = derExpect(p, end, DER_SET);
    if (setEnd == 0) return false;
    const attribute = derContent(p);
    const attributeEnd = derExpect(attribute, setEnd, DER_SEQUENCE);
    if (attributeEnd == 0) return false;
    const oid = derContent(attribute);
    const oidEnd = derExpect(oid, attributeEnd, DER_OID);
    if (oidEnd == 0) return false;
    if (oidEnd - oid == 5 && oidValue(oid + 2) == OID_UNIQUE_IDENTIFIER) {
      const valueEnd = derExpect(oidEnd, attributeEnd, DER_BIT_STRING);
      const value = derContent(oidEnd);
      if (valueEnd == 0 || valueEnd - value != 9 || load<u8>(value) != 0) return false;
      parsedCertificate().subjectEui = loadU64BE(value + 1);
    }
    p = setEnd;
  }
  return p == end;
}

/** Extensions [3] { SEQUENCE OF { OID, critical?, OCTET STRING } }: the key usage bits. */
function readExtensions(p: usize, end: usize): bool {
  const listEnd = derExpect(p, end, DER_SEQUENCE);
  if (listEnd != end) return false;
  p = derContent(p);
  for (let i = 0; i < EXTENSIONS_MAX && p < end; i++) {
    const extensionEnd = derExpect(p, end, DER_SEQUENCE);
    if (extensionEnd == 0) return false;
    const oid = derContent(p);
    const oidEnd = derExpect(oid, extensionEnd, DER_OID);
    if (oidEnd == 0) return false;
    if (oidEnd - oid == 5 && oidValue(oid + 2) == OID_SUBJECT_KEY_ID) {
      // value: OCTET STRING { OCTET STRING keyIdentifier (8 bytes in GBCS certificates) }
      if (derExpect(oidEnd, extensionEnd, 0x04) != extensionEnd) return false;
      const id = derContent(oidEnd);
      const idEnd = derExpect(id, extensionEnd, 0x04);
      if (idEnd != extensionEnd) return false;
      // Another length is not GBCS's form: the certificate still parses, without a key id.
      if (idEnd - derContent(id) == KEY_ID_BYTES) parsedCertificate().subjectKeyId = loadU64BE(derContent(id));
    }
    if (oidEnd - oid == 5 && oidValue(oid + 2) == OID_SUBJECT_ALT_NAME && parsedCertificate().subjectEui == 0) {
      // GBCS 4.7 device certificates: empty subject; SubjectAltName otherName hardwareModuleName
      // { hwType, hwSerialNum OCTET STRING = EUI-64 } ends the extension.
      const tail = extensionEnd - HW_SERIAL_BYTES;
      if (tail > oidEnd && load<u8>(tail) == 0x04 && load<u8>(tail + 1) == 8) parsedCertificate().subjectEui = loadU64BE(tail + 2);
    }
    if (oidEnd - oid == 5 && oidValue(oid + 2) == OID_KEY_USAGE) {
      // value: OCTET STRING { BIT STRING } after an optional BOOLEAN critical
      let v = oidEnd;
      if (load<u8>(v) == 0x01) v = derEnd(v, extensionEnd);
      if (v == 0 || derExpect(v, extensionEnd, 0x04) != extensionEnd) return false;
      const bits = derContent(v);
      const bitsEnd = derExpect(bits, extensionEnd, DER_BIT_STRING);
      if (bitsEnd == 0 || bitsEnd - derContent(bits) < 2) return false;
      const first = load<u8>(derContent(bits) + 1);
      const c = parsedCertificate();
      if ((first & BIT_KEY_AGREEMENT) != 0) c.keyUsage = KEY_USAGE_KA;
      else if ((first & BIT_DIGITAL_SIGNATURE) != 0) c.keyUsage = KEY_USAGE_DS;
    }
    p = extensionEnd;
  }
  return p == end;
}

function oidValue(p: usize): u32 {
  return (<u32>load<u8>(p) << 16) | (<u32>load<u8>(p + 1) << 8) | <u32>load<u8>(p + 2);
}
