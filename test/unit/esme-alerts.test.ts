// Device-initiated ESME alerts (GBCS 9; devices 5.5, R.9, R.12) from LOCAL inputs: mains power
// events (LOCAL_POWER_EVENT, the kind the firmware exports for host/world/power.ts) give the ECS80
// supply-outage-restored alert, 0x8F35 below 3 minutes and 0x8F36 from 3 minutes, with the outage
// start and end; a scripted event (SCRIPT_ALERT) raises the alert of the values it carries, signed
// or MACed as its message code is critical or not (ECS101/102/200, 0x810E, 0x81A0). Bad inputs are
// refused whole and raise nothing. Alerts are opened by the head-end (MAC or signature checked).
import { describe, expect, it } from 'vitest';
import { encodeAxdr } from '../../gbcs/payload/axdr.js';
import { scriptAlertInput } from '../../host/local-inputs.js';
import { NETWORK_OPERATOR_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { ROLE, Status } from '../../host/status.js';
import { POWER_EVENT, powerEventInput } from '../../host/world/power.js';
import { createEsmeWorld } from '../helpers/esme-fixture.js';
import { deliverLocal, type World } from '../helpers/esme-access.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const power = (world: World, event: number, atMs: number) => deliverLocal(world, powerEventInput(world.firmware.layout.LOCAL_POWER_EVENT!, event, atMs));
const alerts = (world: World) => world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes));
const START = Date.UTC(2014, 11, 31, 23, 50);
const dt = (ms: number) => { // DLMS date-time as the ESME writes it
  const d = new Date(ms);
  return hex(Uint8Array.of(d.getUTCFullYear() >> 8, d.getUTCFullYear() & 0xff, d.getUTCMonth() + 1, d.getUTCDate(), 0xff, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0, 0x80, 0, 0xff));
};

describe('NA_ECS80 Supply outage restore alert (devices 5.5)', () => {
  it('an outage of 9 minutes gives a signed 0x8F36 to the network operator with the outage start and end', () => {
    const world = createEsmeWorld();
    expect(world.firmware.layout.LOCAL_POWER_EVENT).toBeGreaterThan(0);
    expect(power(world, POWER_EVENT.SUPPLY_LOST, START)).toBe(Status.OK);
    expect(alerts(world)).toEqual([]);
    expect(power(world, POWER_EVENT.SUPPLY_RESTORED, START + 9 * 60_000)).toBe(Status.OK);
    const [alert] = alerts(world);
    expect(alert!.envelope.recipient).toBe(NETWORK_OPERATOR_EUI);
    expect(alert!.envelope.otherInfo.messageCode).toBe(0x0067);
    expect(alert!.security.signatureValid).toBe(true);
    expect(hex(alert!.envelope.content)).toMatch(new RegExp(`^0F20[0-9A-F]{6}000204128F36090C[0-9A-F]{24}090C${dt(START)}090C${dt(START + 9 * 60_000)}$`));
  });

  it('an outage shorter than 3 minutes gives 0x8F35; at exactly 3 minutes 0x8F36', () => {
    for (const [seconds, code] of [[179, '8F35'], [180, '8F36']] as const) {
      const world = createEsmeWorld();
      expect(power(world, POWER_EVENT.SUPPLY_LOST, START)).toBe(Status.OK);
      expect(power(world, POWER_EVENT.SUPPLY_RESTORED, START + seconds * 1000)).toBe(Status.OK);
      expect(hex(alerts(world)[0]!.envelope.content).slice(18, 22)).toBe(code);
    }
  });

  it('a restoration without a loss, a second loss, a restoration before the loss or an unknown event is refused: nothing raised', () => {
    const world = createEsmeWorld();
    expect(power(world, POWER_EVENT.SUPPLY_RESTORED, START)).toBe(Status.BAD_INPUT);
    expect(power(world, POWER_EVENT.SUPPLY_LOST, START)).toBe(Status.OK);
    expect(power(world, POWER_EVENT.SUPPLY_LOST, START + 1000)).toBe(Status.BAD_INPUT);
    expect(power(world, POWER_EVENT.SUPPLY_RESTORED, START - 1000)).toBe(Status.BAD_INPUT);
    expect(power(world, 3, START + 1000)).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, Uint8Array.of(world.firmware.layout.LOCAL_POWER_EVENT!, 1))).toBe(Status.BAD_LENGTH);
    expect(alerts(world)).toEqual([]);
    expect(power(world, POWER_EVENT.SUPPLY_RESTORED, START + 1000)).toBe(Status.OK); // the loss was kept
    expect(alerts(world)).toHaveLength(1);
  });
});

describe('NA_ECS101 / ECS102 / ECS200 / GNCA-DLMS / MIIWA-DLMS scripted device events (devices R.9, R.12)', () => {
  const u8 = (value: number) => encodeAxdr({ type: 'unsigned', value });

  it('ECS102: a signed 0x8F87 to the supplier with the scripted items after code and clock', () => {
    const world = createEsmeWorld();
    expect(deliverLocal(world, scriptAlertInput(0x8f87, 0x0122, ROLE.SUPPLIER, [u8(33), u8(10)]))).toBe(Status.OK);
    const [alert] = alerts(world);
    expect([alert!.envelope.recipient, alert!.envelope.otherInfo.messageCode, alert!.security.signatureValid]).toEqual([SUPPLIER_EUI, 0x0122, true]);
    expect(hex(alert!.envelope.content)).toMatch(/^0F20[0-9A-F]{6}000204128F87090C[0-9A-F]{24}1121110A$/);
  });

  it('ECS200 names its supplementary remote party in a 10-byte other-information; 0x810E (0x1001) is MACed, not signed', () => {
    const world = createEsmeWorld();
    const state = encodeAxdr({ type: 'utf8-string', value: Uint8Array.from(Buffer.from('{"outputState":"100"}')) });
    expect(deliverLocal(world, scriptAlertInput(0x8f88, 0x0123, ROLE.SUPPLIER, [state], '90B3D51F30010008'))).toBe(Status.OK);
    expect(alerts(world)[0]!.envelope.otherInfo.supplementaryRemotePartyId).toBe('90B3D51F30010008');
    expect(deliverLocal(world, scriptAlertInput(0x810e, 0x1001, ROLE.SUPPLIER, []))).toBe(Status.OK);
    const [generic] = alerts(world);
    expect([generic!.security.macValid, generic!.envelope.cra]).toEqual([true, 3]);
  });

  it('items that do not match their count, an unknown recipient role or a bad critical flag are refused: nothing raised', () => {
    const world = createEsmeWorld();
    const input = scriptAlertInput(0x8f87, 0x0122, ROLE.SUPPLIER, [u8(33), u8(10)]);
    const fewer = input.slice(); fewer[15] = 1;
    const more = input.slice(); more[15] = 3;
    const badFlag = input.slice(); badFlag[5] = 2;
    expect(deliverLocal(world, fewer)).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, more)).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, badFlag)).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, input.subarray(0, 15))).toBe(Status.BAD_LENGTH);
    expect(deliverLocal(world, scriptAlertInput(0x8f87, 0x0122, 5, [u8(1)]))).toBe(Status.UNKNOWN_ORIGINATOR);
    expect(alerts(world)).toEqual([]);
  });
});
