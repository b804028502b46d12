// SHA-256 (FIPS 180-4), incremental, over a state kept in device memory so an image arriving in
// blocks across many calls (and wakes) is hashed as it comes, without holding the image.
//   0 h[8] u32 | 32 block buffer 64 | 96 buffered u32 | 100 reserved u32 | 104 total bytes u64
// The secure element has no hash import; this is the device's own digest (devices 9 step 5).

export const SHA256_STATE_BYTES: u32 = 112;
export const SHA256_BYTES: u32 = 32;
const BLOCK_BYTES: u32 = 64;
const BUFFER: usize = 32;
const BUFFERED: usize = 96;
const TOTAL: usize = 104;

const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const INITIAL: StaticArray<u32> = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const SCHEDULE: usize = memory.data(64 * 4);

export function sha256Init(state: usize): void {
  for (let i = 0; i < 8; i++) store<u32>(state + (<usize>i << 2), unchecked(INITIAL[i]));
  memory.fill(state + BUFFER, 0, SHA256_STATE_BYTES - <u32>BUFFER);
}

export function sha256Update(state: usize, data: usize, length: u32): void {
  let buffered = load<u32>(state + BUFFERED);
  store<u64>(state + TOTAL, load<u64>(state + TOTAL) + <u64>length);
  let p = data;
  let left = length;
  while (left > 0) {
    const take = min(left, BLOCK_BYTES - buffered);
    memory.copy(state + BUFFER + buffered, p, take);
    buffered += take;
    p += take;
    left -= take;
    if (buffered == BLOCK_BYTES) {
      compress(state);
      buffered = 0;
    }
  }
  store<u32>(state + BUFFERED, buffered);
}

/** Pads, compresses and writes the 32-byte digest to `out`; the state is spent afterwards. */
export function sha256Final(state: usize, out: usize): void {
  const bits = load<u64>(state + TOTAL) << 3;
  let buffered = load<u32>(state + BUFFERED);
  store<u8>(state + BUFFER + buffered, 0x80);
  buffered++;
  if (buffered > BLOCK_BYTES - 8) {
    memory.fill(state + BUFFER + buffered, 0, BLOCK_BYTES - buffered);
    compress(state);
    buffered = 0;
  }
  memory.fill(state + BUFFER + buffered, 0, BLOCK_BYTES - 8 - buffered);
  store<u64>(state + BUFFER + BLOCK_BYTES - 8, bswap<u64>(bits));
  compress(state);
  for (let i = 0; i < 8; i++) store<u32>(out + (<usize>i << 2), bswap<u32>(load<u32>(state + (<usize>i << 2))));
}

function compress(state: usize): void {
  const w = SCHEDULE;
  for (let i = 0; i < 16; i++) store<u32>(w + (<usize>i << 2), bswap<u32>(load<u32>(state + BUFFER + (<usize>i << 2))));
  for (let i = 16; i < 64; i++) {
    const w15 = load<u32>(w + (<usize>(i - 15) << 2));
    const w2 = load<u32>(w + (<usize>(i - 2) << 2));
    const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
    store<u32>(w + (<usize>i << 2), load<u32>(w + (<usize>(i - 16) << 2)) + s0 + load<u32>(w + (<usize>(i - 7) << 2)) + s1);
  }
  let a = load<u32>(state), b = load<u32>(state + 4), c = load<u32>(state + 8), d = load<u32>(state + 12);
  let e = load<u32>(state + 16), f = load<u32>(state + 20), g = load<u32>(state + 24), h = load<u32>(state + 28);
  for (let i = 0; i < 64; i++) {
    const t1 = h + (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) + ((e & f) ^ (~e & g)) + unchecked(K[i]) + load<u32>(w + (<usize>i << 2));
    const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  store<u32>(state, load<u32>(state) + a);
  store<u32>(state + 4, load<u32>(state + 4) + b);
  store<u32>(state + 8, load<u32>(state + 8) + c);
  store<u32>(state + 12, load<u32>(state + 12) + d);
  store<u32>(state + 16, load<u32>(state + 16) + e);
  store<u32>(state + 20, load<u32>(state + 20) + f);
  store<u32>(state + 24, load<u32>(state + 24) + g);
  store<u32>(state + 28, load<u32>(state + 28) + h);
}
