// The gas and hub use cases the DUIS templates need that have no RTDS folder (issue 6 point 1;
// dcc.md 4): each is sent as host/dcc/transform/encoders-gas-*.ts and the tables build it, to a
// GSME or to the GPF answering from its mirror (devices.md 6.3), and the answer carries the state
// the device holds. Installation values come in through the LOCAL inputs (host/gsme-inputs.ts).
import { describe, expect, it } from 'vitest';
import { rawGbzComponents, readResponseRecords } from '../../host/gbz-components.js';
import { setGbzLogInput, setZclAttributeInput } from '../../host/gsme-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { typedUint } from '../../host/world/remote-commands.js';
import { CLUSTER, FC, gbzPayload, type ComponentSpec } from '../../host/dcc/transform/encoders-gas-zcl.js';
import { createHanWorld } from '../helpers/han-fixture.js';

const CODE = { GCS13a: 0x0074, GCS13c: 0x00b6, GCS16b: 0x0096, GCS17: 0x0078, GCS21f: 0x009f, GCS40c: 0x00c0, GCS60: 0x008d, GCS61: 0x00a0 } as const;
const UINT48 = 0x25;
const UINT32 = 0x23;
const READ_ATTRIBUTES_RESPONSE = 0x01;
const NOT_FOUND = '8b';
const read = (clusterId: number, ids: number[]): ComponentSpec => ({ clusterId, frameControl: FC.readAttributes, commandId: 0, read: ids });
const getProfile = (endTime: number, numberOfPeriods: number): ComponentSpec => ({ clusterId: CLUSTER.metering, frameControl: FC.toServer, commandId: 0, fields: { intervalChannel: 0, endTime, numberOfPeriods } });
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** GetProfileResponse payload: end time, status 0, period (0 daily, 2 half-hourly), n intervals of uint24. */
function profileResponse(endTime: number, period: number, intervals: number[]): Uint8Array {
  const out = [endTime & 0xff, (endTime >>> 8) & 0xff, (endTime >>> 16) & 0xff, endTime >>> 24, 0, period, intervals.length];
  for (const v of intervals) out.push(v & 0xff, (v >> 8) & 0xff, v >> 16);
  return Uint8Array.from(out);
}

function answerOf(reply: { status: number; out: { envelope: { content: Uint8Array; otherInfo: { messageCode: number } } }[] }, code: number) {
  expect(reply.status).toBe(Status.OK);
  const message = reply.out.find((m) => m.envelope.otherInfo.messageCode === code);
  expect(message, `a response of 0x${code.toString(16)}`).toBeDefined();
  return rawGbzComponents(message!.envelope.content);
}

describe('gas reads served by the GPF from its mirror', () => {
  for (const device of ['GPF', 'GSME'] as const) {
    it(`GCS13a read GSME consumption register (${device})`, () => {
      const world = createHanWorld(device);
      expect(world.local(setZclAttributeInput(CLUSTER.metering, 0x0000, typedUint(UINT48, 6, 1_234_567)))).toBe(Status.OK);
      const [answer] = answerOf(world.send(SUPPLIER_EUI, CODE.GCS13a, () => gbzPayload([read(CLUSTER.metering, [0x0000])])), CODE.GCS13a);
      expect(answer!.commandId).toBe(READ_ATTRIBUTES_RESPONSE);
      expect(readResponseRecords(answer!.payload)).toEqual([{ attributeId: 0, status: 0, typed: typedUint(UINT48, 6, 1_234_567) }]);
    });
  }

  it('GCS13c read GSME TOU register matrix from the GPF mirror: held tiers answer, the others UNSUPPORTED_ATTRIBUTE', () => {
    const world = createHanWorld('GPF');
    expect(world.local(setZclAttributeInput(CLUSTER.metering, 0x0100, typedUint(UINT48, 6, 500)))).toBe(Status.OK);
    expect(world.local(setZclAttributeInput(CLUSTER.metering, 0x0102, typedUint(UINT48, 6, 700)))).toBe(Status.OK);
    const [answer] = answerOf(world.send(SUPPLIER_EUI, CODE.GCS13c, () => gbzPayload([read(CLUSTER.metering, [0x0100, 0x0102, 0x0104, 0x0106])])), CODE.GCS13c);
    expect(readResponseRecords(answer!.payload).map((r) => [r.attributeId, r.status])).toEqual([[0x0100, 0], [0x0102, 0], [0x0104, 0x86], [0x0106, 0x86]]);
  });

  it('GCS17 read GSME profile data log: GetProfile answered with the held profile, NOT_FOUND when none', () => {
    const world = createHanWorld('GPF');
    const empty = answerOf(world.send(SUPPLIER_EUI, CODE.GCS17, () => gbzPayload([getProfile(800_000_000, 96)])), CODE.GCS17);
    expect(hexOf(empty[0]!.payload)).toBe(`00${NOT_FOUND}`);
    const profile = profileResponse(800_000_000, 2, [10, 20, 30]);
    expect(world.local(setGbzLogInput(CLUSTER.metering, 0x00, 0, profile))).toBe(Status.OK);
    const [answer] = answerOf(world.send(SUPPLIER_EUI, CODE.GCS17, () => gbzPayload([getProfile(800_000_000, 96)])), CODE.GCS17);
    expect([answer!.frameControl, answer!.commandId]).toEqual([0x09, 0x00]);
    expect(hexOf(answer!.payload)).toBe(hexOf(profile));
  });

  it('GCS61 read gas daily consumption log at the GPF', () => {
    const world = createHanWorld('GPF');
    const profile = profileResponse(800_000_000, 0, [1_500, 2_250]);
    expect(world.local(setGbzLogInput(CLUSTER.metering, 0x00, 0, profile))).toBe(Status.OK);
    const [answer] = answerOf(world.send(SUPPLIER_EUI, CODE.GCS61, () => gbzPayload([getProfile(800_000_000, 10)])), CODE.GCS61);
    expect(hexOf(answer!.payload)).toBe(hexOf(profile));
  });

  it('GCS16b read prepayment daily read log at the GPF: the held snapshot for offset 0, NOT_FOUND for the rest', () => {
    const world = createHanWorld('GPF');
    const snapshot = Uint8Array.from([1, 2, 3, 4, 5]);
    expect(world.local(setGbzLogInput(CLUSTER.prepayment, 0x01, 0, snapshot))).toBe(Status.OK);
    const request = (offset: number): ComponentSpec => ({ clusterId: CLUSTER.prepayment, frameControl: FC.toServer, commandId: 7, fields: { earliestStartTime: 0, latestEndTime: 800_000_000, snapshotOffset: offset, snapshotCause: 1 } });
    const answers = answerOf(world.send(SUPPLIER_EUI, CODE.GCS16b, () => gbzPayload([request(0), request(1)])), CODE.GCS16b);
    expect(hexOf(answers[0]!.payload)).toBe(hexOf(snapshot));
    expect(hexOf(answers[1]!.payload)).toBe(`07${NOT_FOUND}`);
  });

  it('GCS21f read GSME tariff data: the tariff attributes the GSME holds', () => {
    const world = createHanWorld('GSME');
    expect(world.local(setZclAttributeInput(CLUSTER.price, 0x0616, typedUint(0x21, 2, 826)))).toBe(Status.OK);
    expect(world.local(setZclAttributeInput(CLUSTER.price, 0x0301, typedUint(UINT32, 4, 22_465)))).toBe(Status.OK);
    const [answer] = answerOf(world.send(SUPPLIER_EUI, CODE.GCS21f, () => gbzPayload([read(CLUSTER.price, [0x0616, 0x0301])])), CODE.GCS21f);
    expect(readResponseRecords(answer!.payload)).toEqual([{ attributeId: 0x0616, status: 0, typed: typedUint(0x21, 2, 826) }, { attributeId: 0x0301, status: 0, typed: typedUint(UINT32, 4, 22_465) }]);
  });
});

describe('GCS40c adjust credit mode meter balance on the GSME', () => {
  const adjust = (value: number, type = 3): ComponentSpec => ({ clusterId: CLUSTER.prepayment, frameControl: FC.toServer, commandId: 5, fields: { issuerEventId: 1, startTime: 0, creditAdjustmentType: type, creditAdjustmentValue: value } });
  const billToDate = (world: ReturnType<typeof createHanWorld>): Uint8Array | undefined => {
    const [answer] = answerOf(world.send(SUPPLIER_EUI, CODE.GCS60, () => gbzPayload([read(CLUSTER.metering, [0x0a00])])), CODE.GCS60);
    return readResponseRecords(answer!.payload)[0]!.typed;
  };

  it('takes the adjustment off BillToDateDelivered, never below 0; type 4 is refused and changes nothing', () => {
    const world = createHanWorld('GSME');
    expect(world.local(setZclAttributeInput(CLUSTER.metering, 0x0a00, typedUint(UINT32, 4, 8_000_000)))).toBe(Status.OK);
    const first = answerOf(world.send(SUPPLIER_EUI, CODE.GCS40c, () => gbzPayload([adjust(5_000_000)])), CODE.GCS40c);
    expect(hexOf(first[0]!.payload)).toBe('0500'); // Default Response SUCCESS
    expect(billToDate(world)).toEqual(typedUint(UINT32, 4, 3_000_000));
    const refused = answerOf(world.send(SUPPLIER_EUI, CODE.GCS40c, () => gbzPayload([adjust(1_000_000, 4)])), CODE.GCS40c);
    expect(hexOf(refused[0]!.payload)).not.toBe('0500');
    expect(billToDate(world)).toEqual(typedUint(UINT32, 4, 3_000_000));
    answerOf(world.send(SUPPLIER_EUI, CODE.GCS40c, () => gbzPayload([adjust(5_000_000)])), CODE.GCS40c);
    expect(billToDate(world)).toEqual(typedUint(UINT32, 4, 0));
  });
});

describe('GCS59 restore GPF device log', () => {
  const GCS59 = 0x008c;
  const CS07 = 0x0013;
  const der = (tag: number, content: number[]) => [tag, ...(content.length > 0x7f ? [0x81, content.length] : [content.length]), ...content];
  const entry = (eui: string, type: number) => der(0x30, [...der(0x04, [...Buffer.from(eui, 'hex')]), ...der(0x02, [type])]);
  const list = (...entries: number[][]) => Uint8Array.from(der(0x30, entries.flat()));
  const GSME_EUI = '00DB1234567890A1';
  const PPMID_EUI = '00DB1234567890A4';
  /** CS07's answer: SEQUENCE { INTEGER 0, SEQUENCE OF { EUI, type } } as hex. */
  const joinDetails = (world: ReturnType<typeof createHanWorld>) => {
    const reply = world.send(SUPPLIER_EUI, CS07, () => Uint8Array.of(0x05, 0x00));
    return hexOf(reply.out.find((m) => m.envelope.otherInfo.messageCode === CS07)!.envelope.content);
  };
  const restore = (world: ReturnType<typeof createHanWorld>, content: Uint8Array) => {
    const reply = world.send(SUPPLIER_EUI, GCS59, () => content);
    expect(reply.status).toBe(Status.OK);
    return hexOf(reply.out.find((m) => m.envelope.otherInfo.messageCode === GCS59)!.envelope.content);
  };

  it('replaces the log with the listed GSME and PPMID; refused lists (an ESME, a repeat, nine devices) change nothing', () => {
    const world = createHanWorld('GPF');
    const before = joinDetails(world);
    expect(restore(world, list(entry(GSME_EUI, 0), entry(PPMID_EUI, 5)))).toBe('020100');
    const restored = joinDetails(world);
    expect(restored).not.toBe(before);
    expect(restored).toContain(hexOf(list(entry(GSME_EUI, 0), entry(PPMID_EUI, 5))).slice(4));
    expect(restore(world, list(entry(GSME_EUI, 0), entry('00DB1234567890A0', 1)))).toBe('020102');
    expect(restore(world, list(entry(GSME_EUI, 0), entry(GSME_EUI, 0)))).toBe('020102');
    const nine = Array.from({ length: 9 }, (_, k) => entry(`00DB12345678900${k}`, 6));
    expect(restore(world, list(...nine))).toBe('020101');
    expect(joinDetails(world)).toBe(restored);
    expect(restore(world, list())).toBe('020100');
    expect(joinDetails(world)).not.toContain(GSME_EUI.toLowerCase());
  });

  it('a malformed list is refused before anything runs', () => {
    const world = createHanWorld('GPF');
    const reply = world.send(SUPPLIER_EUI, GCS59, () => Uint8Array.of(0x30, 0x03, 0x04, 0x01, 0x00));
    expect(reply.out.find((m) => m.envelope.otherInfo.messageCode === GCS59)).toBeUndefined();
  });
});
