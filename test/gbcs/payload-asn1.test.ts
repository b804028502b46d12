// Proves the ASN.1 payload codec (GBCS 7): the worked examples of GBCS 13 (E18, E19, E21, E22) and
// the other GBCS 7 shapes in RTDS (CS09 alert, GCS28 time sync, CS04 unjoin, CS07 join details,
// CS02b credentials) decode to the named fields GBCS 7 gives, the DER tree keeps the non-minimal
// length forms of the CS02b responses so every content re-encodes byte for byte, malformed input
// gets the right GbcsDecodeError reason and offset, and each DER maximum holds at max / max + 1.
// Reference data: ../shared via reference-data.ts (missing = failure).

import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { GbcsDecodeError, type GbcsDecodeReason } from '../../gbcs/errors.js';
import { decodeAsn1, encodeAsn1, type Asn1Payload } from '../../gbcs/payload/asn1.js';
import { DER_CHILDREN_MAX, DER_CONTENTS_BYTES_MAX, DER_DEPTH_MAX, decodeDer, encodeDer } from '../../gbcs/payload/der.js';
import { referenceFile } from './reference-data.js';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

function asn1(folder: string, name: string): Asn1Payload {
  const env = parseEnvelope(referenceFile(folder, name).bytes);
  const p = decodeAsn1(env.content, { messageCode: env.otherInfo.messageCode, cra: env.cra });
  expect(Buffer.from(encodeAsn1(p)).equals(Buffer.from(env.content))).toBe(true);
  return p;
}

function reasonOf(f: () => unknown): { reason: GbcsDecodeReason; offset: number } {
  try {
    f();
  } catch (err) {
    if (err instanceof GbcsDecodeError) return { reason: err.reason, offset: err.offset };
    throw err;
  }
  throw new Error('expected a GbcsDecodeError');
}

describe('GBCS 13 worked examples and GBCS 7 shapes (ASN.1)', () => {
  it('E18 CS08 command: NULL', () => {
    expect(asn1('11.2_CS08', 'CS08_11.2_SUCCESS_COMMAND').named).toEqual({ schema: 'null-request' });
  });

  it('E19 CS08 response: firmware version 01 23 AB CD, read result 0', () => {
    expect(asn1('11.2_CS08', 'CS08_11.2_SUCCESS_RESPONSE').named).toEqual({ schema: 'firmware-version-response', firmwareVersion: h('0123ABCD'), readResult: 0 });
  });

  it('E21 CS03B command: join method 2 (B), partner 00DB12345678909C, device type 3 (GPF)', () => {
    expect(asn1('8.7.2_CS03B', 'CS03B_8.7.2_SUCCESS_COMMAND').named).toEqual({ schema: 'join-request', joinMethodAndRole: 2, otherDeviceEui: h('00DB12345678909C'), otherDeviceType: 3 });
  });

  it('E22 CS03B response: outcome 0 success; the ERROR response carries 2', () => {
    expect(asn1('8.7.2_CS03B', 'CS03B_8.7.2_SUCCESS_RESPONSE').named).toEqual({ schema: 'outcome', outcome: 0 });
    expect(asn1('8.7.2_CS03B', 'CS03B_8.7.2_ERROR_RESPONSE').named).toEqual({ schema: 'outcome', outcome: 2 });
  });

  it('CS03C critical command: method-C join carries the partner certificate', () => {
    const named = asn1('8.7.1_CS03CCritical', 'CS03CCritical_8.7.1_SUCCESS_COMMAND').named;
    expect(named).toMatchObject({ schema: 'join-request', joinMethodAndRole: 3, otherDeviceEui: h('00DB123456789098'), otherDeviceType: 5, certificate: { name: 'certificate', tagNumber: 16 } });
  });

  it('CS04AC command: unjoin 00DB123456789099', () => {
    expect(asn1('8.8.1_CS04ACCritical', 'CS04ACCritical_8.8.1_SUCCESS_COMMAND').named).toEqual({ schema: 'unjoin-request', otherDeviceEui: h('00DB123456789099') });
  });

  it('CS07 response: read result 0 and three joined devices with their types', () => {
    const named = asn1('8.9_CS07', 'CS07_8.9_SUCCESS_RESPONSE').named;
    expect(named).toEqual({ schema: 'join-details-response', readResult: 0, devices: [
      { eui: h('0102030405060708'), deviceType: 3 },
      { eui: h('00DB123456789099'), deviceType: 3 },
      { eui: h('00DB123456789097'), deviceType: 5 },
    ] });
  });

  it('CS09 alert: 0x8F8B at 20150101000000Z with firmware version 12 34 AB CD', () => {
    const named = asn1('NA_CS09', 'CS09_NA_8F8B_ALERT').named;
    expect(named).toMatchObject({ schema: 'alert', alertCode: 0x8f8b, timestamp: '20150101000000Z' });
    if (named?.schema !== 'alert') throw new Error('alert');
    expect(named.details[0]?.value).toEqual(h('1234ABCD'));
  });

  it('GCS28: validity window 2014-12-31 23:30 to 2015-01-01 00:30; response device time and outcome 0 (reliable)', () => {
    expect(asn1('6.11_GCS28', 'GCS28_6.11_SUCCESS_COMMAND').named).toEqual({ schema: 'time-sync-request', validityStart: '20141231233000Z', validityEnd: '20150101003000Z' });
    expect(asn1('6.11_GCS28', 'GCS28_6.11_SUCCESS_RESPONSE').named).toEqual({ schema: 'time-sync-response', deviceTime: '20141231233000Z', outcome: 0 });
  });

  it('CS02b supplierBySupplier command: credentials replacement mode 2; response keeps its `82 00 CA` length form', () => {
    const cmd = asn1('6.15.1_CS02bSupplierBySupplier', 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_COMMAND');
    expect(cmd.named).toMatchObject({ schema: 'update-credentials-request', credentialsReplacementMode: 2 });
    const rsp = asn1('6.15.1_CS02bSupplierBySupplier', 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_RESPONSE');
    expect(rsp.tree.lengthForm).toBe(2);
  });
});

describe('ASN.1 decode errors', () => {
  it('truncated: contents shorter than the length', () => {
    expect(reasonOf(() => decodeDer(h('30 03 02 01')))).toEqual({ reason: 'truncated', offset: 2 });
  });

  it('trailing-bytes: a second TLV after the payload', () => {
    expect(reasonOf(() => decodeDer(h('02 01 00 00')))).toEqual({ reason: 'trailing-bytes', offset: 3 });
  });

  it('bad-length: indefinite length 0x80 (not DER)', () => {
    expect(reasonOf(() => decodeDer(h('30 80 00 00')))).toEqual({ reason: 'bad-length', offset: 1 });
  });

  it('bad-tag: a high tag number longer than 4 bytes; a 4-byte one decodes and re-encodes', () => {
    expect(reasonOf(() => decodeDer(h('9F 81 81 81 81 01 00')))).toEqual({ reason: 'bad-tag', offset: 0 });
    const ok = h('9F 81 81 81 01 00');
    expect(encodeDer(decodeDer(ok))).toEqual(ok);
  });
});

describe('ASN.1 maxima (max accepted, max + 1 refused)', () => {
  it(`DER_CONTENTS_BYTES_MAX = ${DER_CONTENTS_BYTES_MAX} bytes in one TLV`, () => {
    const at = h(`04 82 ${DER_CONTENTS_BYTES_MAX.toString(16).padStart(4, '0')} ${'5A'.repeat(DER_CONTENTS_BYTES_MAX)}`);
    expect(decodeDer(at).value).toHaveLength(DER_CONTENTS_BYTES_MAX);
    const over = h(`04 82 ${(DER_CONTENTS_BYTES_MAX + 1).toString(16).padStart(4, '0')} ${'5A'.repeat(DER_CONTENTS_BYTES_MAX + 1)}`);
    expect(reasonOf(() => decodeDer(over))).toEqual({ reason: 'length-exceeds-max', offset: 1 });
  });

  it(`DER_CHILDREN_MAX = ${DER_CHILDREN_MAX} children of one SEQUENCE`, () => {
    const seq = (n: number): Uint8Array => h(`30 82 ${(2 * n).toString(16).padStart(4, '0')} ${'0500'.repeat(n)}`);
    expect(decodeDer(seq(DER_CHILDREN_MAX)).children).toHaveLength(DER_CHILDREN_MAX);
    expect(reasonOf(() => decodeDer(seq(DER_CHILDREN_MAX + 1)))).toEqual({ reason: 'length-exceeds-max', offset: 4 + 2 * DER_CHILDREN_MAX });
  });

  it(`DER_DEPTH_MAX = ${DER_DEPTH_MAX} levels of nesting`, () => {
    const nest = (n: number): Uint8Array => {
      let inner = '0500';
      for (let k = 0; k < n; k++) inner = `30${(inner.length / 2).toString(16).padStart(2, '0')}${inner}`;
      return h(inner);
    };
    expect(decodeDer(nest(DER_DEPTH_MAX)).tagNumber).toBe(16);
    expect(reasonOf(() => decodeDer(nest(DER_DEPTH_MAX + 1)))).toEqual({ reason: 'length-exceeds-max', offset: 2 * (DER_DEPTH_MAX + 1) });
  });
});
