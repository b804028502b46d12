// The CHF's sub-GHz configuration and channel scan (devices.md 7.1, 7.2; GBCS DBCH03-05, DBCH08,
// DBCH09), end to end through the head-end: DBCH04 stores the configuration DBCH03 reads back and
// reports it to the ACB with DBCH09 0x8F2A after the response; DBCH05 is answered by DBCH08 0x8F28;
// a configuration of the wrong shape is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import { ACB_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { accessRequest, alertCode, createHanWorld, dlmsItems, type Spec } from '../helpers/han-fixture.js';

const DBCH03 = 0x010c;
const DBCH04 = 0x010d;
const DBCH05 = 0x010e;
const CONFIGURATION = [0, 0, 94, 44, 10, 0];
const SCAN = [0, 0, 94, 44, 10, 1];
// DBCH04 reference values (6.28_DBCH04): four 32-bit channel masks, then eleven thresholds.
const NEW_CONFIGURATION = [0x02, 0x0f,
  0x04, 0x20, 0xe0, 0, 0, 6, 0x04, 0x20, 0xe8, 0, 0, 6, 0x04, 0x20, 0xf0, 0, 0, 6, 0x04, 0x20, 0xf8, 0, 0, 6,
  0x12, 0, 130, 0x12, 0, 220, 0x11, 5, 0x12, 0, 7, 0x11, 7, 0x11, 12, 0x12, 0x17, 0x70, 0x11, 130, 0x12, 0, 100, 0x12, 0x0f, 0xa0, 0x12, 0x0b, 0xb8];

const get: Spec = { kind: 1, classId: 1, obis: CONFIGURATION, member: 2, data: [0x00] };
const set = (data: number[]): Spec => ({ kind: 2, classId: 1, obis: CONFIGURATION, member: 2, data });

describe('6.28_DBCH04 set sub-GHz configuration / 6.30_DBCH03 read it', () => {
  it('DBCH03 reads back what DBCH04 wrote, and DBCH09 0x8F2A carries the new values to the ACB', () => {
    const world = createHanWorld('CHF');
    expect(dlmsItems(world.send(ACB_EUI, DBCH03, (c) => accessRequest(c, [get])).out[0]!)[0]!.result).toBe(11); // nothing configured yet
    const reply = world.send(ACB_EUI, DBCH04, (c) => accessRequest(c, [set(NEW_CONFIGURATION)]));
    expect(reply.status).toBe(Status.OK);
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([0]);
    expect(alertCode(reply.out[1]!)).toBe(0x8f2a);
    expect(reply.out[1]!.envelope.recipient).toBe(ACB_EUI);
    expect(Buffer.from(reply.out[1]!.envelope.content).subarray(-NEW_CONFIGURATION.length)).toEqual(Buffer.from(NEW_CONFIGURATION));
    const read = dlmsItems(world.send(ACB_EUI, DBCH03, (c) => accessRequest(c, [get])).out[0]!);
    expect(read[0]!.result).toBe(0);
    expect((read[0]!.data as { items: unknown[] }).items).toHaveLength(15);
  });

  it('a configuration that is not a structure of 15 is type-unmatched (12): no alert, nothing stored', () => {
    const world = createHanWorld('CHF');
    const reply = world.send(ACB_EUI, DBCH04, (c) => accessRequest(c, [set([0x02, 0x01, 0x11, 0x05])]));
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([12]);
    expect(reply.out).toHaveLength(1);
    expect(dlmsItems(world.send(ACB_EUI, DBCH03, (c) => accessRequest(c, [get])).out[0]!)[0]!.result).toBe(11);
  });
});

describe('6.29_DBCH05 request channel scan', () => {
  it('answers success and reports the scan assessment with DBCH08 0x8F28', () => {
    const world = createHanWorld('CHF');
    const reply = world.send(ACB_EUI, DBCH05, (c) => accessRequest(c, [{ kind: 2, classId: 1, obis: SCAN, member: 2, data: [0x11, 0x00] }]));
    expect(dlmsItems(reply.out[0]!).map((i) => i.result)).toEqual([0]);
    expect(reply.out.slice(1).map(alertCode)).toEqual([0x8f28]);
  });
});
