// ECDSA signatures in DER (ASN.1 SEQUENCE { INTEGER r, INTEGER s }, dcc.md 11.2) to the raw
// 64-byte r || s the crypto providers verify. Strict: one SEQUENCE, two positive INTEGERs of at
// most 33 bytes (a leading 00 when the high bit is set), no trailing bytes.

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const SCALAR_BYTES = 32;

/** undefined when the bytes are not such a signature. */
export function derSignatureToRaw(der: Uint8Array): Uint8Array | undefined {
  if (der.length < 8 || der.length > 72 || der[0] !== SEQUENCE || der[1] !== der.length - 2) return undefined;
  const out = new Uint8Array(2 * SCALAR_BYTES);
  let pos = 2;
  for (let part = 0; part < 2; part++) {
    if (der[pos] !== INTEGER) return undefined;
    const length = der[pos + 1]!;
    if (length < 1 || length > SCALAR_BYTES + 1 || pos + 2 + length > der.length) return undefined;
    let value = der.subarray(pos + 2, pos + 2 + length);
    if ((value[0]! & 0x80) !== 0) return undefined; // negative
    if (value.length === SCALAR_BYTES + 1) {
      if (value[0] !== 0) return undefined;
      value = value.subarray(1);
    }
    out.set(value, part * SCALAR_BYTES + SCALAR_BYTES - value.length);
    pos += 2 + length;
  }
  return pos === der.length ? out : undefined;
}

/** raw r || s to DER (for tests and clients signing threshold files). */
export function rawSignatureToDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array): number[] => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const body = [...bytes.subarray(start)];
    if ((body[0]! & 0x80) !== 0) body.unshift(0);
    return [INTEGER, body.length, ...body];
  };
  const content = [...integer(raw.subarray(0, SCALAR_BYTES)), ...integer(raw.subarray(SCALAR_BYTES))];
  return Uint8Array.from([SEQUENCE, content.length, ...content]);
}
