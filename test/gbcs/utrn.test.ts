// Proves UTRN generation and validation against GBCS 10.2/10.3 using only reference data: for
// each RTDS CS01a/CS01b/PCS01 command, the UTRN, the 64-bit counter and the supplier and device
// EUIs are read from the message itself; genuine UTRNs are regenerated digit for digit from the
// supplier prepayment KA key and the device KA certificate, and validate from the device side
// too. The ERROR CS01b token fails its check digit and PCS01's dummy MAC fails, as gbcs.md §10.3
// records. Every UtrnRejection is produced, and counter reconstruction (devices.md 4.11) is
// checked at its window edges.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bytesToBigInt, fromHex, toHex } from '../../gbcs/crypto/bytes.js';
import { createNobleProvider } from '../../gbcs/crypto/noble-provider.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { GbcsSecurityError } from '../../gbcs/errors.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import {
  type UtrnKeys,
  type UtrnRejection,
  UtrnError,
  UTRN_PTD_BASE,
  generateUTRN,
  parseUTRN,
  reconstructUtrnCounter,
  utrnCheckDigit,
  validateUTRN,
} from '../../gbcs/utrn.js';

const SHARED = new URL('../../../shared/conformance/', import.meta.url);
if (!existsSync(SHARED)) {
  throw new Error(`reference data missing: expected ${fileURLToPath(SHARED)} (the read-only ../shared checkout)`);
}
const keystore = KeyStore.loadDir(fileURLToPath(new URL('keystore', SHARED)));
const node = createNodeProvider();

interface Cs01 {
  file: string;
  utrn: string;
  counter: bigint;
  supplier: string;
  device: string;
}

/** Reads a CS01 command: header (GBCS 1.2) and the 20 ASCII digits of the UTRN (GBCS 10.1). */
function readCs01(relative: string): Cs01 {
  const bytes = fromHex(readFileSync(new URL(`rtds-4.5.0/${relative}`, SHARED), 'latin1').trim());
  const df = bytes.indexOf(0xdf);
  const digits = /[0-9]{20}/.exec(new TextDecoder('latin1').decode(bytes))![0];
  return {
    file: relative,
    utrn: digits,
    counter: bytesToBigInt(bytes.subarray(df + 3, df + 11)),
    supplier: toHex(bytes.subarray(df + 12, df + 20)),
    device: toHex(bytes.subarray(df + 21, df + 29)),
  };
}

function supplierSide(m: Cs01): UtrnKeys {
  return {
    privateKey: keystore.privateKey(m.supplier, 'pp-ka')!,
    peerPublicKey: keystore.publicKey(m.device, 'ka')!,
    supplierEui: fromHex(m.supplier),
    deviceEui: fromHex(m.device),
  };
}

function rejectionOf(f: () => unknown): UtrnRejection | undefined {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UtrnError);
    expect(err).toBeInstanceOf(GbcsSecurityError);
    expect((err as GbcsSecurityError).reason).toBe('bad-utrn');
    return (err as UtrnError).rejection;
  }
  return undefined;
}

const GENUINE = [
  '2.2_CS01a/CS01a_2.2_SUCCESS_COMMAND_GBCS.HEX',
  '2.2_CS01a/CS01a_2.2_ERROR_COMMAND_GBCS.HEX',
  '2.2_CS01b/CS01b_2.2_SUCCESS_COMMAND_GBCS.HEX',
].map(readCs01);

describe('UTRNs of the RTDS reference commands (GBCS 10.3)', () => {
  it.each(GENUINE.map((m) => [m.file, m] as const))('regenerates %s digit for digit, with both providers', (_file, m) => {
    const token = parseUTRN(m.utrn);
    for (const provider of [node, createNobleProvider()]) {
      expect(generateUTRN(provider, supplierSide(m), { counter: m.counter, valueClass: token.valueClass, value: token.value })).toBe(m.utrn);
    }
    expect(m.supplier).toBe('90B3D51F30010000'); // header originator = supplier (GBCS 10.1)
    expect(m.counter & 0xffffffffn).toBe(0n); // counter in the top 32 bits
  });

  it('decodes the worked example of GBCS 10.3 (counter 3, pounds, 10) from the CS01a SUCCESS command', () => {
    const m = GENUINE[0]!;
    const token = parseUTRN(m.utrn);
    expect(token).toMatchObject({ counter10: 3, valueClass: 'pounds', value: 10 });
    expect(BigInt(token.counter10) << 32n).toBe(m.counter);
    expect(toHex(token.mac)).toBe('9CD029E3');
  });

  it('validates the genuine UTRNs from the device side (device KA private key is not supplied, so with the supplier key pair the other way round)', () => {
    for (const m of GENUINE) {
      // The device computes ECDH(device KA priv, supplier pp-KA pub); the reference store has no
      // device private keys, so check the symmetric form and that validation really uses the MAC.
      expect(validateUTRN(node, m.utrn, supplierSide(m), m.counter).counter10).toBe(Number(m.counter >> 32n) & 0x3ff);
      const wrongDevice = { ...supplierSide(m), peerPublicKey: keystore.publicKey('00DB1234567890A2', 'ka')! };
      expect(rejectionOf(() => validateUTRN(node, m.utrn, wrongDevice, m.counter))).toBe('bad-mac');
      const ordinaryKa = { ...supplierSide(m), privateKey: keystore.privateKey(m.supplier, 'ka')! };
      expect(rejectionOf(() => validateUTRN(node, m.utrn, ordinaryKa, m.counter))).toBe('bad-mac'); // gbcs.md §14.12
    }
  });

  it('rejects the CS01b ERROR UTRN for its check digit', () => {
    const m = readCs01('2.2_CS01b/CS01b_2.2_ERROR_COMMAND_GBCS.HEX');
    expect(rejectionOf(() => parseUTRN(m.utrn))).toBe('bad-check-digit');
    expect(String(utrnCheckDigit(m.utrn.slice(0, 19)))).not.toBe(m.utrn[19]);
  });

  it('accepts the PCS01 UTRN check digit but not its placeholder MAC', () => {
    const m = readCs01('NA_PCS01/PCS01_NA_SUCCESS_COMMAND_GBCS.HEX');
    const token = parseUTRN(m.utrn);
    expect(toHex(token.mac)).toBe('00000000');
    const supplier = GENUINE[2]!; // same GSME, same supplier
    const keys = { ...supplierSide(supplier), deviceEui: fromHex(supplier.device) };
    expect(rejectionOf(() => validateUTRN(node, m.utrn, keys, BigInt(token.counter10) << 32n))).toBe('bad-mac');
  });
});

describe('UTRN properties and rejections', () => {
  const keys = supplierSide(GENUINE[0]!);

  it('round-trips any counter, class and value, and a single changed digit is always caught (fast-check seed 0x0717)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.constantFrom('pence' as const, 'pounds' as const),
        fc.integer({ min: 0, max: 8191 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 1, max: 9 }),
        (high, valueClass, value, position, delta) => {
          const counter = high << 32n;
          const utrn = generateUTRN(node, keys, { counter, valueClass, value });
          expect(utrn).toMatch(/^[0-9]{20}$/);
          expect(validateUTRN(node, utrn, keys, counter)).toMatchObject({ valueClass, value, counter10: Number(high & 0x3ffn) });
          const digit = (Number(utrn[position]) + delta) % 10;
          const changed = utrn.slice(0, position) + String(digit) + utrn.slice(position + 1);
          expect(rejectionOf(() => validateUTRN(node, changed, keys, counter))).toBeDefined();
        },
      ),
      { seed: 0x0717, numRuns: 60 },
    );
  });

  it('produces each UtrnRejection for its cause', () => {
    const counter = 7n << 32n;
    const good = generateUTRN(node, keys, { counter, valueClass: 'pence', value: 1234 });
    const withCheck = (ptd: bigint): string => ptd.toString() + String(utrnCheckDigit(ptd.toString()));
    expect(rejectionOf(() => parseUTRN(good.slice(1)))).toBe('bad-length');
    expect(rejectionOf(() => parseUTRN(`${good.slice(0, 19)}x`))).toBe('not-digits');
    expect(rejectionOf(() => parseUTRN(withCheck(UTRN_PTD_BASE - 1n).padStart(20, '0')))).toBe('out-of-range');
    expect(rejectionOf(() => parseUTRN(withCheck(UTRN_PTD_BASE + (1n << 57n))))).toBe('reserved-bits-set');
    expect(rejectionOf(() => parseUTRN(withCheck(UTRN_PTD_BASE + (3n << 45n))))).toBe('reserved-bits-set'); // class 11
    expect(rejectionOf(() => validateUTRN(node, good, keys, 8n << 32n))).toBe('counter-mismatch');
    expect(rejectionOf(() => validateUTRN(node, good, keys, (7n + 1024n) << 32n))).toBe('bad-mac'); // same 10 bits, other counter
    expect(() => generateUTRN(node, keys, { counter, valueClass: 'pence', value: 8192 })).toThrow(RangeError);
  });

  it('reconstructs counters within [Hmax - 511, Hmax + 512] (devices.md 4.11)', () => {
    const hMax = 2000n;
    const cached = hMax << 32n;
    expect(reconstructUtrnCounter(Number((hMax + 512n) & 0x3ffn), cached)).toBe((hMax + 512n) << 32n);
    expect(reconstructUtrnCounter(Number((hMax - 511n) & 0x3ffn), cached)).toBe((hMax - 511n) << 32n);
    expect(reconstructUtrnCounter(Number(hMax & 0x3ffn), cached)).toBe(cached);
    expect(reconstructUtrnCounter(3, undefined)).toBe(3n << 32n);
    expect(reconstructUtrnCounter(1023, undefined)).toBe(1023n << 32n); // never negative
    expect(() => reconstructUtrnCounter(1024, cached)).toThrow(RangeError);
  });
});
