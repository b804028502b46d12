// Proves the DLMS/COSEM payload codec (GBCS 5, 9): the worked examples of GBCS 13 (E1, E2, E5,
// E6, E7/E9, E10/E11, E13-E17) decode to the named fields and values the spec states, the A-XDR
// layer (GBCS 5.3) keeps non-minimal lengths and ciphered blocks (GBCS 4.5) byte-exact, and each
// malformed input is refused with the GbcsDecodeError reason and offset it deserves. Every *_MAX
// of axdr.ts, bytes.ts and dlms-common.ts is tested at max (accepted) and max + 1 (refused).
// Reference messages come from ../shared through test/gbcs/reference-data.ts (missing = failure).

import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { GbcsDecodeError, type GbcsDecodeReason } from '../../gbcs/errors.js';
import {
  AXDR_BIT_STRING_BITS_MAX,
  AXDR_COMPACT_CONTENTS_BYTES_MAX,
  AXDR_DEPTH_MAX,
  AXDR_ELEMENTS_MAX,
  AXDR_STRING_BYTES_MAX,
  decodeAxdr,
  encodeAxdr,
} from '../../gbcs/payload/axdr.js';
import { LENGTH_FIELD_BYTES_MAX } from '../../gbcs/payload/bytes.js';
import { DLMS_APDU_DATE_TIME_BYTES_MAX, DLMS_ITEMS_MAX, invokeIdCounterBits } from '../../gbcs/payload/dlms-common.js';
import { decodeDlmsDateTime } from '../../gbcs/payload/dlms-date-time.js';
import { decodeDlms, encodeDlms, type DlmsPayload } from '../../gbcs/payload/dlms.js';
import { decodePayload, PAYLOAD_BYTES_MAX } from '../../gbcs/payload/index.js';
import { referenceFile } from './reference-data.js';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const content = (folder: string, name: string): Uint8Array => parseEnvelope(referenceFile(folder, name).bytes).content;

function dlms(folder: string, name: string): DlmsPayload {
  const bytes = content(folder, name);
  const p = decodeDlms(bytes);
  expect(Buffer.from(encodeDlms(p)).equals(Buffer.from(bytes))).toBe(true);
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

/** A-XDR length bytes for n (GBCS 0 "Lengths"). */
function len(n: number): string {
  if (n < 0x80) return n.toString(16).padStart(2, '0');
  if (n < 0x100) return `81${n.toString(16).padStart(2, '0')}`;
  return `82${n.toString(16).padStart(4, '0')}`;
}

describe('GBCS 13 worked examples (DLMS)', () => {
  it('E1 ECS17a_4.2 command: four GETs of the export registers, attributes 2 and 3, null data', () => {
    const p = dlms('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND');
    if (p.apdu !== 'access-request') throw new Error(p.apdu);
    expect(p.longInvokeIdAndPriority).toBe(0x200004b0);
    expect(invokeIdCounterBits(p.longInvokeIdAndPriority)).toBe(0x4b0);
    expect(p.dateTime).toHaveLength(0);
    expect(p.items.map((i) => [i.kind, i.target.classId, i.target.obis, i.member, i.data.type])).toEqual([
      ['get', 3, '1-0:2.8.0.255', 2, 'null-data'],
      ['get', 3, '1-0:2.8.0.255', 3, 'null-data'],
      ['get', 3, '1-0:4.8.0.255', 2, 'null-data'],
      ['get', 3, '1-0:4.8.0.255', 3, 'null-data'],
    ]);
    expect(p.items[0]?.target.className).toBe('Register');
    expect(p.items[0]?.target.objectName).toBe('Active energy export register');
  });

  it('E2 ECS17a_4.2 response: export energy register value 10 Wh, reactive 20 varh, all GETs success', () => {
    const p = dlms('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE');
    if (p.apdu !== 'access-response') throw new Error(p.apdu);
    expect(p.items.map((i) => [i.kind, i.result, i.resultName])).toEqual([
      ['get', 0, 'success'],
      ['get', 0, 'success'],
      ['get', 0, 'success'],
      ['get', 0, 'success'],
    ]);
    expect(p.items[0]?.data).toEqual({ type: 'double-long-unsigned', value: 10 });
    expect(p.items[1]?.data).toEqual({ type: 'structure', items: [{ type: 'integer', value: 0 }, { type: 'enum', value: 30 }] });
    expect(p.items[2]?.data).toEqual({ type: 'double-long-unsigned', value: 20 });
    expect(p.items[3]?.data).toEqual({ type: 'structure', items: [{ type: 'integer', value: 0 }, { type: 'enum', value: 32 }] });
  });

  it('E5/E6 CCS02: ACTION unregister_device with the ESME EUI, action result success', () => {
    const cmd = dlms('8.11_CCS02', 'CCS02_8.11_SUCCESS_COMMAND');
    if (cmd.apdu !== 'access-request') throw new Error(cmd.apdu);
    expect(cmd.items).toHaveLength(1);
    expect(cmd.items[0]).toMatchObject({ kind: 'action', target: { classId: 104, obis: '0-0:30.3.0.255', className: 'ZigBee network control' }, member: 2 });
    expect(cmd.items[0]?.data).toEqual({ type: 'octet-string', value: h('00DB1234567890A0') });
    const rsp = dlms('8.11_CCS02', 'CCS02_8.11_SUCCESS_RESPONSE');
    if (rsp.apdu !== 'access-response') throw new Error(rsp.apdu);
    expect(rsp.items).toEqual([{ kind: 'action', result: 0, resultName: 'success', data: { type: 'null-data' } }]);
  });

  it('E7/E9 ECS70: SET clock_base, ACTION preset (all-FF preset, validity window), ACTION adjust, two GETs; response clock 2015-01-01', () => {
    const cmd = dlms('6.11_ECS70', 'ECS70_6.11_SUCCESS_PRECOMMAND');
    if (cmd.apdu !== 'access-request') throw new Error(cmd.apdu);
    expect(cmd.items.map((i) => `${i.kind} ${i.target.classId}/${i.target.obis}/${i.member}`)).toEqual([
      'set 8/0-0:1.0.0.255/9',
      'action 8/0-0:1.0.0.255/5',
      'action 8/0-0:1.0.0.255/4',
      'get 8/0-0:1.0.0.255/2',
      'get 8/0-0:1.0.0.255/4',
    ]);
    expect(cmd.items[0]?.data).toEqual({ type: 'enum', value: 5 });
    const preset = cmd.items[1]?.data;
    if (preset?.type !== 'structure') throw new Error('preset parameter');
    const [, start] = preset.items;
    if (start?.type !== 'octet-string') throw new Error('validity start');
    expect(decodeDlmsDateTime(start.value)).toMatchObject({ year: 2014, month: 12, dayOfMonth: 31, hour: 23, minute: 59, second: 10 });
    const rsp = dlms('6.11_ECS70', 'ECS70_6.11_SUCCESS_RESPONSE');
    if (rsp.apdu !== 'access-response') throw new Error(rsp.apdu);
    expect(rsp.items.map((i) => `${i.kind}/${i.result}`)).toEqual(['set/0', 'action/0', 'action/0', 'get/0', 'get/0']);
    const clock = rsp.items[3]?.data;
    if (clock?.type !== 'octet-string') throw new Error('clock');
    expect(decodeDlmsDateTime(clock.value)).toEqual({ year: 2015, month: 1, dayOfMonth: 1, dayOfWeek: 0xff, hour: 0, minute: 0, second: 0, hundredths: 0, deviation: -0x8000, clockStatus: 0xff });
    expect(rsp.items[4]?.data).toEqual({ type: 'unsigned', value: 0 });
  });

  it('E10/E11 CS01a: ACTION token gateway enter with the 20-digit UTRN; invoke-id 0 for a top-up counter; ERROR result 1', () => {
    const cmd = dlms('2.2_CS01a', 'CS01a_2.2_SUCCESS_COMMAND');
    if (cmd.apdu !== 'access-request') throw new Error(cmd.apdu);
    expect(cmd.longInvokeIdAndPriority).toBe(0x20000000);
    expect(cmd.items[0]).toMatchObject({ kind: 'action', target: { classId: 115, obis: '0-0:19.40.0.255', objectName: 'Token gateway' }, member: 1 });
    const utrn = cmd.items[0]?.data;
    if (utrn?.type !== 'octet-string') throw new Error('UTRN');
    expect(Buffer.from(utrn.value).toString('ascii')).toBe('73946144332040217315');
    const err = dlms('2.2_CS01a', 'CS01a_2.2_ERROR_RESPONSE');
    if (err.apdu !== 'access-response') throw new Error(err.apdu);
    expect(err.items).toEqual([{ kind: 'action', result: 1, resultName: 'hardware-fault', data: { type: 'null-data' } }]);
  });

  it('E13 GNCA-DLMS: data-notification alert 0x810E credit added locally at 2015-01-01', () => {
    const p = dlms('NA_GNCA-DLMS', 'GNCA-DLMS_NA_810E_ALERT');
    if (p.apdu !== 'data-notification') throw new Error(p.apdu);
    expect(invokeIdCounterBits(p.longInvokeIdAndPriority)).toBe(0x7d0);
    expect(p.alert).toMatchObject({ alertCode: 0x810e, alertName: 'Credit added locally', timestamp: { year: 2015, month: 1, dayOfMonth: 1 }, details: [] });
  });

  it('E14 ECS80: alert 0x8F36 supply outage restored with outage start 23:50 and end 23:59 on 2014-12-31', () => {
    const p = dlms('NA_ECS80', 'ECS80_NA_8F36_ALERT');
    if (p.apdu !== 'data-notification' || p.alert === undefined) throw new Error('alert');
    expect(p.alert.alertCode).toBe(0x8f36);
    const [start, end] = p.alert.details;
    if (start?.type !== 'octet-string' || end?.type !== 'octet-string') throw new Error('outage times');
    expect(decodeDlmsDateTime(start.value)).toMatchObject({ year: 2014, month: 12, dayOfMonth: 31, hour: 23, minute: 50 });
    expect(decodeDlmsDateTime(end.value)).toMatchObject({ year: 2014, month: 12, dayOfMonth: 31, hour: 23, minute: 59 });
  });

  it('E15 ECS01a currency unit: 0x8F66 at 2030-01-15 09:00 for ECS01a counter 0x3F0, 9000/0-0:94.44.2.0 attribute 6', () => {
    const p = dlms('1.1.1_ECS01a', 'ECS01a_1.1.1_8F66_FUTURE_DATED_TOU_BLOCK_SUCCESS_ALERT_CURRENCY_UNIT');
    if (p.apdu !== 'data-notification' || p.alert === undefined) throw new Error('alert');
    expect(p.alert.alertName).toBe('Future-dated command successfully actioned');
    expect(p.alert.timestamp).toMatchObject({ year: 2030, month: 1, dayOfMonth: 15, hour: 9 });
    expect(p.alert.futureDated).toEqual({ messageCode: 0x0019, originatorCounter: 0x3f0n, classId: 9000, obis: '0-0:94.44.2.0', attributeId: 6 });
  });

  it('E16/E17 ECS52: GET firmware version 1/0-0:0.2.1.255/2 answered with octet-string 01 23 AB CD', () => {
    const cmd = dlms('11.2_ECS52', 'ECS52_11.2_SUCCESS_COMMAND');
    if (cmd.apdu !== 'access-request') throw new Error(cmd.apdu);
    expect(cmd.items[0]).toMatchObject({ kind: 'get', target: { classId: 1, obis: '0-0:0.2.1.255', objectName: 'Firmware version' }, member: 2 });
    const rsp = dlms('11.2_ECS52', 'ECS52_11.2_SUCCESS_RESPONSE');
    if (rsp.apdu !== 'access-response') throw new Error(rsp.apdu);
    expect(rsp.items[0]?.data).toEqual({ type: 'octet-string', value: h('0123ABCD') });
  });

  it('ECS17b response: the protected read value is a ciphered block {securityHeader, ciphertext, tag}', () => {
    const p = dlms('4.1.1_ECS17b', 'ECS17b_4.1.1_SINGLE_SUCCESS_RESPONSE');
    if (p.apdu !== 'access-response') throw new Error(p.apdu);
    const value = p.items[0]?.data;
    if (value?.type !== 'structure') throw new Error('protected value');
    const block = value.items[1];
    if (block?.type !== 'ciphered') throw new Error('ciphered');
    expect(block.block.securityHeader).toEqual({ securityControl: 0x31, invocationCounter: 0 });
    expect(block.block.tag).toHaveLength(12);
    expect(block.block.ciphertext.length).toBe(0x2b - 5 - 12);
  });

  it('ECS35a response: the event log is a compact-array of {u32 time, u16 event code, octet-string}', () => {
    const p = dlms('6.13_ECS35a', 'ECS35a_6.13_SUCCESS_RESPONSE');
    if (p.apdu !== 'access-response') throw new Error(p.apdu);
    const log = p.items[0]?.data;
    if (log?.type !== 'compact-array') throw new Error('compact-array');
    expect(log.description).toEqual({ type: 'structure', fields: [{ type: 'double-long-unsigned' }, { type: 'long-unsigned' }, { type: 'octet-string' }] });
    expect(log.elements[0]).toEqual({ type: 'structure', items: [{ type: 'double-long-unsigned', value: 0x1c35f900 }, { type: 'long-unsigned', value: 0x8f01 }, { type: 'octet-string', value: new Uint8Array(0) }] });
  });
});

describe('A-XDR and DLMS decode errors', () => {
  const e1 = (): Uint8Array => content('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND');

  it('truncated: E1 without its last byte stops at the missing data item', () => {
    const b = e1();
    expect(reasonOf(() => decodeDlms(b.subarray(0, b.length - 1)))).toEqual({ reason: 'truncated', offset: b.length - 1 });
  });

  it('trailing-bytes: E1 followed by one byte', () => {
    const b = e1();
    const longer = new Uint8Array([...b, 0]);
    expect(reasonOf(() => decodeDlms(longer))).toEqual({ reason: 'trailing-bytes', offset: b.length });
  });

  it('bad-tag: unknown APDU, unknown A-XDR tag, unknown access-request and access-response specification', () => {
    expect(reasonOf(() => decodeDlms(h('C0 00')))).toEqual({ reason: 'bad-tag', offset: 0 });
    expect(reasonOf(() => decodeAxdr(h('07 00')))).toEqual({ reason: 'bad-tag', offset: 0 });
    expect(reasonOf(() => decodeDlms(h('D9 20000001 00 01 06')))).toEqual({ reason: 'bad-tag', offset: 7 });
    expect(reasonOf(() => decodeDlms(h('DA 20000001 00 00 01 00 01 07 00')))).toEqual({ reason: 'bad-tag', offset: 10 });
    expect(reasonOf(() => decodePayload(h('77'), { messageCode: 0x26, cra: 1 }))).toEqual({ reason: 'bad-tag', offset: 0 });
  });

  it('bad-length: indefinite length 0x80, and an APDU date-time that is neither 0 nor 12 bytes', () => {
    expect(reasonOf(() => decodeAxdr(h('09 80')))).toEqual({ reason: 'bad-length', offset: 1 });
    expect(reasonOf(() => decodeDlms(h('D9 20000001 05 0102030405 00 00')))).toEqual({ reason: 'bad-length', offset: 5 });
  });

  it('bad-value: data count differing from the specification count; OPTIONAL flag other than 00/01', () => {
    expect(reasonOf(() => decodeDlms(h('D9 20000001 00 01 01 0003 010002080 0FF 02 02 00 00'.replace(/ /g, ''))))).toEqual({ reason: 'bad-value', offset: 17 });
    expect(reasonOf(() => decodeDlms(h('DA 20000001 00 02 00 00')))).toEqual({ reason: 'bad-value', offset: 6 });
  });

  it('carries the use case on errors raised through decodePayload', () => {
    try {
      decodePayload(h('D9 20'), { messageCode: 0x26, cra: 1, useCase: 'ECS17a' });
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(GbcsDecodeError);
      expect((err as GbcsDecodeError).useCase).toBe('ECS17a');
    }
  });
});

describe('A-XDR and DLMS maxima (max accepted, max + 1 refused)', () => {
  it(`AXDR_ELEMENTS_MAX = ${AXDR_ELEMENTS_MAX} array elements`, () => {
    const at = h(`01 ${len(AXDR_ELEMENTS_MAX)} ${'00'.repeat(AXDR_ELEMENTS_MAX)}`);
    expect(decodeAxdr(at)).toMatchObject({ type: 'array' });
    const over = h(`01 ${len(AXDR_ELEMENTS_MAX + 1)} ${'00'.repeat(AXDR_ELEMENTS_MAX + 1)}`);
    expect(reasonOf(() => decodeAxdr(over))).toEqual({ reason: 'length-exceeds-max', offset: 1 });
  });

  it(`AXDR_STRING_BYTES_MAX = ${AXDR_STRING_BYTES_MAX} octet-string bytes`, () => {
    const at = h(`09 ${len(AXDR_STRING_BYTES_MAX)} ${'AB'.repeat(AXDR_STRING_BYTES_MAX)}`);
    expect(encodeAxdr(decodeAxdr(at))).toEqual(at);
    const over = h(`09 ${len(AXDR_STRING_BYTES_MAX + 1)} ${'AB'.repeat(AXDR_STRING_BYTES_MAX + 1)}`);
    expect(reasonOf(() => decodeAxdr(over))).toEqual({ reason: 'length-exceeds-max', offset: 1 });
  });

  it(`AXDR_BIT_STRING_BITS_MAX = ${AXDR_BIT_STRING_BITS_MAX} bits`, () => {
    const at = h(`04 ${len(AXDR_BIT_STRING_BITS_MAX)} ${'FF'.repeat(AXDR_BIT_STRING_BITS_MAX / 8)}`);
    expect(decodeAxdr(at)).toMatchObject({ type: 'bit-string', bitCount: AXDR_BIT_STRING_BITS_MAX });
    const over = h(`04 ${len(AXDR_BIT_STRING_BITS_MAX + 1)} ${'FF'.repeat(AXDR_BIT_STRING_BITS_MAX / 8 + 1)}`);
    expect(reasonOf(() => decodeAxdr(over))).toEqual({ reason: 'length-exceeds-max', offset: 1 });
  });

  it(`AXDR_COMPACT_CONTENTS_BYTES_MAX = ${AXDR_COMPACT_CONTENTS_BYTES_MAX} bytes of compact-array contents`, () => {
    // Four octet-string elements of 4093 bytes each (3-byte length + 4093) fill the maximum.
    const element = `820FFD${'11'.repeat(4093)}`;
    const at = h(`13 09 ${len(AXDR_COMPACT_CONTENTS_BYTES_MAX)} ${element.repeat(4)}`);
    const decoded = decodeAxdr(at);
    expect(decoded).toMatchObject({ type: 'compact-array' });
    expect(encodeAxdr(decoded)).toEqual(at);
    const over = h(`13 09 ${len(AXDR_COMPACT_CONTENTS_BYTES_MAX + 1)} ${element.repeat(4)}00`);
    expect(reasonOf(() => decodeAxdr(over))).toEqual({ reason: 'length-exceeds-max', offset: 2 });
  });

  it(`AXDR_DEPTH_MAX = ${AXDR_DEPTH_MAX} levels of nesting`, () => {
    const nest = (n: number): Uint8Array => h(`${'0201'.repeat(n)}00`);
    expect(decodeAxdr(nest(AXDR_DEPTH_MAX))).toMatchObject({ type: 'structure' });
    expect(reasonOf(() => decodeAxdr(nest(AXDR_DEPTH_MAX + 1)))).toEqual({ reason: 'length-exceeds-max', offset: 2 * (AXDR_DEPTH_MAX + 1) });
  });

  it(`LENGTH_FIELD_BYTES_MAX = ${LENGTH_FIELD_BYTES_MAX} length bytes; a non-minimal form is kept and re-encoded`, () => {
    const at = h('09 83 000003 AABBCC');
    const decoded = decodeAxdr(at);
    expect(decoded).toEqual({ type: 'octet-string', value: h('AABBCC'), lengthForm: 3 });
    expect(encodeAxdr(decoded)).toEqual(at);
    expect(reasonOf(() => decodeAxdr(h('09 84 00000003 AABBCC')))).toEqual({ reason: 'length-exceeds-max', offset: 1 });
  });

  it(`DLMS_ITEMS_MAX = ${DLMS_ITEMS_MAX} access-request items`, () => {
    const get = '01 0003 0100020800FF 02';
    const request = (n: number): Uint8Array => h(`D9 20000001 00 ${len(n)} ${get.repeat(n)} ${len(n)} ${'00'.repeat(n)}`);
    const at = decodeDlms(request(DLMS_ITEMS_MAX));
    expect(at.apdu === 'access-request' && at.items.length).toBe(DLMS_ITEMS_MAX);
    expect(reasonOf(() => decodeDlms(request(DLMS_ITEMS_MAX + 1)))).toEqual({ reason: 'length-exceeds-max', offset: 6 });
  });

  it(`DLMS_APDU_DATE_TIME_BYTES_MAX = ${DLMS_APDU_DATE_TIME_BYTES_MAX} bytes of APDU date-time`, () => {
    const dt = '07DF0101FF000000008000FF';
    const at = decodeDlms(h(`0F 20000001 0C ${dt} 00`));
    expect(at.dateTime).toHaveLength(DLMS_APDU_DATE_TIME_BYTES_MAX);
    expect(reasonOf(() => decodeDlms(h(`0F 20000001 0D ${dt}00 00`)))).toEqual({ reason: 'length-exceeds-max', offset: 5 });
  });

  it(`PAYLOAD_BYTES_MAX = ${PAYLOAD_BYTES_MAX} bytes of content`, () => {
    // Header (6) + structure of 4 (2) + four octet-strings of 4 + 4090 bytes = 16384.
    const at = h(`0F 20000001 00 02 04 ${`09820FFA${'22'.repeat(4090)}`.repeat(4)}`);
    expect(at).toHaveLength(PAYLOAD_BYTES_MAX);
    expect(decodePayload(at, { messageCode: 0x1001, cra: 3 }).kind).toBe('dlms');
    const over = new Uint8Array(PAYLOAD_BYTES_MAX + 1);
    expect(reasonOf(() => decodePayload(over, { messageCode: 0x1001, cra: 3 }))).toEqual({ reason: 'length-exceeds-max', offset: 0 });
  });
});
