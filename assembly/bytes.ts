// Big-endian access to wire bytes (GBCS 0: headers, DLMS and DER are big-endian).

// @ts-ignore: decorator
@inline export function loadU16BE(p: usize): u32 {
  return (<u32>load<u8>(p) << 8) | <u32>load<u8>(p + 1);
}

// @ts-ignore: decorator
@inline export function loadU32BE(p: usize): u32 {
  return bswap<u32>(load<u32>(p));
}

// @ts-ignore: decorator
@inline export function loadU64BE(p: usize): u64 {
  return bswap<u64>(load<u64>(p));
}

// @ts-ignore: decorator
@inline export function storeU16BE(p: usize, v: u32): void {
  store<u8>(p, <u8>(v >> 8));
  store<u8>(p + 1, <u8>v);
}

// @ts-ignore: decorator
@inline export function storeU32BE(p: usize, v: u32): void {
  store<u32>(p, bswap<u32>(v));
}

// @ts-ignore: decorator
@inline export function storeU64BE(p: usize, v: u64): void {
  store<u64>(p, bswap<u64>(v));
}

/** A-XDR / DER length: 1 byte below 0x80, else 0x80+n and n big-endian bytes (GBCS 0). */
export function axdrLengthBytes(length: u32): u32 {
  if (length < 0x80) return 1;
  if (length < 0x100) return 2;
  return 3;
}

export function storeAxdrLength(p: usize, length: u32): usize {
  if (length < 0x80) {
    store<u8>(p, <u8>length);
    return p + 1;
  }
  if (length < 0x100) {
    store<u8>(p, 0x81);
    store<u8>(p + 1, <u8>length);
    return p + 2;
  }
  store<u8>(p, 0x82);
  storeU16BE(p + 1, length);
  return p + 3;
}
