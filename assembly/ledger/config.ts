import { loadU16BE, loadU32BE } from '../bytes';
import { device } from '../device/context';
import { DEVICE_TYPE_ESME } from '../device/types';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import {
  Ledger, ensureLedger, ledgerIfAny, MODE_CREDIT, MODE_PREPAYMENT, PERIOD_HOURLY, PERIOD_DAILY, PERIOD_WEEKLY, PERIOD_MONTHLY,
  MONEY_UNLIMITED,
} from './state';
import { changePaymentMode, finishBoundary } from './ledger';
import { takeSnapshot, TRIGGER_TARIFF } from './billing-log';
import { loadTariff } from '../tariff/load';
import { loadNdcFromStore } from './ndc-store';
import { loadBillingDates } from './billing-calendar';
import { loadLoadLimit } from './load-limit';

// The ledger's configuration is a parsed copy of the ESME object store (devices 4.1 "Set by";
// Appendix R.2 objects, the ACTIVE ones: future-dated ECS08/ECS01a values reach them through
// esme/activation.ts). Whoever writes the store (a SET, an activation, a LOCAL SET_ATTRIBUTE)
// calls ledgerStoreChanged, and the next ledger operation reloads. An object never written
// keeps what the ledger had (a LOCAL LEDGER_CONFIG input, or the defaults of a new meter).

const OBIS_PAYMENT: usize = memory.data<u8>([0, 0, 19, 0, 0, 255]); // 111
const OBIS_EC: usize = memory.data<u8>([0, 0, 19, 10, 1, 255]); // 112 a9 / a10
const OBIS_DT: usize = memory.data<u8>([0, 0, 16, 0, 1, 255]); // 21 a2
const OBIS_MAX_CREDIT: usize = memory.data<u8>([0, 0, 94, 44, 2, 10]); // 9000 a2
const OBIS_MAX_BALANCE: usize = memory.data<u8>([0, 0, 94, 44, 2, 20]); // 9000 a2
const OBIS_DEBT_1: usize = memory.data<u8>([0, 0, 19, 20, 1, 255]); // 113 a5 a8
const OBIS_DEBT_2: usize = memory.data<u8>([0, 0, 19, 20, 2, 255]);
const OBIS_PAYMENT_DEBT: usize = memory.data<u8>([0, 0, 19, 20, 3, 255]); // 113 a13
const NO_VALUE: i64 = i64.MIN_VALUE;
const HOUR_S: i64 = 3600;
const DAY_S: i64 = 86_400;
const WEEK_S: i64 = 604_800;

/** The object store changed: the ledger reloads its configuration before its next operation. */
export function ledgerStoreChanged(slot: u32): void {
  const l = ledgerIfAny(slot);
  if (l != null) l.configDirty = 1;
}

/**
 * After a command: a configuration it wrote (ECS02 / ECS03 mode, DT, ECS08, ECS30a …) takes
 * effect at the command's instant (devices 4.2: thresholds evaluated immediately), not at the
 * next boundary.
 */
export function settleLedgerAfterCommand(slot: u32): void {
  const l = ledgerIfAny(slot);
  if (l == null || l.configDirty == 0 || device(slot).deviceType != DEVICE_TYPE_ESME) return;
  const ready = readyLedger(slot);
  if (ready != null) finishBoundary(slot, ready, device(slot).clockS);
}

// Activation attributes of the tariff parts (esme-activations.ts): class 20 calendars, class 113
// price matrices and standing charge, class 9000 threshold matrix, tariff special days, currency.
function isTariffActivation(classId: u32, obis: usize): bool {
  if (classId == 20) return true;
  const a = <u32>load<u8>(obis + 2);
  const b = <u32>load<u8>(obis + 3);
  const c = <u32>load<u8>(obis + 4);
  if (classId == 113) return a == 19 && b == 20 && (c == 0 || c == 4 || c == 5);
  if (classId != 9000) return false;
  return (a == 63 && b == 1 && c == 1) || (a == 94 && b == 44 && ((c == 128 && (load<u8>(obis + 5) == 29 || load<u8>(obis + 5) == 30)) || (c == 2 && load<u8>(obis + 5) == 0)));
}

/** devices 3.3 step 2: before a tariff activation replaces the active tariff, the Billing Data Log entry (trigger = tariff change). */
export function ledgerBeforeActivation(slot: u32, classId: u32, obis: usize): void {
  if (device(slot).deviceType != DEVICE_TYPE_ESME || !isTariffActivation(classId, obis)) return;
  const l = readyLedger(slot);
  if (l != null && l.silent == 0) takeSnapshot(slot, l, TRIGGER_TARIFF, device(slot).clockS);
}

/** The ledger, ready for an operation at the device clock (configuration current); null when memory cannot grow. */
export function readyLedger(slot: u32, silent: bool = false): Ledger | null {
  const l = ensureLedger(slot);
  if (l == null) return null;
  if (l.configDirty != 0) {
    l.configDirty = 0;
    if (device(slot).deviceType == DEVICE_TYPE_ESME) {
      l.silent = silent ? 1 : 0; // installation: a mode change read from the store settles silently
      loadTariff(slot, l);
      loadConfig(slot, l);
      l.silent = 0;
    }
  }
  if (l.lastBoundaryS == 0) l.lastBoundaryS = device(slot).clockS;
  return l;
}

/** An integer attribute value (any DLMS integer type, or the first element of an array / structure). */
function integerOf(slot: u32, classId: u32, obis: usize, member: u32): i64 {
  const entry = findValue(slot, classId, obis, member);
  if (entry == 0) return NO_VALUE;
  let p = valueAddress(entry);
  const end = p + valueLength(entry);
  if ((load<u8>(p) == 0x01 || load<u8>(p) == 0x02) && p + 3 <= end && load<u8>(p + 1) > 0) p += 2;
  const tag = load<u8>(p);
  if ((tag == 0x05 || tag == 0x06) && p + 5 <= end) return tag == 0x05 ? <i64><i32>loadU32BE(p + 1) : <i64>loadU32BE(p + 1);
  if ((tag == 0x12 || tag == 0x10) && p + 3 <= end) return tag == 0x12 ? <i64>loadU16BE(p + 1) : <i64><i16>loadU16BE(p + 1);
  if ((tag == 0x11 || tag == 0x16 || tag == 0x0f) && p + 2 <= end) return tag == 0x0f ? <i64>load<i8>(p + 1) : <i64>load<u8>(p + 1);
  return NO_VALUE;
}

function periodOf(seconds: i64): u32 {
  if (seconds == HOUR_S) return PERIOD_HOURLY;
  if (seconds == DAY_S) return PERIOD_DAILY;
  if (seconds == WEEK_S) return PERIOD_WEEKLY;
  return PERIOD_MONTHLY; // [A] any other period length counts as a calendar month
}

function loadConfig(slot: u32, l: Ledger): void {
  let v = integerOf(slot, 112, OBIS_EC, 9);
  if (v != NO_VALUE && v >= 0) l.ecLimit = v;
  v = integerOf(slot, 112, OBIS_EC, 10);
  if (v != NO_VALUE) l.ecThreshold = v;
  v = integerOf(slot, 111, OBIS_PAYMENT, 16);
  if (v != NO_VALUE) l.lowCreditThreshold = v;
  v = integerOf(slot, 111, OBIS_PAYMENT, 18);
  if (v != NO_VALUE) l.capAmount = v;
  v = integerOf(slot, 111, OBIS_PAYMENT, 19);
  if (v != NO_VALUE) l.capPeriod = periodOf(v);
  v = integerOf(slot, 21, OBIS_DT, 2);
  if (v != NO_VALUE) l.disablementThreshold = v;
  v = integerOf(slot, 9000, OBIS_MAX_CREDIT, 2);
  if (v != NO_VALUE) l.maxCreditThreshold = v < 0 ? MONEY_UNLIMITED : v;
  v = integerOf(slot, 9000, OBIS_MAX_BALANCE, 2);
  if (v != NO_VALUE) l.maxMeterBalance = v < 0 ? MONEY_UNLIMITED : v;
  v = integerOf(slot, 113, OBIS_PAYMENT_DEBT, 13);
  if (v != NO_VALUE && v >= 0 && v <= 10_000) l.debtRecoveryPerPaymentBp = <u32>v;
  loadNdcFromStore(slot, l); // ECS08's non-disablement calendar (ndc-store.ts), when written
  loadBillingDates(slot, l); // ECS30a's billing calendar (billing-calendar.ts), when written
  loadLoadLimit(slot, l); // ECS28a's load limit (load-limit.ts)
  loadDebtRate(slot, l, OBIS_DEBT_1, 1);
  loadDebtRate(slot, l, OBIS_DEBT_2, 2);
  v = integerOf(slot, 111, OBIS_PAYMENT, 2); // {payment mode, account status}
  if ((v == MODE_CREDIT || v == MODE_PREPAYMENT) && <u32>v != <u32>l.mode) {
    changePaymentMode(slot, l, <u32>v, device(slot).clockS);
  }
}

// 113 a5: {{commodity scaler, price scaler}, {commodity ref}, [{index, i16 rate}]}; a8 period (s).
function loadDebtRate(slot: u32, l: Ledger, obis: usize, n: u32): void {
  const entry = findValue(slot, 113, obis, 5);
  if (entry != 0) {
    const p = valueAddress(entry);
    const end = p + valueLength(entry);
    // 02 03 02 02 0F cs 0F ps 02 03 (15 bytes) 01 n 02 02 09 len <idx> 10 rate
    let q = p + 23;
    if (q + 2 <= end && load<u8>(p + 6) == 0x0f && load<u8>(q) == 0x01 && load<u8>(q + 1) > 0) {
      q += 2;
      if (q + 4 <= end && load<u8>(q + 2) == 0x09) {
        q += 4 + <u32>load<u8>(q + 3);
        if (q + 3 <= end && load<u8>(q) == 0x10) {
          const rate = <i64><i16>loadU16BE(q + 1);
          const scale = <i32>load<i8>(p + 7) + 5; // price scaler -5 = milli-pence
          if (rate >= 0) {
            if (n == 1) { l.debtRate1 = rate; l.debtScale1 = scale; } else { l.debtRate2 = rate; l.debtScale2 = scale; }
          }
        }
      }
    }
  }
  const period = integerOf(slot, 113, obis, 8);
  if (period != NO_VALUE) {
    if (n == 1) l.debtPeriod1 = period == HOUR_S ? PERIOD_HOURLY : PERIOD_DAILY;
    else l.debtPeriod2 = period == HOUR_S ? PERIOD_HOURLY : PERIOD_DAILY;
  }
}
