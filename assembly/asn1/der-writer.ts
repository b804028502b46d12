import { SCRATCH_DER_WRITER } from '../scratch-map';
import { DER_INTEGER, DER_OCTET_STRING, DER_BIT_STRING, DER_NULL } from './der';

// A DER writer over a caller-given buffer (GBCS 7 responses and alerts). Constructed elements
// are opened and closed like brackets: open() reserves a long-form header, close() writes the
// length in the form the reference devices use (short below 128, else 82 hh ll: RTDS CS02a /
// CS02b responses carry 30 82 00 9F, not 30 81 9F) and slides the content back when the short
// form is shorter. Running out of room sets `failed` and writes nothing more; the caller checks
// derFinish() once at the end instead of after every call.

//   0 cursor u32 | 4 limit u32 | 8 failed u32 | 12 depth u32 | 16 minimal u32 | 20 DER_DEPTH_MAX x u32 open positions
@unmanaged
class DerWriter {
  cursor: u32;
  limit: u32;
  failed: u32;
  depth: u32;
  /** 1: lengths 128-255 as 81 ll (strict DER, e.g. a PKCS#10 request); 0: as 82 00 ll, the reference devices' form. */
  minimal: u32;
}

const WRITER_BASE: usize = SCRATCH_DER_WRITER;
const STACK_BASE: usize = WRITER_BASE + 20;
export const DER_DEPTH_MAX: u32 = 8; // the deepest GBCS 7 response (CS02b) nests 5
const LONG_HEADER_BYTES: u32 = 4; // tag, 82, hh, ll
const LENGTH_MAX: u32 = 0xffff;

// @ts-ignore: decorator
@inline function writer(): DerWriter {
  return changetype<DerWriter>(WRITER_BASE);
}

export function derBegin(start: usize, limit: usize, minimal: bool = false): void {
  const w = writer();
  w.cursor = <u32>start;
  w.limit = <u32>limit;
  w.failed = 0;
  w.depth = 0;
  w.minimal = minimal ? 1 : 0;
}

/** The end of what was written, or 0 when it did not fit or the brackets do not match. */
export function derFinish(): usize {
  const w = writer();
  return w.failed != 0 || w.depth != 0 ? 0 : <usize>w.cursor;
}

function reserve(bytes: u32): usize {
  const w = writer();
  if (w.failed != 0 || <u64>w.cursor + bytes > <u64>w.limit) {
    w.failed = 1;
    return 0;
  }
  const p = <usize>w.cursor;
  w.cursor += bytes;
  return p;
}

export function derOpen(tag: u8): void {
  const w = writer();
  if (w.depth >= DER_DEPTH_MAX) {
    w.failed = 1;
    return;
  }
  const p = reserve(LONG_HEADER_BYTES);
  if (p == 0) return;
  store<u8>(p, tag);
  store<u32>(STACK_BASE + (<usize>w.depth << 2), <u32>p);
  w.depth++;
}

export function derClose(): void {
  const w = writer();
  if (w.failed != 0) return;
  if (w.depth == 0) {
    w.failed = 1;
    return;
  }
  w.depth--;
  const p = <usize>load<u32>(STACK_BASE + (<usize>w.depth << 2));
  const content = p + LONG_HEADER_BYTES;
  const length = <u32>(<usize>w.cursor - content);
  if (length > LENGTH_MAX) {
    w.failed = 1;
    return;
  }
  if (length < 0x80) {
    store<u8>(p + 1, <u8>length);
    memory.copy(p + 2, content, length);
    w.cursor -= 2;
    return;
  }
  if (length < 0x100 && w.minimal != 0) {
    store<u8>(p + 1, 0x81);
    store<u8>(p + 2, <u8>length);
    memory.copy(p + 3, content, length);
    w.cursor -= 1;
    return;
  }
  store<u8>(p + 1, 0x82);
  store<u8>(p + 2, <u8>(length >> 8));
  store<u8>(p + 3, <u8>length);
}

/** A primitive element whose content is [source, source + length). */
export function derPrimitive(tag: u8, source: usize, length: u32): void {
  if (length >= 0x80) {
    derOpen(tag);
    const p = reserve(length);
    if (p != 0) memory.copy(p, source, length);
    derClose();
    return;
  }
  const p = reserve(2 + length);
  if (p == 0) return;
  store<u8>(p, tag);
  store<u8>(p + 1, <u8>length);
  memory.copy(p + 2, source, length);
}

/** INTEGER (or ENUMERATED with tag 0x0A) of a non-negative value, minimal two's complement. */
export function derUnsigned(tag: u8, value: u64): void {
  let bytes: u32 = 1;
  while (bytes < 8 && (value >> (<u64>bytes * 8 - 1)) != 0) bytes++; // room for a 0 sign bit
  if (bytes == 8 && (value >> 63) != 0) bytes = 9;
  const p = reserve(2 + bytes);
  if (p == 0) return;
  store<u8>(p, tag);
  store<u8>(p + 1, <u8>bytes);
  for (let i: u32 = 0; i < bytes; i++) {
    const shift = (bytes - 1 - i) * 8;
    store<u8>(p + 2 + i, shift >= 64 ? 0 : <u8>(value >> shift));
  }
}

export function derInteger(value: u64): void {
  derUnsigned(DER_INTEGER, value);
}

/** OCTET STRING of the 8 bytes of a big-endian u64 (an EUI-64 or an 8-byte key identifier). */
export function derOctets8(value: u64): void {
  const p = reserve(10);
  if (p == 0) return;
  store<u8>(p, DER_OCTET_STRING);
  store<u8>(p + 1, 8);
  store<u64>(p + 2, bswap<u64>(value));
}

/** BIT STRING of one byte with `unused` unused bits (a GBCS key usage: 03 02 07 80 DS, 03 02 03 08 KA). */
export function derBits8(unused: u8, bits: u8): void {
  const p = reserve(4);
  if (p == 0) return;
  store<u8>(p, DER_BIT_STRING);
  store<u8>(p + 1, 2);
  store<u8>(p + 2, unused);
  store<u8>(p + 3, bits);
}

export function derNull(): void {
  const p = reserve(2);
  if (p == 0) return;
  store<u8>(p, DER_NULL);
  store<u8>(p + 1, 0);
}

/** Bytes copied as they are (already DER), e.g. the elements of a SEQUENCE a command carried. */
export function derRaw(source: usize, length: u32): void {
  const p = reserve(length);
  if (p != 0) memory.copy(p, source, length);
}

/** Where the next element will be written (0 after a failure): e.g. the bounds of an element to sign. */
export function derCursor(): usize {
  const w = writer();
  return w.failed != 0 ? 0 : <usize>w.cursor;
}

/** One raw byte, e.g. the unused-bits count that opens a BIT STRING's content. */
export function derByte(value: u8): void {
  const p = reserve(1);
  if (p != 0) store<u8>(p, value);
}
