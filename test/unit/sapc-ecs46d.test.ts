// The SAPC (standalone auxiliary proportional controller, devices.md 8.4; device type 7) answers
// ECS46d APC_OUTPUT through the ESME's DLMS server over its own object table: a future-dated
// command is answered 0 0 0 0 with a signed, dated response, and at the activation time the
// passive calendar and special days become active with one 0x8F66 alert (DLMS 0x00CC) each; a
// cancellation (all-FF activation date-times) leaves nothing pending.
import { describe, expect, it } from 'vitest';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { accessRequest, alertCode, createHanWorld, dlmsItems, type Spec } from '../helpers/han-fixture.js';

const ECS46D = 0x011a;
const SPECIAL_DAYS: Spec = { kind: 2, classId: 11, obis: [0, 1, 11, 0, 3, 255], member: 2, data: [0x01, 0x01, 0x02, 0x03, 0x12, 0, 1, 0x09, 5, 0xff, 0xff, 12, 25, 0xff, 0x11, 1] };
const CALENDAR: Spec = { kind: 2, classId: 10, obis: [0, 1, 12, 0, 2, 255], member: 2, data: [0x01, 0x00] };
const AT_2030_04_01_0900 = [0x07, 0xee, 4, 1, 0xff, 9, 0, 0, 0, 0x80, 0, 0xff];
const NOT_SPECIFIED = Array<number>(12).fill(0xff);
const activation = (obisE: number, dateTime: number[]): Spec =>
  ({ kind: 2, classId: 9000, obis: [0, 0, 94, 44, 128, obisE], member: 6, data: [0x09, 12, ...dateTime] });

describe('6.14.3_ECS46d APC_OUTPUT on the SAPC', () => {
  it('future-dated: 0 0 0 0 now, two signed 0x8F66 alerts at 2030-04-01 09:00', () => {
    const world = createHanWorld('SAPC');
    const reply = world.send(SUPPLIER_EUI, ECS46D, (c) => accessRequest(c, [SPECIAL_DAYS, CALENDAR, activation(26, AT_2030_04_01_0900), activation(35, AT_2030_04_01_0900)]));
    expect(reply.status).toBe(Status.OK);
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([0, 0, 0, 0]);
    expect(reply.out[0]!.security.signatureValid).toBe(true);
    expect(world.advance(Date.UTC(2030, 3, 1, 8, 59)).out).toHaveLength(0);
    const due = world.advance(Date.UTC(2030, 3, 1, 9, 0));
    expect(due.out.map(alertCode)).toEqual([0x8f66, 0x8f66]);
    expect(due.out.every((m) => m.security.signatureValid === true && m.envelope.recipient === SUPPLIER_EUI)).toBe(true);
  });

  it('cancellation: success on every item and no alert later', () => {
    const world = createHanWorld('SAPC');
    world.send(SUPPLIER_EUI, ECS46D, (c) => accessRequest(c, [SPECIAL_DAYS, CALENDAR, activation(26, AT_2030_04_01_0900), activation(35, AT_2030_04_01_0900)]));
    const cancel = world.send(SUPPLIER_EUI, ECS46D, (c) => accessRequest(c, [SPECIAL_DAYS, CALENDAR, activation(26, NOT_SPECIFIED), activation(35, NOT_SPECIFIED)]));
    expect(dlmsItems(cancel.out[0]!).map((i) => i.result)).toEqual([0, 0, 0, 0]);
    expect(world.advance(Date.UTC(2031, 0, 1)).out).toHaveLength(0);
  });

  it('an object only the ESME has is undefined on the SAPC (4)', () => {
    const world = createHanWorld('SAPC');
    const reply = world.send(SUPPLIER_EUI, ECS46D, (c) => accessRequest(c, [{ kind: 2, classId: 1, obis: [0, 2, 96, 13, 1, 255], member: 2, data: [0x09, 1, 0x41] }]));
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([4]);
  });
});
