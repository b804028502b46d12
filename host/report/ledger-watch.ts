import { readImportActiveWh } from '../device-view.js';
import { EC_STATE, readLedger, SUPPLY_STATE, type LedgerView } from '../ledger-view.js';
import type { PremisesWorld } from '../world/premises-world.js';
import { DAY_MS } from '../world/uk-time.js';
import { LEDGER_ALERT, UTRN_REFUSAL_ALERTS } from './ledger-alerts.js';
import type { DaySample, PrepaymentReport, PrepaymentSummary } from './prepayment-report.js';

// Watches one prepayment meter of a premises for a report: after every delivery to it (the
// half-hourly consumption, top-ups, button presses, commands) it reads the meter's ledger view
// and registers, keeps the last reading of each UTC day, counts the ledger alerts raised since
// the previous reading (the ledger's alert trace), the UTRNs it took (its credit counter rose)
// or refused (a refusal alert), and the minutes the supply spent DISABLED and ARMED. It only
// reads device state; it changes nothing and draws nothing, so a watched run hashes like any.

interface Reading {
  atMs: number;
  ledger: LedgerView;
  importWh: number;
}

const money = (x: bigint): number => Number(x);
const debtOf = (l: LedgerView): bigint => l.accumulatedDebt + l.timeDebt1 + l.timeDebt2 + l.paymentDebt;
const recoveredOf = (l: LedgerView): bigint => l.sumTimeDebt1 + l.sumTimeDebt2 + l.sumPayDebt + l.sumAdrRepaid;

export class LedgerWatch {
  private readonly first: Reading;
  private last: Reading;
  private readonly dayEnds: (Reading | undefined)[];
  private readonly disabledMinutes: number[];
  private readonly armedMinutes: number[];
  private readonly alertCounts = new Map<number, number>();
  private topUpsAccepted = 0;
  private topUpsRefused = 0;

  constructor(private readonly w: PremisesWorld, private readonly d: number) {
    const days = Math.round((w.ctx.endMs - w.ctx.startMs) / DAY_MS);
    this.dayEnds = new Array<Reading | undefined>(days).fill(undefined);
    this.disabledMinutes = new Array<number>(days).fill(0);
    this.armedMinutes = new Array<number>(days).fill(0);
    this.first = this.read(w.ctx.startMs);
    this.last = this.first;
    w.onDelivered = (device, nowMs) => {
      if (device === this.d) this.observe(nowMs);
    };
  }

  private read(atMs: number): Reading {
    const firmware = this.w.firmware(this.d);
    const slot = this.w.homes[this.d]!.slot;
    const ledger = readLedger(firmware, slot);
    if (ledger === undefined) throw this.w.error(atMs, `${this.w.euis[this.d]} has no prepayment ledger to report on`);
    return { atMs, ledger, importWh: readImportActiveWh(firmware, slot) };
  }

  private dayOf(atMs: number): number {
    return Math.min(this.dayEnds.length - 1, Math.max(0, Math.floor((atMs - this.w.ctx.startMs - 1) / DAY_MS)));
  }

  private observe(nowMs: number): void {
    const now = this.read(nowMs);
    const before = this.last.ledger;
    const l = now.ledger;
    const raised = l.alertTraceCount - before.alertTraceCount;
    if (raised > l.alerts.length) throw this.w.error(nowMs, `${raised} ledger alerts in one delivery overran the alert trace`);
    const fresh = l.alerts.slice(l.alerts.length - raised);
    for (const code of fresh) this.alertCounts.set(code, (this.alertCounts.get(code) ?? 0) + 1);
    if (l.sumCredit > before.sumCredit) this.topUpsAccepted++;
    else if (fresh.some((code) => UTRN_REFUSAL_ALERTS.includes(code))) this.topUpsRefused++;
    this.countSupply(nowMs);
    this.last = now;
    this.dayEnds[this.dayOf(nowMs)] = now;
  }

  /** Adds the time since the last reading to the supply state it showed, split at UTC midnights. */
  private countSupply(untilMs: number): void {
    const supply = this.last.ledger.supply;
    const bucket = supply === SUPPLY_STATE.DISABLED ? this.disabledMinutes : supply === SUPPLY_STATE.ARMED ? this.armedMinutes : undefined;
    if (bucket === undefined) return;
    const start = this.w.ctx.startMs;
    for (let t = this.last.atMs; t < untilMs;) {
      const dayEnd = start + (Math.floor((t - start) / DAY_MS) + 1) * DAY_MS;
      const to = Math.min(untilMs, dayEnd);
      bucket[Math.min(bucket.length - 1, Math.floor((t - start) / DAY_MS))]! += (to - t) / 60_000;
      t = to;
    }
  }

  private count(code: number): number {
    return this.alertCounts.get(code) ?? 0;
  }

  /** The report at the end of the run (call after the run finished). */
  report(priceChangesAccepted: number, seed: bigint): PrepaymentReport {
    const { ctx } = this.w;
    this.observe(ctx.endMs);
    const days: DaySample[] = [];
    let previous = this.first;
    this.dayEnds.forEach((end, i) => {
      const r = end ?? previous;
      const l = r.ledger;
      days.push({
        date: new Date(ctx.startMs + i * DAY_MS).toISOString().slice(0, 10),
        meterBalanceMilliPence: money(l.meterBalance),
        emergencyCreditMilliPence: l.ecState === EC_STATE.IN_USE ? money(l.ecBalance) : 0,
        debtMilliPence: money(debtOf(l)),
        importWh: r.importWh - previous.importWh,
        disabledMinutes: Math.round(this.disabledMinutes[i]!),
        armedMinutes: Math.round(this.armedMinutes[i]!),
      });
      previous = r;
    });
    const a = this.first.ledger;
    const z = this.last.ledger;
    const summary: PrepaymentSummary = {
      days: days.length,
      topUpsAccepted: this.topUpsAccepted,
      topUpsRefused: this.topUpsRefused,
      creditAddedMilliPence: money(z.sumCredit - a.sumCredit),
      consumptionChargedMilliPence: money(z.sumConsCharge - a.sumConsCharge),
      standingChargedMilliPence: money(z.sumStanding - a.sumStanding),
      standingCollectedMilliPence: money(z.sumStandingCollected - a.sumStandingCollected),
      debtAtStartMilliPence: money(debtOf(a)),
      debtAtEndMilliPence: money(debtOf(z)),
      debtRecoveredMilliPence: money(recoveredOf(z) - recoveredOf(a)),
      emergencyCreditUses: this.count(LEDGER_ALERT.EC_ACTIVATED),
      emergencyCreditGrantedMilliPence: money(z.sumEcGranted - a.sumEcGranted),
      lowCreditWarnings: this.count(LEDGER_ALERT.LOW_CREDIT),
      disablements: this.count(LEDGER_ALERT.DISABLED_FOR_CREDIT),
      minutesWithoutSupply: days.reduce((n, x) => n + x.disabledMinutes + x.armedMinutes, 0),
      importWh: this.last.importWh - this.first.importWh,
      meterBalanceAtEndMilliPence: money(z.meterBalance),
      priceChangesAccepted,
    };
    return {
      scenario: ctx.scenario.name, seed: seed.toString(), meterEui: this.w.euis[this.d]!,
      start: new Date(ctx.startMs).toISOString(), end: new Date(ctx.endMs).toISOString(), days, summary,
    };
  }
}
