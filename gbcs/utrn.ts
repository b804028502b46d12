// UTRN (prepayment top-up token) generation and validation, GBCS 10.2: a 64-bit PTUT of
// {10-bit counter, value class, 13-bit value, 32-bit MAC}, offset into 19 decimal digits and
// closed by a Verhoeff-variant check digit. The MAC uses the supplier's PREPAYMENT KA key pair
// (`-pp-ka`), never its ordinary KA key (gbcs.md §14.12).

import { bigIntToBytes, concatBytes, equalBytesConstantTime, toHex } from './crypto/bytes.js';
import { deriveGbcsKeyFromKeys, EUI_BYTES, GBCS_CRA } from './crypto/gbcs-kdf.js';
import { gbcsIv } from './crypto/gbcs-gcm.js';
import type { Bytes, CryptoProvider } from './crypto/provider.js';
import { GbcsSecurityError } from './errors.js';

export const UTRN_DIGITS = 20;
/** GBCS 10.2: PTD = PTUT + base; every valid PTD has 19 digits. */
export const UTRN_PTD_BASE = 7394156990786306048n;
/** GBCS 10.2: 13-bit value field. */
export const UTRN_VALUE_MAX = 8191;
/** GBCS 10.2: the token carries the low 10 bits of the counter's high word. */
export const UTRN_COUNTER_BITS = 10;
const UTRN_COUNTER_MASK = (1n << BigInt(UTRN_COUNTER_BITS)) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
const UTRN_TAG_BYTES = 16;
const UTRN_MAC_BYTES = 4;

export const UTRN_VALUE_CLASS = { pence: 0, pounds: 1 } as const;
export type UtrnValueClass = keyof typeof UTRN_VALUE_CLASS;

/** Why a UTRN was refused; callers switch on this, never on the message. */
export type UtrnRejection =
  | 'bad-length'
  | 'not-digits'
  | 'bad-check-digit'
  | 'out-of-range'
  | 'reserved-bits-set'
  | 'counter-mismatch'
  | 'bad-mac';

export class UtrnError extends GbcsSecurityError {
  override name = 'UtrnError';
  constructor(
    readonly rejection: UtrnRejection,
    detail: string,
  ) {
    super('bad-utrn', `${rejection}: ${detail}`);
  }
}

/** The fields of a decoded UTRN (GBCS 10.2). */
export interface UtrnToken {
  readonly ptut: bigint;
  /** Low 10 bits of the high word of the 64-bit counter. */
  readonly counter10: number;
  readonly valueClass: UtrnValueClass;
  /** 0..8191, in pence or pounds per valueClass. */
  readonly value: number;
  /** lo32 of the PTUT: the last 4 bytes of the 16-byte GCM tag. */
  readonly mac: Bytes;
}

/** Keys and identities for the UTRN MAC. Either side works: supplier pp-KA private + device KA public, or device KA private + supplier pp-KA public. */
export interface UtrnKeys {
  readonly privateKey: Bytes;
  readonly peerPublicKey: Bytes;
  readonly supplierEui: Bytes;
  readonly deviceEui: Bytes;
}

// GBCS 10.2 check digit: Verhoeff with its own permutation and inverse tables.
const VERHOEFF_D: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [1, 2, 6, 7, 5, 8, 3, 0, 9, 4] as const;
const VERHOEFF_START_ROW = 4;

/** Check digit of the 19-digit PTD (GBCS 10.2). */
export function utrnCheckDigit(ptdDigits: string): number {
  if (!/^[0-9]+$/.test(ptdDigits)) throw new UtrnError('not-digits', 'check digit input must be decimal digits');
  let c = 0;
  let k = VERHOEFF_START_ROW;
  for (const ch of ptdDigits) {
    c = VERHOEFF_D[c]![VERHOEFF_P[k]![ch.charCodeAt(0) - 48]!]!;
    k = (k + 1) % VERHOEFF_P.length;
  }
  return VERHOEFF_INV[c]!;
}

/** hi32 of the PTUT: counter10 (bits 24..15), value class (14..13), value (12..0). */
function utrnHi32(counter: bigint, valueClass: UtrnValueClass, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > UTRN_VALUE_MAX) throw new RangeError(`UTRN value must be 0..${UTRN_VALUE_MAX}, got ${value}`);
  const counter10 = Number((counter >> 32n) & UTRN_COUNTER_MASK);
  return ((counter10 << 15) | (UTRN_VALUE_CLASS[valueClass] << 13) | value) >>> 0;
}

/** lo32 of the PTUT (GBCS 10.2): the last 4 bytes of a 16-byte GMAC tag. `counter` is the full 64-bit counter. */
export function utrnMac(provider: CryptoProvider, keys: UtrnKeys, counter: bigint, hi32: number): Bytes {
  if (counter < 0n || counter > UINT64_MAX) throw new RangeError('UTRN counter must be an unsigned 64-bit value');
  if (keys.supplierEui.length !== EUI_BYTES || keys.deviceEui.length !== EUI_BYTES) throw new RangeError('EUIs must be 8 bytes');
  const counterBytes = bigIntToBytes(counter, 8);
  const key = deriveGbcsKeyFromKeys(provider, keys.privateKey, keys.peerPublicKey, keys.supplierEui, GBCS_CRA.command, counterBytes, keys.deviceEui);
  const aad = concatBytes(
    Uint8Array.of(0x11, 0, 0, 0, 0, 0),
    keys.supplierEui,
    keys.deviceEui,
    Uint8Array.of(GBCS_CRA.command),
    counterBytes,
    bigIntToBytes(BigInt(hi32), 4),
  );
  const { tag } = provider.aesGcmEncrypt(key, gbcsIv(keys.supplierEui), new Uint8Array(0), aad, UTRN_TAG_BYTES);
  return tag.slice(UTRN_TAG_BYTES - UTRN_MAC_BYTES);
}

/** Builds the 20-digit UTRN for a top-up of `value` (pence or pounds) under the full 64-bit `counter`. */
export function generateUTRN(
  provider: CryptoProvider,
  keys: UtrnKeys,
  top: { counter: bigint; valueClass: UtrnValueClass; value: number },
): string {
  const hi32 = utrnHi32(top.counter, top.valueClass, top.value);
  const lo32 = BigInt(`0x${toHex(utrnMac(provider, keys, top.counter, hi32))}`);
  const ptd = ((BigInt(hi32) << 32n) | lo32) + UTRN_PTD_BASE;
  const digits = ptd.toString(10);
  return digits + String(utrnCheckDigit(digits));
}

/** Decodes a UTRN without keys: length, digits, check digit, base offset, reserved bits (GBCS 10.2). */
export function parseUTRN(utrn: string): UtrnToken {
  if (utrn.length !== UTRN_DIGITS) throw new UtrnError('bad-length', `UTRN must have ${UTRN_DIGITS} digits, got ${utrn.length}`);
  if (!/^[0-9]{20}$/.test(utrn)) throw new UtrnError('not-digits', 'UTRN must be decimal digits only');
  const ptdDigits = utrn.slice(0, UTRN_DIGITS - 1);
  const expected = utrnCheckDigit(ptdDigits);
  if (expected !== utrn.charCodeAt(UTRN_DIGITS - 1) - 48) {
    throw new UtrnError('bad-check-digit', `check digit should be ${expected}, not ${utrn[UTRN_DIGITS - 1]}`);
  }
  const ptut = BigInt(ptdDigits) - UTRN_PTD_BASE;
  if (ptut < 0n || ptut > UINT64_MAX) throw new UtrnError('out-of-range', 'PTD minus base is not a 64-bit PTUT');
  const hi32 = Number(ptut >> 32n);
  if (hi32 >>> 25 !== 0) throw new UtrnError('reserved-bits-set', 'PTUT bits 63..57 must be zero');
  const classBits = (hi32 >>> 13) & 3;
  if (classBits > UTRN_VALUE_CLASS.pounds) throw new UtrnError('reserved-bits-set', `value class ${classBits} is reserved`);
  return {
    ptut,
    counter10: (hi32 >>> 15) & Number(UTRN_COUNTER_MASK),
    valueClass: classBits === UTRN_VALUE_CLASS.pence ? 'pence' : 'pounds',
    value: hi32 & UTRN_VALUE_MAX,
    mac: bigIntToBytes(ptut & 0xffffffffn, UTRN_MAC_BYTES),
  };
}

/**
 * Full validation against the full 64-bit `counter` the caller believes the token carries (the
 * CS01a/b header counter, or reconstructUtrnCounter for keypad entry): parse, counter bits, MAC.
 */
export function validateUTRN(provider: CryptoProvider, utrn: string, keys: UtrnKeys, counter: bigint): UtrnToken {
  const token = parseUTRN(utrn);
  const counter10 = Number((counter >> 32n) & UTRN_COUNTER_MASK);
  if (counter10 !== token.counter10) throw new UtrnError('counter-mismatch', `token carries counter bits ${token.counter10}, expected ${counter10}`);
  const expected = utrnMac(provider, keys, counter, Number(token.ptut >> 32n));
  if (!equalBytesConstantTime(expected, token.mac)) throw new UtrnError('bad-mac', 'UTRN MAC does not verify');
  return token;
}

/**
 * devices.md 4.11 "Counter reconstruction": the full counter (high word H, low word 0) whose low
 * 10 bits of H are counter10, choosing H nearest the highest cached high word (ties to the
 * larger), i.e. H in [Hmax - 511, Hmax + 512]; counters never go below 0.
 */
export function reconstructUtrnCounter(counter10: number, highestCachedCounter: bigint | undefined): bigint {
  const window = 1n << BigInt(UTRN_COUNTER_BITS);
  if (!Number.isInteger(counter10) || counter10 < 0 || BigInt(counter10) >= window) throw new RangeError(`counter10 must be 0..${window - 1n}`);
  const hMax = highestCachedCounter === undefined ? 0n : highestCachedCounter >> 32n;
  const low = hMax - (window / 2n - 1n);
  let h = low + ((((BigInt(counter10) - low) % window) + window) % window);
  if (h < 0n) h += window;
  return h << 32n;
}
