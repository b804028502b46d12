// Load limiting on the ESME (devices.md 5.3; scenarios T50, T51 of §12.5): the import power of an
// increment (its energy over the time since the previous one) above LoadLimitPowerThreshold for a
// full LoadLimitPeriod raises 0x8F01, counts one event in 3/0-0:94.44.42.255 (ECS28b zeroes it) and
// acts as LoadLimitSupplyState says: Disable (then ENABLED with 0x8F34 after the restoration
// period), Arm (0x8F33), or Unchanged. Configured by ECS28a (passive a4 + activation a6).
import { describe, expect, it } from 'vitest';
import { SUPPLY_STATE, SUPPLY_CAUSE } from '../../host/ledger-view.js';
import { createLedgerWorld, MONDAY_MS } from '../helpers/ledger-fixture.js';
import { sendDlms, t, os, IMMEDIATE } from '../helpers/ledger-commands.js';

const u32 = (value: number) => ({ type: 'double-long-unsigned' as const, value });
const enumOf = (value: number) => ({ type: 'enum' as const, value });
const COUNTER = t(3, '0-0:94.44.42.255', 2);
const A = { LOAD_LIMIT: 0x8f01, ARMED_BY_LOAD_LIMIT: 0x8f33, RESTORED: 0x8f34 };

function limited(action: number, restorationS = 30) {
  const w = createLedgerWorld();
  // ECS28a, immediate: passive values and an all-zero activation time per part (devices 11.6).
  const part = (obis: string, value: object) => [
    { kind: 'set' as const, target: t(9000, obis, 4), data: value as never },
    { kind: 'set' as const, target: t(9000, obis, 6), data: os(IMMEDIATE) },
  ];
  const reply = sendDlms(w, 'ECS28a', [
    ...part('0-0:94.44.0.3', enumOf(action)), ...part('0-0:94.44.128.6', u32(300)),
    ...part('0-0:94.44.128.7', u32(6900)), ...part('0-0:94.44.128.8', u32(restorationS)),
  ]);
  expect(reply.results).toEqual(Array(8).fill(0));
  w.consume(10); // the first increment: a time base for the power of the next
  return w;
}

const counter = (w: ReturnType<typeof createLedgerWorld>) => sendDlms(w, 'ECS27', [{ kind: 'get', target: COUNTER }]).data[0];

describe('5.3 load limiting', () => {
  it('T50: 6900 W, 300 s, Disable, restoration 30 s: 7 kW for 300 s -> 0x8F01, counter 1, DISABLED; +30 s ENABLED, 0x8F34', () => {
    const w = limited(1);
    w.advanceTo(MONDAY_MS + 300_000);
    w.consume(584); // 7 008 W over 300 s
    expect(w.ledger()).toMatchObject({ supply: SUPPLY_STATE.DISABLED, supplyCause: SUPPLY_CAUSE.LOAD_LIMIT });
    expect(w.ledger().alerts.at(-1)).toBe(A.LOAD_LIMIT);
    expect(counter(w)).toEqual(u32(1));
    w.advanceTo(MONDAY_MS + 329_000);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    w.advanceTo(MONDAY_MS + 330_000);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
    expect(w.ledger().alerts.at(-1)).toBe(A.RESTORED);
  });

  it('T51: Unchanged: 7 kW for 600 s -> 0x8F01 twice (every full period), the supply stays ENABLED; ECS28b zeroes the counter', () => {
    const w = limited(0);
    w.advanceTo(MONDAY_MS + 300_000);
    w.consume(584);
    w.advanceTo(MONDAY_MS + 600_000);
    w.consume(584);
    expect(w.ledger().alerts.filter((a) => a === A.LOAD_LIMIT)).toHaveLength(2);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
    expect(counter(w)).toEqual(u32(2));
    expect(sendDlms(w, 'ECS28b', [{ kind: 'action', target: t(3, '0-0:94.44.42.255', 1), data: { type: 'integer', value: 0 } }]).results).toEqual([0]);
    expect(counter(w)).toEqual(u32(0));
  });

  it('Arm: the supply goes ARMED with 0x8F01 then 0x8F33; the button re-enables it', () => {
    const w = limited(2);
    w.advanceTo(MONDAY_MS + 300_000);
    w.consume(584);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED);
    expect(w.ledger().alerts.slice(-2)).toEqual([A.LOAD_LIMIT, A.ARMED_BY_LOAD_LIMIT]);
    w.button();
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
  });

  it('below the threshold (6 kW), or above for less than a period, nothing happens; power at exactly the threshold is not above it', () => {
    const w = limited(1);
    w.advanceTo(MONDAY_MS + 300_000);
    w.consume(500); // 6 000 W
    w.advanceTo(MONDAY_MS + 400_000);
    w.consume(200); // 7 200 W for 100 s only
    w.advanceTo(MONDAY_MS + 700_000);
    w.consume(575); // exactly 6 900 W: not above, the time above restarts
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
    expect(w.ledger().alerts).not.toContain(A.LOAD_LIMIT);
  });
});
