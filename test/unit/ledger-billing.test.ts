// The billing calendar and the Billing Data Log on the ESME (devices.md 2.3, 3.6, 4.2, 4.11; R.5
// formats; scenarios T1, T11, T15, T42 of §12), with exact milli-pence: a calendar occurrence
// takes the entry (after the increment that ends there, before the 00:00 standing charge), resets
// the block counters and sends ECS68 0x8F0A carrying the entry encrypted for the supplier; a
// change of payment mode and a tariff activation take their entry before the change; accepted
// UTRNs log the credit and the payment-debt share; ECS20a/b/c/d read the log back.
import { describe, expect, it } from 'vitest';
import { LEDGER_VALUE } from '../../host/local-inputs.js';
import { readBillingLog, BILLING_TRIGGER } from '../../host/billing-log-view.js';
import { EC_STATE, SUPPLY_STATE } from '../../host/ledger-view.js';
import { createLedgerWorld, P, MONDAY_MS, thresholds, unitCharge } from '../helpers/ledger-fixture.js';
import { encodeAxdr } from '../../gbcs/payload/axdr.js';
import {
  sendDlms, t, struct, array, os, u16, enumOf, range, protectedReadParameter, dateTime, IMMEDIATE, CANCELLATION,
} from '../helpers/ledger-commands.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FEB_1 = Date.UTC(2026, 1, 1);
const BILLING_CALENDAR = t(22, '0-0:15.0.0.255', 4);
const ALERT_BILLING = 0x8f0a;

/** ECS30a a4: entries {time hh:mm:ss, date yyyy-mm-dd weekday}, wildcards 0xFF / 0xFFFF. */
const billingEntry = (hh: number, mm: number, day: number, month = 0xff) => struct(os([hh, mm, 0, 0]), os([0xff, 0xff, month, day, 0xff]));

function blocksWorld() {
  const w = createLedgerWorld();
  w.set(LEDGER_VALUE.MAX_METER_BALANCE, 100_000n * P);
  w.set(LEDGER_VALUE.METER_BALANCE, 5000n * P);
  w.attribute(21, '0-0:16.0.11.255', 2, thresholds([10_000, 0xffffffff, 0xffffffff]));
  w.attribute(113, '0-0:19.20.0.255', 5, unitCharge(3, -4, [[49, 2_000], [50, 4_000]])); // 20 p / 40 p per kWh
  return w;
}

describe('3.6 billing calendar and ECS68 (T42)', () => {
  it('T42: ECS30a monthly on day 1 00:00: at the month boundary a calendar entry, block counters reset, 0x8F0A with that entry', () => {
    const w = blocksWorld();
    expect(sendDlms(w, 'ECS30a', [{ kind: 'set', target: BILLING_CALENDAR, data: array(billingEntry(0, 0, 1)) }]).results).toEqual([0]);
    w.advanceTo(FEB_1 - DAY - HOUR);
    w.consume(12_000); // 10 kWh at 20 p, 2 kWh at 40 p
    expect(w.ledger().sumConsCharge).toBe(280n * P);
    w.advanceTo(FEB_1 - 1000);
    const beforeMb = w.ledger().meterBalance;
    w.world.firmware.drainOutbox();
    w.advanceTo(FEB_1);
    const log = readBillingLog(w.world.firmware, w.slot);
    expect(log.snapshots).toHaveLength(1);
    const entry = log.snapshots[0]!;
    expect(entry).toMatchObject({ timeS: FEB_1 / 1000, trigger: BILLING_TRIGGER.CALENDAR, totalImport: 12_000, meterBalance: beforeMb });
    expect(entry.blocks[0]![0]).toBe(10_000);
    expect(entry.blocks[1]![0]).toBe(2_000);
    expect(w.ledger().meterBalance).toBe(beforeMb - 50n * P); // the 00:00 standing charge comes after the entry (0.3 step 4)
    // ECS68: critical, message code 0x0061, signed, the entry decrypts for the supplier.
    const messages = w.world.firmware.drainOutbox().map((m) => w.world.headEnd.open(m.bytes));
    const alert = messages.find((m) => m.envelope.otherInfo.messageCode === 0x0061)!;
    expect(alert.security.signatureValid).toBe(true);
    const body = alert.payload?.kind === 'dlms' && alert.payload.body.apdu === 'data-notification' ? alert.payload.body : undefined;
    expect(body?.alert?.alertCode).toBe(ALERT_BILLING);
    expect(body?.alert?.timestamp).toMatchObject({ year: 2026, month: 2, dayOfMonth: 1, hour: 0 });
    const plaintext = Buffer.from(alert.decrypted![0]!.plaintext).toString('hex');
    // structure(1) { compact-array of the R.5 register form (98.1.0), one entry of 328 bytes }
    expect(plaintext.slice(0, 60)).toBe('020113020706060100300601000806010008060100080601000806820148');
    expect(plaintext.slice(60, 68)).toBe((FEB_1 / 1000 - 946_684_800).toString(16).padStart(8, '0'));
    expect(plaintext.slice(68, 76)).toBe((12_000).toString(16).padStart(8, '0'));
    expect(plaintext.length).toBe(60 + 328 * 2);
    expect(w.ledger().alerts).toContain(ALERT_BILLING);
    // Block counters reset: the next 12 kWh start in block 1 again.
    w.advanceTo(FEB_1 + HOUR);
    w.consume(12_000);
    expect(w.ledger().sumConsCharge).toBe(560n * P);
  });

  it('quarterly entries (1 Jan / Apr / Jul / Oct 00:00) fire only on those dates; day 31 in a 30-day month falls on its last day', () => {
    const w = createLedgerWorld();
    sendDlms(w, 'ECS30a', [{ kind: 'set', target: BILLING_CALENDAR, data: array(...[1, 4, 7, 10].map((m) => billingEntry(0, 0, 1, m))) }]);
    w.advanceTo(Date.UTC(2026, 3, 1, 1));
    expect(readBillingLog(w.world.firmware, w.slot).snapshots.map((s) => s.timeS * 1000)).toEqual([Date.UTC(2026, 3, 1)]);
    sendDlms(w, 'ECS30a', [{ kind: 'set', target: BILLING_CALENDAR, data: array(billingEntry(12, 0, 31)) }]);
    w.advanceTo(Date.UTC(2026, 5, 30, 13));
    expect(readBillingLog(w.world.firmware, w.slot).snapshots.map((s) => new Date(s.timeS * 1000).toISOString()))
      .toEqual(['2026-04-01T00:00:00.000Z', '2026-04-30T12:00:00.000Z', '2026-05-31T12:00:00.000Z', '2026-06-30T12:00:00.000Z']);
  });

  it('T43: ECS48 resets the block counters every midnight without a Billing Data Log entry', () => {
    const w = blocksWorld();
    sendDlms(w, 'ECS48', [{ kind: 'set', target: t(22, '0-0:15.1.0.255', 4), data: array(struct(os([0, 0, 0, 0]), os([0xff, 0xff, 0xff, 0xff, 0xff]))) }]);
    w.consume(8_000);
    w.advanceTo(MONDAY_MS + DAY);
    w.consume(8_000); // block 1 again: 8 kWh at 20 p
    expect(w.ledger().sumConsCharge).toBe(320n * P);
    expect(readBillingLog(w.world.firmware, w.slot).snapshots).toHaveLength(0);
  });
});

describe('2.3 Billing Data Log entries and reads', () => {
  it('T1 / T11: an accepted UTRN logs its credit, and the payment-debt share with the PDR after it', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 5000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    w.keypad(w.utrn(1, 20, 'pounds'));
    const log = readBillingLog(w.world.firmware, w.slot);
    expect(log.credits).toEqual([{ timeS: MONDAY_MS / 1000, amount: 2000n * P, detail: 1n }]);
    expect(log.debts).toEqual([{ timeS: MONDAY_MS / 1000, amount: 200n * P, detail: 4800n * P }]);
    w.keypad(w.utrn(1, 20, 'pounds')); // duplicate: rejected, nothing logged
    expect(readBillingLog(w.world.firmware, w.slot).credits).toHaveLength(1);
  });

  it('T15: ECS04a +1200 adds to MB, leaves PDR, and logs no prepayment credit', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 5000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    expect(sendDlms(w, 'ECS04a', [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: { type: 'double-long', value: 1_200_000 } }]).results).toEqual([0]);
    expect(w.ledger().meterBalance).toBe(2200n * P);
    expect(w.ledger().paymentDebt).toBe(5000n * P);
    expect(readBillingLog(w.world.firmware, w.slot).credits).toHaveLength(0);
  });

  it('keeps the last 12 entries of each kind (FIFO)', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.MAX_METER_BALANCE, 10_000_000n * P);
    for (let c = 1; c <= 14; c++) {
      w.advanceTo(MONDAY_MS + c * 60_000);
      w.keypad(w.utrn(c, c));
    }
    const credits = readBillingLog(w.world.firmware, w.slot).credits;
    expect(credits.map((e) => Number(e.detail))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(credits.map((e) => e.amount)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((p) => BigInt(p) * P));
  });

  it('ECS20d and ECS20a read the credits and debt payments in range; ECS20c the calendar entries; ECS20b the mode and tariff ones', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 5000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 1000n);
    sendDlms(w, 'ECS30a', [{ kind: 'set', target: BILLING_CALENDAR, data: array(billingEntry(12, 0, 0xff)) }]); // daily at 12:00
    w.keypad(w.utrn(1, 500));
    w.advanceTo(MONDAY_MS + DAY);
    w.keypad(w.utrn(2, 300));
    const from = MONDAY_MS - HOUR;
    const to = MONDAY_MS + 2 * DAY;
    const selector = struct(struct(u16(8), os([0, 0, 1, 0, 0, 255]), { type: 'integer', value: 2 }, u16(0)), os(dateTime(from)), os(dateTime(to)), array());
    const credits = sendDlms(w, 'ECS20d', [{ kind: 'get-with-selection', target: t(7, '0-0:98.1.5.255', 2), selector }]);
    const since2000 = (ms: number) => (ms / 1000 - 946_684_800).toString(16).padStart(8, '0');
    const amount = (p: number) => (p * 1000).toString(16).padStart(8, '0');
    expect(Buffer.from(encodeAxdr(credits.data[0]!)).toString('hex'))
      .toBe(`13020206061${'0'}${since2000(MONDAY_MS)}${amount(500)}${since2000(MONDAY_MS + DAY)}${amount(300)}`);
    const debts = sendDlms(w, 'ECS20a', [{ kind: 'get-with-selection', target: t(7, '0-0:98.1.4.255', 2), selector }]);
    expect(Buffer.from(encodeAxdr(debts.data[0]!)).toString('hex')).toBe(`13020206061${'0'}${since2000(MONDAY_MS)}${amount(50)}${since2000(MONDAY_MS + DAY)}${amount(30)}`);
    // ECS20c: the calendar entry of Monday 12:00, register and prepayment parts.
    const ecs20c = sendDlms(w, 'ECS20c', [{ kind: 'action', target: t(30, '0-0:43.2.2.255', 1),
      data: protectedReadParameter([[t(7, '0-0:98.1.0.255', 2), range(from, to)], [t(7, '0-0:98.1.1.255', 2), range(from, to)]]) }]);
    expect(ecs20c.results).toEqual([0]);
    const plain = Buffer.from(ecs20c.decrypted[0]!.plaintext).toString('hex');
    expect(plain).toContain(`820148${since2000(MONDAY_MS + 12 * HOUR)}`);
    // One entry (28 bytes) in range: MB 1450 p (1000 + the 500 p top-up less its 50 p debt share), ECB 0, ADR 0, PDR 4950 p.
    expect(plain).toContain(`130207060505050505051c${since2000(MONDAY_MS + 12 * HOUR)}${(1450_000).toString(16).padStart(8, '0')}0000000000000000${(4_950_000).toString(16).padStart(8, '0')}`);
    // ECS20b: nothing of that kind yet: an empty compact-array.
    const ecs20b = sendDlms(w, 'ECS20b', [{ kind: 'action', target: t(30, '0-0:43.2.3.255', 1), data: protectedReadParameter([[t(7, '0-0:98.1.2.255', 2), range(from, to)]]) }]);
    expect(Buffer.from(ecs20b.decrypted[0]!.plaintext).toString('hex').endsWith('0505050505050' + '0')).toBe(true);
  });
});

describe('4.2 payment modes by command (ECS02 / ECS03)', () => {
  const ACCOUNT = '0-1:19.0.0.255';
  const modeCommand = (mode: 1 | 2, activation: number[]) => [
    { kind: 'set' as const, target: t(111, ACCOUNT, 2), data: struct(enumOf(mode), enumOf(1)) },
    { kind: 'set' as const, target: t(111, ACCOUNT, 13), data: os(activation) },
  ];

  it('ECS02 to credit: BDL entry first, ECused moves to ADR, the EC ends, a credit-disabled supply is armed (0x8F32)', () => {
    const w = createLedgerWorld();
    w.set(LEDGER_VALUE.METER_BALANCE, 0n);
    w.set(LEDGER_VALUE.EC_BALANCE, 500n * P);
    w.consume(10_000); // 300 p of EC used
    w.set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 300n * P);
    expect(w.ledger().supply).toBe(SUPPLY_STATE.DISABLED);
    const before = w.ledger();
    const reply = sendDlms(w, 'ECS02', modeCommand(1, IMMEDIATE));
    expect(reply.results).toEqual([0, 0]);
    const l = w.ledger();
    expect(l.mode).toBe(1);
    expect(l.accumulatedDebt - before.accumulatedDebt).toBe(300n * P);
    expect(l.sumEcToAdr - before.sumEcToAdr).toBe(300n * P);
    expect(l.ecState).toBe(EC_STATE.NOT_AVAILABLE);
    expect(l.ecBalance).toBe(0n);
    expect(l.supply).toBe(SUPPLY_STATE.ARMED);
    expect(l.alerts.at(-1)).toBe(0x8f32);
    const entry = readBillingLog(w.world.firmware, w.slot).snapshots.at(-1)!;
    expect(entry).toMatchObject({ trigger: BILLING_TRIGGER.MODE, ecBalance: 200n * P, accumulatedDebt: 0n });
    // In CREDIT: consumption goes to the credit-mode balance, no threshold logic; a top-up goes wholly to MB.
    w.button();
    w.consume(1000);
    expect(w.ledger().creditModeBalance - l.creditModeBalance).toBe(30n * P);
    expect(w.ledger().meterBalance).toBe(l.meterBalance);
    w.set(LEDGER_VALUE.PAYMENT_DEBT, 1000n * P);
    w.set(LEDGER_VALUE.DEBT_RECOVERY_PER_PAYMENT, 5000n);
    w.keypad(w.utrn(1, 400));
    expect(w.ledger().meterBalance).toBe(l.meterBalance + 400n * P);
    expect(w.ledger().paymentDebt).toBe(1000n * P);
  });

  it('ECS03-shaped command back to prepayment: BDL entry, thresholds evaluated at once (DT from 21/0-0:16.0.1.255)', () => {
    const w = createLedgerWorld();
    sendDlms(w, 'ECS02', modeCommand(1, IMMEDIATE));
    w.set(LEDGER_VALUE.METER_BALANCE, 100n * P);
    const reply = sendDlms(w, 'ECS03', [
      { kind: 'set', target: t(21, '0-0:16.0.1.255', 2), data: array({ type: 'double-long', value: 200_000 }) },
      ...modeCommand(2, IMMEDIATE),
    ]);
    expect(reply.results).toEqual([0, 0, 0]);
    const l = w.ledger();
    expect(l.mode).toBe(2);
    expect(l.disablementThreshold).toBe(200n * P);
    expect(l.supply).toBe(SUPPLY_STATE.DISABLED);
    expect(l.alerts).toContain(0x8f0f);
    expect(readBillingLog(w.world.firmware, w.slot).snapshots.map((s) => s.trigger)).toEqual([BILLING_TRIGGER.MODE, BILLING_TRIGGER.MODE]);
  });

  it('the same mode again takes no entry; a future-dated change happens at its time with 0x8F66, a cancelled one never', () => {
    const w = createLedgerWorld();
    sendDlms(w, 'ECS02', modeCommand(2, IMMEDIATE)); // already PREPAYMENT
    expect(readBillingLog(w.world.firmware, w.slot).snapshots).toHaveLength(0);
    const at = MONDAY_MS + 2 * HOUR;
    sendDlms(w, 'ECS02', modeCommand(1, dateTime(at)));
    w.advanceTo(at - 1000);
    expect(w.ledger().mode).toBe(2);
    w.world.firmware.drainOutbox();
    w.advanceTo(at);
    expect(w.ledger().mode).toBe(1);
    expect(readBillingLog(w.world.firmware, w.slot).snapshots.map((s) => s.timeS * 1000)).toEqual([at]);
    const codes = w.world.firmware.drainOutbox().map((m) => w.world.headEnd.open(m.bytes).envelope.otherInfo.messageCode);
    expect(codes).toContain(0x00cc);
    sendDlms(w, 'ECS02', modeCommand(2, dateTime(at + HOUR)));
    sendDlms(w, 'ECS02', modeCommand(2, CANCELLATION));
    w.advanceTo(at + 2 * HOUR);
    expect(w.ledger().mode).toBe(1);
  });
});

describe('3.3 tariff activation (T40, T41)', () => {
  const PRICE = '0-0:19.20.0.255';
  const STANDING = '0-0:19.20.4.255';
  const ecs01b = (pencePerKWh: number, activation: number[]) => [
    { kind: 'set' as const, target: t(113, STANDING, 6), data: unitCharge(0, -4, [[1, 5000]]) },
    { kind: 'set' as const, target: t(113, STANDING, 7), data: os(activation) },
    { kind: 'set' as const, target: t(113, PRICE, 6), data: unitCharge(3, -5, [[1, pencePerKWh * 1000]]) },
    { kind: 'set' as const, target: t(113, PRICE, 7), data: os(activation) },
  ];

  it('T40: a future-dated price change at T+1 h: consumption before is priced at the old tariff, one BDL tariff entry, a 0x8F66 per part', () => {
    const w = createLedgerWorld();
    const at = MONDAY_MS + HOUR;
    expect(sendDlms(w, 'ECS01b', ecs01b(10, dateTime(at))).results).toEqual([0, 0, 0, 0]);
    w.advanceTo(at - 1000);
    w.consume(1000); // the increment ending at T+1 h, delivered before the activation instant
    expect(w.ledger().sumConsCharge).toBe(30n * P);
    w.world.firmware.drainOutbox();
    w.advanceTo(at);
    const alerts = w.world.firmware.drainOutbox().map((m) => w.world.headEnd.open(m.bytes).envelope.otherInfo.messageCode);
    expect(alerts.filter((c) => c === 0x00cc)).toHaveLength(2);
    const entries = readBillingLog(w.world.firmware, w.slot).snapshots;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ trigger: BILLING_TRIGGER.TARIFF, timeS: at / 1000, totalImport: 1000 });
    w.consume(1000);
    expect(w.ledger().sumConsCharge).toBe(40n * P);
    w.advanceTo(MONDAY_MS + DAY);
    expect(w.ledger().sumStanding).toBe(50n * P); // the new standing charge (50 p at scaler -4 = 5000)
  });

  it('T41: a pending price change cancelled (all-FF) does nothing at its time: no 0x8F66, no entry, old price', () => {
    const w = createLedgerWorld();
    const at = MONDAY_MS + HOUR;
    sendDlms(w, 'ECS01b', ecs01b(10, dateTime(at)));
    sendDlms(w, 'ECS01b', ecs01b(10, CANCELLATION));
    w.advanceTo(at + 1000);
    expect(w.world.firmware.drainOutbox()).toHaveLength(0);
    expect(readBillingLog(w.world.firmware, w.slot).snapshots).toHaveLength(0);
    w.consume(1000);
    expect(w.ledger().sumConsCharge).toBe(30n * P);
  });
});
