import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import {
  Ledger, rebase, availableCredit, MODE_CREDIT, MODE_PREPAYMENT, EC_IN_USE, EC_NOT_AVAILABLE, PERIOD_MONTHLY, MONEY_OPERATION_MAX,
  MONEY_UNLIMITED, ecUsed,
} from './state';
import { readyLedger } from './config';
import { evaluateThresholds, checkInvariants, activateEmergencyCredit, EC_ACTIVATE_REFUSED } from './ledger';
import { enterUTRN, UTRN_DIGITS } from './utrn';
import { tamperEvent, tamperValid } from './tamper';
import { buttonEnable, setSupply, SUPPLY_DISABLED, SUPPLY_ARMED, supplyState } from './supply';
import { ledgerAlert, ALERT_SUPPLY_ENABLED_BUTTON, ALERT_USER_INTERFACE_FAILURE } from './alerts';
import { ndcAddress, ndcSwitchAddress, ndcSpecialDayAddress, NDC_SWITCHES_MAX, NDC_SPECIAL_DAYS_MAX, NDC_SWITCH_BYTES, NDC_SCRIPT_START, NDC_SCRIPT_STOP } from './non-disablement';

// LOCAL inputs of the prepayment meter (host/local-inputs.ts encodes them; ESME and GSME):
//  24 UTRN_KEYPAD  20 ASCII digits: a UTRN typed on the meter's keypad (devices 4.11, local entry)
//  25 BUTTON       the consumer's button (devices 4.8, 5.2)
//  26 LEDGER_SET   register u8 | value i64: installation / test set-up of one ledger value (LEDGER_*)
//  27 NDC          switchCount u8 | specialDayCount u8 | switches (16 bytes each) | special days (4 bytes each)
//  28 TAMPER       alert code u16 LE: a tamper event on the ESME (tamper.ts)
// Each is validated whole before anything changes.

export const LOCAL_LEDGER_FIRST: u8 = 24;
export const LOCAL_UTRN_KEYPAD: u8 = 24;
export const LOCAL_BUTTON: u8 = 25;
export const LOCAL_LEDGER_SET: u8 = 26;
export const LOCAL_NDC: u8 = 27;
export const LOCAL_TAMPER: u8 = 28;
export const LOCAL_LEDGER_LAST: u8 = 28;
const LEDGER_SET_BYTES: u32 = 10;

// Ledger values LEDGER_SET can set (append only; host/local-inputs.ts LEDGER_VALUE mirrors them).
export const LEDGER_METER_BALANCE: u32 = 1;
export const LEDGER_EC_BALANCE: u32 = 2;
export const LEDGER_ACCUMULATED_DEBT: u32 = 3;
export const LEDGER_TIME_DEBT_1: u32 = 4;
export const LEDGER_TIME_DEBT_2: u32 = 5;
export const LEDGER_PAYMENT_DEBT: u32 = 6;
const EC_LIMIT: u32 = 7;
const EC_THRESHOLD: u32 = 8;
const LOW_CREDIT_THRESHOLD: u32 = 9;
const DISABLEMENT_THRESHOLD: u32 = 10;
const MAX_METER_BALANCE: u32 = 11;
const MAX_CREDIT_THRESHOLD: u32 = 12;
const CAP_AMOUNT: u32 = 13;
const CAP_PERIOD: u32 = 14;
const DEBT_RECOVERY_PER_PAYMENT: u32 = 15;
const DEBT_RATE_1: u32 = 16;
const DEBT_SCALE_1: u32 = 17;
const DEBT_PERIOD_1: u32 = 18;
const DEBT_RATE_2: u32 = 19;
const DEBT_SCALE_2: u32 = 20;
const DEBT_PERIOD_2: u32 = 21;
const PAYMENT_MODE: u32 = 22;
const SUSPEND_DEBT_DISABLED: u32 = 23;
const SUSPEND_DEBT_EMERGENCY: u32 = 24;
const CAP_USED: u32 = 25;
const SUPPLY: u32 = 26; // state | cause << 8
const LOW_LATCHED: u32 = 27;

export function ledgerLocalInput(slot: u32, kind: u8, length: u32): Status {
  if (kind == LOCAL_UTRN_KEYPAD && length != 1 + UTRN_DIGITS) return Status.BAD_LENGTH;
  if (kind == LOCAL_BUTTON && length != 1) return Status.BAD_LENGTH;
  if (kind == LOCAL_LEDGER_SET && length != LEDGER_SET_BYTES) return Status.BAD_LENGTH;
  if (kind == LOCAL_NDC && !ndcInputValid(length)) return Status.BAD_INPUT;
  if (kind == LOCAL_TAMPER && !tamperValid(length)) return Status.BAD_INPUT;
  if (kind == LOCAL_LEDGER_SET && !setValid(<u32>load<u8>(INBOX_BASE + 1), load<i64>(INBOX_BASE + 2))) return Status.BAD_INPUT;
  const l = readyLedger(slot);
  if (l == null) return Status.OUT_OF_MEMORY;
  const now = device(slot).clockS;
  if (kind == LOCAL_UTRN_KEYPAD) {
    enterUTRN(slot, l, INBOX_BASE + 1, true, 0, -1); // a rejection is the meter's answer (alert), not a host error
    return Status.OK;
  }
  if (kind == LOCAL_BUTTON) {
    button(slot, l, now);
    return Status.OK;
  }
  if (kind == LOCAL_TAMPER) {
    const status = tamperEvent(slot, l);
    evaluateThresholds(slot, l, now, false);
    checkInvariants(slot, l);
    return status;
  }
  if (kind == LOCAL_LEDGER_SET) {
    setValue(slot, l, <u32>load<u8>(INBOX_BASE + 1), load<i64>(INBOX_BASE + 2));
    settle(slot, l, now);
    return Status.OK;
  }
  memory.copy(ndcAddress(l), INBOX_BASE + 1, 2);
  const switches = <u32>load<u8>(INBOX_BASE + 1);
  const specials = <u32>load<u8>(INBOX_BASE + 2);
  if (switches > 0) memory.copy(ndcSwitchAddress(l, 0), INBOX_BASE + 3, switches * NDC_SWITCH_BYTES);
  if (specials > 0) memory.copy(ndcSpecialDayAddress(l, 0), INBOX_BASE + 3 + switches * NDC_SWITCH_BYTES, specials * 4);
  evaluateThresholds(slot, l, now, false);
  checkInvariants(slot, l);
  return Status.OK;
}

// devices 4.8 [A]: ARMED ⇒ ENABLED; else EC activation when AVAILABLE (0x8161 + 0x81AB); else 0x8162.
function button(slot: u32, l: Ledger, now: i64): void {
  if (buttonEnable(slot, l)) return;
  if (activateEmergencyCredit(slot, l, now) != EC_ACTIVATE_REFUSED) {
    ledgerAlert(slot, l, ALERT_SUPPLY_ENABLED_BUTTON, now);
    return;
  }
  ledgerAlert(slot, l, ALERT_USER_INTERFACE_FAILURE, now);
}

function ndcInputValid(length: u32): bool {
  if (length < 3) return false;
  const switches = <u32>load<u8>(INBOX_BASE + 1);
  const specials = <u32>load<u8>(INBOX_BASE + 2);
  if (switches > NDC_SWITCHES_MAX || specials > NDC_SPECIAL_DAYS_MAX) return false;
  if (length != 3 + switches * NDC_SWITCH_BYTES + specials * 4) return false;
  for (let i: u32 = 0; i < switches; i++) {
    const p = INBOX_BASE + 3 + i * NDC_SWITCH_BYTES;
    const script = load<u8>(p + 4);
    if (load<u32>(p) >= 86_400 || (script != NDC_SCRIPT_START && script != NDC_SCRIPT_STOP)) return false;
  }
  return true;
}

function setValid(id: u32, value: i64): bool {
  if (id < LEDGER_METER_BALANCE || id > LOW_LATCHED) return false;
  if (value > MONEY_OPERATION_MAX && value != MONEY_UNLIMITED) return false;
  if (value < -MONEY_OPERATION_MAX) return false;
  if (id >= LEDGER_EC_BALANCE && id <= EC_LIMIT && value < 0) return false;
  if ((id == CAP_AMOUNT || id == CAP_USED) && value < 0) return false;
  if (id == CAP_PERIOD && (value < 0 || value > <i64>PERIOD_MONTHLY)) return false;
  if (id == DEBT_RECOVERY_PER_PAYMENT && (value < 0 || value > 10_000)) return false;
  if ((id == DEBT_RATE_1 || id == DEBT_RATE_2) && value < 0) return false;
  if ((id == DEBT_SCALE_1 || id == DEBT_SCALE_2) && (value < -6 || value > 6)) return false;
  if ((id == DEBT_PERIOD_1 || id == DEBT_PERIOD_2) && (value < 0 || value > 2)) return false;
  if (id == PAYMENT_MODE && value != MODE_CREDIT && value != MODE_PREPAYMENT) return false;
  if (id == SUPPLY && ((value & 0xff) > <i64>SUPPLY_DISABLED || value < 0 || value > 0xffff)) return false;
  return true;
}

/**
 * Installation / profile set-up of one ledger value (also what a LOCAL SET_ATTRIBUTE of a ledger
 * register becomes). Registers set this way are outside the ledger's money flow: L1 / L2 re-base.
 */
export function setValue(slot: u32, l: Ledger, id: u32, value: i64): void {
  if (id == LEDGER_METER_BALANCE) l.meterBalance = value;
  else if (id == LEDGER_EC_BALANCE) {
    // An emergency credit balance is only held while EC is IN_USE (L4): granted at least this much.
    l.ecBalance = value;
    if (value > 0) {
      l.ecState = <u8>EC_IN_USE;
      l.ecGranted = max(max(l.ecGranted, l.ecLimit), value);
    } else if (<u32>l.ecState == EC_IN_USE) {
      l.ecState = <u8>EC_NOT_AVAILABLE;
      l.ecGranted = 0;
    } else if (ecUsed(l) == 0) {
      l.ecGranted = 0;
    }
  } else if (id == LEDGER_ACCUMULATED_DEBT) l.accumulatedDebt = max(value, 0);
  else if (id == LEDGER_TIME_DEBT_1) l.timeDebt1 = max(value, 0);
  else if (id == LEDGER_TIME_DEBT_2) l.timeDebt2 = max(value, 0);
  else if (id == LEDGER_PAYMENT_DEBT) l.paymentDebt = max(value, 0);
  else if (id == EC_LIMIT) l.ecLimit = value;
  else if (id == EC_THRESHOLD) l.ecThreshold = value;
  else if (id == LOW_CREDIT_THRESHOLD) l.lowCreditThreshold = value;
  else if (id == DISABLEMENT_THRESHOLD) l.disablementThreshold = value;
  else if (id == MAX_METER_BALANCE) l.maxMeterBalance = value;
  else if (id == MAX_CREDIT_THRESHOLD) l.maxCreditThreshold = value;
  else if (id == CAP_AMOUNT) l.capAmount = value;
  else if (id == CAP_PERIOD) l.capPeriod = <u32>value;
  else if (id == DEBT_RECOVERY_PER_PAYMENT) l.debtRecoveryPerPaymentBp = <u32>value;
  else if (id == DEBT_RATE_1) l.debtRate1 = value;
  else if (id == DEBT_SCALE_1) l.debtScale1 = <i32>value;
  else if (id == DEBT_PERIOD_1) l.debtPeriod1 = <u32>value;
  else if (id == DEBT_RATE_2) l.debtRate2 = value;
  else if (id == DEBT_SCALE_2) l.debtScale2 = <i32>value;
  else if (id == DEBT_PERIOD_2) l.debtPeriod2 = <u32>value;
  else if (id == PAYMENT_MODE) l.mode = <u8>value;
  else if (id == SUSPEND_DEBT_DISABLED) l.suspendDebtDisabled = value != 0 ? 1 : 0;
  else if (id == SUSPEND_DEBT_EMERGENCY) l.suspendDebtEmergency = value != 0 ? 1 : 0;
  else if (id == CAP_USED) l.capUsed = value;
  else if (id == SUPPLY) {
    const state = <u32>(value & 0xff);
    setSupply(slot, state, state == SUPPLY_DISABLED ? <u32>(value >> 8) : 0);
  } else if (id == LOW_LATCHED) l.lowLatched = value != 0 ? 1 : 0;
  rebase(l);
}

/** After installation: the state settles without alerts (what was true before is already known). */
export function settle(slot: u32, l: Ledger, now: i64): void {
  l.silent = 1;
  evaluateThresholds(slot, l, now, false);
  l.silent = 0;
  l.lowLatched = availableCredit(l) < l.lowCreditThreshold ? 1 : 0;
  rebase(l);
  checkInvariants(slot, l);
  assert(supplyState(slot) <= SUPPLY_ARMED || supplyState(slot) == SUPPLY_DISABLED);
}
