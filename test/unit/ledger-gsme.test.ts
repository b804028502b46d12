// The GSME's ledger under its remote commands (devices.md 3.1, 3.3, 3.5, 3.6, 4.2, 4.16, 5.2, 6.4):
// gas converted to energy exactly (the part of a Wh carried), rated by the PublishPriceMatrix /
// PublishBlockThresholds / PublishDayProfile it was sent (TOU tiers, blocks split at thresholds);
// the billing period of GCS25a (Billing Data Log entry, block counters reset, 0x8F0A); GCS02 /
// GCS03 ChangePaymentMode through the ledger (entry first, ECused to ADR); GCS32 / GCS39
// ChangeSupply moving the valve through the supply state machine. Exact milli-pence throughout.
import { describe, expect, it } from 'vitest';
import { gasConsumptionInput } from '../../host/gsme-inputs.js';
import { buttonInput, LEDGER_VALUE } from '../../host/local-inputs.js';
import { readBillingLog, BILLING_TRIGGER } from '../../host/billing-log-view.js';
import { EC_STATE, SUPPLY_STATE, SUPPLY_CAUSE } from '../../host/ledger-view.js';
import { createGsmeLedgerWorld, P, MONDAY_MS } from '../helpers/gsme-ledger-fixture.js';
import {
  priceMatrix, blockThresholds, dayProfile, billingPeriod, changeSupply, changePaymentMode, GCS01A, GCS02, GCS03, GCS25A, GCS32, GCS39,
} from '../helpers/gsme-commands.js';
import { rawGbzComponents } from '../../host/gbz-components.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The ZCL payload bytes (hex) of each answer component. */
const answers = (out: ReturnType<ReturnType<typeof createGsmeLedgerWorld>['send']>) =>
  rawGbzComponents(out[0]!.envelope.content).map((c) => Buffer.from(c.payload).toString('hex'));

describe('4.16 gas pricing', () => {
  it('1000 dm3 at CF 1.02264, CV 40.0 is 11 362.67 Wh: 11 362 Wh rated at 6 p/kWh (68.172 p), 2/3 Wh carried to the next increment', () => {
    const w = createGsmeLedgerWorld();
    w.local(gasConsumptionInput(1000));
    expect(w.ledger().sumConsCharge).toBe(68_172n);
    expect(w.ledger().gasEnergyAcc).toBe(24_000_000n); // 2/3 of 36 000 000
    w.local(gasConsumptionInput(1000)); // 22 725.33 Wh in all: 22 725 rated
    expect(w.ledger().sumConsCharge).toBe(22_725n * 6n);
    expect(w.ledger().meterBalance).toBe(1000n * P - 22_725n * 6n);
  });

  it('GCS01a TOU: PublishPriceMatrix tiers and a day profile (tier 1 from 00:00, tier 2 from 07:00) price each increment at its tier', () => {
    const w = createGsmeLedgerWorld();
    const out = w.send(GCS01A, [priceMatrix(true, [[1, 3_000], [2, 9_000]]), dayProfile([[0, 1], [420, 2]])]);
    expect(answers(out)).toEqual(['0500', '0100']); // Default Responses: command id, status SUCCESS
    w.advanceTo(MONDAY_MS + 3 * HOUR);
    w.local(gasConsumptionInput(1000)); // 11 362 Wh at 3 p/kWh
    expect(w.ledger().sumConsCharge).toBe(11_362n * 3n);
    w.advanceTo(MONDAY_MS + 8 * HOUR);
    w.local(gasConsumptionInput(1000)); // 22 725 - 11 362 = 11 363 Wh at 9 p/kWh
    expect(w.ledger().sumConsCharge).toBe(11_362n * 3n + 11_363n * 9n);
    expect(readBillingLog(w.firmware, w.slot).snapshots.map((s) => s.trigger)).toEqual([BILLING_TRIGGER.TARIFF]);
  });

  it('GCS01a Block: thresholds 10 kWh / 20 kWh and block prices 2 / 4 / 8 p split one increment at the thresholds', () => {
    const w = createGsmeLedgerWorld();
    w.send(GCS01A, [blockThresholds([10, 20]), priceMatrix(false, [[0x10, 2_000], [0x11, 4_000], [0x12, 8_000]])]);
    w.local(gasConsumptionInput(2200)); // 24 997.87 Wh: 10 000 at 2 p, 10 000 at 4 p, 4 997 at 8 p
    expect(w.ledger().sumConsCharge).toBe(10_000n * 2n + 10_000n * 4n + 4_997n * 8n);
  });
});

describe('3.6 GSME billing period (GCS25a)', () => {
  it('a daily period from Monday 06:00: at each start a Billing Data Log entry, block counters reset, 0x8F0A (GBZ alert)', () => {
    const w = createGsmeLedgerWorld();
    w.send(GCS01A, [blockThresholds([10]), priceMatrix(false, [[0x10, 2_000], [0x11, 4_000]])]);
    expect(answers(w.send(GCS25A, [billingPeriod(MONDAY_MS + 6 * HOUR, 1, 1)]))).toEqual(['0900']);
    w.local(gasConsumptionInput(1000)); // 11 362 Wh: 10 000 at 2 p, 1 362 at 4 p
    expect(w.ledger().sumConsCharge).toBe(20_000n + 1_362n * 4n);
    w.advanceTo(MONDAY_MS + 6 * HOUR);
    const log = readBillingLog(w.firmware, w.slot);
    expect(log.snapshots.map((s) => [s.trigger, s.timeS * 1000])).toEqual([[BILLING_TRIGGER.TARIFF, MONDAY_MS], [BILLING_TRIGGER.CALENDAR, MONDAY_MS + 6 * HOUR]]);
    expect(log.snapshots[1]!.blocks[0]![0]).toBe(10_000);
    expect(log.snapshots[1]!.blocks[1]![0]).toBe(1_362);
    expect(w.ledger().alerts.at(-1)).toBe(0x8f0a);
    w.local(gasConsumptionInput(1000)); // counters were reset: 11 363 Wh (with the carry) from block 1 again
    expect(w.ledger().sumConsCharge - 20_000n - 1_362n * 4n).toBe(20_000n + 1_363n * 4n);
    w.advanceTo(MONDAY_MS + DAY + 6 * HOUR);
    expect(readBillingLog(w.firmware, w.slot).snapshots).toHaveLength(3);
  });
});

describe('4.2 GSME payment modes (GCS02 / GCS03)', () => {
  it('GCS02 to credit: Billing Data Log entry first, ECused to ADR, EC ended, credit-disabled valve armed (0x8F32); GCS03 back with DT', () => {
    const w = createGsmeLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 0n);
    w.set(LEDGER_VALUE.EC_BALANCE, 500n * P);
    w.local(gasConsumptionInput(5000)); // 56 813 Wh = 340.878 p from EC
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 200n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    const used = w.ledger().ecGranted - w.ledger().ecBalance;
    const reply = w.send(GCS02, [changePaymentMode(false, 0)]);
    expect(rawGbzComponents(reply[0]!.envelope.content)[0]!.payload).toHaveLength(13); // ChangePaymentModeResponse (devices 6.4)
    const l = w.ledger();
    expect(l.mode).toBe(1);
    expect(l.accumulatedDebt).toBe(used);
    expect(l.ecState).toBe(EC_STATE.NOT_AVAILABLE);
    expect(l.supply).toBe(SUPPLY_STATE.ARMED);
    expect(l.alerts).toContain(0x8f32);
    expect(readBillingLog(w.firmware, w.slot).snapshots.map((s) => [s.trigger, s.ecBalance])).toEqual([[BILLING_TRIGGER.MODE, 500n * P - used]]);
    w.local(buttonInput());
    w.send(GCS03, [changePaymentMode(true, 100_000)]);
    expect(w.ledger()).toMatchObject({ mode: 2, disablementThreshold: 100n * P, supply: SUPPLY_STATE.DISABLED });
    expect(readBillingLog(w.firmware, w.slot).snapshots).toHaveLength(2);
  });

  it('GCS03 future-dated: the mode changes at its time, with 0x8F66, not before', () => {
    const w = createGsmeLedgerWorld();
    w.send(GCS02, [changePaymentMode(false, 0)]);
    const at = MONDAY_MS + 2 * HOUR;
    w.send(GCS03, [changePaymentMode(true, 0, at)]);
    w.advanceTo(at - 1000);
    expect(w.ledger().mode).toBe(1);
    w.firmware.drainOutbox();
    w.advanceTo(at);
    expect(w.ledger().mode).toBe(2);
    const alerts = w.firmware.drainOutbox().map((m) => w.headEnd.open(m.bytes).payload);
    expect(alerts.some((p) => p?.kind === 'gbz' && p.body.form === 'alert' && p.body.alertCode === 0x8f66)).toBe(true);
  });
});

describe('5.2 the GSME valve (GCS32 / GCS39)', () => {
  it('T52 for gas: GCS32 closes (DISABLED REMOTE, no gas flows), GCS39 arms (0x8F32), the button opens', () => {
    const w = createGsmeLedgerWorld();
    expect(answers(w.send(GCS32, [changeSupply(0)]))[0]!.endsWith('00')).toBe(true);
    expect(w.ledger()).toMatchObject({ supply: SUPPLY_STATE.DISABLED, supplyCause: SUPPLY_CAUSE.REMOTE });
    w.local(gasConsumptionInput(1000));
    expect(w.ledger().sumConsCharge).toBe(0n);
    expect(answers(w.send(GCS39, [changeSupply(1)]))[0]!.endsWith('01')).toBe(true);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED);
    expect(w.ledger().alerts.at(-1)).toBe(0x8f32);
    w.local(buttonInput());
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ENABLED);
  });

  it('T16 for gas: a remote-closed valve is not re-armed by credit; GCS39 with AC < DT leaves it DISABLED(CREDIT) (0x8F0F)', () => {
    const w = createGsmeLedgerWorld();
    w.send(GCS32, [changeSupply(0)]);
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 2000n * P);
    expect(w.ledger().supplyCause).toBe(SUPPLY_CAUSE.REMOTE);
    expect(answers(w.send(GCS39, [changeSupply(1)]))[0]!.endsWith('00')).toBe(true);
    expect(w.ledger()).toMatchObject({ supply: SUPPLY_STATE.DISABLED, supplyCause: SUPPLY_CAUSE.CREDIT });
    expect(w.ledger().alerts.at(-1)).toBe(0x8f0f);
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 0n);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED); // credit now re-arms it
  });

  it('GCS39 on an open valve closes and arms it (RTDS 7.3_GCS39 answers 01; devices 5.2 says no-op: the data win); "on" is refused (C0)', () => {
    const w = createGsmeLedgerWorld();
    expect(answers(w.send(GCS39, [changeSupply(1)]))[0]!.endsWith('01')).toBe(true);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED);
    expect(answers(w.send(GCS39, [changeSupply(2)]))).toEqual(['0bc0']);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.ARMED);
  });
});
