// The ESME's COSEM object model with real state (issue 5.2; GBCS 5.4, 5.5; devices 1.4, 4.12,
// 11.6): what a SET or an ACTION changes, a later GET or protected read shows. Each test drives a
// fresh ESME end to end through the head-end (signed critical commands, MACed responses,
// encrypted protected reads), with the values it needs written by LOCAL SET_ATTRIBUTE inputs as
// the reference profile would (devices.md Appendix R), and checks results and values decoded
// from the device's own responses. Break-on-error and refusal rules are checked on actions too.
import { describe, expect, it } from 'vitest';
import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import { invokeIdBytes } from '../../host/head-end.js';
import { obisBytes, refusalRuleInput, setAttributeInput, setClockInput, type CosemTarget } from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';

type World = ReturnType<typeof createEsmeWorld>;
type Kind = 'get' | 'set' | 'action' | 'get-with-selection';
interface Item { kind: Kind; target: CosemTarget; data?: AxdrData; selector?: AxdrData }

const SPEC_TAG: Record<Kind, number> = { get: 1, set: 2, action: 3, 'get-with-selection': 4 };
const NULL: AxdrData = { type: 'null-data' };
const i32 = (value: number): AxdrData => ({ type: 'double-long', value });
const u32 = (value: number): AxdrData => ({ type: 'double-long-unsigned', value });
const u16 = (value: number): AxdrData => ({ type: 'long-unsigned', value });
const i8 = (value: number): AxdrData => ({ type: 'integer', value });
const enumOf = (value: number): AxdrData => ({ type: 'enum', value });
const os = (hex: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(hex, 'hex')) });
const struct = (...items: AxdrData[]): AxdrData => ({ type: 'structure', items });
const array = (...items: AxdrData[]): AxdrData => ({ type: 'array', items });
const code = (useCase: string) => MESSAGE_CODES.find((r) => r.useCase === useCase)!.code;
const t = (classId: number, obis: string, member: number): CosemTarget => ({ classId, obis, member });

const METER_BALANCE = t(112, '0-0:19.10.0.255', 2);
const CLOCK = '0-0:1.0.0.255';
const SECONDS_2000 = Date.UTC(2000, 0, 1) / 1000;
/** DLMS date-time octet-string (UTC, deviation and status not specified), as the ESME writes it. */
function dateTime(iso: string): string {
  const d = new Date(`${iso}Z`);
  const b = [d.getUTCFullYear() >> 8, d.getUTCFullYear() & 0xff, d.getUTCMonth() + 1, d.getUTCDate(), 0xff, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0, 0x80, 0, 0xff];
  return Buffer.from(b).toString('hex');
}
const since2000 = (iso: string) => Date.parse(`${iso}Z`) / 1000 - SECONDS_2000;

function accessRequest(counter: bigint, items: readonly Item[]): Uint8Array {
  const out = [0xd9, ...invokeIdBytes(counter), 0x00, items.length];
  for (const item of items) {
    out.push(SPEC_TAG[item.kind], item.target.classId >> 8, item.target.classId & 0xff, ...obisBytes(item.target.obis), item.target.member);
    if (item.kind === 'get-with-selection') out.push(1, ...encodeAxdr(item.selector!));
  }
  out.push(items.length);
  for (const item of items) out.push(...encodeAxdr(item.data ?? NULL));
  return Uint8Array.from(out);
}

// Every command arrives at the same host time, so a clock set by setClock below does not move.
const SEND_AFTER_MS = 1000;

function load(world: World, target: CosemTarget, value: AxdrData): void {
  expect(world.firmware.deliverMessage(0, 'LOCAL', setAttributeInput(target, encodeAxdr(value)), world.nowMs + SEND_AFTER_MS)).toBe(Status.OK);
}

const setClock = (world: World, iso: string) =>
  expect(world.firmware.deliverMessage(0, 'LOCAL', setClockInput(Date.parse(`${iso}Z`) / 1000), world.nowMs + SEND_AFTER_MS)).toBe(Status.OK);

/** Sends the items as use case `useCase` from the supplier; returns the decoded response (and decrypted blocks). */
function send(world: World, useCase: string, items: readonly Item[]) {
  const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), code(useCase), (c) => accessRequest(c, items));
  const status = world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs + SEND_AFTER_MS);
  expect(status).toBe(Status.OK);
  const message = world.headEnd.open(world.firmware.drainOutbox()[0]!.bytes);
  const p = message.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'access-response') throw new Error('not an access-response');
  return { results: p.body.items.map((i) => i.result), data: p.body.items.map((i) => i.data), decrypted: message.decrypted ?? [] };
}

const readBalance = (world: World) => send(world, 'ECS82', [{ kind: 'get', target: METER_BALANCE }]);

/** Class 30 m1 parameter: descriptors of the attributes, then protection parameters naming the supplier (GBCS 4.5). */
function protectedRead(descriptors: readonly [CosemTarget, AxdrData][]): AxdrData {
  const protection = array(struct(enumOf(2), struct(os('040000000000001000'), os(SUPPLIER_EUI), os(esmeEui(0)), os(''), struct(enumOf(2), struct(os('02'), os(''))))));
  return struct(array(...descriptors.map(([d, selection]) => struct(u16(d.classId), os(Buffer.from(obisBytes(d.obis)).toString('hex')), i8(d.member), u16(0), selection))), protection);
}
const NO_SELECTION = struct(enumOf(0), NULL);
const range = (from: string, to: string) => struct(enumOf(1), struct(os(dateTime(from)), os(dateTime(to))));

describe('1.5_ECS04a Adjust meter balance (devices 4.12)', () => {
  it('1.5_ECS04a Adjust meter balance adds the amount to the meter balance ECS82 reads', () => {
    const world = createEsmeWorld();
    load(world, METER_BALANCE, i32(250_000));
    expect(send(world, 'ECS04a', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: i32(1_200_000) }]).results).toEqual([0]);
    expect(readBalance(world).data[0]).toEqual(i32(1_450_000));
    expect(send(world, 'ECS04a', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: i32(-2_000_000) }]).results).toEqual([0]);
    expect(readBalance(world).data[0]).toEqual(i32(-550_000));
  });

  it('refuses a positive adjustment above the maximum meter balance and leaves the balance unchanged', () => {
    const world = createEsmeWorld();
    load(world, METER_BALANCE, i32(250_000));
    load(world, t(9000, '0-0:94.44.2.20', 2), i32(1_000_000));
    expect(send(world, 'ECS04a', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: i32(800_000) }]).results).toEqual([250]);
    expect(readBalance(world).data[0]).toEqual(i32(250_000));
  });

  it('an amount of another type is type-unmatched (12) and changes nothing', () => {
    const world = createEsmeWorld();
    load(world, METER_BALANCE, i32(250_000));
    expect(send(world, 'ECS04a', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: u16(5) }]).results).toEqual([12]);
    expect(readBalance(world).data[0]).toEqual(i32(250_000));
  });
});

describe('1.5_ECS04b Reset meter balance, 2.3_ECS07 Manage debt and 4.3_ECS19 Read prepayment registers', () => {
  const ecs19 = (world: World) => {
    const reply = send(world, 'ECS19', [{ kind: 'action', target: t(30, '0-0:43.2.1.255', 1), data: protectedRead([[t(1, '0-0:94.44.34.30', 2), NO_SELECTION]]) }]);
    expect(reply.results).toEqual([0]);
    return Buffer.from(reply.decrypted[0]!.plaintext).toString('hex');
  };
  const registers = (...values: number[]) => `0201${'0206'}${values.map((v) => `05${(v >>> 0).toString(16).padStart(8, '0')}`).join('')}`;

  it('ECS19 reads the R.2 registers; ECS04b sets the three credit registers to the value given; ECS07 m4 adds to the debts', () => {
    const world = createEsmeWorld();
    load(world, METER_BALANCE, i32(250_000));
    load(world, t(112, '0-0:19.10.1.255', 2), i32(95_000));
    load(world, t(112, '0-0:19.10.2.255', 2), i32(187_000));
    load(world, t(113, '0-0:19.20.3.255', 12), i32(203_000));
    load(world, t(113, '0-0:19.20.1.255', 12), i32(243_000));
    load(world, t(113, '0-0:19.20.2.255', 12), i32(46_000));
    expect(ecs19(world)).toBe(registers(250_000, 95_000, 187_000, 203_000, 243_000, 46_000));
    const reset = ['0-0:19.10.0.255', '0-0:19.10.1.255', '0-0:19.10.2.255'].map((obis): Item => ({ kind: 'action', target: t(112, obis, 2), data: i32(0) }));
    expect(send(world, 'ECS04b', reset).results).toEqual([0, 0, 0]);
    const debts = [['0-0:19.20.1.255', 50_000], ['0-0:19.20.2.255', 30_000], ['0-0:19.20.3.255', -3_000]] as const;
    const adjust = debts.map(([obis, amount]): Item => ({ kind: 'action', target: t(113, obis, 4), data: i32(amount) }));
    expect(send(world, 'ECS07', adjust).results).toEqual([0, 0, 0]);
    expect(ecs19(world)).toBe(registers(0, 0, 0, 200_000, 293_000, 76_000));
    // A debt never goes below zero [A]: refused, the debt unchanged.
    expect(send(world, 'ECS07', [{ kind: 'action', target: t(113, '0-0:19.20.2.255', 4), data: i32(-100_000) }]).results).toEqual([250]);
    expect(ecs19(world)).toBe(registers(0, 0, 0, 200_000, 293_000, 76_000));
  });

  it('break-on-error: a device fault on the emergency credit item (R.6) keeps item 1 done and item 3 undone', () => {
    const world = createEsmeWorld();
    load(world, METER_BALANCE, i32(250_000));
    load(world, t(112, '0-0:19.10.2.255', 2), i32(187_000));
    const rule = refusalRuleInput({ messageCode: code('ECS04b'), kind: 'ACTION', target: t(112, '0-0:19.10.1.255', 2), result: 1 });
    expect(world.firmware.deliverMessage(0, 'LOCAL', rule, world.nowMs + SEND_AFTER_MS)).toBe(Status.OK);
    const reset = ['0-0:19.10.0.255', '0-0:19.10.1.255', '0-0:19.10.2.255'].map((obis): Item => ({ kind: 'action', target: t(112, obis, 2), data: i32(0) }));
    expect(send(world, 'ECS04b', reset).results).toEqual([0, 1, 250]);
    expect(ecs19(world)).toBe(registers(0, 0, 187_000, 0, 0, 0));
  });

  it('ECS07 m2 activate_passive_unit_charge: the time-debt rate written to a6 is what ECS26a reads in a5', () => {
    const world = createEsmeWorld();
    const rate = struct(struct(i8(0), i8(-1)), struct(u16(0), os('000000000000'), i8(0)), array(struct(os(''), { type: 'long', value: 3 })));
    const debt1 = '0-0:19.20.1.255';
    const reply = send(world, 'ECS07', [
      { kind: 'set', target: t(113, debt1, 6), data: rate },
      { kind: 'action', target: t(113, debt1, 2), data: i8(0) },
    ]);
    expect(reply.results).toEqual([0, 0]);
    expect(send(world, 'ECS26a', [{ kind: 'get', target: t(113, debt1, 5) }]).data[0]).toEqual(rate);
  });
});

describe('log reads and resets (devices 11.6 "Log / profile reads", ECS15c, ECS20c, ECS35a)', () => {
  // {u32 seconds since 2000, u16 event code} entries, as the ESME event logs (R.5).
  const entries = [['2014-12-30T23:00:00', 0x8f01], ['2014-12-31T00:00:00', 0x8145], ['2015-01-01T00:00:00', 0x8154], ['2015-01-01T00:00:01', 0x8002]] as const;
  const packed = (list: readonly (readonly [string, number])[]) =>
    Buffer.concat(list.map(([at, c]) => Buffer.from(since2000(at).toString(16).padStart(8, '0') + c.toString(16).padStart(4, '0'), 'hex')));
  const compact = (list: readonly (readonly [string, number])[]) =>
    Uint8Array.from([0x13, 0x02, 0x02, 0x06, 0x12, list.length * 6, ...packed(list)]);
  const selector = (from: string, to: string) => struct(struct(u16(1), os('00005e2c64ff'), i8(2), u16(0)), u32(since2000(from)), u32(since2000(to)), array());

  it('6.13_ECS35a GET-with-selection returns the entries in the inclusive range, oldest first, as a compact-array', () => {
    const world = createEsmeWorld();
    const log = t(7, '0-0:99.98.0.255', 2);
    expect(world.firmware.deliverMessage(0, 'LOCAL', setAttributeInput(log, compact(entries)), world.nowMs)).toBe(Status.OK);
    const reply = send(world, 'ECS35a', [{ kind: 'get-with-selection', target: log, selector: selector('2014-12-31T00:00:00', '2015-01-01T00:00:00') }]);
    expect(reply.results).toEqual([0]);
    expect(Buffer.from(encodeAxdr(reply.data[0]!))).toEqual(Buffer.from(compact(entries.slice(1, 3))));
  });

  it('an array buffer is filtered the same way', () => {
    const world = createEsmeWorld();
    const log = t(7, '0-0:98.1.4.255', 2);
    const value = array(...entries.map(([at, c]) => struct(u32(since2000(at)), u16(c))));
    load(world, log, value);
    const reply = send(world, 'ECS20a', [{ kind: 'get-with-selection', target: log, selector: selector('2015-01-01T00:00:00', '2016-01-01T00:00:00') }]);
    expect(reply.data[0]).toEqual(array(...entries.slice(2).map(([at, c]) => struct(u32(since2000(at)), u16(c)))));
  });

  it('3.3_ECS15c Clear ALCS event log empties the buffer: ECS35f then reads no entries', () => {
    const world = createEsmeWorld();
    const log = t(7, '0-17:99.98.2.255', 2);
    expect(world.firmware.deliverMessage(0, 'LOCAL', setAttributeInput(log, compact(entries)), world.nowMs)).toBe(Status.OK);
    expect(send(world, 'ECS15c', [{ kind: 'action', target: t(7, '0-17:99.98.2.255', 1), data: i8(0) }]).results).toEqual([0]);
    const reply = send(world, 'ECS35f', [{ kind: 'get-with-selection', target: log, selector: selector('2000-01-01T00:00:00', '2030-01-01T00:00:00') }]);
    expect(Buffer.from(encodeAxdr(reply.data[0]!))).toEqual(Buffer.from(compact([])));
  });

  it('4.4.3_ECS20c protected read of two logs applies the descriptor ranges and decrypts for the supplier', () => {
    const world = createEsmeWorld();
    for (const obis of ['0-0:98.1.0.255', '0-0:98.1.1.255']) expect(world.firmware.deliverMessage(0, 'LOCAL', setAttributeInput(t(7, obis, 2), compact(entries)), world.nowMs)).toBe(Status.OK);
    const parameter = protectedRead([[t(7, '0-0:98.1.0.255', 2), range('2014-12-31T00:00:00', '2015-01-01T00:00:00')], [t(7, '0-0:98.1.1.255', 2), range('2015-01-01T00:00:01', '2015-02-01T00:00:00')]]);
    const reply = send(world, 'ECS20c', [{ kind: 'action', target: t(30, '0-0:43.2.2.255', 1), data: parameter }]);
    expect(reply.results).toEqual([0]);
    const expected = Buffer.concat([Buffer.from('0202', 'hex'), Buffer.from(compact(entries.slice(1, 3))), Buffer.from(compact(entries.slice(3)))]);
    expect(Buffer.from(reply.decrypted[0]!.plaintext)).toEqual(expected);
  });
});

describe('6.11_ECS70 Set clock (devices 1.4)', () => {
  const ecs70 = (start: string, end: string): Item[] => [
    { kind: 'set', target: t(8, CLOCK, 9), data: enumOf(5) },
    { kind: 'action', target: t(8, CLOCK, 5), data: struct(os('FF'.repeat(9) + '8000FF'), os(dateTime(start)), os(dateTime(end))) },
    { kind: 'action', target: t(8, CLOCK, 4), data: i8(0) },
    { kind: 'get', target: t(8, CLOCK, 2) },
    { kind: 'get', target: t(8, CLOCK, 4) },
  ];

  it('inside the validity interval: 2/0 3/0 3/0, the clock 2015-01-01T00:00:00 and status 0, as the reference (not the mid-point of devices 1.4 [A])', () => {
    const world = createEsmeWorld();
    setClock(world, '2015-01-01T00:00:00');
    load(world, t(8, CLOCK, 4), { type: 'unsigned', value: 0 });
    const reply = send(world, 'ECS70', ecs70('2014-12-31T23:59:10', '2015-01-01T00:00:10'));
    expect(reply.results).toEqual([0, 0, 0, 0, 0]);
    expect(reply.data[3]).toEqual(os(dateTime('2015-01-01T00:00:00')));
  });

  it('a preset time inside the interval is adopted; outside the interval the adjustment fails and later items get 250', () => {
    const world = createEsmeWorld();
    setClock(world, '2015-01-01T00:00:00');
    const items = ecs70('2014-12-31T23:00:00', '2015-01-01T01:00:00');
    items[1] = { ...items[1]!, data: struct(os(dateTime('2015-01-01T00:30:00')), os(dateTime('2014-12-31T23:00:00')), os(dateTime('2015-01-01T01:00:00'))) };
    expect(send(world, 'ECS70', items).data[3]).toEqual(os(dateTime('2015-01-01T00:30:00')));
    expect(send(world, 'ECS70', ecs70('2016-01-01T00:00:00', '2016-01-01T00:01:00')).results).toEqual([0, 0, 250, 250, 250]);
  });
});

describe('register resets (6.18.2_ECS57, 6.4.2_ECS28b)', () => {
  it('6.18.2_ECS57 Reset MD registers: value 0, capture time and MD reset date-time = the device clock (ECS18b reads them)', () => {
    const world = createEsmeWorld();
    setClock(world, '2015-01-01T00:00:00');
    load(world, t(4, '1-0:1.6.0.255', 2), u32(4775));
    load(world, t(4, '1-0:1.6.0.255', 5), os(dateTime('2014-12-31T09:30:00')));
    expect(send(world, 'ECS57', [{ kind: 'action', target: t(4, '1-0:1.6.0.255', 1), data: i8(0) }]).results).toEqual([0]);
    const reply = send(world, 'ECS18b', [
      { kind: 'get', target: t(4, '1-0:1.6.0.255', 2) }, { kind: 'get', target: t(4, '1-0:1.6.0.255', 5) }, { kind: 'get', target: t(1, '0-0:94.44.5.0', 2) }]);
    expect(reply.data).toEqual([u32(0), os(dateTime('2015-01-01T00:00:00')), os(dateTime('2015-01-01T00:00:00'))]);
  });

  it('6.4.2_ECS28b Reset load limit counter zeroes the counter in its own type', () => {
    const world = createEsmeWorld();
    load(world, t(3, '0-0:94.44.42.255', 2), u16(7));
    expect(send(world, 'ECS28b', [{ kind: 'action', target: t(3, '0-0:94.44.42.255', 1), data: i8(0) }]).results).toEqual([0]);
  });
});

describe('scripts and tokens (1.7_ECS05, 2.2_CS01a)', () => {
  it('1.7_ECS05 executes script 99 of the tariff script table; a parameter of another type is type-unmatched', () => {
    const world = createEsmeWorld();
    expect(send(world, 'ECS05', [{ kind: 'action', target: t(9, '0-0:10.0.100.255', 1), data: u16(99) }]).results).toEqual([0]);
    expect(send(world, 'ECS05', [{ kind: 'action', target: t(9, '0-0:10.0.100.255', 1), data: u32(99) }]).results).toEqual([12]);
  });

  it('2.2_CS01a refuses the reference UTRN on a test-PKI meter (not authentic: 3), 19 digits (type-unmatched) or a non-digit (250)', () => {
    const world = createEsmeWorld();
    const token = (text: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(text, 'latin1')) });
    const enter = (text: string) => send(world, 'CS01a', [{ kind: 'action', target: t(115, '0-0:19.40.0.255', 1), data: token(text) }]).results[0];
    // The reference token is MACed for 00DB1234567890A0's keys, not this meter's: read-write-denied and 0x8F63
    // (test/unit/ledger-utrn.test.ts covers accepted UTRNs).
    expect(enter('73946144332040217315')).toBe(3);
    expect(enter('7394614433204021731')).toBe(12);
    expect(enter('7394614433204021731X')).toBe(250);
  });
});

describe('the object model', () => {
  it('attribute 2 and method 2 of one object are told apart (112 a2 GET, m2 ACTION)', () => {
    const world = createEsmeWorld();
    load(world, METER_BALANCE, i32(5));
    expect(send(world, 'ECS04b', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 2), data: i32(9) }]).results).toEqual([0]);
    expect(readBalance(world).data[0]).toEqual(i32(9));
  });

  it('an object the ESME does not have is object-undefined (4); a method on a GET-only attribute is too', () => {
    const world = createEsmeWorld();
    expect(send(world, 'ECS82', [{ kind: 'get', target: t(112, '0-0:19.10.9.255', 2) }]).results).toEqual([4]);
    expect(send(world, 'ECS82', [{ kind: 'action', target: t(1, '0-0:0.2.1.255', 2), data: NULL }]).results).toEqual([4]);
  });
});
