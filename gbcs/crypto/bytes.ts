// Small byte helpers shared by the crypto and key layer. Kept here (not in a general utils file)
// so the crypto layer has no imports outside gbcs/crypto and gbcs/errors.

import type { Bytes } from './provider.js';

export function concatBytes(...parts: readonly Bytes[]): Bytes {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const HEX_DIGITS = '0123456789ABCDEF';

/** Upper-case hex, no separators (the spelling of EUIs in the API, gbcs.md §0). */
export function toHex(bytes: Bytes): string {
  let s = '';
  for (const b of bytes) s += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  return s;
}

const HEX_PAIR = /^[0-9a-fA-F]{2}$/;

/** Parses hex (either case, no separators). Throws RangeError on odd length or a non-hex digit. */
export function fromHex(hex: string): Bytes {
  if (hex.length % 2 !== 0) throw new RangeError(`hex string has odd length ${hex.length}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const pair = hex.slice(2 * i, 2 * i + 2);
    if (!HEX_PAIR.test(pair)) throw new RangeError(`not a hex digit pair at ${2 * i}: '${pair}'`);
    out[i] = Number.parseInt(pair, 16);
  }
  return out;
}

/** Equality whose running time depends only on the lengths, for comparing MACs and tags. */
export function equalBytesConstantTime(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Big-endian unsigned integer of the bytes. */
export function bytesToBigInt(bytes: Bytes): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Big-endian, left-padded to byteCount bytes; throws RangeError when value does not fit. */
export function bigIntToBytes(value: bigint, byteCount: number): Bytes {
  if (value < 0n || value >> BigInt(8 * byteCount) !== 0n) {
    throw new RangeError(`value does not fit in ${byteCount} unsigned bytes`);
  }
  const out = new Uint8Array(byteCount);
  let v = value;
  for (let i = byteCount - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
