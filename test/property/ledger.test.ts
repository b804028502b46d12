// Property test of the prepayment ledger (devices.md §4.13, §12.6): random short sequences of
// consumption, time steps (over midnights, standing charge, time debt), keypad top-ups (valid,
// duplicate, out-of-window counter, over the maximum credit, over the maximum balance, corrupted),
// the button, power cuts (snapshotDevice / restoreDevice of host/firmware.ts into a fresh slot
// state), and remote commands: ECS02 / ECS03 payment-mode switches and ECS43 / ECS44 / ECS42
// supply control, under a billing calendar (none, daily 12:00, weekly Monday 00:00) and possibly
// load limiting (690 W for 300 s disables for 600 s). After every
// event the ledger is read through host/ledger-view.ts and checked: L1 and L2 exactly as stated
// (deltas from the sequence start), L3 (no UTRN counter applied twice, across power cycles too),
// L4, L5, L6, L7 (DISABLED(CREDIT) -> ENABLED only by ECS42) and "supply off only for an allowed
// cause", L12 (the consumption charged, to the ledger or the credit-mode balance, equals the exact
// cost of the energy that flowed, to the milli-penny), and the Billing Data Log: one entry per
// calendar occurrence passed and per real change of mode, one credit per accepted UTRN.
// The firmware also asserts L1-L12 itself after every operation (a broken one traps).
// Seeded: the seed is printed; LEDGER_PROPERTY_SEED=… replays a run, LEDGER_PROPERTY_RUNS=… sizes it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LEDGER_VALUE, LEDGER_PERIOD, consumptionInput, utrnKeypadInput, buttonInput, ndcInput } from '../../host/local-inputs.js';
import { readLedger, SUPPLY_STATE, EC_STATE, type LedgerView } from '../../host/ledger-view.js';
import { Status } from '../../host/status.js';
import { createLedgerWorld, P, MONDAY_MS } from '../helpers/ledger-fixture.js';
import { readBillingLog } from '../../host/billing-log-view.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { accessRequest, messageCode, t, struct, array, os, enumOf, IMMEDIATE, type AccessItem } from '../helpers/ledger-commands.js';
import { esmeEui } from '../helpers/esme-fixture.js';

const SEED = Number(process.env.LEDGER_PROPERTY_SEED ?? 0x1ed9e7);
const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 10_000);
const PRICE_MILLI_PER_WH = 30n; // the fixture's 30 p/kWh
const COUNTERS = 24;

type Event =
  | { kind: 'consume'; wh: number }
  | { kind: 'step'; ms: number }
  | { kind: 'topup'; counter: number; amount: number }
  | { kind: 'outOfWindow'; amount: number }
  | { kind: 'corrupt'; counter: number }
  | { kind: 'button' }
  | { kind: 'powerCut' }
  | { kind: 'mode'; prepayment: boolean }
  | { kind: 'supply'; action: 'ECS43' | 'ECS44' | 'ECS42' };

const AMOUNTS = [5, 120, 900, 4000, 9000, 15_000] as const; // pence (the last two as pounds); 15 000 > MaxCT 10 000

const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 6000 }).map((wh) => ({ kind: 'consume' as const, wh })) },
  { weight: 3, arbitrary: fc.integer({ min: 60_000, max: 40 * 3_600_000 }).map((ms) => ({ kind: 'step' as const, ms })) },
  { weight: 4, arbitrary: fc.record({ counter: fc.integer({ min: 1, max: COUNTERS }), amount: fc.integer({ min: 0, max: AMOUNTS.length - 1 }) }).map((r) => ({ kind: 'topup' as const, ...r })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: AMOUNTS.length - 1 }).map((amount) => ({ kind: 'outOfWindow' as const, amount })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: COUNTERS }).map((counter) => ({ kind: 'corrupt' as const, counter })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'button' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'powerCut' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((prepayment) => ({ kind: 'mode' as const, prepayment })) },
  { weight: 1, arbitrary: fc.constantFrom('ECS43' as const, 'ECS44' as const, 'ECS42' as const).map((action) => ({ kind: 'supply' as const, action })) },
);

const BILLING = ['none', 'daily', 'weekly'] as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SWITCH = '0-0:96.3.10.255';
const ACCOUNT = '0-1:19.0.0.255';
const SUPPLY_ITEMS: Record<'ECS43' | 'ECS44' | 'ECS42', AccessItem> = {
  ECS43: { kind: 'action', target: t(70, SWITCH, 1), data: { type: 'integer', value: 0 } },
  ECS44: { kind: 'action', target: t(70, SWITCH, 2), data: { type: 'null-data' } },
  ECS42: { kind: 'action', target: t(70, SWITCH, 2), data: { type: 'integer', value: 0 } },
};
const modeItems = (prepayment: boolean): AccessItem[] => [
  { kind: 'set', target: t(111, ACCOUNT, 2), data: struct(enumOf(prepayment ? 2 : 1), enumOf(1)) },
  { kind: 'set', target: t(111, ACCOUNT, 13), data: os(IMMEDIATE) },
];

/** Billing occurrences in (fromMs, toMs]: daily at 12:00, or weekly on Monday at 00:00. */
function billingOccurrences(billing: (typeof BILLING)[number], fromMs: number, toMs: number): number {
  if (billing === 'none') return 0;
  let n = 0;
  for (let day = Math.floor(fromMs / DAY_MS); day * DAY_MS <= toMs; day++) {
    const at = billing === 'daily' ? day * DAY_MS + 12 * HOUR_MS : day * DAY_MS;
    if (at > fromMs && at <= toMs && (billing === 'daily' || new Date(at).getUTCDay() === 1)) n++;
  }
  return n;
}

/** Midnights in (fromMs, toMs]. */
function midnights(fromMs: number, toMs: number): number {
  return Math.floor(toMs / DAY_MS) - Math.floor(fromMs / DAY_MS);
}

const setup = fc.record({
  meterBalance: fc.integer({ min: -200, max: 3000 }),
  paymentDebt: fc.integer({ min: 0, max: 3000 }),
  drpp: fc.integer({ min: 0, max: 10_000 }),
  timeDebt1: fc.integer({ min: 0, max: 500 }),
  rate1: fc.integer({ min: 0, max: 50_000 }),
  scale1: fc.integer({ min: -3, max: 0 }),
  timeDebt2: fc.integer({ min: 0, max: 200 }),
  hourly2: fc.boolean(),
  cap: fc.option(fc.integer({ min: 0, max: 800 })),
  dt: fc.integer({ min: -100, max: 100 }),
  sdd: fc.boolean(),
  sde: fc.boolean(),
  friendly: fc.boolean(),
  billing: fc.constantFrom(...BILLING),
  loadLimit: fc.boolean(),
});

describe('ledger invariants over random sequences (devices 4.13)', () => {
  it(`hold after every event (${RUNS} sequences)`, () => {
    const w = createLedgerWorld();
    const fw = w.world.firmware;
    // The UTRN pool (the MAC costs an ECDH): counters 1..COUNTERS x AMOUNTS, and an out-of-window counter.
    const pool = new Map<string, string>();
    const utrn = (counter: number, amount: number) => {
      const key = `${counter}/${amount}`;
      let u = pool.get(key);
      if (!u) {
        const pence = AMOUNTS[amount]!;
        u = pence > 8191 ? w.utrn(counter, pence / 100, 'pounds') : w.utrn(counter, pence);
        pool.set(key, u);
      }
      return u;
    };
    const base = fw.snapshotDevice(w.slot); // the §12 defaults, before each sequence's own set-up
    const startMs = MONDAY_MS + 7 * 3_600_000;
    let sequences = 0;
    let events = 0;
    const seen = { accepted: 0, rejected: 0, disabled: 0, armed: 0, ecInUse: 0, adr: 0, powerCuts: 0, creditMode: 0, remoteDisabled: 0, billingEntries: 0, loadLimited: 0 };
    const t0 = performance.now(); // benchmark timer only: reported, never asserted on
    const cpu0 = process.cpuUsage(); // CPU time too: the machine is shared, wall time varies with its load
    console.log(`ledger property: seed ${SEED} (LEDGER_PROPERTY_SEED=${SEED} to replay), ${RUNS} runs`);

    fc.assert(
      fc.property(setup, fc.array(event, { minLength: 1, maxLength: 10 }), (s, script) => {
        sequences++;
        expect(fw.restoreDevice(w.slot, base)).toBe(Status.OK);
        let nowMs = startMs;
        const local = (bytes: Uint8Array) => expect(fw.deliverMessage(w.slot, 'LOCAL', bytes, nowMs)).toBe(Status.OK);
        const set = (register: number, value: bigint) => local(new Uint8Array([26, register, ...new Uint8Array(new BigInt64Array([value]).buffer)]));
        set(LEDGER_VALUE.PAYMENT_DEBT, BigInt(s.paymentDebt) * P);
        set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, BigInt(s.drpp));
        set(LEDGER_VALUE.TIME_DEBT_1, BigInt(s.timeDebt1) * P);
        set(LEDGER_VALUE.DEBT_RATE_1, BigInt(s.rate1));
        set(LEDGER_VALUE.DEBT_SCALE_1, BigInt(s.scale1));
        set(LEDGER_VALUE.TIME_DEBT_2, BigInt(s.timeDebt2) * P);
        set(LEDGER_VALUE.DEBT_RATE_2, 5000n);
        set(LEDGER_VALUE.DEBT_PERIOD_2, BigInt(s.hourly2 ? LEDGER_PERIOD.HOURLY : LEDGER_PERIOD.DAILY));
        if (s.cap !== null) {
          set(LEDGER_VALUE.CAP_AMOUNT, BigInt(s.cap) * P);
          set(LEDGER_VALUE.CAP_PERIOD, BigInt(LEDGER_PERIOD.WEEKLY));
        }
        set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, BigInt(s.dt) * P);
        set(LEDGER_VALUE.SUSPEND_DEBT_DISABLED, s.sdd ? 1n : 0n);
        set(LEDGER_VALUE.SUSPEND_DEBT_EMERGENCY, s.sde ? 1n : 0n);
        if (s.friendly) {
          local(ndcInput([
            { timeOfDayS: 16 * 3600, script: 'START', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 },
            { timeOfDayS: 9 * 3600 + 1800, script: 'STOP', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 },
          ]));
        }
        if (s.billing !== 'none') {
          const date = s.billing === 'daily' ? [0xff, 0xff, 0xff, 0xff, 0xff] : [0xff, 0xff, 0xff, 0xff, 1]; // weekday 1 = Monday
          w.state.nowMs = nowMs;
          w.attribute(22, '0-0:15.0.0.255', 4, array(struct(os(s.billing === 'daily' ? [12, 0, 0, 0] : [0, 0, 0, 0]), os(date))));
        }
        if (s.loadLimit) {
          // devices 5.3: 690 W for 300 s disables the supply for 600 s (installed as active values).
          w.state.nowMs = nowMs;
          w.attribute(9000, '0-0:94.44.128.7', 2, { type: 'double-long-unsigned', value: 690 });
          w.attribute(9000, '0-0:94.44.128.6', 2, { type: 'double-long-unsigned', value: 300 });
          w.attribute(9000, '0-0:94.44.128.8', 2, { type: 'double-long-unsigned', value: 600 });
          w.attribute(9000, '0-0:94.44.0.3', 2, enumOf(1));
        }
        set(LEDGER_VALUE.METER_BALANCE, BigInt(s.meterBalance) * P);
        fw.drainOutbox();
        const command = (useCase: string, items: readonly AccessItem[]) => {
          const built = w.world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(w.slot), messageCode(useCase), (c) => accessRequest(c, items));
          expect(fw.deliverMessage(w.slot, 'WAN', built.bytes, nowMs)).toBe(Status.OK);
        };
        const bdlStart = readBillingLog(fw, w.slot);
        let bdlExpected = bdlStart.snapshotsEver;
        let creditsExpected = bdlStart.credits.length;
        let creditModeStanding = 0n; // standing charges the credit-mode balance took (L12 counts consumption only)
        let remoteDisabled = false;

        const start = readLedger(fw, w.slot)!;
        let previousBdl = readBillingLog(fw, w.slot).snapshotsEver;
        const accepted = new Set<number>(start.utrnCache);
        let flowedWh = 0n;
        let previous = start;
        const check = (l: LedgerView, before: LedgerView, label: string) => {
          const d = (k: keyof LedgerView) => (l[k] as bigint) - (start[k] as bigint);
          const ecUsed = (x: LedgerView) => (x.ecState === EC_STATE.IN_USE || x.ecState === EC_STATE.EXHAUSTED ? x.ecGranted - x.ecBalance : 0n);
          const net = (x: LedgerView) => x.meterBalance - ecUsed(x) - x.accumulatedDebt - x.timeDebt1 - x.timeDebt2 - x.paymentDebt;
          const recovered = d('sumTimeDebt1') + d('sumTimeDebt2') + d('sumPayDebt') + d('sumAdrRepaid');
          // L1 (cash-flow form) and L2 (net-position form), over the interval since the sequence started.
          expect(d('sumCredit') - d('sumConsCharge') - d('sumStandingCollected') - recovered + d('sumEcToAdr'), `L1 ${label}`)
            .toBe(l.meterBalance - ecUsed(l) - (start.meterBalance - ecUsed(start)));
          expect(net(l) - net(start), `L2 ${label}`).toBe(d('sumCredit') - d('sumConsCharge') - d('sumStanding') + d('sumDebtDecrease') - d('sumDebtIncrease'));
          // L3: every cached counter once; a counter new to the cache was never accepted before.
          expect(new Set(l.utrnCache).size, `L3 ${label}`).toBe(l.utrnCache.length);
          for (const c of l.utrnCache) {
            if (!before.utrnCache.includes(c)) {
              expect(accepted.has(c), `L3 counter ${c} applied twice ${label}`).toBe(false);
              accepted.add(c);
            }
          }
          if (l.sumCredit !== before.sumCredit) {
            expect(l.utrnCache.length + (l.utrnCache.length === 100 ? 1 : 0), `credit only with a new counter ${label}`).toBeGreaterThanOrEqual(before.utrnCache.length);
            expect(l.meterBalance <= l.maxMeterBalance, `L5 ${label}`).toBe(true); // L5
          }
          // L4
          expect(l.ecBalance >= 0n && (l.ecGranted === 0n || l.ecBalance <= l.ecGranted), `L4 ECB ${label}`).toBe(true);
          expect(l.accumulatedDebt >= 0n && l.timeDebt1 >= 0n && l.timeDebt2 >= 0n && l.paymentDebt >= 0n, `L4 debts ${label}`).toBe(true);
          if (l.ecState === EC_STATE.IN_USE) expect(l.ecGranted > 0n, `L4 IN_USE ${label}`).toBe(true);
          // L6 and the supply: off only for credit (then AC < DT, in PREPAYMENT) or a remote ECS43.
          const ac = l.meterBalance + (l.ecState === EC_STATE.IN_USE ? l.ecBalance : 0n);
          const prepayment = l.mode === 2;
          if (l.supply === SUPPLY_STATE.ENABLED && prepayment) expect(ac >= l.disablementThreshold || l.ndActive === 1, `L6 ${label}`).toBe(true);
          if (l.supply === SUPPLY_STATE.DISABLED) {
            if (l.supplyCause === 3) expect(remoteDisabled, `remote cause without ECS43 ${label}`).toBe(true);
            else if (l.supplyCause === 2) expect(s.loadLimit, `load-limit cause without load limiting ${label}`).toBe(true);
            else {
              expect(l.supplyCause, `cause ${label}`).toBe(1);
              expect(prepayment && ac < l.disablementThreshold, `disabled with credit ${label}`).toBe(true);
            }
          }
          // L7: DISABLED(CREDIT) never goes straight to ENABLED, except by an accepted ECS42.
          if (before.supply === SUPPLY_STATE.DISABLED && before.supplyCause === 1 && l.supply === SUPPLY_STATE.ENABLED) {
            expect(label.includes('ECS42'), `L7 ${label}`).toBe(true);
          }
          // L12: the consumption charged (ledger or credit-mode balance) is the exact cost of the energy that flowed.
          const consumption = d('sumConsCharge') + d('sumCreditModeCharge') - creditModeStanding;
          expect(consumption * 1_000_000n + l.chargeAcc - start.chargeAcc, `L12 ${label}`).toBe(flowedWh * PRICE_MILLI_PER_WH * 1_000_000n);
          // Billing Data Log: one entry per calendar occurrence and per real mode change; one credit per accepted UTRN.
          const bdl = readBillingLog(fw, w.slot);
          expect(bdl.snapshotsEver, `BDL entries ${label}`).toBe(bdlExpected);
          expect(bdl.credits.length, `BDL credits ${label}`).toBe(Math.min(creditsExpected, 12));
        };

        for (const [i, e] of script.entries()) {
          events++;
          const label = `event ${i} ${JSON.stringify(e)}`;
          const before = readLedger(fw, w.slot)!;
          if (e.kind === 'consume') {
            if (before.supply === SUPPLY_STATE.ENABLED) flowedWh += BigInt(e.wh);
            local(consumptionInput(e.wh));
          } else if (e.kind === 'step') {
            bdlExpected += billingOccurrences(s.billing, nowMs, nowMs + e.ms);
            if (before.mode === 1) creditModeStanding += BigInt(midnights(nowMs, nowMs + e.ms)) * 50n * P;
            nowMs += e.ms;
            expect(fw.advanceTime(w.slot, nowMs)).toBe(Status.OK);
          } else if (e.kind === 'mode') {
            if ((before.mode === 2) !== e.prepayment) bdlExpected++;
            command(e.prepayment ? 'ECS03' : 'ECS02', modeItems(e.prepayment));
          } else if (e.kind === 'supply') {
            command(e.action, [SUPPLY_ITEMS[e.action]]);
            if (e.action === 'ECS43') remoteDisabled = true;
          } else if (e.kind === 'topup') {
            local(utrnKeypadInput(utrn(e.counter, e.amount)));
          } else if (e.kind === 'outOfWindow') {
            local(utrnKeypadInput(utrn(1030 + e.amount, e.amount))); // more than 512 above every cached counter
          } else if (e.kind === 'corrupt') {
            const u = utrn(e.counter, 1);
            local(utrnKeypadInput(`${u.slice(0, 12)}${(Number(u[12]) + 3) % 10}${u.slice(13)}`));
          } else if (e.kind === 'button') {
            local(buttonInput());
          } else {
            // Power cut: the persisted image is all that survives; restore it into the slot.
            const image = fw.snapshotDevice(w.slot);
            expect(fw.removeDevice(w.slot)).toBe(Status.OK);
            expect(fw.restoreDevice(w.slot, image)).toBe(Status.OK);
          }
          fw.drainOutbox();
          const after = readLedger(fw, w.slot)!;
          if (e.kind === 'topup' || e.kind === 'outOfWindow' || e.kind === 'corrupt') {
            if (after.sumCredit !== before.sumCredit) {
              seen.accepted++;
              creditsExpected++;
            } else seen.rejected++;
          }
          if (after.mode === 1) seen.creditMode++;
          if (after.supply === SUPPLY_STATE.DISABLED && after.supplyCause === 3) seen.remoteDisabled++;
          if (after.supply === SUPPLY_STATE.DISABLED && after.supplyCause === 2) seen.loadLimited++;
          if (readBillingLog(fw, w.slot).snapshotsEver > previousBdl) seen.billingEntries++;
          previousBdl = readBillingLog(fw, w.slot).snapshotsEver;
          if (after.supply === SUPPLY_STATE.DISABLED) seen.disabled++;
          if (after.supply === SUPPLY_STATE.ARMED) seen.armed++;
          if (after.ecState === EC_STATE.IN_USE) seen.ecInUse++;
          if (after.accumulatedDebt > 0n) seen.adr++;
          if (e.kind === 'powerCut') seen.powerCuts++;
          check(after, before, label);
          previous = after;
        }
        return previous !== undefined;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(`ledger property: ${sequences} sequences, ${events} events, ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU; states seen ${JSON.stringify(seen)}`);
    // The script must reach the interesting states, or the invariants above prove little.
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(0);
  }, 300_000); // the figure is the CPU time printed above; the wall time follows the shared machine's load
});
