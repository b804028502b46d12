// Property test of the GSME's prepayment ledger (devices.md §4.13, §4.16, §12.6): random short
// sequences of gas consumption (dm3, LOCAL GAS_CONSUMPTION, priced through the conversion factor
// and calorific value), time steps (midnights: ADR repayment, standing charge, time debt), keypad
// top-ups (valid, duplicate, out-of-window counter, over the maximum credit or balance,
// corrupted), the button, battery swaps (snapshotDevice / removeDevice / restoreDevice), and
// remote GCS02 / GCS03 payment-mode switches and GCS32 / GCS39 valve commands, under one of two
// tariffs: a single price, or GCS01a TOU tiers (3 p/kWh from 00:00, 9 p/kWh from 07:00) with a
// GCS25a daily billing period from 06:00. After
// every event the ledger is read through host/ledger-view.ts and checked: L1 and L2 exactly (deltas
// from the sequence start), L3 across restores, L4, L5, L6 with "the valve is closed only for
// credit", L12 (the gas that flowed while the valve was open, converted exactly to energy, is
// rated in whole Wh with the rest carried in gasEnergyAcc: the charge plus its carried fraction
// equals the price of the whole Wh exactly, and the whole Wh plus the carried energy equal the
// exact energy, each increment priced at its tier); L7 (DISABLED(CREDIT) never straight to
// ENABLED) and "the valve is off only for credit or a GCS32"; the Billing Data Log gains one
// entry per billing occurrence passed and per real change of mode; the ledger alerts leave as GBZ alerts.
// The firmware also asserts L1-L12 itself (a broken one traps).
// Seeded: the seed is printed; GSME_LEDGER_PROPERTY_SEED=… replays, GSME_LEDGER_PROPERTY_RUNS=… sizes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LEDGER_VALUE, LEDGER_PERIOD, utrnKeypadInput, buttonInput } from '../../host/local-inputs.js';
import { gasConsumptionInput } from '../../host/gsme-inputs.js';
import { readLedger, SUPPLY_STATE, EC_STATE, type LedgerView } from '../../host/ledger-view.js';
import { Status } from '../../host/status.js';
import { createGsmeLedgerWorld, gasEnergyUnits, GAS_ENERGY_UNITS, GAS_PRICING, P, MONDAY_MS } from '../helpers/gsme-ledger-fixture.js';
import { readBillingLog } from '../../host/billing-log-view.js';
import { priceMatrix, dayProfile, billingPeriod, changeSupply, changePaymentMode, GCS01A, GCS02, GCS03, GCS25A, GCS32, GCS39 } from '../helpers/gsme-commands.js';

const SEED = Number(process.env.GSME_LEDGER_PROPERTY_SEED ?? 0x6a5e);
const RUNS = Number(process.env.GSME_LEDGER_PROPERTY_RUNS ?? 10_000);
const COUNTERS = 24;
const FRACTION = 1_000_000n;

type Event =
  | { kind: 'gas'; dm3: number }
  | { kind: 'step'; ms: number }
  | { kind: 'topup'; counter: number; amount: number }
  | { kind: 'outOfWindow'; amount: number }
  | { kind: 'corrupt'; counter: number }
  | { kind: 'button' }
  | { kind: 'batterySwap' }
  | { kind: 'mode'; prepayment: boolean }
  | { kind: 'valve'; arm: boolean };

const AMOUNTS = [5, 120, 900, 4000, 9000, 15_000] as const; // pence (the last two as pounds); 15 000 > MaxCT 10 000

const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((dm3) => ({ kind: 'gas' as const, dm3 })) },
  { weight: 3, arbitrary: fc.integer({ min: 60_000, max: 40 * 3_600_000 }).map((ms) => ({ kind: 'step' as const, ms })) },
  { weight: 4, arbitrary: fc.record({ counter: fc.integer({ min: 1, max: COUNTERS }), amount: fc.integer({ min: 0, max: AMOUNTS.length - 1 }) }).map((r) => ({ kind: 'topup' as const, ...r })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: AMOUNTS.length - 1 }).map((amount) => ({ kind: 'outOfWindow' as const, amount })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: COUNTERS }).map((counter) => ({ kind: 'corrupt' as const, counter })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'button' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'batterySwap' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((prepayment) => ({ kind: 'mode' as const, prepayment })) },
  { weight: 1, arbitrary: fc.boolean().map((arm) => ({ kind: 'valve' as const, arm })) },
);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TOU_PRICES = [3_000n, 9_000n] as const; // milli-pence per kWh before / after 07:00
const STANDING_MILLI = 30_000n; // the fixture's 30 p/day
const BILLING_HOUR = 6;

/** Daily billing occurrences (06:00) in (fromMs, toMs]. */
function billingOccurrences(fromMs: number, toMs: number): number {
  const first = Math.floor((fromMs - BILLING_HOUR * HOUR_MS) / DAY_MS) + 1;
  const last = Math.floor((toMs - BILLING_HOUR * HOUR_MS) / DAY_MS);
  return Math.max(0, last - first + 1);
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
  tou: fc.boolean(),
});


describe('GSME ledger invariants over random sequences (devices 4.13, 4.16)', () => {
  it(`hold after every event (${RUNS} sequences)`, () => {
    const w = createGsmeLedgerWorld();
    const fw = w.firmware;
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
    const base = fw.snapshotDevice(w.slot);
    // The TOU base: GCS01a tiers and day profile, and a GCS25a daily billing period from 06:00.
    w.send(GCS01A, [priceMatrix(true, [[1, Number(TOU_PRICES[0])], [2, Number(TOU_PRICES[1])]]), dayProfile([[0, 1], [420, 2]])]);
    w.send(GCS25A, [billingPeriod(MONDAY_MS + BILLING_HOUR * HOUR_MS, 1, 1)]);
    const touBase = fw.snapshotDevice(w.slot);
    const startMs = MONDAY_MS + 7 * 3_600_000;
    let sequences = 0;
    let events = 0;
    const seen = { accepted: 0, rejected: 0, disabled: 0, armed: 0, ecInUse: 0, adr: 0, batterySwaps: 0, gbzAlerts: 0, valveClosedGas: 0, modeSwitches: 0, creditMode: 0, remoteClosed: 0 };
    const t0 = performance.now(); // benchmark timer only: reported, never asserted on
    const cpu0 = process.cpuUsage(); // CPU time too: the machine is shared, wall time varies with its load
    console.log(`GSME ledger property: seed ${SEED} (GSME_LEDGER_PROPERTY_SEED=${SEED} to replay), ${RUNS} runs`);

    fc.assert(
      fc.property(setup, fc.array(event, { minLength: 1, maxLength: 10 }), (s, script) => {
        sequences++;
        expect(fw.restoreDevice(w.slot, s.tou ? touBase : base)).toBe(Status.OK);
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
        set(LEDGER_VALUE.METER_BALANCE, BigInt(s.meterBalance) * P);
        fw.drainOutbox();

        const read = () => readLedger(fw, w.slot, { gas: true })!;
        const start = read();
        const accepted = new Set<number>(start.utrnCache);
        let energy = start.gasEnergyAcc; // the exact energy that flowed, in 1/GAS_ENERGY_UNITS Wh (with what was carried)
        let expectedCharge = 0n; // each increment's whole Wh at its tier's price, in 1/FRACTION milli-penny
        let creditModeStanding = 0n;
        let remoteClosed = false;
        let bdlExpected = readBillingLog(fw, w.slot).snapshotsEver;
        w.state.nowMs = nowMs;
        const check = (l: LedgerView, before: LedgerView, label: string) => {
          const d = (k: keyof LedgerView) => (l[k] as bigint) - (start[k] as bigint);
          const ecUsed = (x: LedgerView) => (x.ecState === EC_STATE.IN_USE || x.ecState === EC_STATE.EXHAUSTED ? x.ecGranted - x.ecBalance : 0n);
          const net = (x: LedgerView) => x.meterBalance - ecUsed(x) - x.accumulatedDebt - x.timeDebt1 - x.timeDebt2 - x.paymentDebt;
          const recovered = d('sumTimeDebt1') + d('sumTimeDebt2') + d('sumPayDebt') + d('sumAdrRepaid');
          expect(d('sumCredit') - d('sumConsCharge') - d('sumStandingCollected') - recovered + d('sumEcToAdr'), `L1 ${label}`)
            .toBe(l.meterBalance - ecUsed(l) - (start.meterBalance - ecUsed(start)));
          expect(net(l) - net(start), `L2 ${label}`).toBe(d('sumCredit') - d('sumConsCharge') - d('sumStanding') + d('sumDebtDecrease') - d('sumDebtIncrease'));
          expect(new Set(l.utrnCache).size, `L3 ${label}`).toBe(l.utrnCache.length);
          for (const c of l.utrnCache) {
            if (!before.utrnCache.includes(c)) {
              expect(accepted.has(c), `L3 counter ${c} applied twice ${label}`).toBe(false);
              accepted.add(c);
            }
          }
          if (l.sumCredit !== before.sumCredit) expect(l.meterBalance <= l.maxMeterBalance, `L5 ${label}`).toBe(true);
          expect(l.ecBalance >= 0n && (l.ecGranted === 0n || l.ecBalance <= l.ecGranted), `L4 ECB ${label}`).toBe(true);
          expect(l.accumulatedDebt >= 0n && l.timeDebt1 >= 0n && l.timeDebt2 >= 0n && l.paymentDebt >= 0n, `L4 debts ${label}`).toBe(true);
          if (l.ecState === EC_STATE.IN_USE) expect(l.ecGranted > 0n, `L4 IN_USE ${label}`).toBe(true);
          const ac = l.meterBalance + (l.ecState === EC_STATE.IN_USE ? l.ecBalance : 0n);
          const prepayment = l.mode === 2;
          if (l.supply === SUPPLY_STATE.ENABLED && prepayment) expect(ac >= l.disablementThreshold, `L6 ${label}`).toBe(true);
          if (l.supply === SUPPLY_STATE.DISABLED) {
            if (l.supplyCause === 3) expect(remoteClosed, `valve remote cause without GCS32 ${label}`).toBe(true);
            else {
              expect(l.supplyCause, `valve cause ${label}`).toBe(1);
              expect(prepayment && ac < l.disablementThreshold, `valve closed with credit ${label}`).toBe(true);
            }
          }
          // L12: whole Wh rated + carried energy = exact energy; charge (ledger or credit-mode
          // balance) + carried fraction = each increment's whole Wh at its price.
          expect((energy - l.gasEnergyAcc) % GAS_ENERGY_UNITS, `L12 energy ${label}`).toBe(0n);
          expect(l.gasEnergyAcc >= 0n && l.gasEnergyAcc < GAS_ENERGY_UNITS, `L12 carry ${label}`).toBe(true);
          const consumption = d('sumConsCharge') + d('sumCreditModeCharge') - creditModeStanding;
          expect(consumption * FRACTION + l.chargeAcc - start.chargeAcc, `L12 ${label}`).toBe(expectedCharge);
          expect(readBillingLog(fw, w.slot).snapshotsEver, `BDL entries ${label}`).toBe(bdlExpected);
          // L7: the valve never goes from DISABLED(CREDIT) straight to ENABLED (gas re-opens by the button on ARMED only).
          if (before.supply === SUPPLY_STATE.DISABLED) expect(l.supply === SUPPLY_STATE.ENABLED, `L7 ${label}`).toBe(false);
        };

        for (const [i, e] of script.entries()) {
          events++;
          const label = `event ${i} ${JSON.stringify(e)}`;
          const before = read();
          if (e.kind === 'gas') {
            if (before.supply === SUPPLY_STATE.ENABLED) {
              const wholeBefore = energy / GAS_ENERGY_UNITS;
              energy += gasEnergyUnits(BigInt(e.dm3));
              const hour = new Date(nowMs).getUTCHours();
              const price = s.tou ? TOU_PRICES[hour < 7 ? 0 : 1] : GAS_PRICING.priceMilliPerKWh;
              expectedCharge += (energy / GAS_ENERGY_UNITS - wholeBefore) * price * FRACTION / 1000n;
            } else if (e.dm3 > 0) seen.valveClosedGas++;
            local(gasConsumptionInput(e.dm3));
          } else if (e.kind === 'step') {
            if (s.tou) bdlExpected += billingOccurrences(nowMs, nowMs + e.ms);
            if (before.mode === 1) creditModeStanding += BigInt(Math.floor((nowMs + e.ms) / DAY_MS) - Math.floor(nowMs / DAY_MS)) * STANDING_MILLI;
            nowMs += e.ms;
            expect(fw.advanceTime(w.slot, nowMs)).toBe(Status.OK);
          } else if (e.kind === 'mode') {
            if ((before.mode === 2) !== e.prepayment) bdlExpected++;
            w.state.nowMs = nowMs;
            w.send(e.prepayment ? GCS03 : GCS02, [changePaymentMode(e.prepayment, s.dt * 1000)], { open: false });
            seen.modeSwitches++;
          } else if (e.kind === 'valve') {
            w.state.nowMs = nowMs;
            w.send(e.arm ? GCS39 : GCS32, [changeSupply(e.arm ? 1 : 0)], { open: false });
            if (!e.arm) remoteClosed = true;
          } else if (e.kind === 'topup') {
            local(utrnKeypadInput(utrn(e.counter, e.amount)));
          } else if (e.kind === 'outOfWindow') {
            local(utrnKeypadInput(utrn(1030 + e.amount, e.amount)));
          } else if (e.kind === 'corrupt') {
            const u = utrn(e.counter, 1);
            local(utrnKeypadInput(`${u.slice(0, 12)}${(Number(u[12]) + 3) % 10}${u.slice(13)}`));
          } else if (e.kind === 'button') {
            local(buttonInput());
          } else {
            // Battery swap: the NV image is all that survives; restore it into the slot.
            const image = fw.snapshotDevice(w.slot);
            expect(fw.removeDevice(w.slot)).toBe(Status.OK);
            expect(fw.restoreDevice(w.slot, image)).toBe(Status.OK);
          }
          seen.gbzAlerts += fw.drainOutbox().length;
          const after = read();
          if (e.kind === 'topup' || e.kind === 'outOfWindow' || e.kind === 'corrupt') {
            if (after.sumCredit !== before.sumCredit) seen.accepted++;
            else seen.rejected++;
          }
          if (after.supply === SUPPLY_STATE.DISABLED) seen.disabled++;
          if (after.supply === SUPPLY_STATE.ARMED) seen.armed++;
          if (after.ecState === EC_STATE.IN_USE) seen.ecInUse++;
          if (after.accumulatedDebt > 0n) seen.adr++;
          if (e.kind === 'batterySwap') seen.batterySwaps++;
          if (after.mode === 1) seen.creditMode++;
          if (after.supply === SUPPLY_STATE.DISABLED && after.supplyCause === 3) seen.remoteClosed++;
          check(after, before, label);
        }
        return true;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(`GSME ledger property: ${sequences} sequences, ${events} events, ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU; states seen ${JSON.stringify(seen)}`);
    for (const [name, count] of Object.entries(seen)) expect(count, name).toBeGreaterThan(0);
  }, 300_000); // the figure is the CPU time printed above; the wall time follows the shared machine's load
});
