// Future-dated commands on the ESME (devices 1.3, 11.6; GBCS 9.3): a SET of an activation
// date-time schedules the copy of the passive values to the active ones; at the execution time the
// device activates them and raises the signed alert 0x8F66 (message code 0x00CC) naming the
// command and the activation attribute. All-zero activates now; all-FF cancels.
import { describe, expect, it } from 'vitest';
import { invokeIdBytes } from '../../host/head-end.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';

const ECS01B = 0x00a2;
const ECS24 = 0x003a;
const STANDING_CHARGE = [0x00, 0x00, 0x13, 0x14, 0x04, 0xff]; // 113/0-0:19.20.4.255
const AT_2030_01_15_0900 = [0x07, 0xee, 0x01, 0x0f, 0xff, 0x09, 0x00, 0x00, 0x00, 0x80, 0x00, 0xff];
// As the reference IMMEDIATE and CANCELLATION commands write them: deviation 0x8000, status FF.
const NOW = [...Array(9).fill(0x00), 0x80, 0x00, 0xff];
const CANCEL = [...Array(9).fill(0xff), 0x80, 0x00, 0xff];
const EXECUTION_MS = Date.UTC(2030, 0, 15, 9);
// unit_charge_passive: {{commodity scaler 0, price scaler -5}, {class 0, null OBIS, attr 0}, [{index 00, charge 20000}]}
const PASSIVE = [0x02, 0x03, 0x02, 0x02, 0x0f, 0x00, 0x0f, 0xfb, 0x02, 0x03, 0x12, 0x00, 0x00, 0x09, 0x06, 0, 0, 0, 0, 0, 0, 0x0f, 0x00,
  0x01, 0x01, 0x02, 0x02, 0x09, 0x01, 0x00, 0x10, 0x4e, 0x20];

function setStandingCharge(counter: bigint, activation: number[]): Uint8Array {
  return Uint8Array.from([0xd9, ...invokeIdBytes(counter), 0x00, 2,
    0x02, 0x00, 0x71, ...STANDING_CHARGE, 6, 0x02, 0x00, 0x71, ...STANDING_CHARGE, 7,
    2, ...PASSIVE, 0x09, 12, ...activation]);
}

function getActiveStandingCharge(counter: bigint): Uint8Array {
  return Uint8Array.from([0xd9, ...invokeIdBytes(counter), 0x00, 1, 0x01, 0x00, 0x71, ...STANDING_CHARGE, 5, 1, 0x00]);
}

function alertsOf(world: ReturnType<typeof createEsmeWorld>) {
  return world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes));
}

function activeStandingCharge(world: ReturnType<typeof createEsmeWorld>, atMs: number) {
  const get = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS24, getActiveStandingCharge);
  expect(world.firmware.deliverMessage(0, 'WAN', get.bytes, atMs)).toBe(Status.OK);
  const reply = world.headEnd.open(world.firmware.drainOutbox().at(-1)!.bytes);
  const p = reply.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'access-response') throw new Error('no access-response');
  return p.body.items[0]!;
}

describe('1.2.1_ECS01b Update Price (standing charge), future-dated', () => {
  it('answers success now, activates at 2030-01-15T09:00Z and raises 0x8F66 naming the command and a7', () => {
    const world = createEsmeWorld();
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS01B, (c) => setStandingCharge(c, AT_2030_01_15_0900));
    expect(world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs)).toBe(Status.OK);
    expect(alertsOf(world).map((m) => m.envelope.cra)).toEqual([2]);
    expect(activeStandingCharge(world, world.nowMs + 1000).result).toBe(11); // nothing active yet

    expect(world.firmware.advanceTime(0, EXECUTION_MS - 1000)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toHaveLength(0);
    expect(world.firmware.advanceTime(0, EXECUTION_MS)).toBe(Status.OK);
    const [alert] = alertsOf(world);
    expect(alert!.envelope.cra).toBe(3);
    expect(alert!.envelope.otherInfo.messageCode).toBe(0x00cc);
    expect(alert!.security.signatureValid).toBe(true);
    const body = alert!.payload?.kind === 'dlms' && alert!.payload.body.apdu === 'data-notification' ? alert!.payload.body : undefined;
    expect(body?.alert?.alertCode).toBe(0x8f66);
    expect(body?.alert?.timestamp).toMatchObject({ year: 2030, month: 1, dayOfMonth: 15, hour: 9 });
    const detail = Buffer.from((body!.body as { items: { value: Uint8Array }[] }).items[2]!.value).toString('hex');
    expect(detail).toBe(`00a2${command.counter.toString(16).padStart(16, '0')}0071${Buffer.from(STANDING_CHARGE).toString('hex')}07`);
    const active = activeStandingCharge(world, EXECUTION_MS + 1000);
    expect(active.result).toBe(0);
    expect(active.data).toMatchObject({ type: 'structure' });
  });

  it('an all-zero activation date-time activates at once, without an alert', () => {
    const world = createEsmeWorld();
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS01B, (c) => setStandingCharge(c, NOW));
    expect(world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs)).toBe(Status.OK);
    world.firmware.drainOutbox();
    expect(activeStandingCharge(world, world.nowMs + 1000).result).toBe(0);
    expect(world.firmware.advanceTime(0, EXECUTION_MS + 1)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toHaveLength(0);
  });

  it('an all-FF activation date-time cancels the pending activation of the use case', () => {
    const world = createEsmeWorld();
    const first = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS01B, (c) => setStandingCharge(c, AT_2030_01_15_0900));
    world.firmware.deliverMessage(0, 'WAN', first.bytes, world.nowMs);
    const cancel = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS01B, (c) => setStandingCharge(c, CANCEL));
    expect(world.firmware.deliverMessage(0, 'WAN', cancel.bytes, world.nowMs + 1000)).toBe(Status.OK);
    world.firmware.drainOutbox();
    expect(world.firmware.advanceTime(0, EXECUTION_MS + 1)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toHaveLength(0);
    expect(activeStandingCharge(world, EXECUTION_MS + 2000).result).toBe(11);
  });

  it('a malformed activation date-time is refused with type-unmatched and schedules nothing', () => {
    const world = createEsmeWorld();
    const bad = [...AT_2030_01_15_0900];
    bad[2] = 13; // month 13
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS01B, (c) => setStandingCharge(c, bad));
    world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs);
    const reply = world.headEnd.open(world.firmware.drainOutbox()[0]!.bytes);
    const p = reply.payload;
    expect(p?.kind === 'dlms' && p.body.apdu === 'access-response' && p.body.items.map((i) => i.result)).toEqual([0, 12]);
    expect(world.firmware.advanceTime(0, EXECUTION_MS + 1)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toHaveLength(0);
  });
});
