import { INBOX_BYTES } from '../layout';
import { loadU16BE, loadU64BE } from '../bytes';
import { Status } from '../status';
import { PARSED_BASE, PARSED_BYTES, MAC_INPUT_BYTES } from './scratch';

// Parser of a GBCS command envelope (GBCS 1.1 general-ciphering around 1.2 general-signing).
// It only locates and checks fields; nothing is copied and no state changes.

export const TAG_GENERAL_CIPHERING: u8 = 0xdd;
export const TAG_GENERAL_SIGNING: u8 = 0xdf;
export const TRANSACTION_ID_BYTES: u8 = 9;
export const SYSTEM_TITLE_BYTES: u8 = 8;
export const SECURITY_CONTROL_AUTH_ONLY: u8 = 0x11;
export const MAC_BYTES: u32 = 12;
export const SIGNATURE_BYTES: u32 = 64;
export const DATE_TIME_OCTETS: u32 = 12;
export const CRA_COMMAND: u32 = 1;
export const CRA_RESPONSE: u32 = 2;
export const CRA_ALERT: u32 = 3;
/** Bytes before the DF tag in a general-ciphering envelope without its length field (DD, 5 empty strings, key-info). */
export const CIPHERING_PREFIX_BYTES: u32 = 7;
/**
 * The shortest well-formed general-ciphering message: prefix 7, length 1, security header 5,
 * general-signing header 29, empty date-time 1, other-information 1 + 2, content length 1 (empty
 * content), signature length 1, MAC 12 (GBCS 1.1, 1.2).
 */
export const CIPHERED_MESSAGE_BYTES_MIN: u32 = 60;
/** The shortest signed-only command: general-signing header 29, date-time 1, other-info 3, content 1, signature 1 + 64. */
export const SIGNED_MESSAGE_BYTES_MIN: u32 = 99;
/** Security header: control byte + 4-byte zero invocation counter (GBCS 1.1). */
export const SECURITY_HEADER_BYTES: u32 = 5;

//   0 cra u32 | 4 messageCode u32 | 8 counter u64 | 16 originator u64 | 24 recipient u64
//  32 apduPtr u32 (the DF tag) | 36 signedEnd u32 (end of signature field) | 40 otherInfoPtr u32
//  44 otherInfoBytes u32 | 48 contentPtr u32 | 52 contentBytes u32 | 56 signaturePtr u32 (0 = unsigned)
//  60 macPtr u32 | 64 dateTimePtr u32 (0 = absent)
@unmanaged
export class ParsedHeader {
  cra: u32;
  messageCode: u32;
  counter: u64;
  originator: u64;
  recipient: u64;
  apduPtr: u32;
  signedEnd: u32;
  otherInfoPtr: u32;
  otherInfoBytes: u32;
  contentPtr: u32;
  contentBytes: u32;
  signaturePtr: u32;
  macPtr: u32;
  dateTimePtr: u32;
}

if (offsetof<ParsedHeader>() > PARSED_BYTES) ERROR('ParsedHeader overflows its scratch');

// @ts-ignore: decorator
@inline export function parsed(): ParsedHeader {
  return changetype<ParsedHeader>(PARSED_BASE);
}

/** Reads an A-XDR length at p (GBCS 0); returns the value, or -1 when malformed or past end. Writes its size to sizeOut. */
function readLength(p: usize, end: usize, sizeOut: usize): i32 {
  if (p >= end) return -1;
  const first = <u32>load<u8>(p);
  if (first < 0x80) {
    store<u32>(sizeOut, 1);
    return <i32>first;
  }
  if (first == 0x81) {
    if (p + 2 > end) return -1;
    store<u32>(sizeOut, 2);
    return <i32>load<u8>(p + 1);
  }
  if (first == 0x82) {
    if (p + 3 > end) return -1;
    store<u32>(sizeOut, 3);
    return <i32>loadU16BE(p + 1);
  }
  return -1;
}

/** Parses a general-ciphering message of `length` bytes at `base` into parsed(). */
export function parseCipheredEnvelope(base: usize, length: u32): Status {
  if (length > INBOX_BYTES || length < CIPHERED_MESSAGE_BYTES_MIN) return Status.BAD_ENVELOPE;
  const end = base + length;
  const h = parsed();
  const sizeCell = PARSED_BASE + PARSED_BYTES - 4;
  if (load<u8>(base) != TAG_GENERAL_CIPHERING) return Status.BAD_ENVELOPE;
  for (let i: u32 = 1; i < CIPHERING_PREFIX_BYTES; i++) {
    if (load<u8>(base + i) != 0) return Status.BAD_ENVELOPE;
  }
  const cipheredBytes = readLength(base + CIPHERING_PREFIX_BYTES, end, sizeCell);
  if (cipheredBytes < 0) return Status.BAD_ENVELOPE;
  const lengthFieldBytes = load<u32>(sizeCell);
  if (CIPHERING_PREFIX_BYTES + lengthFieldBytes + <u32>cipheredBytes != length) return Status.BAD_ENVELOPE;
  let p = base + CIPHERING_PREFIX_BYTES + lengthFieldBytes;
  if (load<u8>(p) != SECURITY_CONTROL_AUTH_ONLY || load<u32>(p + 1) != 0) return Status.BAD_ENVELOPE;
  p += SECURITY_HEADER_BYTES;
  const macPtr = end - MAC_BYTES;
  h.macPtr = <u32>macPtr;
  return parseSigningApdu(p, macPtr);
}

/**
 * Parses a bare general-signing command of `length` bytes at `base` (GBCS 4.1: the CS02a-signature
 * and CS02b recovery variants travel as a signed DF APDU with no MAC) into parsed(); macPtr is 0
 * and the signature is required.
 */
export function parseSignedEnvelope(base: usize, length: u32): Status {
  if (length > INBOX_BYTES || length < SIGNED_MESSAGE_BYTES_MIN) return Status.BAD_ENVELOPE;
  const h = parsed();
  h.macPtr = 0;
  const status = parseSigningApdu(base, base + length);
  if (status != Status.OK) return status;
  return h.signaturePtr == 0 ? Status.BAD_SIGNATURE : Status.OK;
}

/** The general-signing APDU [p, end) (GBCS 1.2) into parsed(). */
function parseSigningApdu(p: usize, macPtr: usize): Status {
  const h = parsed();
  const sizeCell = PARSED_BASE + PARSED_BYTES - 4;
  h.apduPtr = <u32>p;
  // General-signing header (GBCS 1.2): fixed part is 29 bytes up to the date-time.
  if (p + 30 > macPtr) return Status.BAD_ENVELOPE;
  if (load<u8>(p) != TAG_GENERAL_SIGNING || load<u8>(p + 1) != TRANSACTION_ID_BYTES) return Status.BAD_ENVELOPE;
  h.cra = load<u8>(p + 2);
  h.counter = loadU64BE(p + 3);
  if (load<u8>(p + 11) != SYSTEM_TITLE_BYTES || load<u8>(p + 20) != SYSTEM_TITLE_BYTES) return Status.BAD_ENVELOPE;
  h.originator = loadU64BE(p + 12);
  h.recipient = loadU64BE(p + 21);
  p += 29;
  const dateTimeLength = <u32>load<u8>(p);
  if (dateTimeLength == DATE_TIME_OCTETS) {
    h.dateTimePtr = <u32>(p + 1);
  } else if (dateTimeLength == 0) {
    h.dateTimePtr = 0;
  } else {
    return Status.BAD_ENVELOPE;
  }
  p += 1 + dateTimeLength;
  const otherInfoBytes = readLength(p, macPtr, sizeCell);
  if (otherInfoBytes < 2) return Status.BAD_ENVELOPE;
  p += load<u32>(sizeCell);
  if (p + <u32>otherInfoBytes > macPtr) return Status.BAD_ENVELOPE;
  h.otherInfoPtr = <u32>p;
  h.otherInfoBytes = <u32>otherInfoBytes;
  h.messageCode = loadU16BE(p);
  p += <u32>otherInfoBytes;
  const contentBytes = readLength(p, macPtr, sizeCell);
  if (contentBytes < 0) return Status.BAD_ENVELOPE;
  p += load<u32>(sizeCell);
  if (p + <u32>contentBytes + 1 > macPtr) return Status.BAD_ENVELOPE;
  h.contentPtr = <u32>p;
  h.contentBytes = <u32>contentBytes;
  p += <u32>contentBytes;
  const signatureLength = <u32>load<u8>(p);
  p += 1;
  if (signatureLength == SIGNATURE_BYTES) {
    h.signaturePtr = <u32>p;
    p += SIGNATURE_BYTES;
  } else if (signatureLength == 0) {
    h.signaturePtr = 0;
  } else {
    return Status.BAD_ENVELOPE;
  }
  if (p != macPtr) return Status.BAD_ENVELOPE;
  h.signedEnd = <u32>p;
  if (<u32>6 + (h.signedEnd - h.apduPtr) > MAC_INPUT_BYTES) return Status.BAD_LENGTH;
  return Status.OK;
}
