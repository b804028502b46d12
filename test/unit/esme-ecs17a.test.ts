// ECS17a Read ESME Energy Registers (Export Energy), end to end through the firmware: the
// head-end builds a MACed command (GBCS 4.1), the ESME verifies it through its secure element,
// answers from its registers, and the response's MAC verifies at the head-end. Then the
// rejection rules of devices.md 1.3: each bad command gets its Status, no response, and
// changes nothing but the Security Log.
import { describe, expect, it } from 'vitest';
import { readDeviceCounters, readLog, LOG_ID } from '../../host/device-view.js';
import { ECS17A_MESSAGE_CODE, ecs17aContent, responseRegisterValues } from '../../host/head-end.js';
import { NETWORK_OPERATOR_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { consumption, createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';

function readCommand(world: ReturnType<typeof createEsmeWorld>, originator = NETWORK_OPERATOR_EUI, device = esmeEui(0)) {
  return world.headEnd.buildCommand(originator, device, ECS17A_MESSAGE_CODE, ecs17aContent);
}

describe('4.2_ECS17a Read ESME Energy Registers (Export Energy)', () => {
  it('answers with the export registers it recorded, in a response whose MAC verifies', () => {
    const world = createEsmeWorld();
    const { firmware, headEnd, nowMs } = world;
    expect(firmware.deliverMessage(0, 'LOCAL', consumption(500, 1234, 40, 7), nowMs + 1000)).toBe(Status.OK);
    expect(firmware.deliverMessage(0, 'LOCAL', consumption(0, 66, 0, 3), nowMs + 2000)).toBe(Status.OK);
    const command = readCommand(world);
    expect(firmware.deliverMessage(0, 'WAN', command.bytes, nowMs + 3000)).toBe(Status.OK);
    const out = firmware.drainOutbox();
    expect(out).toHaveLength(1);
    const message = headEnd.open(out[0]!.bytes);
    const response = message.envelope;
    expect(response.cra).toBe(2);
    expect(response.transactionId).toBe(command.counter);
    expect(response.originator).toBe(esmeEui(0));
    expect(response.recipient).toBe(NETWORK_OPERATOR_EUI);
    expect(response.otherInfo.messageCode).toBe(ECS17A_MESSAGE_CODE);
    expect(response.dateTime).toBeDefined(); // GBCS 1.2: ECS17a responses carry the header date-time
    expect(responseRegisterValues(message)).toEqual([1300, 10]);
    // GBCS 5.2 shape: invoke-id echoed, 4 data items, 4 GET results all success.
    const invoke = Number(command.counter & 0xffffffn);
    expect([...response.content.subarray(0, 8)]).toEqual([0xda, 0x20, (invoke >> 16) & 0xff, (invoke >> 8) & 0xff, invoke & 0xff, 0, 0, 4]);
    expect([...response.content.subarray(-9)]).toEqual([4, 1, 0, 1, 0, 1, 0, 1, 0]);
    const counters = readDeviceCounters(firmware, 0);
    expect(counters.messagesIn).toBe(1);
    expect(counters.messagesOut).toBe(1);
    expect(counters.importActiveWh).toBe(500);
  });

  it('header date-time is the device clock at the time of the answer (2026-01-05T00:00:03Z)', () => {
    const world = createEsmeWorld();
    world.firmware.deliverMessage(0, 'WAN', readCommand(world).bytes, world.nowMs + 3000);
    const response = world.headEnd.openResponse(world.firmware.drainOutbox()[0]!.bytes);
    expect([...response.dateTime!]).toEqual([0x07, 0xea, 1, 5, 0xff, 0, 0, 3, 0, 0x80, 0x00, 0xff]);
  });
});

describe('devices 1.3 rejection rules on ECS17a', () => {
  function rejected(world: ReturnType<typeof createEsmeWorld>, bytes: Uint8Array, expected: number, logCode: number | null, expectedAlert: number | null = logCode) {
    const before = readDeviceCounters(world.firmware, 0);
    const securityBefore = readLog(world.firmware, 0, LOG_ID.SECURITY).length;
    expect(world.firmware.deliverMessage(0, 'WAN', bytes, world.nowMs + 5000)).toBe(expected);
    // No response, ever; a critical alert where devices 1.3 names one (its code equals the log code here).
    const alerts = world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes));
    for (const alert of alerts) expect(alert.envelope.cra).toBe(3);
    const alertCodes = alerts.map((a) => (a.payload?.kind === 'dlms' && a.payload.body.apdu === 'data-notification' ? a.payload.body.alert?.alertCode : -1));
    expect(alertCodes).toEqual(expectedAlert === null ? [] : [expectedAlert]);
    const after = readDeviceCounters(world.firmware, 0);
    expect(after.messagesOut).toBe(before.messagesOut);
    expect(after.exportActiveWh).toBe(before.exportActiveWh);
    expect(after.rejectedCount).toBe(before.rejectedCount + 1);
    const security = readLog(world.firmware, 0, LOG_ID.SECURITY);
    if (logCode === null) {
      expect(security.length).toBe(securityBefore);
    } else {
      expect(security.length).toBe(securityBefore + 1);
      expect(security.at(-1)!.code).toBe(logCode);
    }
  }

  it('T66: a replayed command (same counter) is discarded with COUNTER_REPLAYED, no response, a Security Log entry', () => {
    const world = createEsmeWorld();
    const command = readCommand(world);
    expect(world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs + 1000)).toBe(Status.OK);
    world.firmware.drainOutbox();
    rejected(world, command.bytes, Status.COUNTER_REPLAYED, 0x8f53, null);
  });

  it('a command whose MAC does not verify gets BAD_MAC and leaves the counter where it was', () => {
    const world = createEsmeWorld();
    const command = readCommand(world);
    const tampered = command.bytes.slice();
    tampered[tampered.length - 1]! ^= 0x01;
    rejected(world, tampered, Status.BAD_MAC, 0x8f53);
    // The genuine command, same counter, is still accepted: the failed one did not consume it.
    expect(world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs + 6000)).toBe(Status.OK);
  });

  it('a content byte flipped after MACing is caught by the MAC, not executed', () => {
    const world = createEsmeWorld();
    const tampered = readCommand(world).bytes.slice();
    tampered[60]! ^= 0x40;
    rejected(world, tampered, Status.BAD_MAC, 0x8f53);
  });

  it('a command for another device gets WRONG_RECIPIENT and no Security Log entry', () => {
    const world = createEsmeWorld();
    rejected(world, readCommand(world, NETWORK_OPERATOR_EUI, esmeEui(9)).bytes, Status.WRONG_RECIPIENT, null);
  });

  it('an originator outside the trust store gets UNKNOWN_ORIGINATOR', () => {
    const world = createEsmeWorld();
    rejected(world, readCommand(world, '90B3D51F30010008').bytes, Status.UNKNOWN_ORIGINATOR, 0x8f53);
  });

  it('an unparseable envelope gets BAD_ENVELOPE (0x8F1E in the Security Log)', () => {
    const world = createEsmeWorld();
    const truncated = readCommand(world).bytes.subarray(0, 50);
    rejected(world, truncated, Status.BAD_ENVELOPE, 0x8f1e);
  });

  it('the shortest well-formed envelope (60 bytes, empty content) passes the envelope checks; 59 bytes do not', () => {
    const world = createEsmeWorld();
    const shortest = world.headEnd.buildCommand(NETWORK_OPERATOR_EUI, esmeEui(0), ECS17A_MESSAGE_CODE, () => new Uint8Array(0)).bytes;
    expect(shortest.length).toBe(60);
    rejected(world, shortest, Status.BAD_PAYLOAD, 0x8f1e); // authenticated, then the empty DLMS content is malformed
    rejected(world, shortest.subarray(0, 59), Status.BAD_ENVELOPE, 0x8f1e);
  });

  it('a use case the ESME does not implement gets UNKNOWN_USE_CASE after authentication (0x8F85 logged, no alert)', () => {
    const world = createEsmeWorld();
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), 0x0001, ecs17aContent); // CCS01 is a CHF use case
    rejected(world, command.bytes, Status.UNKNOWN_USE_CASE, 0x8f85, null);
  });

  it('a malformed DLMS payload gets BAD_PAYLOAD (devices 1.3 cause 8)', () => {
    const world = createEsmeWorld();
    const command = world.headEnd.buildCommand(NETWORK_OPERATOR_EUI, esmeEui(0), ECS17A_MESSAGE_CODE, (c) => ecs17aContent(c).subarray(0, 20));
    rejected(world, command.bytes, Status.BAD_PAYLOAD, 0x8f1e);
  });

  it('the Security Log keeps its 100 newest entries (devices 1.2 FIFO) in one page', () => {
    const world = createEsmeWorld();
    const bad = readCommand(world).bytes.subarray(0, 50);
    for (let i = 0; i < 130; i++) {
      world.firmware.deliverMessage(0, 'WAN', bad, world.nowMs + i * 1000);
      world.firmware.drainOutbox();
    }
    const log = readLog(world.firmware, 0, LOG_ID.SECURITY);
    expect(log).toHaveLength(100);
    expect(log[0]!.timeS).toBe(world.nowMs / 1000 + 30);
    expect(log.at(-1)!.timeS).toBe(world.nowMs / 1000 + 129);
    expect(readDeviceCounters(world.firmware, 0).pageCount).toBe(1);
  });
});

describe('devices 1.3 0x8F60 unusual numbers of malformed or out-of-order commands', () => {
  function alertCodesAfter(world: ReturnType<typeof createEsmeWorld>, bytes: Uint8Array, atMs: number): number[] {
    world.firmware.deliverMessage(0, 'WAN', bytes, atMs);
    return world.firmware.drainOutbox().map((m) => {
      const p = world.headEnd.open(m.bytes).payload;
      return p?.kind === 'dlms' && p.body.apdu === 'data-notification' ? p.body.alert?.alertCode ?? -1 : -1;
    });
  }

  it('is raised at the 10th counted rejection within an hour, once, and again only after a quiet hour', () => {
    const world = createEsmeWorld();
    const bad = readCommand(world).bytes.subarray(0, 50);
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) seen.push(...alertCodesAfter(world, bad, world.nowMs + i * 60_000));
    expect(seen.filter((c) => c === 0x8f60)).toHaveLength(1);
    expect(seen.indexOf(0x8f60)).toBe(10); // after the 10th 0x8F1E
    const later = world.nowMs + 12 * 60_000 + 3_600_000;
    const again: number[] = [];
    for (let i = 0; i < 10; i++) again.push(...alertCodesAfter(world, bad, later + i * 1000));
    expect(again.filter((c) => c === 0x8f60)).toHaveLength(1);
  });

  it('rejections spread over more than an hour never raise it', () => {
    const world = createEsmeWorld();
    const bad = readCommand(world).bytes.subarray(0, 50);
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) seen.push(...alertCodesAfter(world, bad, world.nowMs + i * 400_000));
    expect(seen).not.toContain(0x8f60);
  });
});
