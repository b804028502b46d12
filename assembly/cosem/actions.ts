import { device } from '../device/context';
import { Status, E_INVARIANT } from '../status';
import {
  HANDLER_CREDIT_UPDATE_AMOUNT, HANDLER_CREDIT_SET_AMOUNT, HANDLER_CHARGE_ACTIVATE_PASSIVE, HANDLER_CHARGE_UPDATE_REMAINING,
  HANDLER_PROFILE_RESET, HANDLER_REGISTER_RESET, HANDLER_EXTENDED_REGISTER_RESET, HANDLER_CLOCK_PRESET_ADJUSTING_TIME,
  HANDLER_CLOCK_ADJUST_TO_PRESET, HANDLER_SCRIPT_EXECUTE, HANDLER_TOKEN_ENTER,
} from '../generated/esme-objects';
import { findValue, storeValue, valueAddress, valueLength, truncateValue } from './store';
import {
  storedInteger, integerAt, fitsI32, storeI32, NOT_AN_INTEGER, OBIS_MAX_METER_BALANCE, CLASS_EXTENDED_DATA,
  EXTENDED_VALUE_ACTIVE, CREDIT_AMOUNT, CHARGE_TOTAL_REMAINING,
} from './values';
import {
  TAG_ARRAY, TAG_STRUCTURE, TAG_COMPACT_ARRAY, TAG_DOUBLE_LONG, TAG_OCTET_STRING, TAG_LONG_UNSIGNED, DATE_TIME_BYTES,
  DOUBLE_LONG_VALUE_BYTES,
} from './axdr-tags';
import { unixSecondsOfDateTime, NO_INSTANT } from './dates';
import { resetRegister, resetExtendedRegister } from './register-reset';
import { compactDescriptionEnd } from './selection';
import { RESULT_SUCCESS, RESULT_OTHER_REASON, RESULT_TYPE_UNMATCHED, RESULT_OBJECT_UNAVAILABLE, RESULT_HARDWARE_FAULT, RESULT_READ_WRITE_DENIED } from './results';
import { readyLedger, ledgerStoreChanged } from '../ledger/config';
import { adjustMeterBalance, resetMeterBalance, adjustDebt } from '../ledger/ledger';
import { ledgerRegisterOf } from '../ledger/registers';
import { setValue, settle, LEDGER_METER_BALANCE, LEDGER_TIME_DEBT_1, LEDGER_TIME_DEBT_2, LEDGER_PAYMENT_DEBT } from '../ledger/local-input';
import { enterUTRN, UTRN_ACCEPTED, UTRN_NOT_AUTHENTIC, UTRN_DUPLICATE, UTRN_MAX_CREDIT } from '../ledger/utrn';
import { parsed } from '../envelope/header';
import { supplyControlAction, isSupplyControlHandler } from '../esme/supply-control';
import { findParty } from '../device/context';

// ACTION handlers of the ESME object model (GBCS 5.4 methods; devices 4.12, 1.4, 11.6). Each
// checks its parameter fully, then changes state, and returns an action-result; bad input never
// traps and changes nothing. Class 30 protected reads are served by protected-read.ts.
//
// What a method received is kept, where later behaviour needs it, in the object store under
// member METHOD_STATE | method id (attribute ids stay below 0x80 in every class used, GBCS 5.4).

export const METHOD_STATE: u32 = 0x80;
const CHARGE_UNIT_ACTIVE: u32 = 5; // class 113 a5 unit_charge_active
const CHARGE_UNIT_PASSIVE: u32 = 6; // class 113 a6 unit_charge_passive
const PROFILE_BUFFER: u32 = 2; // class 7 a2 buffer
const CLOCK_PRESET_METHOD: u32 = 5; // class 8 m5 preset_adjusting_time
const SCRIPT_EXECUTE_METHOD: u32 = 1; // class 9 m1 execute
/** GBCS 10.1: a UTRN is carried as an octet-string of 20 ASCII digits. */
const UTRN_DIGITS: u32 = 20;
const ASCII_ZERO: u8 = 0x30;
const ASCII_NINE: u8 = 0x39;
const PRESET_PARAMETER_BYTES: u32 = 2 + 3 * (2 + DATE_TIME_BYTES);
const SCRIPT_ID_PARAMETER_BYTES: u32 = 3; // long-unsigned

/** Runs method `handler` of (classId, OBIS, method) with the parameter [param, paramEnd). */
export function runAction(slot: u32, handler: u32, classId: u32, obis: usize, method: u32, param: usize, paramEnd: usize): u8 {
  const paramBytes = <u32>(paramEnd - param);
  if (handler == HANDLER_CREDIT_UPDATE_AMOUNT) return creditUpdateAmount(slot, classId, obis, param, paramBytes);
  if (handler == HANDLER_CREDIT_SET_AMOUNT) return creditSetAmount(slot, classId, obis, param, paramBytes);
  if (handler == HANDLER_CHARGE_ACTIVATE_PASSIVE) return chargeActivatePassive(slot, classId, obis);
  if (handler == HANDLER_CHARGE_UPDATE_REMAINING) return chargeUpdateRemaining(slot, classId, obis, param, paramBytes);
  if (handler == HANDLER_PROFILE_RESET) return profileReset(slot, classId, obis);
  if (handler == HANDLER_REGISTER_RESET) return resetRegister(slot, classId, obis);
  if (handler == HANDLER_EXTENDED_REGISTER_RESET) return resetExtendedRegister(slot, classId, obis);
  if (handler == HANDLER_CLOCK_PRESET_ADJUSTING_TIME) return clockPreset(slot, classId, obis, param, paramBytes);
  if (handler == HANDLER_CLOCK_ADJUST_TO_PRESET) return clockAdjustToPreset(slot, classId, obis);
  if (handler == HANDLER_SCRIPT_EXECUTE) return scriptExecute(slot, classId, obis, param, paramBytes);
  if (handler == HANDLER_TOKEN_ENTER) return tokenEnter(slot, param, paramBytes);
  if (isSupplyControlHandler(handler)) return supplyControlAction(slot, handler, param, paramEnd); // ECS42/43/44, ECS09
  assert(false, E_INVARIANT); // the object table names an action handler this function does not serve
  return RESULT_OTHER_REASON;
}

/** A double-long parameter (the type of every amount, GBCS 5.3), or NOT_AN_INTEGER. */
function amountParameter(param: usize, paramBytes: u32): i64 {
  if (paramBytes != DOUBLE_LONG_VALUE_BYTES || load<u8>(param) != TAG_DOUBLE_LONG) return NOT_AN_INTEGER;
  return integerAt(param);
}

/** The stored amount, 0 when never written (a new meter's balances and debts, devices 4.1). */
function amountOrZero(slot: u32, classId: u32, obis: usize, member: u32): i64 {
  if (findValue(slot, classId, obis, member) == 0) return 0;
  return storedInteger(slot, classId, obis, member);
}

// ECS04a (devices 4.12): meter balance += signed adjustment; a positive adjustment that would take
// the balance above the maximum meter balance is refused [A: other-reason], a negative one never.
function creditUpdateAmount(slot: u32, classId: u32, obis: usize, param: usize, paramBytes: u32): u8 {
  const adjustment = amountParameter(param, paramBytes);
  if (adjustment == NOT_AN_INTEGER) return RESULT_TYPE_UNMATCHED;
  if (ledgerRegisterOf(classId, obis, CREDIT_AMOUNT) != LEDGER_METER_BALANCE) return RESULT_OBJECT_UNAVAILABLE;
  const l = readyLedger(slot);
  if (l == null) return RESULT_OTHER_REASON;
  if (!fitsI32(l.meterBalance + adjustment)) return RESULT_OTHER_REASON; // the register's wire type
  return adjustMeterBalance(slot, l, adjustment, device(slot).clockS) ? RESULT_SUCCESS : RESULT_OTHER_REASON;
}

// ECS04b (devices 4.12): set_amount_to_value on the meter balance, emergency credit balance or
// accumulated debt (the reference sends 0: "Reset Meter Balance").
function creditSetAmount(slot: u32, classId: u32, obis: usize, param: usize, paramBytes: u32): u8 {
  const value = amountParameter(param, paramBytes);
  if (value == NOT_AN_INTEGER) return RESULT_TYPE_UNMATCHED;
  const register = ledgerRegisterOf(classId, obis, CREDIT_AMOUNT);
  if (register == 0) return RESULT_OBJECT_UNAVAILABLE;
  const l = readyLedger(slot);
  if (l == null) return RESULT_OTHER_REASON;
  const now = device(slot).clockS;
  if (register == LEDGER_METER_BALANCE) {
    // SMETS "Reset Meter Balance" (value 0); another value is an adjustment to it [A], both counted in sumCredit.
    if (value == 0) resetMeterBalance(slot, l, now);
    else if (!adjustMeterBalance(slot, l, value - l.meterBalance, now)) return RESULT_OTHER_REASON;
    return RESULT_SUCCESS;
  }
  // Emergency credit balance / accumulated debt set directly [A]: an edit outside L1 (re-based).
  if (value < 0) return RESULT_OTHER_REASON;
  setValue(slot, l, register, value);
  settle(slot, l, now);
  return RESULT_SUCCESS;
}

// ECS07 (devices 4.12): activate_passive_unit_charge makes the written time-debt recovery rate
// (a6) the active one (a5). Nothing written yet: the active rate stays.
function chargeActivatePassive(slot: u32, classId: u32, obis: usize): u8 {
  const passive = findValue(slot, classId, obis, CHARGE_UNIT_PASSIVE);
  if (passive == 0) return RESULT_SUCCESS;
  const status = storeValue(slot, classId, obis, CHARGE_UNIT_ACTIVE, valueAddress(passive), valueLength(passive));
  ledgerStoreChanged(slot); // a new time-debt recovery rate (devices 4.7)
  return status == Status.OK ? RESULT_SUCCESS : RESULT_OTHER_REASON;
}

// ECS07 (devices 4.12): time debt 1 / 2 and payment debt (total_amount_remaining) adjusted by the
// signed amount given [A: adjustment, not absolute]; a debt never goes below 0 [A].
function chargeUpdateRemaining(slot: u32, classId: u32, obis: usize, param: usize, paramBytes: u32): u8 {
  const amount = amountParameter(param, paramBytes);
  if (amount == NOT_AN_INTEGER) return RESULT_TYPE_UNMATCHED;
  const register = ledgerRegisterOf(classId, obis, CHARGE_TOTAL_REMAINING);
  if (register != LEDGER_TIME_DEBT_1 && register != LEDGER_TIME_DEBT_2 && register != LEDGER_PAYMENT_DEBT) return RESULT_OBJECT_UNAVAILABLE;
  const l = readyLedger(slot);
  if (l == null) return RESULT_OTHER_REASON;
  const index: u32 = register == LEDGER_TIME_DEBT_1 ? 1 : register == LEDGER_TIME_DEBT_2 ? 2 : 3;
  const current = index == 1 ? l.timeDebt1 : index == 2 ? l.timeDebt2 : l.paymentDebt;
  if (!fitsI32(current + amount)) return RESULT_OTHER_REASON;
  return adjustDebt(slot, l, index, amount, device(slot).clockS) ? RESULT_SUCCESS : RESULT_OTHER_REASON;
}

// ECS15c (devices 11.5): the log is emptied. A compact-array keeps its type-description (the
// log's entry layout) with no contents; an array becomes empty. The 0x8F52 Security Log entry of
// devices 11.5 belongs to the logs subsystem and is not written here.
function profileReset(slot: u32, classId: u32, obis: usize): u8 {
  const entry = findValue(slot, classId, obis, PROFILE_BUFFER);
  if (entry == 0) return RESULT_SUCCESS; // nothing recorded: already empty
  const value = valueAddress(entry);
  const end = value + valueLength(entry);
  const tag = load<u8>(value);
  if (tag == TAG_ARRAY) {
    store<u8>(value + 1, 0);
    truncateValue(entry, 2);
    return RESULT_SUCCESS;
  }
  if (tag != TAG_COMPACT_ARRAY) return RESULT_OBJECT_UNAVAILABLE;
  const lengthAt = compactDescriptionEnd(value, end); // the contents length follows the description
  if (lengthAt == 0 || lengthAt >= end) return RESULT_OBJECT_UNAVAILABLE;
  store<u8>(lengthAt, 0);
  truncateValue(entry, <u32>(lengthAt + 1 - value));
  return RESULT_SUCCESS;
}

// ECS70 (devices 1.4): preset_adjusting_time {preset, validity start, validity end}, each a
// date-time octet-string; kept for adjust_to_preset_time.
function clockPreset(slot: u32, classId: u32, obis: usize, param: usize, paramBytes: u32): u8 {
  if (paramBytes != PRESET_PARAMETER_BYTES || load<u8>(param) != TAG_STRUCTURE || load<u8>(param + 1) != 3) return RESULT_TYPE_UNMATCHED;
  for (let i: u32 = 0; i < 3; i++) {
    const field = param + 2 + i * (2 + DATE_TIME_BYTES);
    if (load<u8>(field) != TAG_OCTET_STRING || <u32>load<u8>(field + 1) != DATE_TIME_BYTES) return RESULT_TYPE_UNMATCHED;
  }
  const start = unixSecondsOfDateTime(param + 2 + (2 + DATE_TIME_BYTES) + 2);
  const end = unixSecondsOfDateTime(param + 2 + 2 * (2 + DATE_TIME_BYTES) + 2);
  if (start == NO_INSTANT || end == NO_INSTANT || end < start) return RESULT_OTHER_REASON; // [A] no validity interval
  return storeValue(slot, classId, obis, METHOD_STATE | CLOCK_PRESET_METHOD, param, paramBytes) == Status.OK ? RESULT_SUCCESS : RESULT_OTHER_REASON;
}

// ECS70 (devices 1.4): inside the validity interval the clock takes the preset time (DLMS
// adjust_to_preset_time); outside it the clock is unchanged and the adjustment fails [A:
// other-reason]. The reference presets "not specified" (all FF) and its clock, already inside the
// interval 2014-12-31T23:59:10..2015-01-01T00:00:10, reads 2015-01-01T00:00:00 afterwards: an
// unspecified preset leaves the clock as it is. devices 1.4 [A] says "mid-point of the interval"
// (23:59:40 here); the data win (test/unit/esme-objects.test.ts records the disagreement).
function clockAdjustToPreset(slot: u32, classId: u32, obis: usize): u8 {
  const entry = findValue(slot, classId, obis, METHOD_STATE | CLOCK_PRESET_METHOD);
  if (entry == 0) return RESULT_OTHER_REASON; // [A] nothing preset
  const preset = valueAddress(entry) + 2;
  const start = unixSecondsOfDateTime(preset + (2 + DATE_TIME_BYTES) + 2);
  const end = unixSecondsOfDateTime(preset + 2 * (2 + DATE_TIME_BYTES) + 2);
  const d = device(slot);
  if (d.clockS < start || d.clockS > end) return RESULT_OTHER_REASON;
  const presetS = unixSecondsOfDateTime(preset + 2);
  if (presetS != NO_INSTANT) d.clockS = presetS;
  return RESULT_SUCCESS;
}

// ECS05 (devices 3.4, 11.1): script 99 of the tariff script table resets the Tariff Block Counter
// Matrix. ECS47 (ALCS / APC script tables): the spec gives no effect beyond success. The block
// counters belong to the tariff engine, which is not emulated yet, so every execution is recorded
// (the script id under METHOD_STATE | 1) for it to act on; for ECS47 this is an accepted no-op.
function scriptExecute(slot: u32, classId: u32, obis: usize, param: usize, paramBytes: u32): u8 {
  if (paramBytes != SCRIPT_ID_PARAMETER_BYTES || load<u8>(param) != TAG_LONG_UNSIGNED) return RESULT_TYPE_UNMATCHED;
  const status = storeValue(slot, classId, obis, METHOD_STATE | SCRIPT_EXECUTE_METHOD, param, SCRIPT_ID_PARAMETER_BYTES);
  return status == Status.OK ? RESULT_SUCCESS : RESULT_OTHER_REASON;
}

// CS01a (GBCS 10.1, devices 4.11): the UTRN, with the command's counter (whose high word the
// token carries) and its originator (the supplier whose prepayment key made the MAC). Each
// rejection answers with its own result [A] and raises its own alert (ledger/utrn.ts):
// not authentic = read-write-denied, duplicate = hardware-fault (the RTD CS01a ERROR result),
// above the maximum credit = other-reason, above the maximum meter balance = temporary-failure.
const RESULT_TEMPORARY_FAILURE: u8 = 2;
function tokenEnter(slot: u32, param: usize, paramBytes: u32): u8 {
  if (paramBytes != 2 + UTRN_DIGITS || load<u8>(param) != TAG_OCTET_STRING || <u32>load<u8>(param + 1) != UTRN_DIGITS) return RESULT_TYPE_UNMATCHED;
  for (let i: u32 = 0; i < UTRN_DIGITS; i++) {
    const c = load<u8>(param + 2 + i);
    if (c < ASCII_ZERO || c > ASCII_NINE) return RESULT_OTHER_REASON;
  }
  const l = readyLedger(slot);
  if (l == null) return RESULT_OTHER_REASON;
  const h = parsed();
  const reason = enterUTRN(slot, l, param + 2, false, h.counter, findParty(slot, h.originator));
  if (reason == UTRN_ACCEPTED) return RESULT_SUCCESS;
  if (reason == UTRN_NOT_AUTHENTIC) return RESULT_READ_WRITE_DENIED;
  if (reason == UTRN_DUPLICATE) return RESULT_HARDWARE_FAULT;
  if (reason == UTRN_MAX_CREDIT) return RESULT_OTHER_REASON;
  return RESULT_TEMPORARY_FAILURE;
}
