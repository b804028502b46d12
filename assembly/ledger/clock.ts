import { Ledger, ledgerIfAny, PERIOD_HOURLY, PERIOD_WEEKLY, PERIOD_MONTHLY } from './state';
import { readyLedger } from './config';
import { dayBoundary, timeDebtBoundary, finishBoundary } from './ledger';
import { nextNdcSwitch } from './non-disablement';
import { nextBilling, isBillingAt } from './billing-calendar';
import { loadLimitBoundary } from './load-limit';
import { takeSnapshot, TRIGGER_CALENDAR } from './billing-log';
import { ledgerAlert, ALERT_BILLING_DATA_LOG } from './alerts';
import { standingCharge, resetBlockCounters, tariffFlags, FLAG_DAILY_BLOCK_RESET } from '../tariff/tariff';
import { civilDate, weekdayOf, dayOf, DAY_S } from '../civil-date';

// The ledger's time boundaries (devices 0.3): each hh:00:00, each switch of the
// non-disablement calendar and each billing-calendar occurrence, in chronological order. advanceTime (index.ts) asks for the next
// one up to the new clock, runs the activations due by then (step 2), then runBoundary (3-5).

const HOUR_S: i64 = 3600;
/** [A] A clock jump longer than this (400 days) charges only its last 400 days of boundaries. */
export const CATCH_UP_MAX_S: i64 = 400 * DAY_S;

/** The next boundary in (lastBoundaryS, target], or -1. */
export function nextLedgerBoundary(slot: u32, target: i64): i64 {
  const l = ledgerIfAny(slot);
  if (l == null || l.lastBoundaryS == 0) return -1;
  if (target - l.lastBoundaryS > CATCH_UP_MAX_S) l.lastBoundaryS = target - CATCH_UP_MAX_S;
  const last = l.lastBoundaryS;
  const q = last / HOUR_S;
  const nextHour = (last % HOUR_S < 0 ? q : q + 1) * HOUR_S;
  let t = min(min(nextHour, nextNdcSwitch(l, last)), nextBilling(l, last));
  if (l.loadLimitRestoreAtS > last) t = min(t, l.loadLimitRestoreAtS);
  return t <= target ? t : -1;
}

/** Steps 3-5 of devices 0.3 at boundary t. */
export function runBoundary(slot: u32, t: i64): void {
  const l = readyLedger(slot);
  if (l == null) return;
  assert(t > l.lastBoundaryS);
  l.lastBoundaryS = t;
  const hour = t % HOUR_S == 0;
  const midnight = t % DAY_S == 0;
  // Step 3: a billing occurrence takes the Billing Data Log entry (it holds step 1's increment),
  // then the block counters reset (block period = billing period) and 0x8F0A reports the entry.
  if (isBillingAt(l, t)) {
    const entry = takeSnapshot(slot, l, TRIGGER_CALENDAR, t);
    resetBlockCounters(l);
    if (entry >= 0) ledgerAlert(slot, l, ALERT_BILLING_DATA_LOG, t, <u32>entry);
  }
  if (midnight) {
    // Step 3: cap period (DAY: 00:00; WEEK: Monday 00:00; MONTH: the 1st 00:00), daily block reset.
    const day = dayOf(t);
    const period = l.capPeriod;
    if ((period != PERIOD_WEEKLY && period != PERIOD_MONTHLY) || (period == PERIOD_WEEKLY && weekdayOf(day) == 0) ||
      (period == PERIOD_MONTHLY && (civilDate(day) & 0xff) == 1)) l.capUsed = 0;
    if ((tariffFlags(l) & FLAG_DAILY_BLOCK_RESET) != 0) resetBlockCounters(l);
    // Step 4: ADR repayment, standing charge, then the daily time debts.
    dayBoundary(slot, l, standingCharge(l), t);
  }
  if (hour) {
    if (l.debtPeriod1 == PERIOD_HOURLY || midnight) timeDebtBoundary(slot, l, 1, t);
    if (l.debtPeriod2 == PERIOD_HOURLY || midnight) timeDebtBoundary(slot, l, 2, t);
  }
  loadLimitBoundary(slot, l, t); // the end of a load-limit restoration period (devices 5.3)
  finishBoundary(slot, l, t); // step 5 and the invariants
}

/** A tick's threshold evaluation (devices 4.9: at every tick, idempotent). */
export function tickLedger(slot: u32, nowS: i64): void {
  const l = ledgerIfAny(slot);
  if (l == null) return;
  finishBoundary(slot, changetype<Ledger>(readyLedger(slot)), nowS);
}
