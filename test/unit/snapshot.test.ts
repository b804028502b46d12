// Snapshots (ARCHITECTURE.md principle 4): a device's snapshot is its context plus the log
// pages it owns; restored into another slot or another instance it continues exactly as the
// original, and a snapshot from a firmware with another memory map is refused.
import { describe, expect, it } from 'vitest';
import { readDeviceCounters, readLog, LOG_ID } from '../../host/device-view.js';
import { ECS17A_MESSAGE_CODE, ecs17aContent } from '../../host/head-end.js';
import { NETWORK_OPERATOR_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { LookupKeyring } from '../../host/keyring.js';
import { consumption, createEsmeWorld, esmeEui, PARTIES } from '../helpers/esme-fixture.js';

describe('device snapshot and restore', () => {
  it('restores context and log pages into another instance, which then answers byte-identically', () => {
    const a = createEsmeWorld({ seed: 3n });
    const b = createEsmeWorld({ seed: 3n, devices: 0 });
    a.firmware.deliverMessage(0, 'LOCAL', consumption(100, 200, 3, 4), a.nowMs + 1000);
    a.firmware.deliverMessage(0, 'WAN', new Uint8Array(80), a.nowMs + 2000); // leaves a Security Log entry
    a.firmware.drainOutbox(); // and its 0x8F1E alert
    const snapshot = a.firmware.snapshotDevice(0);
    // Two pages: the Security Log and the prepayment ledger (the priced consumption created it).
    expect(snapshot.length).toBe(16 + a.firmware.layout.DEVICE_BYTES + 2 * a.firmware.layout.LOG_PAGE_BYTES);

    // The restored device keeps its identity (EUI in the context), so its secure element holds the same keys.
    b.secureElement.attach(5, new LookupKeyring(a.provider, a.keys, esmeEui(0), PARTIES.map((p) => p.eui)));
    expect(b.firmware.restoreDevice(5, snapshot)).toBe(Status.OK);
    expect(readDeviceCounters(b.firmware, 5)).toEqual(readDeviceCounters(a.firmware, 0));
    expect(readLog(b.firmware, 5, LOG_ID.SECURITY)).toEqual(readLog(a.firmware, 0, LOG_ID.SECURITY));

    const command = a.headEnd.buildCommand(NETWORK_OPERATOR_EUI, esmeEui(0), ECS17A_MESSAGE_CODE, ecs17aContent);
    expect(a.firmware.deliverMessage(0, 'WAN', command.bytes, a.nowMs + 3000)).toBe(Status.OK);
    expect(b.firmware.deliverMessage(5, 'WAN', command.bytes, a.nowMs + 3000)).toBe(Status.OK);
    const [ra] = a.firmware.drainOutbox();
    const [rb] = b.firmware.drainOutbox();
    expect(rb!.bytes).toEqual(ra!.bytes);
  });

  it('refuses a snapshot whose ABI version differs, and changes nothing', () => {
    const a = createEsmeWorld();
    const snapshot = a.firmware.snapshotDevice(0);
    snapshot[0]! ^= 0xff;
    expect(a.firmware.restoreDevice(1, snapshot)).toBe(Status.ABI_MISMATCH);
    expect(a.firmware.advanceTime(1, a.nowMs)).toBe(Status.NO_DEVICE);
  });

  it('refuses a truncated snapshot with BAD_LENGTH', () => {
    const a = createEsmeWorld();
    const snapshot = a.firmware.snapshotDevice(0);
    expect(a.firmware.restoreDevice(1, snapshot.subarray(0, snapshot.length - 1))).toBe(Status.BAD_LENGTH);
  });

  it('snapshot of an empty slot is an error naming NO_DEVICE', () => {
    const a = createEsmeWorld();
    expect(() => a.firmware.snapshotDevice(3)).toThrow(/NO_DEVICE/);
  });
});

describe('memory grows with what devices record, and the host survives growth', () => {
  it('a device that logged nothing owns no page; pages are allocated as logs fill and memory grows', () => {
    const world = createEsmeWorld({ devices: 64 });
    const before = world.firmware.memoryBytes;
    expect(readDeviceCounters(world.firmware, 0).pageCount).toBe(0);
    const junk = new Uint8Array(80);
    for (let slot = 0; slot < 64; slot++) world.firmware.deliverMessage(slot, 'WAN', junk, world.nowMs + 1000);
    expect(world.firmware.drainOutbox()).toHaveLength(64); // one 0x8F1E alert each
    // 64 security-log pages of 4 KiB: the pool grew past the initial memory.
    expect(world.firmware.memoryBytes).toBeGreaterThan(before);
    for (let slot = 0; slot < 64; slot++) expect(readDeviceCounters(world.firmware, slot).pageCount).toBe(1);
    // Views re-created after growth: a response drained after the grow is intact and verifies.
    const command = world.headEnd.buildCommand(NETWORK_OPERATOR_EUI, esmeEui(63), ECS17A_MESSAGE_CODE, ecs17aContent);
    expect(world.firmware.deliverMessage(63, 'WAN', command.bytes, world.nowMs + 2000)).toBe(Status.OK);
    expect(world.headEnd.openResponse(world.firmware.drainOutbox()[0]!.bytes).transactionId).toBe(command.counter);
  });
});
