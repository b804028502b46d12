import { loadU16BE } from '../bytes';

// Walks one A-XDR data item (GBCS 5.3) without interpreting it: returns the address just past
// the item, or 0 when it is malformed or runs past `end`. Used to split a request's data list
// and to check values before they are stored. Depth and counts are bounded by constants and by
// the bytes left, never by a count read from the wire alone.

export const AXDR_DEPTH_MAX: i32 = 8;

/** Reads an A-XDR length at p; returns the value (or -1) and stores its size at SIZE_CELL. */
export function axdrLength(p: usize, end: usize, sizeCell: usize): i32 {
  if (p >= end) return -1;
  const first = <u32>load<u8>(p);
  if (first < 0x80) {
    store<u32>(sizeCell, 1);
    return <i32>first;
  }
  if (first == 0x81 && p + 2 <= end) {
    store<u32>(sizeCell, 2);
    return <i32>load<u8>(p + 1);
  }
  if (first == 0x82 && p + 3 <= end) {
    store<u32>(sizeCell, 3);
    return <i32>loadU16BE(p + 1);
  }
  return -1;
}

/** Fixed payload sizes by tag, -1 for variable or unknown. */
function fixedSize(tag: u32): i32 {
  switch (tag) {
    case 0x00: return 0; // null-data
    case 0x03: case 0x0f: case 0x11: case 0x16: return 1; // boolean, integer, unsigned, enum
    case 0x10: case 0x12: return 2; // long, long-unsigned
    case 0x05: case 0x06: return 4; // double-long(-unsigned)
    case 0x14: case 0x15: return 8; // long64(-unsigned)
    case 0x19: return 12; // date-time
    case 0x1a: return 5; // date
    case 0x1b: return 4; // time
    default: return -1;
  }
}

export function axdrEnd(p: usize, end: usize, sizeCell: usize, depth: i32 = 0): usize {
  if (depth > AXDR_DEPTH_MAX || p >= end) return 0;
  const tag = <u32>load<u8>(p);
  p += 1;
  const fixed = fixedSize(tag);
  if (fixed >= 0) return p + <usize>fixed <= end ? p + <usize>fixed : 0;
  if (tag == 0x01 || tag == 0x02) { // array, structure
    const count = axdrLength(p, end, sizeCell);
    if (count < 0 || <usize>count > end - p) return 0; // each element takes at least one byte
    p += load<u32>(sizeCell);
    for (let i = 0; i < count; i++) {
      p = axdrEnd(p, end, sizeCell, depth + 1);
      if (p == 0) return 0;
    }
    return p;
  }
  if (tag == 0x09 || tag == 0x0a || tag == 0x0c) { // octet-, visible-, utf8-string
    const length = axdrLength(p, end, sizeCell);
    if (length < 0) return 0;
    p += load<u32>(sizeCell);
    return p + <usize>length <= end ? p + <usize>length : 0;
  }
  if (tag == 0x04) { // bit-string: bit count, then ceil(n/8) bytes
    const bits = axdrLength(p, end, sizeCell);
    if (bits < 0) return 0;
    p += load<u32>(sizeCell);
    const bytes = <usize>((bits + 7) >> 3);
    return p + bytes <= end ? p + bytes : 0;
  }
  if (tag == 0x13) { // compact-array: type-description, then packed contents as an octet-string-like length
    const typeEnd = typeDescriptionEnd(p, end, depth + 1);
    if (typeEnd == 0) return 0;
    const length = axdrLength(typeEnd, end, sizeCell);
    if (length < 0) return 0;
    const start = typeEnd + load<u32>(sizeCell);
    return start + <usize>length <= end ? start + <usize>length : 0;
  }
  return 0;
}

/** End of a compact-array type-description (a tag, or array/structure descriptions of tags). */
function typeDescriptionEnd(p: usize, end: usize, depth: i32): usize {
  if (depth > AXDR_DEPTH_MAX || p >= end) return 0;
  const tag = <u32>load<u8>(p);
  p += 1;
  if (tag == 0x02) { // structure: count u8, then count descriptions
    if (p >= end) return 0;
    const count = <i32>load<u8>(p);
    p += 1;
    for (let i = 0; i < count; i++) {
      p = typeDescriptionEnd(p, end, depth + 1);
      if (p == 0) return 0;
    }
    return p;
  }
  if (tag == 0x01) { // array: u16 count, then one description
    if (p + 2 > end) return 0;
    return typeDescriptionEnd(p + 2, end, depth + 1);
  }
  return p;
}
