// Prepayment ledger scenarios named after devices.md §12 (T…) and the worked examples §4.14 / §4.15,
// with exact milli-pence. Each drives one ESME through LOCAL inputs (consumption, keypad UTRNs made
// with the test PKI's supplier prepayment key, the button, ledger set-up) and advanceTime, and reads
// the ledger through host/ledger-view.ts. Alerts are read from the ledger's alert trace.
import { describe, expect, it } from 'vitest';
import { LEDGER_VALUE, LEDGER_PERIOD, ndcInput, tamperInput } from '../../host/local-inputs.js';
import { Status } from '../../host/status.js';
import { EC_STATE, SUPPLY_STATE, SUPPLY_CAUSE } from '../../host/ledger-view.js';
import { createLedgerWorld, P, MONDAY_MS, dayProfiles, weekProfile, season, specialDays, thresholds, unitCharge } from '../helpers/ledger-fixture.js';
import { sendDlms, t } from '../helpers/ledger-commands.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const A = {
  LOW_CREDIT: 0x810d, CREDIT_ADDED_LOCALLY: 0x810e, EC_AVAILABLE: 0x8119, BUTTON: 0x8161, ARMED_BY_EC: 0x8168,
  TD1_DONE: 0x81a7, TD2_DONE: 0x81a8, PAYMENT_DEBT_DONE: 0x81a9, EC_EXHAUSTED: 0x81aa, EC_ACTIVATED: 0x81ab,
  SUSPENDED: 0x81c4, LOCKED_OUT: 0x81c5, DISABLED: 0x8f0f, ARMED: 0x8f32, MAX_BALANCE: 0x8f47, DUPLICATE: 0x8f51,
  MAX_CREDIT: 0x8f5b, NOT_AUTHENTIC: 0x8f63, ND_SUSPENDED: 0x8f83,
};

function newAlerts(w: ReturnType<typeof createLedgerWorld>, run: () => void): number[] {
  const before = w.ledger().alertTraceCount;
  run();
  const l = w.ledger();
  return l.alerts.slice(l.alerts.length - (l.alertTraceCount - before));
}

describe('12.1 ledger and top-up', () => {
  it('T4: a valid keypad UTRN of 500 p: MB 1500 p, 0x810E, counter cached', () => {
    const w = createLedgerWorld();
    const alerts = newAlerts(w, () => w.keypad(w.utrn(1, 500)));
    expect(w.ledger().meterBalance).toBe(1500n * P);
    expect(alerts).toEqual([A.CREDIT_ADDED_LOCALLY]);
    expect(w.ledger().utrnCache).toEqual([1]);
  });

  it('T2: the same UTRN again is rejected 0x8F51 and MB is unchanged', () => {
    const w = createLedgerWorld();
    w.keypad(w.utrn(1, 2000));
    expect(w.ledger().meterBalance).toBe(3000n * P);
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 2000)))).toEqual([A.DUPLICATE]);
    expect(w.ledger().meterBalance).toBe(3000n * P);
  });

  it('T5: a UTRN over MaxCT is rejected 0x8F5B, no ledger change, counter not cached', () => {
    const w = createLedgerWorld();
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 150, 'pounds')))).toEqual([A.MAX_CREDIT]);
    expect(w.ledger().meterBalance).toBe(1000n * P);
    expect(w.ledger().utrnCache).toEqual([]);
  });

  it('T6: MB 24 000, MaxMB 25 000, UTRN 2000 rejected 0x8F47; MB 24 000', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 24_000n * P);
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 20, 'pounds')))).toEqual([A.MAX_BALANCE]);
    expect(w.ledger().meterBalance).toBe(24_000n * P);
  });

  it('T7 / T8: a corrupted UTRN and one made for another device are not authentic (0x8F63)', () => {
    const w = createLedgerWorld();
    const good = w.utrn(1, 500);
    const corrupted = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
    expect(newAlerts(w, () => w.keypad(corrupted))).toEqual([A.NOT_AUTHENTIC]);
    const other = createLedgerWorld({ seed: 8n }); // other keys: the MAC is bound to the device's key
    expect(newAlerts(w, () => w.keypad(other.utrn(2, 500)))).toEqual([A.NOT_AUTHENTIC]);
    expect(w.ledger().meterBalance).toBe(1000n * P);
  });

  it('T9: the 5th invalid keypad UTRN in 1 h locks manual entry (0x81C4); a valid one within 24 h gets 0x81C5', () => {
    const w = createLedgerWorld();
    for (let i = 0; i < 4; i++) {
      w.keypad('12345678910121314156'.replace(/.$/, String(i)));
      w.advanceBy(10 * 60_000);
    }
    expect(newAlerts(w, () => w.keypad('12345678910121314150'))).toEqual([A.NOT_AUTHENTIC, A.SUSPENDED]);
    w.advanceBy(23 * HOUR);
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 500)))).toEqual([A.LOCKED_OUT]);
    expect(w.ledger().meterBalance).toBe(1000n * P);
    w.advanceBy(HOUR); // 24 h after the 5th failure
    w.keypad(w.utrn(1, 500));
    expect(w.ledger().utrnCache).toEqual([1]);
  });

  it('T10: 100 cached counters; c1 stays a duplicate; after c101, c1 is below min(cache) and still rejected', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.MAX_METER_BALANCE, 10_000_000n * P);
    for (let c = 1; c <= 100; c++) w.keypad(w.utrn(c, 1));
    expect(w.ledger().utrnCount).toBe(100);
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 1)))).toEqual([A.DUPLICATE]);
    w.keypad(w.utrn(101, 1));
    expect(w.ledger().utrnCache[0]).toBe(2); // the lowest was dropped
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 1)))).toEqual([A.DUPLICATE]);
    expect(w.ledger().meterBalance).toBe(1101n * P);
  });

  it('T11: PDR 5000, DRPP 10 %: UTRN 2000 -> PDR 4800, MB += 1800', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 5000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    w.keypad(w.utrn(1, 20, 'pounds'));
    expect(w.ledger().paymentDebt).toBe(4800n * P);
    expect(w.ledger().meterBalance).toBe(2800n * P);
  });

  it('T12: PDR 150, DRPP 10 %: UTRN 2000 -> PDR 0, MB += 1850, 0x81A9', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 150n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    const alerts = newAlerts(w, () => w.keypad(w.utrn(1, 20, 'pounds')));
    expect(w.ledger().paymentDebt).toBe(0n);
    expect(w.ledger().meterBalance).toBe(2850n * P);
    expect(alerts).toContain(A.PAYMENT_DEBT_DONE);
  });

  it('T13: CAP 300/WEEK: 200 then 100 (cap); capUsed 300; next Monday 00:00 capUsed 0', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 5000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 5000n);
    w.set(LEDGER_VALUE.CAP_AMOUNT, 300n * P);
    w.set(LEDGER_VALUE.CAP_PERIOD, BigInt(LEDGER_PERIOD.WEEKLY));
    w.advanceTo(MONDAY_MS + 12 * HOUR);
    w.keypad(w.utrn(1, 400));
    w.advanceTo(MONDAY_MS + DAY + 12 * HOUR);
    w.keypad(w.utrn(2, 400));
    const l = w.ledger();
    expect(l.capUsed).toBe(300n * P);
    expect(l.paymentDebt).toBe(4700n * P);
    expect(l.meterBalance).toBe((1000n + 200n + 300n - 50n) * P);
    w.advanceTo(MONDAY_MS + 7 * DAY);
    expect(w.ledger().capUsed).toBe(0n);
  });

  it('T14: ADR 50, MB -185, DISABLED(CREDIT): UTRN 1000 -> ADR 0, MB 765, ARMED, 0x8F32', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.EC_LIMIT, 0n);
    w.set(LEDGER_VALUE.ACCUMULATED_DEBT, 50n * P);
    w.set(LEDGER_VALUE.METER_BALANCE, -185n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    const alerts = newAlerts(w, () => w.keypad(w.utrn(1, 10, 'pounds')));
    expect(w.ledger().accumulatedDebt).toBe(0n);
    expect(w.ledger().meterBalance).toBe(765n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED);
    expect(alerts).toContain(A.ARMED);
    w.button();
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
  });

  it('T16: DISABLED(REMOTE) is not re-armed by a top-up', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 700n * P);
    w.set(LEDGER_VALUE.SUPPLY, BigInt(SUPPLY_STATE.DISABLED | (SUPPLY_CAUSE.REMOTE << 8)));
    w.keypad(w.utrn(1, 10, 'pounds'));
    expect(w.ledger().meterBalance).toBe(1700n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
  });
});

describe('12.2 emergency credit and thresholds', () => {
  it('T19: MB 250, consume 60 p: 0x810D once; no repeat until AC >= 200 again', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 250n * P);
    expect(newAlerts(w, () => w.consume(2000))).toEqual([A.LOW_CREDIT]);
    expect(w.ledger().meterBalance).toBe(190n * P);
    expect(newAlerts(w, () => w.consume(100))).toEqual([]);
  });

  it('T20 / T21 / T22: MB 120, consume 30 p -> 0x8119 AVAILABLE; button -> IN_USE, ECB 500, 0x81AB; again: no change', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 120n * P);
    expect(newAlerts(w, () => w.consume(1000))).toContain(A.EC_AVAILABLE);
    expect(w.ledger().ecState).toBe(EC_STATE.AVAILABLE);
    expect(newAlerts(w, () => w.button())).toEqual([A.EC_ACTIVATED, A.BUTTON]);
    expect(w.ledger().ecBalance).toBe(500n * P);
    expect(w.ledger().ecState).toBe(EC_STATE.IN_USE);
    w.button();
    expect(w.ledger().ecBalance).toBe(500n * P);
  });

  it('T24: IN_USE, MB 0, ECB 10: an increment of 20.01 p -> ECB 0 EXHAUSTED 0x81AA, MB -10.01 p, DISABLED 0x8F0F', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 0n);
    w.set(LEDGER_VALUE.EC_BALANCE, 10n * P);
    const alerts = newAlerts(w, () => w.consume(667)); // 667 Wh x 30 milli-pence = 20 010 milli-pence
    expect(w.ledger().ecBalance).toBe(0n);
    expect(w.ledger().ecState).toBe(EC_STATE.EXHAUSTED);
    expect(w.ledger().meterBalance).toBe(-10_010n);
    expect(w.ledger().chargeAcc).toBe(0n);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    expect(alerts).toEqual([A.EC_EXHAUSTED, A.DISABLED]);
  });

  it('T26 / T27: ECused 300: UTRN 200 repays EC to ECused 100; UTRN 1000 repays it, MB += 700', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 0n);
    w.set(LEDGER_VALUE.EC_BALANCE, 500n * P);
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, -1000n * P);
    w.consume(10_000); // 300 p from ECB
    expect(w.ledger().ecBalance).toBe(200n * P);
    w.keypad(w.utrn(1, 200));
    expect(w.ledger().ecBalance).toBe(400n * P);
    expect(w.ledger().ecState).toBe(EC_STATE.IN_USE);
    w.keypad(w.utrn(2, 1000));
    expect(w.ledger().ecState).toBe(EC_STATE.NOT_AVAILABLE);
    expect(w.ledger().meterBalance).toBe(900n * P);
  });

  it('T28: SDE with EC IN_USE skips time debt at 00:00', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 50n * P);
    w.set(LEDGER_VALUE.EC_BALANCE, 500n * P);
    w.set(LEDGER_VALUE.SUSPEND_DEBT_EMERGENCY, 1n);
    w.set(LEDGER_VALUE.TIME_DEBT_1, 1000n * P);
    w.set(LEDGER_VALUE.DEBT_RATE_1, 20_000n);
    w.advanceTo(MONDAY_MS + DAY);
    expect(w.ledger().timeDebt1).toBe(1000n * P);
  });

  it('T29: SDD, DISABLED(CREDIT), DT 100, MB 60: no time debt; SC 50 taken from MB (10)', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.SUSPEND_DEBT_DISABLED, 1n);
    w.set(LEDGER_VALUE.EC_LIMIT, 0n);
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 100n * P);
    w.set(LEDGER_VALUE.TIME_DEBT_1, 500n * P);
    w.set(LEDGER_VALUE.DEBT_RATE_1, 20_000n);
    w.set(LEDGER_VALUE.METER_BALANCE, 60n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    w.advanceTo(MONDAY_MS + DAY);
    expect(w.ledger().timeDebt1).toBe(500n * P);
    expect(w.ledger().meterBalance).toBe(10n * P);
  });
});

describe('12.3 debt, standing charge, friendly credit', () => {
  it('T30: TDR1 30, DRR1 20 DAILY: 10 then 0, second deduction 10 only, 0x81A7 once', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.TIME_DEBT_1, 30n * P);
    w.set(LEDGER_VALUE.DEBT_RATE_1, 20_000n);
    w.advanceTo(MONDAY_MS + DAY);
    expect(w.ledger().timeDebt1).toBe(10n * P);
    const alerts = newAlerts(w, () => w.advanceTo(MONDAY_MS + 3 * DAY));
    expect(w.ledger().timeDebt1).toBe(0n);
    expect(w.ledger().sumTimeDebt1).toBe(30n * P);
    expect(alerts.filter((a) => a === A.TD1_DONE)).toHaveLength(1);
  });

  it('T31: TDR2 100, DRR2 5 HOURLY: 0 at the 20th hourly boundary, 0x81A8 then', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.TIME_DEBT_2, 100n * P);
    w.set(LEDGER_VALUE.DEBT_RATE_2, 5000n);
    w.set(LEDGER_VALUE.DEBT_PERIOD_2, BigInt(LEDGER_PERIOD.HOURLY));
    w.advanceTo(MONDAY_MS + 19 * HOUR);
    expect(w.ledger().timeDebt2).toBe(5n * P);
    expect(newAlerts(w, () => w.advanceTo(MONDAY_MS + 20 * HOUR))).toContain(A.TD2_DONE);
    w.advanceTo(MONDAY_MS + 24 * HOUR);
    expect(w.ledger().sumTimeDebt2).toBe(100n * P);
  });

  it('T32: MB 0, no EC, NDC active: SC 50 at 00:00 goes to ADR', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.EC_LIMIT, 0n);
    w.local(ndcInput([{ timeOfDayS: 0, script: 'START', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 }]));
    w.set(LEDGER_VALUE.METER_BALANCE, 0n);
    w.advanceTo(MONDAY_MS + DAY);
    expect(w.ledger().accumulatedDebt).toBe(50n * P);
    expect(w.ledger().meterBalance).toBe(0n);
  });

  it('T35: DRR1 3 milli-pence DAILY at scale -1: exactly 3 milli-pence after 10 midnights (tdAcc1 carries 0.3/day)', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.TIME_DEBT_1, 30_000n * P);
    w.set(LEDGER_VALUE.DEBT_RATE_1, 3n);
    w.set(LEDGER_VALUE.DEBT_SCALE_1, -1n);
    w.advanceTo(MONDAY_MS + 10 * DAY);
    expect(w.ledger().sumTimeDebt1).toBe(3n);
    expect(w.ledger().timeDebt1).toBe(30_000n * P - 3n);
    expect(w.ledger().timeDebtAcc1).toBe(0n);
  });
});

describe('12.4 tariff', () => {
  it('T37: TOU rate 1 00:00-07:00 10 p, rate 2 07:00-24:00 30 p: 1 kWh in each window costs 40 p', () => {
    const w = createLedgerWorld();
    w.attribute(113, '0-0:19.20.0.255', 5, unitCharge(3, -5, [[1, 10_000], [2, 30_000]]));
    w.attribute(20, '0-0:13.0.0.255', 5, dayProfiles([[1, [[0, 0, 1], [7, 0, 2]]]]));
    w.attribute(20, '0-0:13.0.0.255', 4, weekProfile([1, 1, 1, 1, 1, 1, 1]));
    w.attribute(20, '0-0:13.0.0.255', 3, season(2020, 1, 1));
    w.advanceTo(MONDAY_MS + 3 * HOUR);
    w.consume(1000);
    w.advanceTo(MONDAY_MS + 12 * HOUR);
    w.consume(1000);
    expect(w.ledger().sumConsCharge).toBe(40n * P);
  });

  it('T38: TOU-with-blocks, threshold 10 kWh, prices 20/40: 12 kWh in one increment cost 280 p (split)', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.MAX_METER_BALANCE, 100_000n * P);
    w.set(LEDGER_VALUE.METER_BALANCE, 5000n * P);
    w.attribute(21, '0-0:16.0.11.255', 2, thresholds([10_000, 0xffffffff, 0xffffffff]));
    // 20 p and 40 p per kWh at price scaler -4 (40 000 at -5 would not fit the wire's i16).
    w.attribute(113, '0-0:19.20.0.255', 5, unitCharge(3, -4, [[49, 2_000], [50, 4_000]]));
    w.consume(12_000);
    expect(w.ledger().sumConsCharge).toBe(280n * P);
  });

  it('T39: special day 25 Dec -> day profile 3 regardless of the week profile', () => {
    const w = createLedgerWorld();
    w.attribute(113, '0-0:19.20.0.255', 5, unitCharge(3, -5, [[1, 10_000], [3, 30_000]]));
    w.attribute(20, '0-0:13.0.0.255', 5, dayProfiles([[1, [[0, 0, 1]]], [3, [[0, 0, 3]]]]));
    w.attribute(20, '0-0:13.0.0.255', 4, weekProfile([1, 1, 1, 1, 1, 1, 1]));
    w.attribute(20, '0-0:13.0.0.255', 3, season(2020, 1, 1));
    w.attribute(11, '0-0:11.0.0.255', 2, specialDays([[undefined, 12, 25, 3]]));
    w.clock(Date.UTC(2026, 11, 25, 12));
    w.consume(1000);
    expect(w.ledger().sumConsCharge).toBe(30n * P);
  });
});

describe('4.14 worked example A: one day, EC and top-up', () => {
  it('ends at MB 1615 p, TDR1 960 p, PDR 4800 p, and L1 balances: 2000 = 345 + 100 + 240 + 1315', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.TIME_DEBT_1, 1000n * P);
    w.set(LEDGER_VALUE.DEBT_RATE_1, 20_000n);
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 5000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    w.set(LEDGER_VALUE.CAP_AMOUNT, 500n * P);
    w.set(LEDGER_VALUE.CAP_PERIOD, BigInt(LEDGER_PERIOD.WEEKLY));
    w.advanceTo(MONDAY_MS + DAY - 1000);
    w.set(LEDGER_VALUE.METER_BALANCE, 300n * P);
    const start = w.ledger();
    const day = MONDAY_MS + DAY;
    w.advanceTo(day); // SC 50, TD1 20
    expect(w.ledger().meterBalance).toBe(230n * P);
    w.advanceTo(day + 7 * HOUR); w.consume(1000);
    expect(w.ledger().meterBalance).toBe(200n * P);
    w.advanceTo(day + 9 * HOUR);
    expect(newAlerts(w, () => w.consume(2000))).toEqual([A.LOW_CREDIT]);
    w.advanceTo(day + 12 * HOUR);
    expect(newAlerts(w, () => w.consume(1500))).toEqual([A.EC_AVAILABLE]);
    expect(w.ledger().meterBalance).toBe(95n * P);
    w.button(); // EC from the meter (the example uses the PPMID; same ledger effect)
    expect(w.ledger().ecBalance).toBe(500n * P);
    w.advanceTo(day + 18 * HOUR); w.consume(4000);
    expect(w.ledger().meterBalance).toBe(0n);
    expect(w.ledger().ecBalance).toBe(475n * P);
    w.keypad(w.utrn(1, 20, 'pounds'));
    expect(w.ledger()).toMatchObject({ meterBalance: 1775n * P, paymentDebt: 4800n * P, capUsed: 200n * P, ecBalance: 0n, ecState: EC_STATE.NOT_AVAILABLE });
    w.advanceTo(day + 24 * HOUR - 1000); w.consume(3000);
    expect(w.ledger().meterBalance).toBe(1685n * P);
    w.advanceTo(day + 24 * HOUR);
    const end = w.ledger();
    expect(end.meterBalance).toBe(1615n * P);
    expect(end.timeDebt1).toBe(960n * P);
    const d = (k: keyof typeof end) => (end[k] as bigint) - (start[k] as bigint);
    expect(d('sumCredit')).toBe(2000n * P);
    expect(d('sumConsCharge')).toBe(345n * P);
    expect(d('sumStandingCollected')).toBe(100n * P);
    expect(d('sumTimeDebt1') + d('sumPayDebt')).toBe(240n * P);
    expect(d('meterBalance')).toBe(1315n * P);
  });
});

describe('4.15 worked example B (T33): friendly credit, disablement, ADR', () => {
  it('goes ENABLED (0x8F83) -> DISABLED at 09:30 (0x8F0F) -> ARMED by a top-up -> ENABLED by the button', () => {
    const w = createLedgerWorld();
    const day = MONDAY_MS;
    w.set(LEDGER_VALUE.EC_LIMIT, 0n);
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 1000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    w.local(ndcInput([
      { timeOfDayS: 16 * 3600, script: 'START', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 },
      { timeOfDayS: 9 * 3600 + 1800, script: 'STOP', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 },
    ]));
    w.advanceTo(day + 17 * HOUR);
    w.set(LEDGER_VALUE.METER_BALANCE, 10n * P);
    w.set(LEDGER_VALUE.LOW_LATCHED, 1n);
    const start = w.ledger();
    w.advanceTo(day + 17 * HOUR + 30 * 60_000);
    expect(newAlerts(w, () => w.consume(500))).toEqual([A.ND_SUSPENDED]);
    expect(w.ledger().meterBalance).toBe(-5n * P);
    w.advanceTo(day + DAY - 1000); w.consume(3000);
    expect(w.ledger().meterBalance).toBe(-95n * P);
    w.advanceTo(day + DAY);
    expect(w.ledger().accumulatedDebt).toBe(50n * P);
    w.advanceTo(day + DAY + 9 * HOUR + 30 * 60_000 - 1000); w.consume(3000);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
    expect(newAlerts(w, () => w.advanceTo(day + DAY + 9 * HOUR + 30 * 60_000))).toEqual([A.DISABLED]);
    expect(w.ledger().meterBalance).toBe(-185n * P);
    w.advanceTo(day + DAY + 11 * HOUR);
    expect(newAlerts(w, () => w.keypad(w.utrn(1, 10, 'pounds')))).toEqual([A.ARMED, A.CREDIT_ADDED_LOCALLY]);
    expect(w.ledger()).toMatchObject({ meterBalance: 665n * P, accumulatedDebt: 0n, paymentDebt: 900n * P, supply: SUPPLY_STATE.ARMED });
    w.advanceTo(day + DAY + 11 * HOUR + 300_000);
    expect(newAlerts(w, () => w.button())).toEqual([A.BUTTON]);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
    const end = w.ledger();
    expect(end.sumCredit - start.sumCredit).toBe(1000n * P);
    expect(end.sumConsCharge - start.sumConsCharge).toBe(195n * P);
    expect(end.sumStandingCollected - start.sumStandingCollected).toBe(0n);
    expect(end.sumPayDebt - start.sumPayDebt + end.sumAdrRepaid - start.sumAdrRepaid).toBe(150n * P);
  });
});

describe('§12 scenarios through remote commands', () => {
  const i32 = (value: number) => ({ type: 'double-long' as const, value });

  it('T17: ECS04b resets MB to 0, leaves ECB and the debts, and evaluates the thresholds (DT 100 p: DISABLED, 0x8F0F)', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 100n * P);
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 300n * P);
    const before = w.ledger();
    expect(sendDlms(w, 'ECS04b', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 2), data: i32(0) }]).results).toEqual([0]);
    const l = w.ledger();
    expect(l).toMatchObject({ meterBalance: 0n, paymentDebt: 300n * P, ecBalance: 0n, supply: SUPPLY_STATE.DISABLED });
    expect(l.sumCredit - before.sumCredit).toBe(-1000n * P); // an adjustment of -MB (L1, L2)
    expect(l.alerts.at(-1)).toBe(A.DISABLED);
  });

  it('T23: MB 500 (EC not available): ECS09 is refused (250) and nothing changes', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 500n * P);
    const before = w.ledger();
    expect(sendDlms(w, 'ECS09', [{ kind: 'action', target: t(112, '0-0:19.10.1.255', 3), data: { type: 'null-data' } }]).results).toEqual([250]);
    expect(w.ledger()).toMatchObject({ ecState: before.ecState, ecBalance: 0n, meterBalance: 500n * P, alertTraceCount: before.alertTraceCount });
  });

  it('T34: NDC active but the supply DISABLED(CREDIT) before START: START passes, it stays DISABLED', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.EC_LIMIT, 0n);
    w.local(ndcInput([
      { timeOfDayS: 16 * 3600, script: 'START', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 },
      { timeOfDayS: 9 * 3600 + 1800, script: 'STOP', weekdays: 0x7f, onSpecialDays: true, firstDay: 0, lastDay: 100_000 },
    ]));
    w.advanceTo(MONDAY_MS + 12 * HOUR);
    w.set(LEDGER_VALUE.METER_BALANCE, -50n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    w.advanceTo(MONDAY_MS + 17 * HOUR);
    expect(w.ledger()).toMatchObject({ supply: SUPPLY_STATE.DISABLED, ndActive: 1 });
  });

  it('T36: ECS07 that would make PDR negative is refused and changes no field; a valid one adjusts by the signed amount', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 100n * P);
    const adjust = (obis: string, amount: number) => ({ kind: 'action' as const, target: t(113, obis, 4), data: i32(amount) });
    expect(sendDlms(w, 'ECS07', [adjust('0-0:19.20.3.255', -200_000)]).results).toEqual([250]);
    expect(w.ledger().paymentDebt).toBe(100n * P);
    expect(sendDlms(w, 'ECS07', [adjust('0-0:19.20.1.255', 30_000), adjust('0-0:19.20.3.255', -50_000)]).results).toEqual([0, 0]);
    expect(w.ledger()).toMatchObject({ timeDebt1: 30n * P, paymentDebt: 50n * P });
  });

  it('T52: ENABLED; ECS43 then ECS44 then the button: DISABLED -> ARMED -> ENABLED', () => {
    const w = createLedgerWorld();
    const SWITCH = '0-0:96.3.10.255';
    expect(sendDlms(w, 'ECS43', [{ kind: 'action', target: t(70, SWITCH, 1), data: { type: 'integer', value: 0 } }]).results).toEqual([0]);
    expect(w.ledger()).toMatchObject({ supply: SUPPLY_STATE.DISABLED, supplyCause: SUPPLY_CAUSE.REMOTE });
    w.consume(1000); // no energy flows
    expect(w.ledger().sumConsCharge).toBe(0n);
    expect(sendDlms(w, 'ECS44', [{ kind: 'action', target: t(70, SWITCH, 2), data: { type: 'null-data' } }]).results).toEqual([0]);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED);
    w.button();
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
  });
});

describe('5.2 tamper (T54)', () => {
  const SWITCH = '0-0:96.3.10.255';

  it('T54: ECS81 Locked, meter cover removed: 0x8F74 (Security Log), DISABLED + locked, 0x81BE; ECS44 refused; ECS42 enables', () => {
    const w = createLedgerWorld();
    expect(sendDlms(w, 'ECS81', [{ kind: 'set', target: t(1, '0-0:94.44.0.4', 2), data: { type: 'boolean', value: true } }]).results).toEqual([0]);
    expect(newAlerts(w, () => w.local(tamperInput(0x8f74)))).toEqual([0x8f74, 0x81be]);
    expect(w.ledger()).toMatchObject({ supply: SUPPLY_STATE.DISABLED, supplyCause: SUPPLY_CAUSE.TAMPER_LOCKED });
    w.keypad(w.utrn(1, 500)); // credit never lifts a tamper lock
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    expect(sendDlms(w, 'ECS44', [{ kind: 'action', target: t(70, SWITCH, 2), data: { type: 'null-data' } }]).results).not.toEqual([0]);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    expect(sendDlms(w, 'ECS42', [{ kind: 'action', target: t(70, SWITCH, 2), data: { type: 'integer', value: 0 } }]).results).toEqual([0]);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
  });

  it('Unlocked (ECS81 FALSE): the tamper event is alerted, the supply stays ENABLED; a code that is not a tamper alert is refused (BAD_INPUT)', () => {
    const w = createLedgerWorld();
    sendDlms(w, 'ECS81', [{ kind: 'set', target: t(1, '0-0:94.44.0.4', 2), data: { type: 'boolean', value: false } }]);
    expect(newAlerts(w, () => w.local(tamperInput(0x8f75)))).toEqual([0x8f75]);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
    expect(w.world.firmware.deliverMessage(w.slot, 'LOCAL', tamperInput(0x8f0f), w.state.nowMs)).toBe(Status.BAD_INPUT);
  });
});
