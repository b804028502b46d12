import { storeU64BE, axdrLengthBytes, storeAxdrLength } from '../bytes';
import { Status } from '../status';
import { storeDlmsDateTime, DLMS_DATE_TIME_BYTES } from '../time';
import { BUILD_BASE, BUILD_BYTES } from './scratch';
import {
  ParsedHeader, TAG_GENERAL_CIPHERING, TAG_GENERAL_SIGNING, TRANSACTION_ID_BYTES, SYSTEM_TITLE_BYTES,
  SECURITY_CONTROL_AUTH_ONLY, MAC_BYTES, CRA_RESPONSE, CIPHERING_PREFIX_BYTES, SECURITY_HEADER_BYTES,
} from './header';
import { deriveKey, gbcsMac } from './mac';
import { seSign } from '../platform';
import { SIGNATURE_BYTES } from './header';

// Builds the response to a command (GBCS 2.1 rule 1, 4.1): CRA 2, the command's counter, titles
// swapped, other-information echoed. A non-critical command gets a MAC-only general-ciphering
// envelope keyed by ECDH(device KA, originator KA); a critical one a bare general-signing APDU
// signed with the device's DS key. The handler has written the content at RESPONSE_CONTENT_BASE.

export const RESPONSE_CONTENT_BASE: u32 = BUILD_BASE + BUILD_BYTES / 2;
export const RESPONSE_CONTENT_BYTES: u32 = BUILD_BYTES / 2 - 64;
/** Room kept in front of the APDU for DD, five empty strings, key-info, a 3-byte length and the security header. */
const ENVELOPE_HEADROOM: u32 = 16;

/** Writes the response at BUILD_BASE; returns its length, or 0 on a secure-element failure. */
export function buildResponse(
  slot: u32, deviceEui: u64, clockS: i64, h: ParsedHeader, keySlot: u32, contentBytes: u32, withDateTime: bool, signed: bool,
): u32 {
  assert(contentBytes <= RESPONSE_CONTENT_BYTES);
  const apdu: usize = BUILD_BASE + ENVELOPE_HEADROOM;
  let p = apdu;
  store<u8>(p, TAG_GENERAL_SIGNING);
  store<u8>(p + 1, TRANSACTION_ID_BYTES);
  store<u8>(p + 2, <u8>CRA_RESPONSE);
  storeU64BE(p + 3, h.counter);
  store<u8>(p + 11, SYSTEM_TITLE_BYTES);
  storeU64BE(p + 12, deviceEui);
  store<u8>(p + 20, SYSTEM_TITLE_BYTES);
  storeU64BE(p + 21, h.originator);
  p += 29;
  if (withDateTime) {
    store<u8>(p, <u8>DLMS_DATE_TIME_BYTES);
    storeDlmsDateTime(p + 1, clockS);
    p += 1 + DLMS_DATE_TIME_BYTES;
  } else {
    store<u8>(p, 0);
    p += 1;
  }
  p = storeAxdrLength(p, h.otherInfoBytes);
  memory.copy(p, h.otherInfoPtr, h.otherInfoBytes);
  p += h.otherInfoBytes;
  p = storeAxdrLength(p, contentBytes);
  memory.copy(p, RESPONSE_CONTENT_BASE, contentBytes);
  p += contentBytes;
  if (signed) {
    // GBCS 4.4: the signature covers the bytes after DF through the last content byte.
    store<u8>(p, <u8>SIGNATURE_BYTES);
    if (seSign(slot, apdu + 1, <u32>(p - apdu - 1), p + 1) != 0) return 0;
    p += 1 + SIGNATURE_BYTES;
    const signedTotal = <u32>(p - apdu);
    memory.copy(BUILD_BASE, apdu, signedTotal);
    return signedTotal;
  }
  store<u8>(p, 0); // signature length: a MAC-only response is unsigned
  p += 1;
  const apduEnd = p;
  const cipheredBytes = SECURITY_HEADER_BYTES + <u32>(apduEnd - apdu) + MAC_BYTES;
  const prefixBytes = CIPHERING_PREFIX_BYTES + axdrLengthBytes(cipheredBytes) + SECURITY_HEADER_BYTES;
  assert(prefixBytes <= ENVELOPE_HEADROOM);
  const start = apdu - prefixBytes;
  store<u8>(start, TAG_GENERAL_CIPHERING);
  for (let i: u32 = 1; i < CIPHERING_PREFIX_BYTES; i++) store<u8>(start + i, 0);
  let q = storeAxdrLength(start + CIPHERING_PREFIX_BYTES, cipheredBytes);
  store<u8>(q, SECURITY_CONTROL_AUTH_ONLY);
  store<u32>(q + 1, 0);
  if (deriveKey(slot, keySlot, deviceEui, CRA_RESPONSE, h.counter, h.originator) != Status.OK) return 0;
  if (gbcsMac(slot, deviceEui, apdu, apduEnd, apduEnd) != Status.OK) return 0;
  const total = <u32>(apduEnd + MAC_BYTES - start);
  // Move the finished message to BUILD_BASE so the caller finds it at a fixed address.
  memory.copy(BUILD_BASE, start, total);
  return total;
}
