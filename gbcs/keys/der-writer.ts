// DER encoding helpers (ITU-T X.690) for the test PKI's certificates. Each function returns one
// complete TLV, so a structure reads like its ASN.1 definition.

export function derEncode(tag: number, ...contents: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of contents) length += c.length;
  const lengthBytes: number[] = [];
  if (length < 0x80) {
    lengthBytes.push(length);
  } else {
    const be: number[] = [];
    for (let l = length; l > 0; l = Math.floor(l / 256)) be.unshift(l % 256);
    lengthBytes.push(0x80 | be.length, ...be);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let at = 1 + lengthBytes.length;
  for (const c of contents) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const derSequence = (...items: readonly Uint8Array[]): Uint8Array => derEncode(0x30, ...items);
export const derSet = (...items: readonly Uint8Array[]): Uint8Array => derEncode(0x31, ...items);
export const derOctetString = (bytes: Uint8Array): Uint8Array => derEncode(0x04, bytes);
export const derBitString = (bytes: Uint8Array): Uint8Array => derEncode(0x03, Uint8Array.of(0), bytes);
export const derBoolean = (value: boolean): Uint8Array => derEncode(0x01, Uint8Array.of(value ? 0xff : 0x00));
export const derUtf8 = (s: string): Uint8Array => derEncode(0x0c, new TextEncoder().encode(s));
export const derPrintable = (s: string): Uint8Array => derEncode(0x13, new TextEncoder().encode(s));

/** INTEGER from an unsigned big-endian magnitude: strips leading zeros, adds 00 if the top bit is set. */
export function derUnsigned(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return (trimmed[0]! & 0x80) !== 0 ? derEncode(0x02, Uint8Array.of(0), trimmed) : derEncode(0x02, trimmed);
}

export function derSmallInteger(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 127) throw new RangeError('derSmallInteger takes 0..127');
  return derEncode(0x02, Uint8Array.of(value));
}

export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => Number.parseInt(a, 10));
  if (arcs.length < 2 || arcs.some((a) => !Number.isSafeInteger(a) || a < 0)) throw new RangeError(`bad OID ${dotted}`);
  const body: number[] = [];
  for (const arc of [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)]) {
    const septets: number[] = [arc % 128];
    for (let a = Math.floor(arc / 128); a > 0; a = Math.floor(a / 128)) septets.unshift(0x80 | a % 128);
    body.push(...septets);
  }
  return derEncode(0x06, Uint8Array.from(body));
}
