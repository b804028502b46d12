import { loadU16BE, loadU32BE, storeAxdrLength, axdrLengthBytes } from '../bytes';
import { axdrEnd, axdrLength } from '../dlms/axdr-walk';
import { PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { findValue, valueAddress, valueLength, STORE_VALUE_BYTES_MAX } from './store';
import { cursor, room, putU8, putBytes, setCursor } from './output';
import {
  TAG_ARRAY, TAG_STRUCTURE, TAG_COMPACT_ARRAY, TAG_DOUBLE_LONG_UNSIGNED, TAG_OCTET_STRING, TAG_DATE_TIME,
  TAG_ENUM, TAG_VISIBLE_STRING, TAG_UTF8_STRING, TAG_BIT_STRING, DATE_TIME_BYTES,
} from './axdr-tags';
import { EPOCH_2000_UNIX_S, NO_INSTANT, unixSecondsOfDateTime } from './dates';
import { RESULT_SUCCESS, RESULT_OTHER_REASON, RESULT_TYPE_UNMATCHED } from './results';
import { putBillingLogInRange } from '../ledger/billing-log';

// Selective access to profile-generic buffers (class 7 a2; devices 11.6 "Log / profile reads"):
// entries whose first element (a u32 count of seconds since 2000-01-01, or a date-time) lies in
// [from, to], both ends inclusive, are returned oldest first in the buffer's own form (array or
// compact-array). Selection by columns (selected_values) is not applied: every reference read
// asks for all columns (an empty selected_values array).

/** access-selector 1: range_descriptor (IEC 62056-6-2); the only one the ESME use cases send. */
const SELECTOR_RANGE: u8 = 1;
const RANGE_FIELDS_MIN: i32 = 3; // restricting object, from, to (selected values optional)
const DEPTH_MAX: i32 = 8;
// Entries are at least one byte, so a stored value holds at most this many (bounds every loop).
const ENTRIES_MAX: i32 = <i32>STORE_VALUE_BYTES_MAX;
const SIZE_CELL: usize = PARSED_BASE + PARSED_BYTES - 20;
// Range bounds decoded by the selector parsers; unix seconds.
const FROM_CELL: usize = PARSED_BASE + PARSED_BYTES - 40;
const TO_CELL: usize = PARSED_BASE + PARSED_BYTES - 32;

/** An empty buffer: what a log that holds nothing (never written, or reset) reads as. */
export function putEmptyArray(): u8 {
  if (!room(2)) return RESULT_OTHER_REASON;
  putU8(TAG_ARRAY);
  putU8(0);
  return RESULT_SUCCESS;
}

/**
 * GET-with-selection: the selector at [selector, selectorEnd) is the access-selector byte then its
 * parameter (request.ts). Writes the selected entries of the stored buffer; returns a data-access-result.
 */
export function getSelected(slot: u32, classId: u32, obis: usize, member: u32, selector: usize, selectorEnd: usize): u8 {
  if (selector == 0 || selector >= selectorEnd || load<u8>(selector) != SELECTOR_RANGE) return RESULT_OTHER_REASON; // [A]
  // range_descriptor: structure { restricting object, from, to, selected values }
  let p = selector + 1;
  if (load<u8>(p) != TAG_STRUCTURE) return RESULT_TYPE_UNMATCHED;
  const fields = axdrLength(p + 1, selectorEnd, SIZE_CELL);
  if (fields < RANGE_FIELDS_MIN) return RESULT_TYPE_UNMATCHED;
  p = axdrEnd(p + 1 + load<u32>(SIZE_CELL), selectorEnd, SIZE_CELL); // skip the restricting object
  if (p == 0) return RESULT_TYPE_UNMATCHED;
  const fromS = boundAt(p, selectorEnd);
  p = axdrEnd(p, selectorEnd, SIZE_CELL);
  if (p == 0 || fromS == NO_INSTANT) return RESULT_TYPE_UNMATCHED;
  const toS = boundAt(p, selectorEnd);
  if (toS == NO_INSTANT) return RESULT_TYPE_UNMATCHED;
  return putStoredInRange(slot, classId, obis, member, fromS, toS);
}

/**
 * The selection inside a protected-read descriptor (GBCS 4.5): structure { enum 1, structure {
 * from date-time, to date-time } } at [p, end). Stores the bounds for putStoredInRange; false
 * when it is not such a range.
 */
export function parseDescriptorRange(p: usize, end: usize): bool {
  if (p + 4 > end || load<u8>(p) != TAG_STRUCTURE || load<u8>(p + 2) != TAG_ENUM || load<u8>(p + 3) != SELECTOR_RANGE) return false;
  let q = p + 4;
  if (q + 2 > end || load<u8>(q) != TAG_STRUCTURE || load<u8>(q + 1) < 2) return false;
  q += 2;
  const fromS = boundAt(q, end);
  q = axdrEnd(q, end, SIZE_CELL);
  if (q == 0) return false;
  const toS = boundAt(q, end);
  if (fromS == NO_INSTANT || toS == NO_INSTANT) return false;
  store<i64>(FROM_CELL, fromS);
  store<i64>(TO_CELL, toS);
  return true;
}

/** Writes the stored buffer restricted to the range parseDescriptorRange stored. */
export function putStoredInParsedRange(slot: u32, classId: u32, obis: usize, member: u32): u8 {
  return putStoredInRange(slot, classId, obis, member, load<i64>(FROM_CELL), load<i64>(TO_CELL));
}

function putStoredInRange(slot: u32, classId: u32, obis: usize, member: u32, fromS: i64, toS: i64): u8 {
  const entry = findValue(slot, classId, obis, member);
  if (entry == 0) {
    // The Billing Data Log (ledger/billing-log.ts) is recorded by the device, not stored as a value.
    const billing = classId == 7 && member == 2 ? putBillingLogInRange(slot, obis, fromS, toS) : -1;
    return billing >= 0 ? <u8>billing : putEmptyArray();
  }
  const value = valueAddress(entry);
  const end = value + valueLength(entry);
  const tag = load<u8>(value);
  if (tag == TAG_ARRAY) return putArrayInRange(value, end, fromS, toS);
  if (tag == TAG_COMPACT_ARRAY) return putCompactInRange(value, end, fromS, toS);
  return RESULT_TYPE_UNMATCHED; // a buffer is an array or a compact-array (GBCS 5.3)
}

/** A range bound: u32 seconds since 2000, or a date-time (octet-string 12 or typed); unix seconds. */
function boundAt(p: usize, end: usize): i64 {
  return timeAt(load<u8>(p), p + 1, end);
}

/** The time of a value of type `tag` whose body starts at p (an octet-string's length byte first). */
function timeAt(tag: u8, p: usize, end: usize): i64 {
  if (tag == TAG_DOUBLE_LONG_UNSIGNED) return p + 4 <= end ? EPOCH_2000_UNIX_S + <i64>loadU32BE(p) : NO_INSTANT;
  if (tag == TAG_OCTET_STRING) {
    if (p + 1 + DATE_TIME_BYTES > end || <u32>load<u8>(p) != DATE_TIME_BYTES) return NO_INSTANT;
    return unixSecondsOfDateTime(p + 1);
  }
  if (tag == TAG_DATE_TIME) return p + DATE_TIME_BYTES <= end ? unixSecondsOfDateTime(p) : NO_INSTANT;
  return NO_INSTANT;
}

/** Array of tagged entries: each a structure whose first field is the entry time. */
function putArrayInRange(value: usize, end: usize, fromS: i64, toS: i64): u8 {
  const count = axdrLength(value + 1, end, SIZE_CELL);
  if (count < 0 || count > ENTRIES_MAX) return RESULT_TYPE_UNMATCHED;
  const first = value + 1 + load<u32>(SIZE_CELL);
  // Pass 1 counts and sizes the selected entries, pass 2 copies them.
  let selected: u32 = 0;
  let selectedBytes: u32 = 0;
  let p = first;
  for (let i = 0; i < count; i++) {
    const next = axdrEnd(p, end, SIZE_CELL);
    if (next == 0) return RESULT_TYPE_UNMATCHED;
    if (arrayEntryInRange(p, next, fromS, toS)) {
      selected++;
      selectedBytes += <u32>(next - p);
    }
    p = next;
  }
  if (!room(1 + axdrLengthBytes(selected) + selectedBytes)) return RESULT_OTHER_REASON;
  putU8(TAG_ARRAY);
  setCursor(storeAxdrLength(cursor(), selected));
  p = first;
  for (let i = 0; i < count; i++) {
    const next = axdrEnd(p, end, SIZE_CELL);
    if (arrayEntryInRange(p, next, fromS, toS)) putBytes(p, <u32>(next - p));
    p = next;
  }
  return RESULT_SUCCESS;
}

function arrayEntryInRange(p: usize, end: usize, fromS: i64, toS: i64): bool {
  if (load<u8>(p) != TAG_STRUCTURE || p + 3 > end) return false;
  const fieldsSize = load<u8>(p + 1) < 0x80 ? 1 : 0; // entries have few fields: a one-byte count
  if (fieldsSize == 0) return false;
  const t = timeAt(load<u8>(p + 2), p + 3, end);
  return t != NO_INSTANT && t >= fromS && t <= toS;
}

/** Compact-array: 13, type-description, length, packed (untagged) entries. */
function putCompactInRange(value: usize, end: usize, fromS: i64, toS: i64): u8 {
  const description = value + 1;
  const descriptionEnd = descriptionEndOf(description, end, 0);
  if (descriptionEnd == 0) return RESULT_TYPE_UNMATCHED;
  const contentsBytes = axdrLength(descriptionEnd, end, SIZE_CELL);
  if (contentsBytes < 0) return RESULT_TYPE_UNMATCHED;
  const first = descriptionEnd + load<u32>(SIZE_CELL);
  const contentsEnd = first + <usize>contentsBytes;
  if (contentsEnd > end) return RESULT_TYPE_UNMATCHED;
  // The entry time: the first field of a structure entry, or the entry itself.
  const timeDescription = load<u8>(description) == TAG_STRUCTURE ? description + 2 : description;
  const timeTag = load<u8>(timeDescription);
  let selectedBytes: u32 = 0;
  let p = first;
  for (let i = 0; i < ENTRIES_MAX && p < contentsEnd; i++) {
    const next = packedEnd(description, p, contentsEnd, 0);
    if (next == 0 || next == p) return RESULT_TYPE_UNMATCHED;
    if (packedInRange(timeTag, p, next, fromS, toS)) selectedBytes += <u32>(next - p);
    p = next;
  }
  if (p != contentsEnd) return RESULT_TYPE_UNMATCHED;
  const descriptionBytes = <u32>(descriptionEnd - description);
  if (!room(1 + descriptionBytes + axdrLengthBytes(selectedBytes) + selectedBytes)) return RESULT_OTHER_REASON;
  putU8(TAG_COMPACT_ARRAY);
  putBytes(description, descriptionBytes);
  setCursor(storeAxdrLength(cursor(), selectedBytes));
  p = first;
  for (let i = 0; i < ENTRIES_MAX && p < contentsEnd; i++) {
    const next = packedEnd(description, p, contentsEnd, 0);
    if (packedInRange(timeTag, p, next, fromS, toS)) putBytes(p, <u32>(next - p));
    p = next;
  }
  return RESULT_SUCCESS;
}

function packedInRange(timeTag: u8, p: usize, end: usize, fromS: i64, toS: i64): bool {
  const t = timeAt(timeTag, p, end);
  return t != NO_INSTANT && t >= fromS && t <= toS;
}

/** End of the type-description of the compact-array at value (where its contents length is), or 0. */
export function compactDescriptionEnd(value: usize, end: usize): usize {
  if (value >= end || load<u8>(value) != TAG_COMPACT_ARRAY) return 0;
  return descriptionEndOf(value + 1, end, 0);
}

/** Fixed packed sizes by tag (GBCS 5.3), -1 for variable or unknown. */
function fixedBytes(tag: u8): i32 {
  switch (tag) {
    case 0x00: return 0;
    case 0x03: case 0x0f: case 0x11: case 0x16: return 1;
    case 0x10: case 0x12: return 2;
    case 0x05: case 0x06: return 4;
    case 0x14: case 0x15: return 8;
    case 0x19: return 12;
    case 0x1a: return 5;
    case 0x1b: return 4;
    default: return -1;
  }
}

/** End of a compact-array type-description at p (structure: tag, u8 count, fields; array: tag, u16 count, element). */
function descriptionEndOf(p: usize, end: usize, depth: i32): usize {
  if (depth > DEPTH_MAX || p >= end) return 0;
  const tag = load<u8>(p);
  if (tag == TAG_STRUCTURE) {
    if (p + 2 > end) return 0;
    const count = <i32>load<u8>(p + 1);
    let q = p + 2;
    for (let i = 0; i < count; i++) {
      q = descriptionEndOf(q, end, depth + 1);
      if (q == 0) return 0;
    }
    return q;
  }
  if (tag == TAG_ARRAY) return p + 3 <= end ? descriptionEndOf(p + 3, end, depth + 1) : 0;
  return p + 1;
}

/** End of one packed element of description `d` starting at p, or 0 when malformed. */
function packedEnd(d: usize, p: usize, end: usize, depth: i32): usize {
  if (depth > DEPTH_MAX) return 0;
  const tag = load<u8>(d);
  const fixed = fixedBytes(tag);
  if (fixed >= 0) return p + <usize>fixed <= end ? p + <usize>fixed : 0;
  if (tag == TAG_STRUCTURE) {
    const count = <i32>load<u8>(d + 1);
    let field = d + 2;
    for (let i = 0; i < count; i++) {
      p = packedEnd(field, p, end, depth + 1);
      if (p == 0) return 0;
      field = descriptionEndOf(field, end, depth + 1);
      if (field == 0) return 0;
    }
    return p;
  }
  if (tag == TAG_ARRAY) {
    const count = <i32>loadU16BE(d + 1);
    for (let i = 0; i < count; i++) {
      p = packedEnd(d + 3, p, end, depth + 1);
      if (p == 0) return 0;
    }
    return p;
  }
  // octet-, visible-, utf8-string and bit-string carry a length even when packed.
  if (tag != TAG_OCTET_STRING && tag != TAG_VISIBLE_STRING && tag != TAG_UTF8_STRING && tag != TAG_BIT_STRING) return 0;
  const length = axdrLength(p, end, SIZE_CELL);
  if (length < 0) return 0;
  const bytes = tag == TAG_BIT_STRING ? <usize>((length + 7) >> 3) : <usize>length;
  const start = p + load<u32>(SIZE_CELL);
  return start + bytes <= end ? start + bytes : 0;
}
