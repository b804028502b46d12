// The CHF device log and historic device log (devices.md 7.1-7.3; GBCS CCS01-03, CCS06/07, CS14
// use-case text), end to end: commands built and MACed by the head-end (host/head-end.ts, gbcs/),
// delivered to an emulated CHF, answers and alerts opened and checked by the head-end. Adding,
// joining (LOCAL HAN_JOIN), removing and restoring change what CCS07 reads back, and every change
// of the device log is reported to the ACB by CS14 0x8F12 after the response.
import { describe, expect, it } from 'vitest';
import { ACB_EUI } from '../../host/premises.js';
import { hanJoinInput, hanLogEntryInput } from '../../host/local-inputs.js';
import { Status } from '../../host/status.js';
import { accessRequest, alertCode, createHanWorld, dlmsItems, euiOs, hex, type Spec } from '../helpers/han-fixture.js';

const CCS01 = 0x0001;
const CCS02 = 0x0002;
const CCS03 = 0x0003;
const CCS06 = 0x010f;
const CCS07 = 0x00fe;
const DEVICE_LOG = [0, 0, 30, 3, 0, 255];
const HISTORIC_LOG = [0, 0, 30, 3, 1, 255];
const KEY_A = '83FED3407A939723A5C639B26916D506';
const INSTALL_CODE = '30313233343536373839414243444546';

const register = (eui: string, type = 1): Spec =>
  ({ kind: 3, classId: 104, obis: DEVICE_LOG, member: 1, data: [0x02, 0x04, ...euiOs(eui), 0x16, type, 0x09, 16, ...hex(INSTALL_CODE), 0x16, 0] });
const joinTimeout = (minutes: number): Spec => ({ kind: 2, classId: 104, obis: DEVICE_LOG, member: 3, data: [0x12, minutes >> 8, minutes & 0xff] });
const joinEnabled: Spec = { kind: 2, classId: 104, obis: DEVICE_LOG, member: 2, data: [0x03, 0x01] };
const unregister = (eui: string): Spec => ({ kind: 3, classId: 104, obis: DEVICE_LOG, member: 2, data: euiOs(eui) });
const backup = (obis: readonly number[]): Spec => ({ kind: 3, classId: 104, obis, member: 4, data: [0x00] });

function ccs01(world: ReturnType<typeof createHanWorld>, eui: string, type = 1) {
  return world.send(ACB_EUI, CCS01, (c) => accessRequest(c, [register(eui, type), joinTimeout(90), joinEnabled]));
}

/** CCS07: [[eui, key hash hex or ''], …] of the device log and of the historic log. */
function readLogs(world: ReturnType<typeof createHanWorld>) {
  const reply = world.send(ACB_EUI, CCS07, (c) => accessRequest(c, [backup(DEVICE_LOG), backup(HISTORIC_LOG)]));
  expect(reply.status).toBe(Status.OK);
  return dlmsItems(reply.out[0]!).map((item) => {
    expect(item.result).toBe(0);
    const log = item.data as { type: 'structure'; items: { type: string; items?: { items: { value: Uint8Array }[] }[]; value?: Uint8Array }[] };
    return log.items[2]!.items!.map((e) => [Buffer.from(e.items[0]!.value).toString('hex').toUpperCase(), Buffer.from(e.items[1]!.value).toString('hex').toUpperCase()]);
  });
}

describe('8.11_CCS01 add device to the CHF device log', () => {
  it('adds the device without a key hash, answers 0 0 0 and then sends CS14 0x8F12 with the updated log', () => {
    const world = createHanWorld('CHF');
    const reply = ccs01(world, '00DB1234567890A0');
    expect(reply.status).toBe(Status.OK);
    expect(reply.out.map((m) => m.envelope.cra)).toEqual([2, 3]); // response first, then the alert
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([0, 0, 0]);
    expect(alertCode(reply.out[1]!)).toBe(0x8f12);
    expect(reply.out[1]!.envelope.recipient).toBe(ACB_EUI);
    expect(readLogs(world)).toEqual([[['00DB1234567890A0', '']], []]);
  });

  it('a device already in the log keeps its entry: success and no CS14', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB1234567890A0');
    const again = ccs01(world, '00DB1234567890A0');
    expect(dlmsItems(again.out[0]!).map((i) => i.result)).toEqual([0, 0, 0]);
    expect(again.out).toHaveLength(1);
  });

  it('the 17th device does not fit the 16-entry log: other-reason (250), nothing else changes', () => {
    const world = createHanWorld('CHF');
    for (let i = 0; i < 16; i++) expect(dlmsItems(ccs01(world, `00DB00000000010${i.toString(16)}`).out[0]!)[0]!.result).toBe(0);
    const full = ccs01(world, '00DB000000000200');
    expect(dlmsItems(full.out[0]!).map((i) => i.result)).toEqual([250, 250, 250]);
    expect(readLogs(world)[0]).toHaveLength(16);
  });

  it('a joining device records its link-key hash inside the join window (LOCAL HAN_JOIN) and CS14 reports it', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB1234567890A0');
    expect(world.local(hanJoinInput('00DB1234567890A0', Uint8Array.from(hex(KEY_A))))).toBe(Status.OK);
    const alerts = world.firmware.drainOutbox();
    expect(alerts).toHaveLength(1);
    expect(alertCode(world.headEnd.open(alerts[0]!.bytes))).toBe(0x8f12);
    expect(readLogs(world)[0]).toEqual([['00DB1234567890A0', KEY_A]]);
  });

  it('refuses a join after join_timeout, or of a device not in the log (BAD_INPUT, nothing changes)', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB1234567890A0');
    expect(world.local(hanJoinInput('00DB1234567890A9', Uint8Array.from(hex(KEY_A))))).toBe(Status.BAD_INPUT);
    world.advance(world.now() + 91 * 60_000);
    expect(world.local(hanJoinInput('00DB1234567890A0', Uint8Array.from(hex(KEY_A))))).toBe(Status.BAD_INPUT);
    expect(readLogs(world)[0]).toEqual([['00DB1234567890A0', '']]);
  });
});

describe('8.11_CCS02 remove device from the CHF device log', () => {
  it('a device with a link key moves to the historic log; CS14 follows the response', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB1234567890A0');
    world.local(hanJoinInput('00DB1234567890A0', Uint8Array.from(hex(KEY_A))));
    world.firmware.drainOutbox();
    const reply = world.send(ACB_EUI, CCS02, (c) => accessRequest(c, [unregister('00DB1234567890A0')]));
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([0]);
    expect(alertCode(reply.out[1]!)).toBe(0x8f12);
    expect(readLogs(world)).toEqual([[], [['00DB1234567890A0', KEY_A]]]);
  });

  it('a device without a link key leaves no historic entry; an unknown device is refused (250)', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB1234567890A0');
    expect(dlmsItems(world.send(ACB_EUI, CCS02, (c) => accessRequest(c, [unregister('00DB1234567890A0')])).out[0]!)[0]!.result).toBe(0);
    const unknown = world.send(ACB_EUI, CCS02, (c) => accessRequest(c, [unregister('00DB1234567890A0')]));
    expect(dlmsItems(unknown.out[0]!)[0]!.result).toBe(250);
    expect(unknown.out).toHaveLength(1); // nothing changed: no CS14
    expect(readLogs(world)).toEqual([[], []]);
  });

  it('the historic log keeps the 15 most recently removed devices, overwriting the oldest', () => {
    const world = createHanWorld('CHF');
    for (let i = 0; i < 16; i++) {
      const eui = `00DB0000000001${i.toString(16).padStart(2, '0').toUpperCase()}`;
      world.local(hanLogEntryInput({ list: 'device', eui, deviceType: 1, keyHash: Uint8Array.from(hex(KEY_A)) }));
      world.send(ACB_EUI, CCS02, (c) => accessRequest(c, [unregister(eui)]));
    }
    const historic = readLogs(world)[1]!;
    expect(historic).toHaveLength(15);
    expect(historic[0]![0]).toBe('00DB000000000101');
    expect(historic[14]![0]).toBe('00DB00000000010F');
  });
});

describe('8.12.1_CCS03 restore CHF device log', () => {
  const restore = (entries: readonly number[][], count = entries.length): Spec => ({
    kind: 3, classId: 104, obis: DEVICE_LOG, member: 5,
    data: [0x02, 0x02, ...euiOs('0000000000000140'), 0x01, count, ...entries.flat()],
  });
  const entry = (eui: string, key: string) => [0x02, 0x02, ...euiOs(eui), 0x09, key.length / 2, ...hex(key)];

  it('replaces the device log and the extended PAN ID, then sends CS14', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB0000000000FF');
    const reply = world.send(ACB_EUI, CCS03, (c) => accessRequest(c, [restore([entry('00DB1234567890A0', KEY_A), entry('00DB1234567890A1', '')])]));
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([0]);
    expect(alertCode(reply.out[1]!)).toBe(0x8f12);
    expect(readLogs(world)[0]).toEqual([['00DB1234567890A0', KEY_A], ['00DB1234567890A1', '']]);
  });

  it('a malformed entry (15-byte key hash) is type-unmatched (12) and the log stays as it was', () => {
    const world = createHanWorld('CHF');
    ccs01(world, '00DB0000000000FF');
    const reply = world.send(ACB_EUI, CCS03, (c) => accessRequest(c, [restore([entry('00DB1234567890A0', KEY_A.slice(2))])]));
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([12]);
    expect(readLogs(world)[0]).toEqual([['00DB0000000000FF', '']]);
  });
});

describe('8.9_CCS06 read CHF device log and check HAN communications', () => {
  it('one 14-field structure per device, the GPF left out', () => {
    const world = createHanWorld('CHF');
    world.local(hanLogEntryInput({ list: 'device', eui: '00DB1234567890A0', deviceType: 1, lastCommS: Date.UTC(2014, 11, 31, 23, 50) / 1000, hanStatus: [0xc8, -35, -50, -100, 2, 39, 247, 1, 0, 100, 1, 1] }));
    world.local(hanLogEntryInput({ list: 'device', eui: '00DB1234567890A3', deviceType: 3 }));
    const reply = world.send(ACB_EUI, CCS06, (c) => accessRequest(c, [{ kind: 1, classId: 104, obis: DEVICE_LOG, member: 4, data: [0x00] }]));
    const [item] = dlmsItems(reply.out[0]!);
    expect(item!.result).toBe(0);
    const devices = (item!.data as { items: { items: { type: string; value: unknown }[] }[] }).items;
    expect(devices).toHaveLength(1);
    expect(devices[0]!.items).toHaveLength(14);
    expect(devices[0]!.items[2]).toMatchObject({ type: 'integer', value: -35 });
    expect(Buffer.from(devices[0]!.items[8]!.value as Uint8Array).toString('hex').toUpperCase()).toBe('07DE0C1F03173200008000FF');
  });
});
