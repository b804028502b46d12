import { LOG_PAGE_BYTES } from '../layout';
import { ensurePage, pageOf, pageAddress } from '../device/pages';
import { STORE_FIRST_PAGE_ID } from '../cosem/store';
import { LOG_EVENT, LOG_SECURITY } from '../logs/log';

// The prepayment ledger (devices 4.1) of an ESME or GSME, with its UTRN counter cache (4.11),
// the alert trace and the parsed tariff (devices 3, tariff/state.ts), in a page of its own
// (page-table id LEDGER_PAGE_ID), so a snapshot copies it like any log page. The page is
// allocated, with the defaults of a new meter, the first time the ledger is needed; an idle
// device owns none. Money is `i64` milli-pence (1 GBP = 100 000, devices 0.2), never floats.
//
//   0 Ledger (LEDGER_BYTES, byte layout = the field order below, every field 8-byte aligned)
//   UTRN_CACHE_OFFSET  UTRN_CACHE_MAX x u32: high words of the accepted UTRN counters, unordered
//   ALERT_TRACE_OFFSET ALERT_TRACE_MAX x u16 ring of the ledger alerts raised (tests, host view)
//   PENDING_ALERTS_OFFSET PENDING_ALERTS_MAX x { timeS i64 | code u32 | detail u32 (0x8F0A: the billing entry) }
//   NDC_OFFSET         the non-disablement calendar (non-disablement.ts)
//   TARIFF_OFFSET      the parsed tariff (tariff/state.ts)

/** Money: milli-pence, 1 GBP = 100 000 (devices 0.2). */
export type Money = i64;

export const LEDGER_PAGE_ID: u32 = 7;
if (LEDGER_PAGE_ID >= STORE_FIRST_PAGE_ID || LEDGER_PAGE_ID == LOG_EVENT || LEDGER_PAGE_ID == LOG_SECURITY) ERROR('ledger page id collides');

/** Sub-milli-penny fractions (chargeAcc, timeDebtAcc, devices 4.4 / 4.7) count in 1/FRACTION_UNITS milli-penny. */
export const FRACTION_UNITS: i64 = 1_000_000;
export const FRACTION_DIGITS: i32 = 6;
/** The GSME carries the sub-Wh part of its converted gas energy in 1/GAS_ENERGY_UNITS Wh (36 x 10^6: exact for CF and CV with up to 6 digits between them). */
export const GAS_ENERGY_UNITS: i64 = 36_000_000;
/** A limit that is not configured (maximum meter balance, maximum credit, cap). */
export const MONEY_UNLIMITED: Money = i64.MAX_VALUE;
/** Largest amount one operation may carry: keeps every sum far from i64 overflow (2^53 milli-pence = £9e10). */
export const MONEY_OPERATION_MAX: Money = 1 << 53;

export const MODE_CREDIT: u32 = 1; // ECS26j payment mode enum (devices 2.2)
export const MODE_PREPAYMENT: u32 = 2;

export const EC_NOT_AVAILABLE: u32 = 0; // devices 4.1 `ecs`
export const EC_AVAILABLE: u32 = 1;
export const EC_IN_USE: u32 = 2;
export const EC_EXHAUSTED: u32 = 3;

export const PERIOD_NONE: u32 = 0; // debt-recovery and cap periods (devices 4.7, 4.11)
export const PERIOD_HOURLY: u32 = 1;
export const PERIOD_DAILY: u32 = 2;
export const PERIOD_WEEKLY: u32 = 3;
export const PERIOD_MONTHLY: u32 = 4;

export const UTRN_CACHE_MAX: u32 = 100; // GBCS 10.2 / devices 4.11: the lowest counter is evicted when full
/** devices 4.11 [A]: 5 rejected local entries within a rolling 24 h lock manual entry for 24 h. */
export const UTRN_FAILURES_MAX: u32 = 5;
export const UTRN_LOCKOUT_S: i64 = 86_400;
export const ALERT_TRACE_MAX: u32 = 64; // ring: the newest overwrite the oldest

@unmanaged
export class Ledger {
  // Registers (devices 4.1).
  meterBalance: Money; // MB
  ecBalance: Money; // ECB
  ecGranted: Money; // ECLg
  accumulatedDebt: Money; // ADR
  timeDebt1: Money; // TDR1
  timeDebt2: Money; // TDR2
  paymentDebt: Money; // PDR
  capUsed: Money;
  creditModeBalance: Money; // cost accrued in CREDIT mode (devices 2.1)
  chargeAcc: i64; // FRACTION_UNITS per milli-penny
  gasEnergyAcc: i64; // GSME: energy not yet rated, in 1/GAS_ENERGY_UNITS Wh (gsme/prepayment.ts)
  timeDebtAcc1: i64;
  timeDebtAcc2: i64;
  // Cumulative counters (devices 4.1), PREPAYMENT charges only.
  sumCredit: Money;
  sumConsCharge: Money;
  sumStanding: Money;
  sumStandingCollected: Money;
  sumTimeDebt1: Money;
  sumTimeDebt2: Money;
  sumPayDebt: Money;
  sumAdrRepaid: Money;
  sumEcGranted: Money;
  sumEcToAdr: Money;
  sumDebtIncrease: Money; // ECS07 increases (L2)
  sumDebtDecrease: Money; // ECS07 decreases (L2)
  sumCreditModeCharge: Money; // consumption + standing charged in CREDIT mode
  // Baselines of L1 / L2: the values of (MB - ECused) and W when the counters were last zero.
  baseCash: Money;
  baseNet: Money;
  // Configuration (devices 4.1), a parsed copy of the object store (config.ts) or LOCAL input.
  ecLimit: Money; // ECL
  ecThreshold: Money; // ECT
  lowCreditThreshold: Money; // LCT
  disablementThreshold: Money; // DT
  maxMeterBalance: Money; // MaxMB
  maxCreditThreshold: Money; // MaxCT
  capAmount: Money; // CAP (MONEY_UNLIMITED: no cap)
  debtRate1: i64; // DRR1 in 10^debtScale1 milli-pence
  debtRate2: i64;
  lastBoundaryS: i64; // the last instant whose boundaries (devices 0.3) were processed
  lockedUntilS: i64; // UTRN manual entry locked until (exclusive)
  utrnFailure0: i64; // times of the recent local UTRN failures: UTRN_FAILURES_MAX fields in a row
  utrnFailure1: i64;
  utrnFailure2: i64;
  utrnFailure3: i64;
  utrnFailure4: i64;
  // Load limiting (load-limit.ts; devices 5.3).
  loadLimitAboveS: i64; // time the import power has been above the threshold
  loadLimitLastS: i64; // time of the last consumption increment (0: none yet)
  loadLimitRestoreAtS: i64; // end of the restoration period of a DISABLED(LOAD_LIMIT) supply (0: none)
  // The billing calendar (billing-calendar.ts): BILLING_ENTRIES_MAX packed entries in a row.
  billingEntry0: u64;
  billingEntry1: u64;
  billingEntry2: u64;
  billingEntry3: u64;
  loadLimitThresholdW: u32; // 0: load limiting off
  loadLimitPeriodS: u32;
  loadLimitRestorationS: u32;
  loadLimitAction: u32; // LOAD_LIMIT_UNCHANGED, _DISABLE, _ARM
  debtRecoveryPerPaymentBp: u32; // DRPP
  capPeriod: u32;
  debtPeriod1: u32;
  debtPeriod2: u32;
  debtScale1: i32;
  debtScale2: i32;
  utrnCount: u32;
  utrnFailureCount: u32;
  alertTraceCount: u32; // alerts ever raised through the trace (the ring index is count % max)
  pendingAlertCount: u32;
  alertsDropped: u32; // [A] a full pending queue drops the newest alert (its trace entry stays)
  mode: u8;
  ecState: u8;
  lowLatched: u8;
  nd83Raised: u8;
  suspendDebtDisabled: u8; // SDD
  suspendDebtEmergency: u8; // SDE
  configDirty: u8; // the object store changed: reload config.ts before the next operation
  supplyState: u8; // GSME only; the ESME keeps its supply in esme/state.ts
  supplyCause: u8;
  ndActive: u8; // last evaluated non-disablement state
  silent: u8; // installation: threshold evaluation settles state without raising alerts
  billingKind: u8; // billing-calendar.ts: BILLING_NONE, BILLING_DATES (ESME, DLMS) or BILLING_PERIODIC (GSME, ZCL)
  billingCount: u8; // BILLING_DATES entries held
}

export const LEDGER_BYTES: u32 = 512;
export const UTRN_CACHE_OFFSET: u32 = LEDGER_BYTES;
export const ALERT_TRACE_OFFSET: u32 = UTRN_CACHE_OFFSET + UTRN_CACHE_MAX * 4;
// Alerts raised while a command's response is being built wait here and are sent after it (alerts.ts).
export const PENDING_ALERTS_MAX: u32 = 24;
export const PENDING_ALERTS_OFFSET: u32 = ALERT_TRACE_OFFSET + ALERT_TRACE_MAX * 2;
export const NDC_OFFSET: u32 = PENDING_ALERTS_OFFSET + PENDING_ALERTS_MAX * 16;
export const NDC_BYTES: u32 = 8 + 12 * 16 + 16 * 4; // non-disablement.ts: header, switches, special days
export const TARIFF_OFFSET: u32 = NDC_OFFSET + NDC_BYTES;
export const TARIFF_BYTES_MAX: u32 = LOG_PAGE_BYTES - TARIFF_OFFSET;

if (offsetof<Ledger>() > LEDGER_BYTES) ERROR('Ledger overflows LEDGER_BYTES');
if (offsetof<Ledger>('utrnFailure4') - offsetof<Ledger>('utrnFailure0') != (UTRN_FAILURES_MAX - 1) * 8) ERROR('UTRN failure ring size drifted');
if (TARIFF_OFFSET % 8 != 0) ERROR('tariff region must keep 8-byte alignment');

/** The ledger of a device, or null when it has none yet (read paths: a new meter's zeros). */
export function ledgerIfAny(slot: u32): Ledger | null {
  const page = pageOf(slot, LEDGER_PAGE_ID);
  if (page == 0) return null;
  return changetype<Ledger>(pageAddress(page));
}

/** The ledger of a device, created with the defaults of a new meter; null when memory cannot grow. */
export function ensureLedger(slot: u32): Ledger | null {
  const existing = pageOf(slot, LEDGER_PAGE_ID);
  if (existing != 0) return changetype<Ledger>(pageAddress(existing));
  const page = ensurePage(slot, LEDGER_PAGE_ID);
  if (page == 0) return null;
  const l = changetype<Ledger>(pageAddress(page));
  // devices 4.1 / 12 defaults of a new meter [A]: CREDIT mode, no limits configured.
  l.mode = <u8>MODE_CREDIT;
  l.maxMeterBalance = MONEY_UNLIMITED;
  l.maxCreditThreshold = MONEY_UNLIMITED;
  l.capAmount = MONEY_UNLIMITED;
  l.configDirty = 1;
  return l;
}

// @ts-ignore: decorator
@inline export function ledgerAddress(l: Ledger): usize {
  return changetype<usize>(l);
}

/** ECused (devices 4.1): EC consumed and not yet repaid. */
export function ecUsed(l: Ledger): Money {
  return l.ecState == <u8>EC_IN_USE || l.ecState == <u8>EC_EXHAUSTED ? l.ecGranted - l.ecBalance : 0;
}

/** AC (devices 4.1): available credit. */
export function availableCredit(l: Ledger): Money {
  return l.meterBalance + (l.ecState == <u8>EC_IN_USE ? l.ecBalance : 0);
}

/** W (devices 4.1): the consumer's net position. */
export function netPosition(l: Ledger): Money {
  return l.meterBalance - ecUsed(l) - l.accumulatedDebt - l.timeDebt1 - l.timeDebt2 - l.paymentDebt;
}

/** Re-bases L1 / L2 after a register was set from outside the ledger's operations (installation, profile). */
export function rebase(l: Ledger): void {
  l.baseCash = l.meterBalance - ecUsed(l) -
    (l.sumCredit - l.sumConsCharge - l.sumStandingCollected - debtRecovered(l) + l.sumEcToAdr);
  l.baseNet = netPosition(l) -
    (l.sumCredit - l.sumConsCharge - l.sumStanding + l.sumDebtDecrease - l.sumDebtIncrease);
}

/** debtRecovered of L1: time-debt + payment-debt + ADR repayments. */
export function debtRecovered(l: Ledger): Money {
  return l.sumTimeDebt1 + l.sumTimeDebt2 + l.sumPayDebt + l.sumAdrRepaid;
}

export function utrnCacheAddress(l: Ledger): usize {
  return changetype<usize>(l) + UTRN_CACHE_OFFSET;
}

export function tariffAddress(l: Ledger): usize {
  return changetype<usize>(l) + TARIFF_OFFSET;
}

export function utrnFailureAt(l: Ledger, index: u32): i64 {
  assert(index < UTRN_FAILURES_MAX);
  return load<i64>(changetype<usize>(l) + offsetof<Ledger>('utrnFailure0') + <usize>index * 8);
}

export function setUtrnFailureAt(l: Ledger, index: u32, t: i64): void {
  assert(index < UTRN_FAILURES_MAX);
  store<i64>(changetype<usize>(l) + offsetof<Ledger>('utrnFailure0') + <usize>index * 8, t);
}
