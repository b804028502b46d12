import { describe, expect, it } from 'vitest';
import { PowerCutError } from '../../host/firmware.js';
import { readLedger, type LedgerView } from '../../host/ledger-view.js';
import { utrnKeypadInput } from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { POWER_EVENT, powerEventInput } from '../../host/world/power.js';
import { cs01aContent, MESSAGE_CODE } from '../../host/world/remote-commands.js';
import { createLedgerWorld, P, type LedgerWorld } from '../helpers/ledger-fixture.js';
import { esmeEui } from '../helpers/esme-fixture.js';

// Issue 8: power lost in the middle of writing persistent state. For a top-up (keypad and
// remote CS01a), the power is cut after every persistent write the firmware makes for it
// (assembly/power/journal.ts: the fault knob armPowerCut), the device restarts from the image
// it had persisted (restoreDevice + the power events), and the ledger must hold: a counter is
// cached exactly when its credit is in the balance, nothing is half-applied, a top-up the
// device acknowledged is applied exactly once and one it did not at most once, a retry never
// applies twice, and the ESME raises the restoration alert.

const AMOUNT = 500n * P;
const COUNTER = 7;
const RESTORED_AFTER_MS = 60_000;
const ALERT_SHORT_OUTAGE = 0x8f35;

type Path = 'keypad' | 'CS01a';
const commands = new Map<string, Uint8Array>();

/** Delivers the top-up; true when the call returned (its answer left the device), false when the power was cut. */
function topUp(w: LedgerWorld, path: Path, utrn: string, counter: bigint): { returned: boolean; accepted: boolean } {
  const firmware = w.world.firmware;
  const before = readLedger(firmware, w.slot)!.sumCredit;
  try {
    if (path === 'keypad') {
      expect(firmware.deliverMessage(w.slot, 'LOCAL', utrnKeypadInput(utrn), w.state.nowMs)).toBe(Status.OK);
    } else {
      // A retry is the same bytes again (the DCC resends; the UTRN is bound to the counter).
      let bytes = commands.get(utrn);
      if (bytes === undefined) {
        bytes = w.world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(w.slot), MESSAGE_CODE.CS01a, cs01aContent(utrn), { counter }).bytes;
        commands.set(utrn, bytes);
      }
      firmware.deliverMessage(w.slot, 'WAN', bytes, w.state.nowMs);
    }
  } catch (error) {
    if (error instanceof PowerCutError) return { returned: false, accepted: false };
    throw error;
  }
  const out = firmware.drainOutbox();
  if (path === 'CS01a') expect(out.length).toBeGreaterThan(0); // the response (accepted or refused)
  return { returned: true, accepted: readLedger(firmware, w.slot)!.sumCredit > before };
}

/** A restart from the persisted image: restore it, then the supply lost / restored inputs. */
function restart(w: LedgerWorld): number[] {
  const firmware = w.world.firmware;
  const image = firmware.snapshotDevice(w.slot);
  expect(firmware.restoreDevice(w.slot, image)).toBe(Status.OK);
  const kind = firmware.layout.LOCAL_POWER_EVENT!;
  expect(firmware.deliverMessage(w.slot, 'LOCAL', powerEventInput(kind, POWER_EVENT.SUPPLY_LOST, w.state.nowMs), w.state.nowMs)).toBe(Status.OK);
  w.state.nowMs += RESTORED_AFTER_MS;
  expect(firmware.advanceTime(w.slot, w.state.nowMs)).toBe(Status.OK);
  expect(firmware.deliverMessage(w.slot, 'LOCAL', powerEventInput(kind, POWER_EVENT.SUPPLY_RESTORED, w.state.nowMs), w.state.nowMs)).toBe(Status.OK);
  return firmware.drainOutbox().map((m) => m.bytes.length);
}

/** The ledger is whole: the counter is cached exactly when its credit is in, and in once. */
function checkWhole(before: LedgerView, after: LedgerView, counter: number): 0 | 1 {
  const applied = after.sumCredit - before.sumCredit;
  expect([0n, AMOUNT]).toContain(applied);
  const times = applied === 0n ? 0 : 1;
  expect(after.utrnCache.includes(counter)).toBe(times === 1);
  expect(after.meterBalance - before.meterBalance).toBe(applied); // no debt at the defaults: all to MB
  expect(after.utrnCount).toBe(before.utrnCount + times);
  return times;
}

function writePoints(path: Path): number {
  const w = createLedgerWorld();
  w.world.firmware.armPowerCut(w.slot, 0);
  expect(topUp(w, path, w.utrn(COUNTER, 500), BigInt(COUNTER) << 32n).accepted).toBe(true);
  return w.world.firmware.powerWriteCount();
}

describe('issue 8: power cut at every write point of a top-up', () => {
  for (const path of ['keypad', 'CS01a'] as const) {
    it(`${path}: a cut after any write rolls back or forward whole; acknowledged exactly once, unacknowledged at most once`, () => {
      const points = writePoints(path);
      expect(points).toBe(5); // journal image, commit record open, UTRN cache, registers, commit record closed
      const outcomes: string[] = [];
      for (let k = 1; k <= points; k++) {
        const w = createLedgerWorld();
        const firmware = w.world.firmware;
        const counter = BigInt(COUNTER) << 32n;
        const utrn = w.utrn(COUNTER, 500);
        commands.delete(utrn);
        const before = readLedger(firmware, w.slot)!;
        firmware.armPowerCut(w.slot, k);
        const first = topUp(w, path, utrn, counter);
        expect(first.returned, `cut after write ${k}`).toBe(false); // never acknowledged
        const restoredOut = restart(w);
        expect(restoredOut.length, 'the ESME raises the restoration alert').toBeGreaterThanOrEqual(1);
        expect(readLedger(firmware, w.slot)!.alerts).not.toContain(ALERT_SHORT_OUTAGE); // ECS80 is not a ledger alert
        const afterCut = readLedger(firmware, w.slot)!;
        const once = checkWhole(before, afterCut, COUNTER);
        // Only a cut after the commit record closed keeps the top-up (rolled forward by being whole).
        expect(once).toBe(k === points ? 1 : 0);
        // The party retries the same top-up (same UTRN; for CS01a a new command with the next
        // counter would need a new UTRN, so the same bytes' counter again).
        const retry = topUp(w, path, utrn, counter);
        expect(retry.returned).toBe(true);
        const afterRetry = readLedger(firmware, w.slot)!;
        const total = checkWhole(before, afterRetry, COUNTER);
        if (retry.accepted) expect(total).toBe(1); // acknowledged: exactly once
        expect(total).toBeLessThanOrEqual(1); // never twice
        // The firmware's own invariants (L1-L12) run on the next operations: consumption and a midnight.
        w.consume(1000);
        w.advanceBy(86_400_000);
        outcomes.push(`${k}:${once}${total}${retry.accepted ? 'a' : 'r'}`);
      }
      // k:<applied after the cut><applied after the retry><retry accepted | refused as a duplicate>
      expect(outcomes).toEqual(['1:01a', '2:01a', '3:01a', '4:01a', '5:11r']);
    });
  }

  it('the journal is persistent state: a snapshot taken mid-top-up restores into a fresh instance and rolls back there', () => {
    const w = createLedgerWorld();
    const before = readLedger(w.world.firmware, w.slot)!;
    w.world.firmware.armPowerCut(w.slot, 3); // after the UTRN cache write, before the credit
    expect(topUp(w, 'keypad', w.utrn(COUNTER, 500), 0n).returned).toBe(false);
    const torn = readLedger(w.world.firmware, w.slot)!;
    expect(torn.utrnCache).toContain(COUNTER); // the hazard: cached, not credited
    expect(torn.sumCredit).toBe(before.sumCredit);
    const image = w.world.firmware.snapshotDevice(w.slot);
    const other = createLedgerWorld();
    other.state.nowMs = w.state.nowMs;
    expect(other.world.firmware.restoreDevice(other.slot, image)).toBe(Status.OK);
    restart(other);
    checkWhole(before, readLedger(other.world.firmware, other.slot)!, COUNTER);
    expect(readLedger(other.world.firmware, other.slot)!.utrnCache).not.toContain(COUNTER);
    other.keypad(other.utrn(COUNTER, 500));
    expect(checkWhole(before, readLedger(other.world.firmware, other.slot)!, COUNTER)).toBe(1);
  });
});
