import { device } from '../device/context';
import {
  Ledger, Money, ecUsed, availableCredit, netPosition, debtRecovered, MODE_PREPAYMENT, MODE_CREDIT,
  EC_NOT_AVAILABLE, EC_AVAILABLE, EC_IN_USE, EC_EXHAUSTED, MONEY_UNLIMITED, FRACTION_UNITS, MONEY_OPERATION_MAX,
  UTRN_CACHE_MAX, UTRN_FAILURES_MAX, GAS_ENERGY_UNITS,
} from './state';
import {
  ledgerAlert, ALERT_EC_EXHAUSTED, ALERT_EC_AVAILABLE, ALERT_LOW_CREDIT, ALERT_CREDIT_BELOW_DISABLEMENT,
  ALERT_DISABLEMENT_SUSPENDED, ALERT_SUPPLY_ARMED, ALERT_ARMED_BY_EC, ALERT_EC_ACTIVATED, ALERT_PAYMENT_DEBT_COLLECTED,
  ALERT_TIME_DEBT_1_COLLECTED, ALERT_TIME_DEBT_2_COLLECTED,
} from './alerts';
import {
  supplyState, supplyCause, setSupply, SUPPLY_ENABLED, SUPPLY_ARMED, SUPPLY_DISABLED, CAUSE_CREDIT, CAUSE_NONE,
} from './supply';
import { ndActiveAt } from './non-disablement';
import { takeSnapshot, TRIGGER_MODE } from './billing-log';

// The prepayment ledger's operations (devices 4.3-4.12). Each public function is one atomic
// operation: it validates, then changes the ledger, then runs the threshold evaluation of 4.9,
// then checks the invariants L1-L12 of 4.13 (a broken one traps: it is a bug, never input).
// Input that is refused returns false and changes nothing (L11).

const KIND_CONSUMPTION: u32 = 0;
const KIND_STANDING: u32 = 1;
const KIND_TIME_DEBT: u32 = 2;
const BASIS_POINTS: i64 = 10_000;

/** devices 4.3: takes x > 0 from MB, then ECB; returns what was collected. */
function debit(slot: u32, l: Ledger, x: Money, kind: u32, timeS: i64): Money {
  assert(x > 0);
  const fromMB = min(x, max(l.meterBalance, 0));
  l.meterBalance -= fromMB;
  let rem = x - fromMB;
  if (rem > 0 && <u32>l.ecState == EC_IN_USE) {
    const fromEC = min(rem, l.ecBalance);
    l.ecBalance -= fromEC;
    rem -= fromEC;
    if (l.ecBalance == 0) {
      l.ecState = <u8>EC_EXHAUSTED;
      ledgerAlert(slot, l, ALERT_EC_EXHAUSTED, timeS);
    }
  }
  if (rem == 0) return x;
  if (kind == KIND_CONSUMPTION) {
    l.meterBalance -= rem; // only while the supply is on (friendly credit, pending disablement)
    return x;
  }
  if (kind == KIND_STANDING) l.accumulatedDebt += rem; // deferred, never lost
  return x - rem; // TIMEDEBT: the shortfall is not collected
}

/**
 * devices 4.4: adds the exact cost of an increment (in 1/FRACTION_UNITS milli-penny) to the
 * carried remainder and charges the whole milli-pence out of it, to the ledger in PREPAYMENT or
 * the credit-mode balance in CREDIT.
 */
export function chargeConsumption(slot: u32, l: Ledger, costFraction: i64, timeS: i64): void {
  assert(costFraction >= 0);
  assert(l.chargeAcc >= 0 && l.chargeAcc < FRACTION_UNITS); // L12
  const total = l.chargeAcc + costFraction;
  const charge = total / FRACTION_UNITS;
  l.chargeAcc = total - charge * FRACTION_UNITS;
  if (charge > 0) {
    if (<u32>l.mode == MODE_PREPAYMENT) {
      debit(slot, l, charge, KIND_CONSUMPTION, timeS);
      l.sumConsCharge += charge;
    } else {
      l.creditModeBalance += charge;
      l.sumCreditModeCharge += charge;
    }
  }
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
}

/**
 * devices 0.3 step 4 at 00:00: ADR repayment from positive MB, then the standing charge, then
 * the DAILY time debts (hourly ones come from hourBoundary). `dailyDebts` false on hh:00 only.
 */
export function dayBoundary(slot: u32, l: Ledger, standingCharge: Money, timeS: i64): void {
  assert(standingCharge >= 0);
  if (<u32>l.mode == MODE_PREPAYMENT) {
    const repay = min(l.accumulatedDebt, max(l.meterBalance, 0)); // devices 4.6
    l.accumulatedDebt -= repay;
    l.meterBalance -= repay;
    l.sumAdrRepaid += repay;
    if (standingCharge > 0) {
      const collected = debit(slot, l, standingCharge, KIND_STANDING, timeS);
      l.sumStanding += standingCharge;
      l.sumStandingCollected += collected;
    }
  } else if (standingCharge > 0) {
    l.creditModeBalance += standingCharge;
    l.sumCreditModeCharge += standingCharge;
  }
}

/** devices 4.7 for register n (1 or 2) at one of its period boundaries. */
export function timeDebtBoundary(slot: u32, l: Ledger, n: u32, timeS: i64): void {
  assert(n == 1 || n == 2);
  const register = n == 1 ? l.timeDebt1 : l.timeDebt2;
  if (<u32>l.mode != MODE_PREPAYMENT || register == 0) return;
  if (l.suspendDebtEmergency != 0 && <u32>l.ecState == EC_IN_USE) return;
  if (l.suspendDebtDisabled != 0 && supplyState(slot) == SUPPLY_DISABLED && supplyCause(slot) == CAUSE_CREDIT) return;
  const rate = n == 1 ? l.debtRate1 : l.debtRate2;
  const scale = n == 1 ? l.debtScale1 : l.debtScale2;
  // The per-boundary amount DRR x 10^scale milli-pence, in FRACTION_UNITS, carried exactly (T35, L12).
  let acc = (n == 1 ? l.timeDebtAcc1 : l.timeDebtAcc2) + scaled(rate, scale);
  let due = acc / FRACTION_UNITS;
  acc -= due * FRACTION_UNITS;
  due = min(due, register);
  let got: Money = 0;
  if (due > 0) got = debit(slot, l, due, KIND_TIME_DEBT, timeS);
  const left = register - got;
  if (left == 0) acc = 0;
  if (n == 1) {
    l.timeDebt1 = left;
    l.timeDebtAcc1 = acc;
    l.sumTimeDebt1 += got;
  } else {
    l.timeDebt2 = left;
    l.timeDebtAcc2 = acc;
    l.sumTimeDebt2 += got;
  }
  if (left == 0 && got > 0) ledgerAlert(slot, l, n == 1 ? ALERT_TIME_DEBT_1_COLLECTED : ALERT_TIME_DEBT_2_COLLECTED, timeS);
}

/** rate x 10^scale milli-pence in 1/FRACTION_UNITS units (scale >= -6 keeps it exact; below, truncated [A]). */
export function scaled(rate: i64, scale: i32): i64 {
  let v = rate;
  let e = scale + 6;
  while (e > 0) { v *= 10; e--; }
  while (e < 0) { v /= 10; e++; }
  return v;
}

/** The end of one instant's steps 1-4 (devices 4.9: one atomic operation). */
export function finishBoundary(slot: u32, l: Ledger, timeS: i64): void {
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
}

/** MB after allocating an accepted top-up of `amount` (devices 4.11 steps 1-4), without changing anything. */
export function balanceAfterTopUp(l: Ledger, amount: Money): Money {
  if (<u32>l.mode != MODE_PREPAYMENT) return l.meterBalance + amount;
  const p = paymentDebtShare(l, amount);
  const rest = amount - p;
  const a = min(l.accumulatedDebt, rest);
  const e = min(ecUsed(l), rest - a);
  return l.meterBalance + rest - a - e;
}

function paymentDebtShare(l: Ledger, amount: Money): Money {
  let p = min(l.paymentDebt, amount * <i64>l.debtRecoveryPerPaymentBp / BASIS_POINTS);
  if (l.capAmount != MONEY_UNLIMITED) p = min(p, max(l.capAmount - l.capUsed, 0));
  return p;
}

/**
 * devices 4.11 step 6: allocates an accepted top-up (PDR share, ADR, ECused, MB). Checks were
 * done. Returns the payment-debt share taken (the caller logs it once the top-up is durable).
 */
export function applyTopUp(slot: u32, l: Ledger, amount: Money, timeS: i64): Money {
  assert(amount >= 0 && amount <= MONEY_OPERATION_MAX);
  const expected = balanceAfterTopUp(l, amount);
  let c = amount;
  let share: Money = 0;
  if (<u32>l.mode == MODE_PREPAYMENT) {
    const p = paymentDebtShare(l, c);
    share = p;
    assert(p <= amount * <i64>l.debtRecoveryPerPaymentBp / BASIS_POINTS); // L10
    l.paymentDebt -= p;
    l.capUsed += p;
    l.sumPayDebt += p;
    c -= p;
    if (l.paymentDebt == 0 && p > 0) ledgerAlert(slot, l, ALERT_PAYMENT_DEBT_COLLECTED, timeS);
    const a = min(l.accumulatedDebt, c);
    l.accumulatedDebt -= a;
    l.sumAdrRepaid += a;
    c -= a;
    const used = ecUsed(l);
    const e = min(used, c);
    l.ecBalance += e;
    c -= e;
    if ((<u32>l.ecState == EC_IN_USE || <u32>l.ecState == EC_EXHAUSTED) && ecUsed(l) == 0) ecRepaid(l);
  }
  l.meterBalance += c;
  l.sumCredit += amount;
  assert(l.meterBalance == expected);
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
  return share;
}

function ecRepaid(l: Ledger): void {
  l.ecBalance = 0;
  l.ecGranted = 0;
  l.ecState = <u8>EC_NOT_AVAILABLE;
}

/** ECS04a (devices 4.12): MB += adjustment; false (nothing changed) when a positive one would pass MaxMB. */
export function adjustMeterBalance(slot: u32, l: Ledger, adjustment: Money, timeS: i64): bool {
  if (adjustment > MONEY_OPERATION_MAX || adjustment < -MONEY_OPERATION_MAX) return false;
  if (adjustment > 0 && l.meterBalance + adjustment > l.maxMeterBalance) return false;
  l.meterBalance += adjustment;
  l.sumCredit += adjustment;
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
  return true;
}

/** ECS04b (devices 4.12): MB := 0, accounted as an adjustment of -MB. */
export function resetMeterBalance(slot: u32, l: Ledger, timeS: i64): void {
  l.sumCredit -= l.meterBalance;
  l.meterBalance = 0;
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
}

/** ECS07 (devices 4.12): adds a signed amount to TDR1 (1), TDR2 (2) or PDR (3); false when it would go negative. */
export function adjustDebt(slot: u32, l: Ledger, register: u32, amount: Money, timeS: i64): bool {
  assert(register >= 1 && register <= 3);
  if (amount > MONEY_OPERATION_MAX || amount < -MONEY_OPERATION_MAX) return false;
  const current = register == 1 ? l.timeDebt1 : register == 2 ? l.timeDebt2 : l.paymentDebt;
  const next = current + amount;
  if (next < 0 || next > MONEY_OPERATION_MAX) return false;
  if (register == 1) {
    l.timeDebt1 = next;
    if (next == 0) l.timeDebtAcc1 = 0;
  } else if (register == 2) {
    l.timeDebt2 = next;
    if (next == 0) l.timeDebtAcc2 = 0;
  } else {
    l.paymentDebt = next;
  }
  if (amount > 0) l.sumDebtIncrease += amount;
  else l.sumDebtDecrease -= amount;
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
  return true;
}

export const EC_ACTIVATE_ACCEPTED: i32 = 0; // activated now
export const EC_ACTIVATE_ALREADY: i32 = 1; // already IN_USE: success, no change
export const EC_ACTIVATE_REFUSED: i32 = 2; // NOT_AVAILABLE / EXHAUSTED: failure, no change

/** devices 4.8 activation (button, PPMID, ECS09 / GCS06). */
export function activateEmergencyCredit(slot: u32, l: Ledger, timeS: i64): i32 {
  if (<u32>l.ecState == EC_IN_USE) return EC_ACTIVATE_ALREADY;
  if (<u32>l.ecState != EC_AVAILABLE || <u32>l.mode != MODE_PREPAYMENT || l.ecLimit <= 0) return EC_ACTIVATE_REFUSED;
  l.ecGranted = l.ecLimit;
  l.ecBalance = l.ecLimit;
  l.ecState = <u8>EC_IN_USE;
  l.sumEcGranted += l.ecLimit;
  ledgerAlert(slot, l, ALERT_EC_ACTIVATED, timeS);
  evaluateThresholds(slot, l, timeS, true);
  checkInvariants(slot, l);
  return EC_ACTIVATE_ACCEPTED;
}

/**
 * ECS02 / ECS03, GCS02 / GCS03 at execution (devices 4.2). A real change takes the Billing Data
 * Log entry first (trigger = change of mode; not at installation, which only settles state).
 * To CREDIT: outstanding EC moves to ADR, the EC ends, a credit-disabled supply is armed; debt
 * recovery, thresholds and disablement stop (they run only in PREPAYMENT). To PREPAYMENT: MB
 * keeps its stored value; the thresholds are evaluated at once.
 */
export function changePaymentMode(slot: u32, l: Ledger, mode: u32, timeS: i64): void {
  assert(mode == MODE_CREDIT || mode == MODE_PREPAYMENT);
  if (<u32>l.mode == mode) {
    evaluateThresholds(slot, l, timeS, false);
    checkInvariants(slot, l);
    return;
  }
  if (l.silent == 0) takeSnapshot(slot, l, TRIGGER_MODE, timeS);
  if (mode == MODE_CREDIT) {
    const used = ecUsed(l);
    l.accumulatedDebt += used; // outstanding EC is not lost
    l.sumEcToAdr += used;
    ecRepaid(l);
    l.lowLatched = 0;
    l.nd83Raised = 0;
    if (supplyState(slot) == SUPPLY_DISABLED && supplyCause(slot) == CAUSE_CREDIT) {
      setSupply(slot, SUPPLY_ARMED, CAUSE_NONE);
      ledgerAlert(slot, l, ALERT_SUPPLY_ARMED, timeS);
    }
  }
  l.mode = <u8>mode;
  evaluateThresholds(slot, l, timeS, false);
  checkInvariants(slot, l);
}

/**
 * devices 4.9, in its order: EC availability, low credit, then disablement / suspension /
 * restoration. Edge-triggered and idempotent. `byEc`: an EC activation re-arms with 0x8168.
 */
export function evaluateThresholds(slot: u32, l: Ledger, timeS: i64, byEc: bool): void {
  const nd = ndActiveAt(l, timeS);
  l.ndActive = nd ? 1 : 0;
  if (!nd) l.nd83Raised = 0;
  if (<u32>l.mode != MODE_PREPAYMENT) return;
  const ecs = <u32>l.ecState;
  if (ecs == EC_NOT_AVAILABLE && l.meterBalance < l.ecThreshold && l.ecLimit > 0) {
    l.ecState = <u8>EC_AVAILABLE;
    ledgerAlert(slot, l, ALERT_EC_AVAILABLE, timeS);
  } else if (ecs == EC_AVAILABLE && (l.meterBalance >= l.ecThreshold || l.ecLimit <= 0)) {
    l.ecState = <u8>EC_NOT_AVAILABLE;
  }
  const ac = availableCredit(l);
  if (ac < l.lowCreditThreshold) {
    if (l.lowLatched == 0) {
      l.lowLatched = 1;
      ledgerAlert(slot, l, ALERT_LOW_CREDIT, timeS);
    }
  } else {
    l.lowLatched = 0;
  }
  const state = supplyState(slot);
  if (ac < l.disablementThreshold) {
    if ((state == SUPPLY_ENABLED || state == SUPPLY_ARMED) && !nd) {
      setSupply(slot, SUPPLY_DISABLED, CAUSE_CREDIT);
      ledgerAlert(slot, l, ALERT_CREDIT_BELOW_DISABLEMENT, timeS);
    } else if (state == SUPPLY_ENABLED && nd && l.nd83Raised == 0) {
      l.nd83Raised = 1;
      ledgerAlert(slot, l, ALERT_DISABLEMENT_SUSPENDED, timeS);
    }
  } else if (state == SUPPLY_DISABLED && supplyCause(slot) == CAUSE_CREDIT) {
    setSupply(slot, SUPPLY_ARMED, CAUSE_NONE);
    ledgerAlert(slot, l, byEc ? ALERT_ARMED_BY_EC : ALERT_SUPPLY_ARMED, timeS);
  }
}

/** The invariants of devices 4.13 that hold at every instant; L3 is utrn.ts's, L11 is structural. */
export function checkInvariants(slot: u32, l: Ledger): void {
  // L1: cash-flow conservation since the baseline.
  assert(l.sumCredit - l.sumConsCharge - l.sumStandingCollected - debtRecovered(l) + l.sumEcToAdr ==
    l.meterBalance - ecUsed(l) - l.baseCash);
  // L2: net-position form.
  assert(netPosition(l) - l.baseNet == l.sumCredit - l.sumConsCharge - l.sumStanding + l.sumDebtDecrease - l.sumDebtIncrease);
  // L4
  assert(l.ecBalance >= 0);
  assert(<u32>l.ecState == EC_IN_USE || <u32>l.ecState == EC_EXHAUSTED || l.ecBalance == 0);
  assert(l.ecBalance <= l.ecGranted || l.ecGranted == 0 && l.ecBalance == 0);
  assert(l.accumulatedDebt >= 0);
  assert(l.timeDebt1 >= 0);
  assert(l.timeDebt2 >= 0);
  assert(l.paymentDebt >= 0);
  assert(<u32>l.ecState != EC_IN_USE || l.ecGranted > 0);
  // L6: in PREPAYMENT with the supply ENABLED, AC >= DT or friendly credit is active.
  assert(<u32>l.mode != MODE_PREPAYMENT || supplyState(slot) != SUPPLY_ENABLED ||
    availableCredit(l) >= l.disablementThreshold || l.ndActive != 0);
  // L8: the cap, unless it was lowered during the period.
  assert(l.capUsed >= 0);
  // L12: the carried remainders are proper fractions.
  assert(l.chargeAcc >= 0 && l.chargeAcc < FRACTION_UNITS);
  assert(l.timeDebtAcc1 >= 0 && l.timeDebtAcc1 < FRACTION_UNITS);
  assert(l.timeDebtAcc2 >= 0 && l.timeDebtAcc2 < FRACTION_UNITS);
  assert(l.gasEnergyAcc >= 0 && l.gasEnergyAcc < GAS_ENERGY_UNITS); // L12: gas energy not yet rated is carried, not lost
  assert(l.utrnCount <= UTRN_CACHE_MAX);
  assert(l.utrnFailureCount < UTRN_FAILURES_MAX);
  assert(l.ecState <= <u8>EC_EXHAUSTED);
  assert(<u32>l.mode == MODE_CREDIT || <u32>l.mode == MODE_PREPAYMENT);
  assert(device(slot).state != 0);
}

/**
 * The invariants of checkInvariants that a ledger holds by itself (L1, L2, L4, L12 and the
 * bounds), without trapping: restore (device/snapshot.ts) refuses an image that breaks one, so a
 * corrupted snapshot is bad input (BAD_INPUT, nothing changed), not a trap. L6 is not among them:
 * it may be false between an input and its evaluation instant (devices 4.13 L6), and the next
 * operation evaluates the thresholds.
 */
export function ledgerConsistent(l: Ledger): bool {
  if (<u32>l.mode != MODE_CREDIT && <u32>l.mode != MODE_PREPAYMENT) return false;
  if (l.ecState > <u8>EC_EXHAUSTED) return false;
  if (l.utrnCount > UTRN_CACHE_MAX || l.utrnFailureCount >= UTRN_FAILURES_MAX) return false;
  if (l.chargeAcc < 0 || l.chargeAcc >= FRACTION_UNITS) return false; // L12
  if (l.gasEnergyAcc < 0 || l.gasEnergyAcc >= GAS_ENERGY_UNITS) return false;
  if (l.timeDebtAcc1 < 0 || l.timeDebtAcc1 >= FRACTION_UNITS || l.timeDebtAcc2 < 0 || l.timeDebtAcc2 >= FRACTION_UNITS) return false;
  if (l.ecBalance < 0 || l.accumulatedDebt < 0 || l.timeDebt1 < 0 || l.timeDebt2 < 0 || l.paymentDebt < 0 || l.capUsed < 0) return false; // L4
  if (<u32>l.ecState != EC_IN_USE && <u32>l.ecState != EC_EXHAUSTED && l.ecBalance != 0) return false;
  if (!(l.ecBalance <= l.ecGranted || l.ecGranted == 0 && l.ecBalance == 0)) return false;
  if (<u32>l.ecState == EC_IN_USE && l.ecGranted <= 0) return false;
  // L1 and L2 against the baselines.
  if (l.sumCredit - l.sumConsCharge - l.sumStandingCollected - debtRecovered(l) + l.sumEcToAdr != l.meterBalance - ecUsed(l) - l.baseCash) return false;
  return netPosition(l) - l.baseNet == l.sumCredit - l.sumConsCharge - l.sumStanding + l.sumDebtDecrease - l.sumDebtIncrease;
}
