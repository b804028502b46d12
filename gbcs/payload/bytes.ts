// Bounded byte cursor shared by the payload codecs (DLMS A-XDR, GBZ/ZCL, ASN.1 DER).
// Every read checks the remaining input first and throws GbcsDecodeError('truncated') with the
// offset, so no codec can meet a RangeError or read undefined (STYLE.md "Bounds on everything").

import { GbcsDecodeError } from '../errors.js';

/** Largest count of length bytes after a `0x80 + n` prefix. GBCS 0: the data uses `81 xx` and
 * `82 xx xx`; 3 bytes already allows 16 MiB, far above any payload maximum, so a 4th byte is
 * refused as 'length-exceeds-max' rather than risking an unsafe integer. */
export const LENGTH_FIELD_BYTES_MAX = 3;

const LONG_FORM_FLAG = 0x80;
const SHORT_FORM_MAX = 0x7f;
const BYTE_MAX = 0xff;

/** A length as it was written: the value and, when the writer used more bytes than needed, the
 * number of bytes after the `0x80 + n` prefix (kept so re-encoding is byte-exact). */
export interface LengthField {
  readonly value: number;
  /** Present only for a non-minimal long form (e.g. `81 05` for 5). */
  readonly longFormBytes?: number;
}

export class ByteReader {
  private pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  private need(count: number, what: string): void {
    if (count > this.end - this.pos) throw new GbcsDecodeError('truncated', this.pos, what);
  }

  peekU8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos] as number;
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++] as number;
  }

  i8(what: string): number {
    const v = this.u8(what);
    return v > SHORT_FORM_MAX ? v - (BYTE_MAX + 1) : v;
  }

  /** Big-endian unsigned integer of `size` bytes (size <= 6, so it stays a safe number). */
  uintBE(size: number, what: string): number {
    this.need(size, what);
    let v = 0;
    for (let k = 0; k < size; k++) v = v * (BYTE_MAX + 1) + (this.bytes[this.pos++] as number);
    return v;
  }

  /** Little-endian unsigned integer of `size` bytes (ZigBee fields, GBCS 0; size <= 6). */
  uintLE(size: number, what: string): number {
    this.need(size, what);
    let v = 0;
    for (let k = size - 1; k >= 0; k--) v = v * (BYTE_MAX + 1) + (this.bytes[this.pos + k] as number);
    this.pos += size;
    return v;
  }

  /** Big-endian unsigned 64-bit value. */
  u64BE(what: string): bigint {
    const hi = this.uintBE(4, what);
    const lo = this.uintBE(4, what);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A copy of the next `count` bytes. */
  take(count: number, what: string): Uint8Array {
    this.need(count, what);
    const out = this.bytes.slice(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }

  /** A-XDR / DER definite length (GBCS 0 "Lengths"), checked against `max` before use. */
  length(max: number, what: string): LengthField {
    const start = this.pos;
    const first = this.u8(what);
    if (first < LONG_FORM_FLAG) {
      if (first > max) throw new GbcsDecodeError('length-exceeds-max', start, `${what} <= ${max}`);
      return { value: first };
    }
    const size = first - LONG_FORM_FLAG;
    if (size === 0) throw new GbcsDecodeError('bad-length', start, `${what}: definite length`);
    if (size > LENGTH_FIELD_BYTES_MAX) {
      throw new GbcsDecodeError('length-exceeds-max', start, `${what}: at most ${LENGTH_FIELD_BYTES_MAX} length bytes`);
    }
    const value = this.uintBE(size, what);
    if (value > max) throw new GbcsDecodeError('length-exceeds-max', start, `${what} <= ${max}`);
    return size === minimalLongFormBytes(value) ? { value } : { value, longFormBytes: size };
  }

  /** Checks a length already read against the bytes left (used before slicing a sub-reader). */
  expectAvailable(count: number, what: string): void {
    this.need(count, what);
  }

  /** A reader over the next `count` bytes; the parent skips them. */
  sub(count: number, what: string): ByteReader {
    this.need(count, what);
    const child = new ByteReader(this.bytes, this.pos, this.pos + count);
    this.pos += count;
    return child;
  }

  /** Throws 'trailing-bytes' unless every byte was consumed. */
  finish(what: string): void {
    if (this.pos !== this.end) throw new GbcsDecodeError('trailing-bytes', this.pos, `end of ${what}`);
  }
}

/** Length bytes a long-form length needs (0 when the short form applies). */
function minimalLongFormBytes(value: number): number {
  let size = 0;
  for (let v = value; v > 0 && size < LENGTH_FIELD_BYTES_MAX + 1; v = Math.floor(v / (BYTE_MAX + 1))) size++;
  return value <= SHORT_FORM_MAX ? 0 : size;
}

/** Growable output buffer; encoders never fail on size (input was a typed value, not wire data). */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private grow(count: number): void {
    if (this.len + count <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + count) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): this {
    this.grow(1);
    this.buf[this.len++] = v & BYTE_MAX;
    return this;
  }

  uintBE(v: number, size: number): this {
    this.grow(size);
    let rest = v;
    for (let k = size - 1; k >= 0; k--) {
      this.buf[this.len + k] = rest % (BYTE_MAX + 1);
      rest = Math.floor(rest / (BYTE_MAX + 1));
    }
    this.len += size;
    return this;
  }

  uintLE(v: number, size: number): this {
    this.grow(size);
    let rest = v;
    for (let k = 0; k < size; k++) {
      this.buf[this.len + k] = rest % (BYTE_MAX + 1);
      rest = Math.floor(rest / (BYTE_MAX + 1));
    }
    this.len += size;
    return this;
  }

  u64BE(v: bigint): this {
    const masked = BigInt.asUintN(64, v);
    this.uintBE(Number(masked >> 32n), 4);
    return this.uintBE(Number(masked & 0xffffffffn), 4);
  }

  bytes(b: Uint8Array): this {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  length(field: LengthField | number): this {
    const value = typeof field === 'number' ? field : field.value;
    const forced = typeof field === 'number' ? undefined : field.longFormBytes;
    const size = forced ?? minimalLongFormBytes(value);
    if (size === 0) return this.u8(value);
    this.u8(LONG_FORM_FLAG + size);
    return this.uintBE(value, size);
  }

  get size(): number {
    return this.len;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** A length field for `value` that keeps a decoded non-minimal form when the value is unchanged. */
export function keepLengthForm(value: number, form?: number): LengthField {
  return form === undefined ? { value } : { value, longFormBytes: form };
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const w = new ByteWriter();
  for (const p of parts) w.bytes(p);
  return w.finish();
}
