// Device-initiated alerts of the CHF, PPMID and SAPC (devices.md Appendix S, 8.3, 8.4; GBCS 9.1),
// as the conformance runner scripts them for the NA_ folders (host/profiles/reference-han-events.ts):
// NA_CS09 a firmware activation on the PPMID (LOCAL FIRMWARE_ACTIVATED) gives the signed ASN.1
// alert 0x8F8B to the ACB and the new version on CS08; NA_ECS100 / NA_ECS102 / NA_DBCH06 scripted
// events (SCRIPT_ALERT) give the SAPC's signed and the CHF's MACed DLMS alerts, ECS100's copy to
// the ACB naming the supplier and its counter (18-byte other-information). Bad inputs raise nothing.
import { describe, expect, it } from 'vitest';
import { encodeAxdr } from '../../gbcs/payload/axdr.js';
import { ACB_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { firmwareActivatedInput, LOCAL_INPUT, scriptAlertInput } from '../../host/local-inputs.js';
import { ROLE, Status } from '../../host/status.js';
import { createHanWorld } from '../helpers/han-fixture.js';

type HanWorld = ReturnType<typeof createHanWorld>;
const content = (m: { envelope: { content: Uint8Array } }) => Buffer.from(m.envelope.content).toString('hex').toUpperCase();
const alerts = (world: HanWorld) => world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes));
const os = (hex: string) => encodeAxdr({ type: 'octet-string', value: Uint8Array.from(Buffer.from(hex, 'hex')) });
const VIA_ACB = { supplementaryRemotePartyId: SUPPLIER_EUI, supplementaryRemotePartyCounter: 1000n };

describe('NA_CS09 PPMID firmware activation alert (devices 8.3)', () => {
  it('a signed 0x8F8B {code, activation time, version, 0} to the ACB under 0x012B; CS08 then reports the new version', () => {
    const world = createHanWorld('PPMID');
    expect(world.local(firmwareActivatedInput('1234ABCD'))).toBe(Status.OK);
    const [alert, ...rest] = alerts(world);
    expect(rest).toEqual([]);
    expect(alert!.envelope.recipient).toBe(ACB_EUI);
    expect(alert!.envelope.otherInfo.messageCode).toBe(0x012b);
    expect(alert!.security.signatureValid).toBe(true);
    expect(content(alert!)).toMatch(/^301F0203008F8B180F(3[0-9]){14}5A04041234ABCD020100$/);
    const reply = world.send(ACB_EUI, 0x0129, () => Uint8Array.of(0x05, 0x00), VIA_ACB);
    expect(content(reply.out[0]!)).toBe('300904041234ABCD020100');
  });

  it('an HCALCS, a version that is not an octet-string or whose length disagrees is refused: nothing raised', () => {
    const hcalcs = createHanWorld('HCALCS');
    expect(hcalcs.local(firmwareActivatedInput('1234ABCD'))).toBe(Status.BAD_INPUT);
    expect(alerts(hcalcs)).toEqual([]);
    const ppmid = createHanWorld('PPMID');
    expect(ppmid.local(Uint8Array.of(LOCAL_INPUT.FIRMWARE_ACTIVATED, 0x0a, 2, 1, 2))).toBe(Status.BAD_INPUT);
    expect(ppmid.local(Uint8Array.of(LOCAL_INPUT.FIRMWARE_ACTIVATED, 0x09, 3, 1, 2))).toBe(Status.BAD_LENGTH);
    expect(ppmid.local(Uint8Array.of(LOCAL_INPUT.FIRMWARE_ACTIVATED, 0x09, 0))).toBe(Status.BAD_LENGTH);
    expect(alerts(ppmid)).toEqual([]);
    expect(() => firmwareActivatedInput('')).toThrow(RangeError);
  });
});

describe('NA_ECS100 / NA_ECS102 SAPC alerts and NA_DBCH06 CHF alert (Appendix S)', () => {
  const ECS100_ITEM = os('001200000000000186A0');

  it('ECS100: signed 0x8F85 to the supplier, then to the ACB with the supplier and its counter as supplementary remote party', () => {
    const world = createHanWorld('SAPC');
    expect(world.local(scriptAlertInput(0x8f85, 0x0120, ROLE.SUPPLIER, [ECS100_ITEM]))).toBe(Status.OK);
    expect(world.local(scriptAlertInput(0x8f85, 0x0120, ROLE.ACB, [ECS100_ITEM], SUPPLIER_EUI, 200_000n))).toBe(Status.OK);
    const [toSupplier, toAcb] = alerts(world);
    expect(toSupplier!.envelope.recipient).toBe(SUPPLIER_EUI);
    expect(toSupplier!.envelope.otherInfo.supplementaryRemotePartyId).toBeUndefined();
    expect(toAcb!.envelope.recipient).toBe(ACB_EUI);
    expect(toAcb!.envelope.otherInfo).toMatchObject({ messageCode: 0x0120, supplementaryRemotePartyId: SUPPLIER_EUI, supplementaryRemotePartyCounter: 200_000n });
    for (const alert of [toSupplier!, toAcb!]) {
      expect(alert.security.signatureValid).toBe(true);
      expect(content(alert)).toMatch(/^0F20[0-9A-F]{6}000203128F85090C[0-9A-F]{24}090A001200000000000186A0$/);
    }
  });

  it('ECS102: a signed 0x8F87 {output 17, level 100} to the supplier', () => {
    const world = createHanWorld('SAPC');
    const u8 = (value: number) => encodeAxdr({ type: 'unsigned', value });
    expect(world.local(scriptAlertInput(0x8f87, 0x0122, ROLE.SUPPLIER, [u8(17), u8(100)]))).toBe(Status.OK);
    expect(content(alerts(world)[0]!)).toMatch(/^0F20[0-9A-F]{6}000204128F87090C[0-9A-F]{24}11111164$/);
  });

  it('DBCH06: the CHF sends a MACed 0x8F20 with the device EUI to the ACB', () => {
    const world = createHanWorld('CHF');
    expect(world.local(scriptAlertInput(0x8f20, 0x0110, ROLE.ACB, [os('00DB1234567890A1')]))).toBe(Status.OK);
    const [alert] = alerts(world);
    expect(alert!.envelope.recipient).toBe(ACB_EUI);
    expect(alert!.security.macValid).toBe(true);
    expect(content(alert!)).toMatch(/^0F20[0-9A-F]{6}000203128F20090C[0-9A-F]{24}090800DB1234567890A1$/);
  });

  it('a supplementary counter without a supplementary party is refused: nothing raised', () => {
    const world = createHanWorld('SAPC');
    const input = scriptAlertInput(0x8f85, 0x0120, ROLE.ACB, [ECS100_ITEM], SUPPLIER_EUI, 200_000n);
    input.fill(0, 7, 15);
    expect(world.local(input)).toBe(Status.BAD_INPUT);
    expect(alerts(world)).toEqual([]);
  });
});
