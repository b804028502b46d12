// The PPMID and HCALCS remote use cases (devices.md 8.1, 8.3; GBCS 7 ASN.1), end to end through
// the head-end: CS08 reports the firmware version the device holds (or 00000000 with read result
// 1 when it holds none, the reference HCALCS), CS03A2 / CS03C joins and CS04AC unjoins change the
// device's own device log and answer the GBCS 7 outcome codes; critical ones come back signed.
import { describe, expect, it } from 'vitest';
import { ACB_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { hanLogEntryInput, setAttributeInput } from '../../host/local-inputs.js';
import { Status } from '../../host/status.js';
import { createHanWorld, hex } from '../helpers/han-fixture.js';

const CS04AC = 0x000f;
const CS03A2 = 0x00ab;
const CS03C = 0x00af;
const CS08 = 0x0129;
const joinRequest = (method: number, eui: string, type: number) => Uint8Array.from([0x30, 0x10, 0x02, 0x01, method, 0x04, 0x08, ...hex(eui), 0x02, 0x01, type]);
const unjoinRequest = (eui: string) => Uint8Array.from([0x04, 0x08, ...hex(eui)]);
const content = (m: { envelope: { content: Uint8Array } }) => Buffer.from(m.envelope.content).toString('hex').toUpperCase();

// CS08 reaches the device from the ACB with the supplier as supplementary remote party, as in the
// reference data (devices.md 8.3). Without that 18-byte other-information the command is shorter
// than the 64 bytes the envelope parser requires (assembly/envelope/header.ts) and is refused.
const VIA_ACB = { supplementaryRemotePartyId: SUPPLIER_EUI, supplementaryRemotePartyCounter: 1000n };
describe('11.2_CS08 read PPMID / HCALCS firmware version', () => {
  it('the PPMID answers {version, 0} with the version it holds', () => {
    const world = createHanWorld('PPMID');
    world.local(setAttributeInput({ classId: 1, obis: '0-0:0.2.0.255', member: 2 }, Uint8Array.from([0x09, 4, 0x01, 0x23, 0xab, 0xcd])));
    const reply = world.send(ACB_EUI, CS08, () => Uint8Array.of(0x05, 0x00), VIA_ACB);
    expect(reply.status).toBe(Status.OK);
    expect(content(reply.out[0]!)).toBe('300904040123ABCD020100');
  });

  it('an HCALCS holding no readable version answers {00000000, 1}', () => {
    const world = createHanWorld('HCALCS');
    expect(content(world.send(ACB_EUI, CS08, () => Uint8Array.of(0x05, 0x00), VIA_ACB).out[0]!)).toBe('3009040400000000020101');
  });

  it('a request that is not NULL is malformed: no response, BAD_PAYLOAD and the 0x8F1E alert (devices 1.3 cause 8)', () => {
    const world = createHanWorld('PPMID');
    const reply = world.send(ACB_EUI, CS08, () => Uint8Array.of(0x05, 0x01, 0x00), VIA_ACB);
    expect(reply.status).toBe(Status.BAD_PAYLOAD);
    expect(reply.out.map((m) => [m.envelope.cra, content(m).slice(16, 22)])).toEqual([[3, '128F1E']]);
  });
});

describe('8.7 CS03A2 / CS03C join and 8.8 CS04AC unjoin on the PPMID', () => {
  it('joins, answers a signed outcome 0, then unjoins (0) and a second unjoin is "not in device log" (1)', () => {
    const world = createHanWorld('PPMID');
    const joined = world.send(SUPPLIER_EUI, CS03A2, () => joinRequest(1, '00DB123456789093', 1));
    expect(content(joined.out[0]!)).toBe('020100');
    expect(joined.out[0]!.security.signatureValid).toBe(true);
    expect(content(world.send(SUPPLIER_EUI, CS04AC, () => unjoinRequest('00DB123456789093')).out[0]!)).toBe('020100');
    expect(content(world.send(SUPPLIER_EUI, CS04AC, () => unjoinRequest('00DB123456789093')).out[0]!)).toBe('020101');
  });

  it('outcome codes of GBCS 7: method C without certificate 11, wrong method for CS03A2 1, incompatible type 3, log full 4', () => {
    const world = createHanWorld('PPMID');
    expect(content(world.send(SUPPLIER_EUI, CS03C, () => joinRequest(3, '00DB123456789093', 0)).out[0]!)).toBe('02010B');
    expect(content(world.send(SUPPLIER_EUI, CS03A2, () => joinRequest(3, '00DB123456789093', 0)).out[0]!)).toBe('020101');
    world.send(SUPPLIER_EUI, CS03A2, () => joinRequest(1, '00DB123456789093', 1));
    expect(content(world.send(SUPPLIER_EUI, CS03A2, () => joinRequest(1, '00DB123456789093', 0)).out[0]!)).toBe('020103');
    for (let i = 0; i < 7; i++) world.local(hanLogEntryInput({ list: 'device', eui: `00DB00000000000${i}`, deviceType: 1 }));
    expect(content(world.send(SUPPLIER_EUI, CS03A2, () => joinRequest(1, '00DB0000000000AA', 1)).out[0]!)).toBe('020104');
  });
});
