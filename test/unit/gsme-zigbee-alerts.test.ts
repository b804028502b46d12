// Device-initiated GBZ alerts of the GSME (gbcs.md 6.1, 9.1; devices.md R.12, S.2), as the
// conformance runner scripts them for NA_FDRA-ZigBee, NA_GCA-ZigBee and NA_MIIWA-ZigBee
// (host/profiles/reference-han-events.ts): LOCAL SCRIPT_ALERT on a GSME raises a GBZ alert
// `01 09 | N | code | ZCL time | [block]` with the block verbatim (alerts/scripted.ts
// scriptedGbzAlert), signed when the message code is critical, MACed otherwise. A-XDR items,
// a supplementary remote party or a block without its flag are refused and raise nothing.
import { describe, expect, it } from 'vitest';
import { LOCAL_INPUT, scriptAlertInput } from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { ROLE, Status } from '../../host/status.js';
import { createHanWorld } from '../helpers/han-fixture.js';

type World = ReturnType<typeof createHanWorld>;
const content = (m: { envelope: { content: Uint8Array } }) => Buffer.from(m.envelope.content).toString('hex').toUpperCase();
const alerts = (world: World) => world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes));
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const HASH = 'A1'.repeat(32);

describe('NA_FDRA-ZigBee / NA_GCA-ZigBee / NA_MIIWA-ZigBee GSME GBZ alerts (gbcs.md 6.1)', () => {
  it('FDRA-ZigBee: a signed 0x8F72 under 0x00CF to the supplier, N = 01 and the block 09 20 + image hash', () => {
    const world = createHanWorld('GSME');
    expect(world.local(scriptAlertInput(0x8f72, 0x00cf, ROLE.SUPPLIER, [hex(`0920${HASH}`)]))).toBe(Status.OK);
    const [alert, ...rest] = alerts(world);
    expect(rest).toEqual([]);
    expect(alert!.envelope.recipient).toBe(SUPPLIER_EUI);
    expect(alert!.envelope.otherInfo.messageCode).toBe(0x00cf);
    expect(alert!.security.signatureValid).toBe(true);
    expect(content(alert!)).toMatch(new RegExp(`^0109018F72[0-9A-F]{8}0920${HASH}$`));
  });

  it('GCA-ZigBee: a signed 0x8F30 under 0x1000 with nothing after the time (N = 00)', () => {
    const world = createHanWorld('GSME');
    expect(world.local(scriptAlertInput(0x8f30, 0x1000, ROLE.SUPPLIER, []))).toBe(Status.OK);
    const [alert] = alerts(world);
    expect(alert!.security.signatureValid).toBe(true);
    expect(content(alert!)).toMatch(/^0109008F30[0-9A-F]{8}$/);
  });

  it('MIIWA-ZigBee: a MACed 0x81A0 under 0x00F2, other-info 00 05 (unexpected reset); counters advance per alert', () => {
    const world = createHanWorld('GSME');
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, ROLE.SUPPLIER, [hex('0005')]))).toBe(Status.OK);
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, ROLE.SUPPLIER, [hex('0005')]))).toBe(Status.OK);
    const [first, second] = alerts(world);
    expect(first!.security.macValid).toBe(true);
    expect(content(first!)).toMatch(/^01090181A0[0-9A-F]{8}0005$/);
    expect(BigInt(second!.envelope.originatorCounter)).toBe(BigInt(first!.envelope.originatorCounter) + 1n);
  });

  it('two blocks, a supplementary remote party, a flag without a block or an unknown role are refused: nothing raised', () => {
    const world = createHanWorld('GSME');
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, ROLE.SUPPLIER, [hex('00'), hex('05')]))).toBe(Status.BAD_INPUT);
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, ROLE.SUPPLIER, [hex('0005')], SUPPLIER_EUI))).toBe(Status.BAD_INPUT);
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, ROLE.SUPPLIER, [new Uint8Array(0)]))).toBe(Status.BAD_INPUT);
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, 0x7f, [hex('0005')]))).toBe(Status.UNKNOWN_ORIGINATOR);
    expect(world.local(Uint8Array.of(LOCAL_INPUT.SCRIPT_ALERT, 0xa0, 0x81))).toBe(Status.BAD_LENGTH);
    expect(world.local(scriptAlertInput(0x81a0, 0x00f2, ROLE.SUPPLIER, [new Uint8Array(257)]))).toBe(Status.BAD_INPUT);
    expect(alerts(world)).toEqual([]);
  });
});
