// A minimal DER reader and writer (ITU-T X.690), enough for X.509 certificates, SPKI and
// PKCS#8 on P-256. Our own so certificate parsing works in a browser and without
// node:crypto. Lengths come from untrusted files, so every read is bounds-checked and the
// nesting depth is bounded.

import { GbcsDecodeError } from '../errors.js';

export const DER_TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Context-specific tags: [n] constructed = 0xA0 | n, [n] primitive = 0x80 | n. */
export function contextTag(n: number, constructed: boolean): number {
  return (constructed ? 0xa0 : 0x80) | n;
}

/** Longest length field we accept: 4 bytes (2^32 - 1); certificates are a few hundred bytes. */
export const DER_LENGTH_BYTES_MAX = 4;

/** One decoded TLV. `bytes` is the whole element (tag, length and value); `value` its contents. */
export interface DerElement {
  readonly tag: number;
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly value: Uint8Array;
}

/** Reads the TLV at `offset` of `buf`; `base` is added to offsets reported in errors. */
export function readDer(buf: Uint8Array, offset = 0, base = 0): DerElement {
  if (offset + 2 > buf.length) throw new GbcsDecodeError('truncated', base + offset, 'DER tag and length');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new GbcsDecodeError('bad-tag', base + offset, 'single-byte DER tag');
  let length = buf[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    if (lengthBytes === 0 || lengthBytes > DER_LENGTH_BYTES_MAX) {
      throw new GbcsDecodeError('bad-length', base + offset + 1, `definite DER length of 1..${DER_LENGTH_BYTES_MAX} bytes`);
    }
    if (offset + 2 + lengthBytes > buf.length) throw new GbcsDecodeError('truncated', base + offset + 2, 'DER length bytes');
    length = 0;
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + buf[offset + 2 + i]!;
    if (length < 0x80 || (lengthBytes > 1 && buf[offset + 2] === 0)) {
      throw new GbcsDecodeError('bad-length', base + offset + 1, 'minimal DER length encoding');
    }
    header += lengthBytes;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new GbcsDecodeError('truncated', base + offset, `${length} bytes of DER content`);
  return { tag, offset: base + offset, bytes: buf.subarray(offset, end), value: buf.subarray(offset + header, end) };
}

/** Reads exactly one element spanning all of `buf`, with the expected tag. */
export function readDerWhole(buf: Uint8Array, expectedTag: number, what: string): DerElement {
  const el = readDer(buf, 0);
  expectTag(el, expectedTag, what);
  if (el.bytes.length !== buf.length) throw new GbcsDecodeError('trailing-bytes', el.bytes.length, `end of ${what}`);
  return el;
}

/** Elements of a constructed element's content, in order. */
export function derChildren(parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let at = 0;
  const base = parent.offset + (parent.bytes.length - parent.value.length);
  while (at < parent.value.length) {
    const child = readDer(parent.value, at, base);
    children.push(child);
    at += child.bytes.length;
  }
  return children;
}

export function expectTag(el: DerElement, tag: number, what: string): void {
  if (el.tag !== tag) throw new GbcsDecodeError('bad-tag', el.offset, `${what} (tag 0x${tag.toString(16)}, got 0x${el.tag.toString(16)})`);
}

/** Dotted OID string of an OBJECT IDENTIFIER element. */
export function derOid(el: DerElement): string {
  expectTag(el, DER_TAG.oid, 'OBJECT IDENTIFIER');
  const v = el.value;
  if (v.length === 0) throw new GbcsDecodeError('bad-value', el.offset, 'non-empty OID');
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < v.length; i++) {
    arc = arc * 128 + (v[i]! & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new GbcsDecodeError('bad-value', el.offset, 'OID arc below 2^46');
    if ((v[i]! & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    } else if (i === v.length - 1) {
      throw new GbcsDecodeError('truncated', el.offset, 'last OID arc');
    }
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Contents of a BIT STRING with no unused bits (all BIT STRINGs in our certificates are whole bytes). */
export function derBitStringBytes(el: DerElement): Uint8Array {
  expectTag(el, DER_TAG.bitString, 'BIT STRING');
  if (el.value.length === 0 || el.value[0] !== 0) throw new GbcsDecodeError('bad-value', el.offset, 'BIT STRING with 0 unused bits');
  return el.value.subarray(1);
}

/** Unsigned value of a non-negative INTEGER. */
export function derUnsignedInteger(el: DerElement): bigint {
  expectTag(el, DER_TAG.integer, 'INTEGER');
  if (el.value.length === 0 || (el.value[0]! & 0x80) !== 0) throw new GbcsDecodeError('bad-value', el.offset, 'non-negative INTEGER');
  let v = 0n;
  for (const b of el.value) v = (v << 8n) | BigInt(b);
  return v;
}

export function derString(el: DerElement): string {
  const { utf8String, printableString, ia5String, utcTime, generalizedTime } = DER_TAG;
  if (![utf8String, printableString, ia5String, utcTime, generalizedTime].includes(el.tag as 0x0c)) {
    throw new GbcsDecodeError('bad-tag', el.offset, 'a string type');
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(el.value);
}
