// A-XDR data tags (GBCS 5.3) the object model reads and writes, one name each.
export const TAG_NULL: u8 = 0x00;
export const TAG_ARRAY: u8 = 0x01;
export const TAG_STRUCTURE: u8 = 0x02;
export const TAG_BOOLEAN: u8 = 0x03;
export const TAG_BIT_STRING: u8 = 0x04;
export const TAG_DOUBLE_LONG: u8 = 0x05;
export const TAG_DOUBLE_LONG_UNSIGNED: u8 = 0x06;
export const TAG_OCTET_STRING: u8 = 0x09;
export const TAG_VISIBLE_STRING: u8 = 0x0a;
export const TAG_UTF8_STRING: u8 = 0x0c;
export const TAG_INTEGER: u8 = 0x0f;
export const TAG_LONG: u8 = 0x10;
export const TAG_UNSIGNED: u8 = 0x11;
export const TAG_LONG_UNSIGNED: u8 = 0x12;
export const TAG_COMPACT_ARRAY: u8 = 0x13;
export const TAG_LONG64: u8 = 0x14;
export const TAG_LONG64_UNSIGNED: u8 = 0x15;
export const TAG_ENUM: u8 = 0x16;
export const TAG_DATE_TIME: u8 = 0x19;
export const TAG_DATE: u8 = 0x1a;
export const TAG_TIME: u8 = 0x1b;

/** Bytes of a DLMS date-time (GBCS 5.3), as an octet-string body or a typed date-time. */
export const DATE_TIME_BYTES: u32 = 12;
/** A double-long / double-long-unsigned with its tag. */
export const DOUBLE_LONG_VALUE_BYTES: u32 = 5;

/** The integer types of GBCS 5.3 (fixed size, all zero bytes = 0). */
export function isIntegerTag(tag: u8): bool {
  return tag == TAG_DOUBLE_LONG || tag == TAG_DOUBLE_LONG_UNSIGNED || tag == TAG_INTEGER || tag == TAG_LONG ||
    tag == TAG_UNSIGNED || tag == TAG_LONG_UNSIGNED || tag == TAG_LONG64 || tag == TAG_LONG64_UNSIGNED;
}
