import { storeU64BE, axdrLengthBytes, storeAxdrLength } from '../bytes';
import { Status } from '../status';
import { storeDlmsDateTime, DLMS_DATE_TIME_BYTES, CLOCK_STATUS_NOT_SPECIFIED } from '../time';
import { BUILD_BASE, BUILD_BYTES } from './scratch';
import {
  TAG_GENERAL_CIPHERING, TAG_GENERAL_SIGNING, TRANSACTION_ID_BYTES, SYSTEM_TITLE_BYTES,
  SECURITY_CONTROL_AUTH_ONLY, MAC_BYTES, CIPHERING_PREFIX_BYTES, SECURITY_HEADER_BYTES, SIGNATURE_BYTES,
} from './header';
import { deriveKey, gbcsMac } from './mac';
import { seSign } from '../platform';

// Builds a message a device sends (GBCS 1, 2.1, 4.1): a response (CRA 2: the command's counter,
// titles swapped, other-information echoed) or an alert (CRA 3: the device's alert counter).
// Unsigned messages travel in a MAC-only general-ciphering envelope keyed by ECDH(device KA,
// recipient KA); signed ones (critical use cases and alerts) as a bare general-signing APDU with
// the device's DS signature. The caller has written the content at CONTENT_BASE.

export const CONTENT_BASE: u32 = BUILD_BASE + BUILD_BYTES / 2;
export const CONTENT_BYTES: u32 = BUILD_BYTES / 2 - 64;
/** Room kept in front of the APDU for DD, five empty strings, key-info, a 3-byte length and the security header. */
const ENVELOPE_HEADROOM: u32 = 16;
/** The header date-time is absent (GBCS 1.2: empty octet-string). */
export const NO_DATE_TIME: i64 = i64.MIN_VALUE;

/** Header fields of an outgoing message, kept in WORK between the caller and buildOutgoing. */
@unmanaged
export class Outgoing {
  cra: u32;
  keySlot: u32; // trust-store entry of the recipient (ECDH peer for the MAC)
  counter: u64;
  originator: u64;
  recipient: u64;
  dateTimeS: i64; // NO_DATE_TIME when absent
  otherInfoPtr: u32;
  otherInfoBytes: u32;
  contentBytes: u32;
  signed: u32; // bool
  clockStatus: u32; // of the header date-time (GBCS 1.2); FF unless a payload handler set one
}

export const OUTGOING_BASE: u32 = CONTENT_BASE + CONTENT_BYTES;
if (OUTGOING_BASE + offsetof<Outgoing>() > BUILD_BASE + BUILD_BYTES) ERROR('Outgoing overflows BUILD');

// @ts-ignore: decorator
@inline export function outgoing(): Outgoing {
  return changetype<Outgoing>(OUTGOING_BASE);
}

/**
 * For payload handlers (device/command.ts): the response header date-time carries this time and
 * clock status instead of the device clock with status FF (GBCS 1.2: the GSME/GPF mirror reads
 * carry the time their data were obtained and its reliability). Honoured for use cases whose
 * response is dated; command.ts clears it before each payload handler runs.
 */
export function setResponseDateTime(utcS: i64, clockStatus: u8): void {
  const m = outgoing();
  m.dateTimeS = utcS;
  m.clockStatus = clockStatus;
}

/** No header date-time chosen by the payload handler (command.ts, before it runs). */
export function clearResponseDateTime(): void {
  const m = outgoing();
  m.dateTimeS = NO_DATE_TIME;
  m.clockStatus = CLOCK_STATUS_NOT_SPECIFIED;
}

/** Writes the message at BUILD_BASE; returns its length, or 0 on a secure-element failure. */
export function buildOutgoing(slot: u32, m: Outgoing): u32 {
  assert(m.contentBytes <= CONTENT_BYTES);
  const apdu: usize = BUILD_BASE + ENVELOPE_HEADROOM;
  let p = apdu;
  store<u8>(p, TAG_GENERAL_SIGNING);
  store<u8>(p + 1, TRANSACTION_ID_BYTES);
  store<u8>(p + 2, <u8>m.cra);
  storeU64BE(p + 3, m.counter);
  store<u8>(p + 11, SYSTEM_TITLE_BYTES);
  storeU64BE(p + 12, m.originator);
  store<u8>(p + 20, SYSTEM_TITLE_BYTES);
  storeU64BE(p + 21, m.recipient);
  p += 29;
  if (m.dateTimeS != NO_DATE_TIME) {
    store<u8>(p, <u8>DLMS_DATE_TIME_BYTES);
    storeDlmsDateTime(p + 1, m.dateTimeS, <u8>m.clockStatus);
    p += 1 + DLMS_DATE_TIME_BYTES;
  } else {
    store<u8>(p, 0);
    p += 1;
  }
  p = storeAxdrLength(p, m.otherInfoBytes);
  memory.copy(p, m.otherInfoPtr, m.otherInfoBytes);
  p += m.otherInfoBytes;
  p = storeAxdrLength(p, m.contentBytes);
  memory.copy(p, CONTENT_BASE, m.contentBytes);
  p += m.contentBytes;
  if (m.signed != 0) {
    // GBCS 4.4: the signature covers the bytes after DF through the last content byte.
    store<u8>(p, <u8>SIGNATURE_BYTES);
    if (seSign(slot, apdu + 1, <u32>(p - apdu - 1), p + 1) != 0) return 0;
    p += 1 + SIGNATURE_BYTES;
    const signedTotal = <u32>(p - apdu);
    memory.copy(BUILD_BASE, apdu, signedTotal);
    return signedTotal;
  }
  store<u8>(p, 0); // signature length: a MAC-only message is unsigned
  p += 1;
  const apduEnd = p;
  const cipheredBytes = SECURITY_HEADER_BYTES + <u32>(apduEnd - apdu) + MAC_BYTES;
  const prefixBytes = CIPHERING_PREFIX_BYTES + axdrLengthBytes(cipheredBytes) + SECURITY_HEADER_BYTES;
  assert(prefixBytes <= ENVELOPE_HEADROOM);
  const start = apdu - prefixBytes;
  store<u8>(start, TAG_GENERAL_CIPHERING);
  for (let i: u32 = 1; i < CIPHERING_PREFIX_BYTES; i++) store<u8>(start + i, 0);
  const q = storeAxdrLength(start + CIPHERING_PREFIX_BYTES, cipheredBytes);
  store<u8>(q, SECURITY_CONTROL_AUTH_ONLY);
  store<u32>(q + 1, 0);
  if (deriveKey(slot, m.keySlot, m.originator, m.cra, m.counter, m.recipient) != Status.OK) return 0;
  if (gbcsMac(slot, m.originator, apdu, apduEnd, apduEnd) != Status.OK) return 0;
  const total = <u32>(apduEnd + MAC_BYTES - start);
  memory.copy(BUILD_BASE, start, total); // a fixed address for the caller
  return total;
}
