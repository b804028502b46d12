// A bounded DER reader (ITU-T X.690) over raw memory: every call checks the element against the
// end of its container and returns 0 for anything malformed, so a walk over wire data never
// reads past what arrived and never traps. Only what GBCS 7 uses: single-byte tags and definite
// lengths of at most DER_LENGTH_BYTES_MAX bytes (a GBCS ASN.1 payload is at most a few KiB).

export const DER_SEQUENCE: u8 = 0x30;
export const DER_INTEGER: u8 = 0x02;
export const DER_BIT_STRING: u8 = 0x03;
export const DER_OCTET_STRING: u8 = 0x04;
export const DER_NULL: u8 = 0x05;
export const DER_OID: u8 = 0x06;
export const DER_SET: u8 = 0x31;
export const DER_UTC_TIME: u8 = 0x17;
export const DER_GENERALIZED_TIME: u8 = 0x18;
export const DER_CONTEXT_0: u8 = 0xa0;
export const DER_CONTEXT_3: u8 = 0xa3;
const DER_LENGTH_BYTES_MAX: u32 = 3; // 16 MiB, far beyond the INBOX
const HIGH_TAG_NUMBER: u8 = 0x1f;

/** Start of the content of the element at p (its header already checked by derEnd). */
export function derContent(p: usize): usize {
  const first = load<u8>(p + 1);
  return first < 0x80 ? p + 2 : p + 2 + <usize>(first & 0x7f);
}

/** End of the element at p, or 0 when its header or length is malformed or it passes `end`. */
export function derEnd(p: usize, end: usize): usize {
  if (p + 2 > end || p < 1) return 0;
  if ((load<u8>(p) & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) return 0;
  const first = load<u8>(p + 1);
  let length: u32 = 0;
  let content = p + 2;
  if (first >= 0x80) {
    const count = <u32>(first & 0x7f);
    if (count == 0 || count > DER_LENGTH_BYTES_MAX || content + count > end) return 0; // indefinite or too long
    for (let i: u32 = 0; i < count; i++) length = (length << 8) | <u32>load<u8>(content + i);
    content += count;
  } else {
    length = <u32>first;
  }
  if (<u64>length > <u64>(end - content)) return 0;
  return content + length;
}

/** derEnd, and the element must carry `tag`. */
export function derExpect(p: usize, end: usize, tag: u8): usize {
  if (p >= end || load<u8>(p) != tag) return 0;
  return derEnd(p, end);
}

/** Length of the content of a checked element. */
export function derContentBytes(p: usize, elementEnd: usize): u32 {
  return <u32>(elementEnd - derContent(p));
}

/**
 * The value of a small non-negative INTEGER at p (at most 4 content bytes), or -1 when it is
 * not one: negative, too long, or not an INTEGER.
 */
export function derSmallInteger(p: usize, end: usize): i64 {
  const e = derExpect(p, end, DER_INTEGER);
  if (e == 0) return -1;
  const c = derContent(p);
  const n = <u32>(e - c);
  if (n < 1 || n > 5) return -1;
  if ((load<u8>(c) & 0x80) != 0) return -1;
  let v: i64 = 0;
  for (let i: u32 = 0; i < n; i++) v = (v << 8) | <i64>load<u8>(c + i);
  return v > 0xffffffff ? -1 : v;
}
