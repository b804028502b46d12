// Proves the GBZ/ZCL payload codec (GBCS 6, 9, 11.2): the worked examples of GBCS 13 (E3, E4,
// E12, E20, E23) and other reference messages decode to named clusters, commands, attributes
// and little-endian field values, and re-encode byte for byte; encrypted components expose the
// GBCS 4.5 ciphered block; malformed input gets the right GbcsDecodeError reason and offset; the
// GBZ and ZCL maxima are tested at max and max + 1. Reference data: ../shared via reference-data.ts.

import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { GbcsDecodeError, type GbcsDecodeReason } from '../../gbcs/errors.js';
import { decodeGbz, encodeGbz, GBZ_COMPONENTS_MAX, type GbzPayload } from '../../gbcs/payload/gbz.js';
import { ZCL_LIST_ITEMS_MAX } from '../../gbcs/payload/zcl-fields.js';
import { referenceFile } from './reference-data.js';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

function gbz(folder: string, name: string): GbzPayload {
  const env = parseEnvelope(referenceFile(folder, name).bytes);
  const p = decodeGbz(env.content, { alert: env.cra === 3 });
  expect(Buffer.from(encodeGbz(p)).equals(Buffer.from(env.content))).toBe(true);
  return p;
}

function components(p: GbzPayload) {
  if (p.form !== 'components') throw new Error('expected components');
  return p.components;
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

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

describe('GBCS 13 worked examples (GBZ)', () => {
  it('E3 GCS33 command: one last component, Metering ReadAttributes [RemainingBatteryLifeInDays, SupplyStatus]', () => {
    const [c, ...more] = components(gbz('7.4_GCS33', 'GCS33_7.4_SUCCESS_COMMAND'));
    expect(more).toHaveLength(0);
    expect(c).toMatchObject({ control: 0x01, clusterId: 0x0702, clusterName: 'Metering', zcl: { frameControl: 0, sequenceNumber: 0, commandId: 0, commandName: 'ReadAttributes' } });
    expect(c?.payload).toEqual({ kind: 'read-attributes', attributes: [
      { attributeId: 0x0205, attributeName: 'RemainingBatteryLifeInDays' },
      { attributeId: 0x0014, attributeName: 'SupplyStatus' },
    ] });
  });

  it('E4 GCS33 response: 100 battery days (uint16) and supply status 2 (enum8)', () => {
    const [c] = components(gbz('7.4_GCS33', 'GCS33_7.4_SUCCESS_RESPONSE'));
    expect(c?.zcl.commandName).toBe('ReadAttributesResponse');
    expect(c?.payload).toEqual({ kind: 'read-attributes-response', records: [
      { attributeId: 0x0205, attributeName: 'RemainingBatteryLifeInDays', status: 0, statusName: 'SUCCESS', dataType: 0x21, dataTypeName: 'uint16', value: 100 },
      { attributeId: 0x0014, attributeName: 'SupplyStatus', status: 0, statusName: 'SUCCESS', dataType: 0x30, dataTypeName: 'enum8', value: 2 },
    ] });
  });

  it('E12 CS01b: Prepayment ConsumerTopUp from the head-end (00) with the 20-digit UTRN', () => {
    const [c] = components(gbz('2.2_CS01b', 'CS01b_2.2_SUCCESS_COMMAND'));
    expect(c).toMatchObject({ clusterId: 0x0705, zcl: { frameControl: 0x01, commandId: 0x04, commandName: 'ConsumerTopUp' } });
    if (c?.payload.kind !== 'command') throw new Error('command');
    expect(c.payload.fields.originatingDevice).toBe(0);
    expect(Buffer.from(c.payload.fields.topUpCode as Uint8Array).toString('ascii')).toBe('73950067887105178605');
  });

  it('E20 FDRA-ZigBee: alert 0x8F72 at 0x1C374A80 with the 32-byte manufacturer image hash', () => {
    const p = gbz('NA_FDRA-ZigBee', 'FDRA-ZigBee_NA_8F72_ALERT');
    if (p.form !== 'alert') throw new Error('alert');
    expect(p).toMatchObject({ alertCode: 0x8f72, alertName: 'Firmware verification successful', timestamp: 0x1c374a80 });
    expect(p.data).toEqual({ kind: 'image-hash', hash: new Uint8Array(32).fill(0xa1) });
  });

  it('E23 MIIWA-ZigBee: alert 0x81A0 meter integrity warning, reason 5 unexpected hardware reset', () => {
    const p = gbz('NA_MIIWA-ZigBee', 'MIIWA-ZigBee_NA_81A0_ALERT');
    if (p.form !== 'alert') throw new Error('alert');
    expect(p).toMatchObject({ alertCode: 0x81a0, timestamp: 0x1c374a80, data: { kind: 'meter-integrity', reason: 5, reasonName: 'unexpected hardware reset' } });
  });

  it('GCA-ZigBee: alert 0x8F30 with no data block (N = 00)', () => {
    const p = gbz('NA_GCA-ZigBee', 'GCA-ZigBee_NA_8F30_ALERT');
    expect(p).toEqual({ form: 'alert', profileId: 0x0109, alertCode: 0x8f30, alertName: 'Source does not have authority for command', timestamp: 0x1c374a80 });
  });

  it('GCS01a future-dated alert: 0x8F66 names message code 0x006B, counter 0x3ED, Price PublishTariffInformation', () => {
    const p = gbz('1.1.1_GCS01a', 'GCS01a_1.1.1_8F66_FUTURE_DATED_BLOCK_SUCCESS_ALERT_PUBLISH_TARIFF_INFORMATION');
    if (p.form !== 'alert') throw new Error('alert');
    expect(p.data).toEqual({ kind: 'future-dated', messageCode: 0x006b, originatorCounter: 0x3edn, clusterId: 0x0700, frameControl: 0x09, commandId: 0x04 });
  });

  it('GCS01a command: PublishTariffInformation in GBP (826), 3 block thresholds, divisor 1000 (GBCS 11.2)', () => {
    const tariff = components(gbz('1.1.1_GCS01a', 'GCS01a_1.1.1_CANCELLATION_BLOCK_SUCCESS_COMMAND')).find((c) => c.zcl.commandName === 'PublishTariffInformation');
    if (tariff?.payload.kind !== 'command') throw new Error('PublishTariffInformation');
    expect(tariff.payload.fields).toMatchObject({ issuerEventId: 0x1c374a80, currency: 826, numberOfBlockThresholdsInUse: 3, blockThresholdMultiplier: 1, blockThresholdDivisor: 1000 });
  });

  it('GCS15b response: encrypted components carry the additional header and a ciphered block', () => {
    const cs = components(gbz('4.4.2_GCS15b', 'GCS15b_4.4.2_SUCCESS_RESPONSE'));
    const enc = cs.filter((c) => c.payload.kind === 'ciphered');
    expect(enc.length).toBeGreaterThan(0);
    enc.forEach((c, k) => {
      expect(c.additionalHeader).toEqual({ control: 0, frameCounter: k });
      if (c.payload.kind !== 'ciphered') throw new Error('ciphered');
      expect(c.payload.block.securityHeader).toEqual({ securityControl: 0x31, invocationCounter: 0 });
      expect(c.payload.block.tag).toHaveLength(12);
    });
  });

  it('GCS15e command: GetTopUpLog carries a from-date-time (control bit 4)', () => {
    const [c] = components(gbz('4.4.5_GCS15e', 'GCS15e_4.4.5_NOT_FOUND_COMMAND'));
    expect(c?.fromDateTime).toBeTypeOf('number');
    expect(c?.payload).toEqual({ kind: 'command', fields: { latestEndTime: 0xfffffffe, numberOfRecords: 5 } });
  });
});

describe('GBZ decode errors', () => {
  const e3 = h('01 09 01 01 07 02 00 07 00 00 00 05 02 14 00');

  it('bad-value: a profile id other than 0x0109, and an alert block count other than 0/1', () => {
    expect(reasonOf(() => decodeGbz(h('01 04 00'), { alert: false }))).toEqual({ reason: 'bad-value', offset: 0 });
    expect(reasonOf(() => decodeGbz(h('01 09 02 8F 30 1C 37 4A 80'), { alert: true }))).toEqual({ reason: 'bad-value', offset: 2 });
  });

  it('truncated: a component shorter than its length field', () => {
    expect(reasonOf(() => decodeGbz(e3.subarray(0, e3.length - 1), { alert: false }))).toEqual({ reason: 'truncated', offset: 8 });
  });

  it('trailing-bytes: bytes after the last component, or inside a component after its payload', () => {
    expect(reasonOf(() => decodeGbz(new Uint8Array([...e3, 0]), { alert: false }))).toEqual({ reason: 'trailing-bytes', offset: e3.length });
    // Default Response is 2 bytes; a third byte inside the component is left over.
    expect(reasonOf(() => decodeGbz(h('01 09 01 01 0700 0006 08 00 0B 00 00 00'), { alert: false }))).toEqual({ reason: 'trailing-bytes', offset: 13 });
  });

  it('bad-tag: an attribute data type outside the ZCL table', () => {
    expect(reasonOf(() => decodeGbz(h('01 09 01 01 0702 0007 08 00 01 0502 00 FE 00'), { alert: false }))).toEqual({ reason: 'bad-tag', offset: 14 });
  });

  it('bad-length: an encrypted component whose ciphered length disagrees with the component length', () => {
    const block = `3100000000${'AA'.repeat(4)}${'BB'.repeat(12)}`;
    const body = `0000 18 00 01 0016 ${block}`; // length field says 22, block is 21 bytes
    const bytes = h(`01 09 01 03 0702 ${hex4(h(body).length)} ${body}`);
    expect(reasonOf(() => decodeGbz(bytes, { alert: false }))).toEqual({ reason: 'bad-length', offset: 13 });
  });
});

describe('GBZ maxima (max accepted, max + 1 refused)', () => {
  const defaultResponse = '00 0700 0005 08 00 0B 00 00';

  it(`GBZ_COMPONENTS_MAX = ${GBZ_COMPONENTS_MAX} components`, () => {
    const at = h(`01 09 ${GBZ_COMPONENTS_MAX.toString(16)} ${defaultResponse.repeat(GBZ_COMPONENTS_MAX)}`);
    expect(components(decodeGbz(at, { alert: false }))).toHaveLength(GBZ_COMPONENTS_MAX);
    const over = h(`01 09 ${(GBZ_COMPONENTS_MAX + 1).toString(16)} ${defaultResponse.repeat(GBZ_COMPONENTS_MAX + 1)}`);
    expect(reasonOf(() => decodeGbz(over, { alert: false }))).toEqual({ reason: 'length-exceeds-max', offset: 2 });
  });

  it(`ZCL_LIST_ITEMS_MAX = ${ZCL_LIST_ITEMS_MAX} attribute ids in one Read Attributes`, () => {
    const read = (n: number): Uint8Array => h(`01 09 01 01 0702 ${hex4(3 + 2 * n)} 00 00 00 ${'0000'.repeat(n)}`);
    const [c] = components(decodeGbz(read(ZCL_LIST_ITEMS_MAX), { alert: false }));
    expect(c?.payload.kind === 'read-attributes' && c.payload.attributes.length).toBe(ZCL_LIST_ITEMS_MAX);
    expect(reasonOf(() => decodeGbz(read(ZCL_LIST_ITEMS_MAX + 1), { alert: false }))).toEqual({ reason: 'length-exceeds-max', offset: 11 + 2 * ZCL_LIST_ITEMS_MAX });
  });
});
