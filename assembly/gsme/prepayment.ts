import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_GSME } from '../device/types';
import { valueAddress, valueLength } from '../cosem/store';
import { findAttribute, storeAttribute } from '../gbz/attributes';
import { Ledger, MONEY_UNLIMITED, MODE_CREDIT, MODE_PREPAYMENT, GAS_ENERGY_UNITS } from '../ledger/state';
import { integrate } from '../tariff/tariff';
import { loadGasTariff } from './gas-tariff';
import { setBillingPeriod } from '../ledger/billing-calendar';
import { takeSnapshot, TRIGGER_TARIFF } from '../ledger/billing-log';
import { findRecord } from '../gbz/attributes';
import { SUPPLY_ENABLED, SUPPLY_ARMED, supplyState } from '../ledger/supply';
import { readyLedger } from '../ledger/config';
import { chargeConsumption, changePaymentMode, adjustMeterBalance, resetMeterBalance, checkInvariants } from '../ledger/ledger';
import { setValue, settle, LEDGER_METER_BALANCE, LEDGER_EC_BALANCE, LEDGER_ACCUMULATED_DEBT, LEDGER_TIME_DEBT_1, LEDGER_TIME_DEBT_2, LEDGER_PAYMENT_DEBT } from '../ledger/local-input';
import { enterUTRN, UTRN_ACCEPTED, UTRN_DIGITS } from '../ledger/utrn';
import { supplyOn } from '../ledger/supply';
import { nextLedgerBoundary, runBoundary, tickLedger } from '../ledger/clock';
import { ledgerIfAny } from '../ledger/state';
import { tariffField } from '../tariff/tariff';
import { GbzComponent } from '../gbz/request';
import { gbzRoom, gbzPutU8, gbzPutU32LE } from '../gbz/response';
import { beginAnswer, endAnswer, gbzRun } from './run';
import { GBZ_VALUE_SCRATCH } from './state';

// The GSME's prepayment ledger (devices 4, 4.16, 6.1): the ledger of assembly/ledger run on the
// gas meter. Its registers and configuration are the Prepayment cluster (0705) attributes the GBZ
// reads answer (gbcs.md 6.2): an installation value (LOCAL SET_ZCL_ATTRIBUTE, the reference
// profile) sets the ledger, and every ledger operation writes the registers back, so GCS14 /
// GCS60 / GCS21b read the ledger. Money in the ZSE attributes is the ledger's milli-pence (the
// reference price trailing digit 0x50: 5 digits of a pound; CS01b tops up 1250 p as 1 250 000).
//
// Gas differences (devices 4.16): volume in dm3 priced per kWh through the conversion factor
// and calorific value (GCS23, 0700/0302-0306); the valve instead of a contactor (no gas flows
// unless the supply is ENABLED, devices 4.4); the GSME is battery powered (no power loss).

const PREPAYMENT: u32 = 0x0705;
const METERING: u32 = 0x0702;
const PRICE: u32 = 0x0700;
const CALENDAR: u32 = 0x0707;
const PUBLISH_BILLING_PERIOD: u32 = 0x09;
const ATTR_SUPPLY_STATUS: u32 = 0x0014; // 0702 SupplyStatus: 0 off, 1 armed, 2 on (ZSE)
const TYPE_ENUM8: u32 = 0x30;

// 0705 attributes (gbcs.md 6.2) and the ledger value each one is.
const ATTR_PAYMENT_CONTROL: u32 = 0x0000;
const ATTR_CREDIT_REMAINING: u32 = 0x0001;
const ATTR_EC_REMAINING: u32 = 0x0002;
const ATTR_ACCUMULATED_DEBT: u32 = 0x0005;
const ATTR_OVERALL_DEBT_CAP: u32 = 0x0006;
const ATTR_EC_LIMIT: u32 = 0x0010;
const ATTR_EC_THRESHOLD: u32 = 0x0011;
const ATTR_MAX_CREDIT_LIMIT: u32 = 0x0021; // MaxMB (devices 4.1: GCS05 SET_MAXIMUM_CREDIT_LIMIT)
const ATTR_MAX_CREDIT_PER_TOP_UP: u32 = 0x0022; // MaxCT
const ATTR_LOW_CREDIT_WARNING: u32 = 0x0031;
const ATTR_CUT_OFF_VALUE: u32 = 0x0040; // DT
const ATTR_DEBT_1: u32 = 0x0211;
const ATTR_DEBT_2: u32 = 0x0221;
const ATTR_PAYMENT_DEBT: u32 = 0x0231;
const ATTR_PAYMENT_DEBT_PERCENT: u32 = 0x0239; // DRPP, hundredths of a percent = basis points
const ATTR_BILL_TO_DATE: u32 = 0x0a00; // 0702: credit-mode BillToDateDelivered
const ATTR_CONVERSION_FACTOR: u32 = 0x0302; // 0700
const ATTR_CONVERSION_FACTOR_DIGITS: u32 = 0x0303;
const ATTR_CALORIFIC_VALUE: u32 = 0x0304;
const ATTR_CALORIFIC_VALUE_DIGITS: u32 = 0x0306;
const ATTR_STANDING_CHARGE: u32 = 0x0301;
const STANDING_CHARGE_FIELD: u32 = 8; // tariff/tariff.ts layout
const TYPE_INT32: u32 = 0x2b;
const TYPE_UINT32: u32 = 0x23;
const NO_VALUE: i64 = i64.MIN_VALUE;
// ZSE payment control configuration bit 1: prepayment (credit management) enabled [A].
const PAYMENT_CONTROL_PREPAYMENT: i64 = 0x02;

// devices 6.1 [D]: GCS23 CalorificValue = 40.0 MJ/m3, ConversionFactor = 1.02264, until written.
const DEFAULT_CF_RAW: i64 = 102_264;
const DEFAULT_CF_DIGITS: u32 = 5;
const DEFAULT_CV_RAW: i64 = 400;
const DEFAULT_CV_DIGITS: u32 = 1;
/** Bounds that keep the exact cost of one increment inside i64 (gasCost). */
export const GAS_DM3_MAX: u32 = 1_000_000; // 1 000 m3 in one increment
const RAW_MAX: i64 = 1 << 22;
const DIGITS_MAX: u32 = 6; // conversion-factor + calorific-value trailing digits (GAS_ENERGY_UNITS is exact up to 6)
const GAS_WH_MAX: i64 = 1 << 40; // one increment's energy; with gas-tariff.ts PRICE_MAX its cost stays inside i64
const GAS_CARRY_CELL: usize = GBZ_VALUE_SCRATCH + 120; // gasEnergyWh's new carry, taken once the increment is accepted

/** Whether a ZCL attribute write is one the GSME ledger must take in (installation path). */
export function isLedgerAttribute(clusterId: u32, attributeId: u32): bool {
  if (clusterId == METERING) return attributeId == ATTR_BILL_TO_DATE;
  if (clusterId == PRICE) return attributeId == ATTR_STANDING_CHARGE;
  return clusterId == PREPAYMENT;
}

/** An integer attribute (1-4 byte LE, signed when int), or NO_VALUE. */
function attributeValue(slot: u32, clusterId: u32, attributeId: u32): i64 {
  const entry = findAttribute(slot, clusterId, attributeId);
  if (entry == 0) return NO_VALUE;
  const p = valueAddress(entry);
  const bytes = valueLength(entry);
  const type = <u32>load<u8>(p);
  if (bytes == 5) return type == TYPE_INT32 ? <i64>load<i32>(p + 1) : <i64>load<u32>(p + 1);
  if (bytes == 3) return <i64>load<u16>(p + 1);
  if (bytes == 2) return <i64>load<u8>(p + 1);
  return NO_VALUE;
}

/** A LOCAL SET_ZCL_ATTRIBUTE of a ledger attribute was stored: the ledger takes it in and settles (no alerts). */
export function installGsmeLedgerAttribute(slot: u32, clusterId: u32, attributeId: u32): Status {
  if (device(slot).deviceType != DEVICE_TYPE_GSME) return Status.OK; // the GPF mirror only stores
  const l = readyLedger(slot, true);
  if (l == null) return Status.OUT_OF_MEMORY;
  const v = attributeValue(slot, clusterId, attributeId);
  if (v == NO_VALUE) return Status.OK;
  if (clusterId == METERING) {
    l.creditModeBalance = v;
  } else {
    const register = registerOf(attributeId);
    if (register != 0) setValue(slot, l, register, register == LEDGER_METER_BALANCE ? v : max(v, 0));
    else {
      l.silent = 1; // installation settles state: no Billing Data Log entry, no alert
      loadConfig(slot, l);
      l.silent = 0;
    }
    if (register == 0) publishGsmeLedger(slot, l);
  }
  settle(slot, l, device(slot).clockS);
  return Status.OK;
}

function registerOf(attributeId: u32): u32 {
  if (attributeId == ATTR_CREDIT_REMAINING) return LEDGER_METER_BALANCE;
  if (attributeId == ATTR_EC_REMAINING) return LEDGER_EC_BALANCE;
  if (attributeId == ATTR_ACCUMULATED_DEBT) return LEDGER_ACCUMULATED_DEBT;
  if (attributeId == ATTR_DEBT_1) return LEDGER_TIME_DEBT_1;
  if (attributeId == ATTR_DEBT_2) return LEDGER_TIME_DEBT_2;
  if (attributeId == ATTR_PAYMENT_DEBT) return LEDGER_PAYMENT_DEBT;
  return 0;
}

/** The configuration part of the 0705 attributes (devices 4.1 "Set by": GCS03, GCS05). */
function loadConfig(slot: u32, l: Ledger): void {
  let v = attributeValue(slot, PREPAYMENT, ATTR_EC_LIMIT);
  if (v != NO_VALUE && v >= 0) l.ecLimit = v;
  v = attributeValue(slot, PREPAYMENT, ATTR_EC_THRESHOLD);
  if (v != NO_VALUE) l.ecThreshold = v;
  v = attributeValue(slot, PREPAYMENT, ATTR_LOW_CREDIT_WARNING);
  if (v != NO_VALUE) l.lowCreditThreshold = v;
  v = attributeValue(slot, PREPAYMENT, ATTR_CUT_OFF_VALUE);
  if (v != NO_VALUE) l.disablementThreshold = v;
  v = attributeValue(slot, PREPAYMENT, ATTR_MAX_CREDIT_LIMIT);
  if (v != NO_VALUE) l.maxMeterBalance = v <= 0 ? MONEY_UNLIMITED : v;
  v = attributeValue(slot, PREPAYMENT, ATTR_MAX_CREDIT_PER_TOP_UP);
  if (v != NO_VALUE) l.maxCreditThreshold = v <= 0 ? MONEY_UNLIMITED : v;
  v = attributeValue(slot, PREPAYMENT, ATTR_OVERALL_DEBT_CAP);
  if (v != NO_VALUE) l.capAmount = v <= 0 ? MONEY_UNLIMITED : v;
  v = attributeValue(slot, PREPAYMENT, ATTR_PAYMENT_DEBT_PERCENT);
  if (v != NO_VALUE && v >= 0 && v <= 10_000) l.debtRecoveryPerPaymentBp = <u32>v;
  // The daily standing charge (0700/0301, PublishTariffInformation) in the parsed tariff's field,
  // where the ledger's 00:00 boundary takes it (ledger/clock.ts) [A: price trailing digits 5 = milli-pence].
  v = attributeValue(slot, PRICE, ATTR_STANDING_CHARGE);
  loadGasTariff(slot, l); // prices, thresholds, switching (gas-tariff.ts); the standing charge below
  store<i64>(tariffField(l, STANDING_CHARGE_FIELD), v == NO_VALUE ? 0 : max(v, 0));
  const period = findRecord(slot, PRICE, PUBLISH_BILLING_PERIOD); // GCS25a (devices 3.6)
  if (period != 0) setBillingPeriod(l, valueAddress(period), valueAddress(period) + valueLength(period));
  v = attributeValue(slot, PREPAYMENT, ATTR_PAYMENT_CONTROL);
  if (v != NO_VALUE) {
    const mode = (v & PAYMENT_CONTROL_PREPAYMENT) != 0 ? MODE_PREPAYMENT : MODE_CREDIT;
    if (<u32>l.mode != mode) changePaymentMode(slot, l, mode, device(slot).clockS);
  }
}

function clampI32(v: i64): i32 {
  return <i32>min(max(v, <i64>i32.MIN_VALUE), <i64>i32.MAX_VALUE);
}

function putRegister(slot: u32, clusterId: u32, attributeId: u32, type: u32, v: i64): void {
  const cell = GBZ_VALUE_SCRATCH + 96;
  store<i32>(cell, type == TYPE_UINT32 ? clampI32(max(v, 0)) : clampI32(v));
  storeAttribute(slot, clusterId, attributeId, type, cell, 4, GBZ_VALUE_SCRATCH + 128); // a full store keeps the previous value [A]
}

/** Writes the ledger's registers back to the attributes the GBZ reads answer (GCS14, GCS60). */
export function publishGsmeLedger(slot: u32, l: Ledger): void {
  putRegister(slot, PREPAYMENT, ATTR_CREDIT_REMAINING, TYPE_INT32, l.meterBalance);
  putRegister(slot, PREPAYMENT, ATTR_EC_REMAINING, TYPE_INT32, l.ecBalance);
  putRegister(slot, PREPAYMENT, ATTR_ACCUMULATED_DEBT, TYPE_INT32, l.accumulatedDebt);
  putRegister(slot, PREPAYMENT, ATTR_DEBT_1, TYPE_UINT32, l.timeDebt1);
  putRegister(slot, PREPAYMENT, ATTR_DEBT_2, TYPE_UINT32, l.timeDebt2);
  putRegister(slot, PREPAYMENT, ATTR_PAYMENT_DEBT, TYPE_UINT32, l.paymentDebt);
  putRegister(slot, METERING, ATTR_BILL_TO_DATE, TYPE_UINT32, l.creditModeBalance);
  const state = supplyState(slot);
  store<u8>(GBZ_VALUE_SCRATCH + 96, state == SUPPLY_ENABLED ? 2 : state == SUPPLY_ARMED ? 1 : 0);
  storeAttribute(slot, METERING, ATTR_SUPPLY_STATUS, TYPE_ENUM8, GBZ_VALUE_SCRATCH + 96, 1, GBZ_VALUE_SCRATCH + 128);
}

// ConsumerTopUp (CS01b / PCS01; gbcs.md 10.1): originating device u8 (00 head-end, 02 PPMID),
// top-up code octet-string(20). A remote top-up uses the command's counter and originator; a
// PPMID one is local entry (counter rebuilt, lock-out, 0x810E). ConsumerTopUpResponse (devices
// 6.4): result (00 accepted, 01 rejected), top-up value int32, source, credit remaining after it
// (value and credit -1 on a rejection, the CS01b ERROR form).
const SOURCE_PPMID: u32 = 0x02;
const TOP_UP_PAYLOAD_BYTES: u32 = 2 + UTRN_DIGITS;

export function consumerTopUp(slot: u32, c: GbzComponent, answer: u32): u8 {
  const p = <usize>c.payloadPtr;
  if (c.payloadEnd - c.payloadPtr != TOP_UP_PAYLOAD_BYTES || <u32>load<u8>(p + 1) != UTRN_DIGITS) return 0x80; // MALFORMED
  const source = <u32>load<u8>(p);
  const l = readyLedger(slot);
  if (l == null) return 0xc0;
  const run = gbzRun();
  const before = l.sumCredit;
  const reason = enterUTRN(slot, l, p + 2, source == SOURCE_PPMID, run.counter, <i32>run.originatorParty);
  publishGsmeLedger(slot, l);
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(10)) return 0x89;
  const accepted = reason == UTRN_ACCEPTED;
  gbzPutU8(accepted ? 0 : 1);
  gbzPutU32LE(accepted ? <u32>clampI32(l.sumCredit - before) : 0xffffffff);
  gbzPutU8(source);
  gbzPutU32LE(accepted ? <u32>clampI32(l.meterBalance) : 0xffffffff);
  return endAnswer() ? 0x00 : 0x89;
}

// GAS_CONSUMPTION (LOCAL kind 53, host/gsme-inputs.ts): volume u32 dm3 that flowed since the last
// one. Rated (devices 4.4, 4.16, 3.5): energy kWh = m3 x CF x CV / 3.6, the whole Wh through the
// tariff engine (TOU rate, blocks split at thresholds: gsme/gas-tariff.ts), the part of a Wh
// below carried exactly in gasEnergyAcc to the next increment (L12: energy and money both exact).

/** The increment's energy in whole Wh, the ledger's carried part updated in `carry`; -1 when out of range. */
export function gasEnergyWh(slot: u32, l: Ledger, dm3: i64): i64 {
  let cf = attributeValue(slot, PRICE, ATTR_CONVERSION_FACTOR);
  let cfDigits = <u32>(attributeValue(slot, PRICE, ATTR_CONVERSION_FACTOR_DIGITS) >> 4) & 0xf;
  if (cf == NO_VALUE) { cf = DEFAULT_CF_RAW; cfDigits = DEFAULT_CF_DIGITS; }
  let cv = attributeValue(slot, PRICE, ATTR_CALORIFIC_VALUE);
  let cvDigits = <u32>(attributeValue(slot, PRICE, ATTR_CALORIFIC_VALUE_DIGITS) >> 4) & 0xf;
  if (cv == NO_VALUE) { cv = DEFAULT_CV_RAW; cvDigits = DEFAULT_CV_DIGITS; }
  if (cf < 0 || cf > RAW_MAX || cv < 0 || cv > RAW_MAX || cfDigits + cvDigits > DIGITS_MAX) return -1;
  if (dm3 > 0 && cf > 0 && cv > i64.MAX_VALUE / (dm3 * cf)) return -1; // dm3 x cf < 2^42
  // Wh = (dm3 / 1000) m3 x CF x CV MJ/m3 x (10^6 / 3600) Wh/MJ, CF x CV = cf x cv x 10^-digits
  //    = x x K / GAS_ENERGY_UNITS with x = dm3 x cf x cv, K = 10^(7 - digits), GAS_ENERGY_UNITS = 36 x 10^6.
  const x = dm3 * cf * cv;
  let k: i64 = 1;
  for (let i: u32 = cfDigits + cvDigits; i < 7; i++) k *= 10;
  const q = x / GAS_ENERGY_UNITS;
  const r = x % GAS_ENERGY_UNITS;
  if (q > GAS_WH_MAX / k) return -1;
  const rk = r * k; // < 3.6e7 x 1e10
  let wh = q * k + rk / GAS_ENERGY_UNITS;
  let carry = l.gasEnergyAcc + rk % GAS_ENERGY_UNITS;
  if (carry >= GAS_ENERGY_UNITS) {
    carry -= GAS_ENERGY_UNITS;
    wh += 1;
  }
  store<i64>(GAS_CARRY_CELL, carry);
  return wh;
}

export function gasConsumption(slot: u32, length: u32): Status {
  if (length != 5) return Status.BAD_LENGTH;
  const dm3 = load<u32>(INBOX_BASE + 1);
  if (dm3 > GAS_DM3_MAX) return Status.BAD_INPUT;
  if (!supplyOn(slot)) return Status.OK; // the valve is closed: no gas flows (devices 4.4)
  const l = readyLedger(slot);
  if (l == null) return Status.OUT_OF_MEMORY;
  const wh = gasEnergyWh(slot, l, <i64>dm3);
  if (wh < 0) return Status.BAD_INPUT;
  const d = device(slot);
  l.gasEnergyAcc = load<i64>(GAS_CARRY_CELL);
  chargeConsumption(slot, l, integrate(l, wh, d.clockS), d.clockS);
  d.importActiveWh += <i64>dm3; // the GSME's volume register, in dm3 (devices 6.1)
  publishGsmeLedger(slot, l);
  return Status.OK;
}

/** The 0705 configuration attributes were written by a command (GCS03, GCS05, now or at activation): the ledger reloads them. */
export function gsmeLedgerConfigChanged(slot: u32, clusterId: u32, commandId: u32): void {
  if ((clusterId != PREPAYMENT && clusterId != PRICE && clusterId != CALENDAR) || device(slot).deviceType != DEVICE_TYPE_GSME) return;
  const l = readyLedger(slot);
  if (l == null) return;
  // devices 3.3 step 2: a tariff part (Price 04 / 05 / 06, a Calendar publish) takes the Billing
  // Data Log entry before it applies; one entry per instant.
  const tariffPart = (clusterId == PRICE && commandId >= 0x04 && commandId <= 0x06) || clusterId == CALENDAR;
  if (tariffPart && l.silent == 0) takeSnapshot(slot, l, TRIGGER_TARIFF, device(slot).clockS);
  loadConfig(slot, l);
  publishGsmeLedger(slot, l);
}

// CreditAdjustment (GCS40a-d; devices 4.12): type 0 adds to the meter balance (refused above
// MaxMB), 1 sets it (0: GCS40b reset), 2 sets the credit-mode bill to date (GCS40d), 3 takes
// the adjustment off the bill to date (GCS40c: a credit lowers what is owed; not below 0) [A].
const CREDIT_MODE_INCREMENTAL: u32 = 3;

export function gsmeCreditAdjustment(slot: u32, kind: u32, value: i64): bool {
  const l = readyLedger(slot);
  if (l == null) return false;
  const now = device(slot).clockS;
  let ok = true;
  if (kind == 0) ok = adjustMeterBalance(slot, l, value, now);
  else if (kind == 1 && value == 0) resetMeterBalance(slot, l, now);
  else if (kind == 1) ok = adjustMeterBalance(slot, l, value - l.meterBalance, now);
  else if (kind == CREDIT_MODE_INCREMENTAL) {
    l.creditModeBalance = max(l.creditModeBalance - value, 0);
    checkInvariants(slot, l);
  } else {
    l.creditModeBalance = max(value, 0);
    checkInvariants(slot, l);
  }
  if (ok) publishGsmeLedger(slot, l);
  return ok;
}

/**
 * devices 0.3 on the GSME: the ledger's boundaries up to the device clock in order (00:00 ADR
 * repayment, standing charge, time debts; hh:00 hourly debts; non-disablement switches), then the
 * tick's threshold evaluation (devices 6.2: evaluated in real time, not only at wake). Only once
 * the GSME has a ledger; the registers are published after.
 */
export function advanceGsmeLedger(slot: u32): void {
  if (ledgerIfAny(slot) == null) return;
  const d = device(slot);
  const target = d.clockS;
  let t = nextLedgerBoundary(slot, target);
  while (t >= 0) { // bounded: clock.ts CATCH_UP_MAX_S of hourly boundaries at most
    d.clockS = t;
    runBoundary(slot, t);
    t = nextLedgerBoundary(slot, target);
  }
  d.clockS = target;
  tickLedger(slot, target);
  const l = ledgerIfAny(slot);
  if (l != null) publishGsmeLedger(slot, l);
}
