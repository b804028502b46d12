import { DeviceContext, device } from '../device/context';
import { AXDR_DOUBLE_LONG_UNSIGNED, AXDR_STRUCTURE, AXDR_INTEGER, AXDR_ENUM, UNIT_WH, UNIT_VARH } from '../dlms/axdr';
import {
  HANDLER_STORED, HANDLER_REGISTER_IMPORT_ACTIVE, HANDLER_REGISTER_EXPORT_ACTIVE, HANDLER_REGISTER_IMPORT_REACTIVE,
  HANDLER_REGISTER_EXPORT_REACTIVE, HANDLER_SCALER_UNIT_WH, HANDLER_SCALER_UNIT_VARH, HANDLER_IMPORT_REGISTERS,
  HANDLER_CLOCK_TIME, HANDLER_PREPAYMENT_REGISTERS, HANDLER_PROFILE_BUFFER,
} from '../generated/esme-objects';
import { storeDlmsDateTime } from '../time';
import { TAG_OCTET_STRING, TAG_DOUBLE_LONG, DATE_TIME_BYTES, DOUBLE_LONG_VALUE_BYTES } from './axdr-tags';
import { putEmptyArray } from './selection';
import { cursor, setCursor } from './output';
import {
  storedInteger, fitsI32, CLASS_CREDIT, CLASS_CHARGE, CREDIT_AMOUNT, CHARGE_TOTAL_REMAINING, OBIS_METER_BALANCE,
  OBIS_EMERGENCY_CREDIT, OBIS_ACCUMULATED_DEBT, OBIS_PAYMENT_DEBT, OBIS_TIME_DEBT_1, OBIS_TIME_DEBT_2,
} from './values';
import { findValue, storeValue, valueAddress, valueLength, canStore } from './store';
import { room, putU8, putU32BE, putBytes } from './output';
import { RESULT_SUCCESS, RESULT_OBJECT_UNAVAILABLE, RESULT_OTHER_REASON, RESULT_TYPE_UNMATCHED } from './results';
import { Status, E_INVARIANT } from '../status';
import { esmeState, isTwin } from '../esme/state';
import { putSupplyControlState } from '../esme/supply-control';
import { HANDLER_SUPPLY_CONTROL_STATE } from '../generated/esme-objects';
import { ledgerRegisterOf, ledgerRegisterValue } from '../ledger/registers';
import { ledgerStoreChanged } from '../ledger/config';

// Attribute handlers of the ESME object model: GET writes the value's A-XDR at the output
// cursor and returns a data-access-result; SET checks, then stores.

const REGISTER_VALUE_BYTES: u32 = 5;
const SCALER_UNIT_BYTES: u32 = 6;

/** Writes the value of an attribute; returns the data-access-result. */
export function getAttribute(slot: u32, handler: u32, classId: u32, obisPtr: usize, member: u32): u8 {
  const d = device(slot);
  if (handler == HANDLER_STORED) {
    // The prepayment registers are the ledger's (ledger/registers.ts); a meter without one reads the store.
    const register = ledgerRegisterOf(classId, obisPtr, member);
    if (register != 0 && ledgerRegisterValue(slot, register) != i64.MIN_VALUE) return putLedgerAmount(ledgerRegisterValue(slot, register));
    const entry = findValue(slot, classId, obisPtr, member);
    if (entry == 0) return RESULT_OBJECT_UNAVAILABLE; // never written: nothing to report
    const length = valueLength(entry);
    if (!room(length)) return RESULT_OTHER_REASON; // [A] response would exceed one APDU
    putBytes(valueAddress(entry), length);
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_PROFILE_BUFFER) {
    // A plain GET of a buffer (the protected reads without a range): the whole log.
    const entry = findValue(slot, classId, obisPtr, member);
    if (entry == 0) return putEmptyArray();
    if (!room(valueLength(entry))) return RESULT_OTHER_REASON;
    putBytes(valueAddress(entry), valueLength(entry));
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_CLOCK_TIME) return putClock(d);
  if (handler == HANDLER_SUPPLY_CONTROL_STATE) return putSupplyControlState(slot); // ECS45
  if (handler == HANDLER_PREPAYMENT_REGISTERS) return putPrepaymentRegisters(slot);
  if (handler == HANDLER_SCALER_UNIT_WH || handler == HANDLER_SCALER_UNIT_VARH) {
    if (!room(SCALER_UNIT_BYTES)) return RESULT_OTHER_REASON;
    putScalerUnit(handler == HANDLER_SCALER_UNIT_WH ? UNIT_WH : UNIT_VARH);
    return RESULT_SUCCESS;
  }
  if (handler == HANDLER_IMPORT_REGISTERS) {
    // devices 11.6 ECS17b: {active import, {0, Wh}, reactive import, {0, varh}}; a twin meter
    // adds the secondary element's active import (R.4, ECS17b TWIN).
    const twin = isTwin(slot);
    if (!room(2 + 2 * (REGISTER_VALUE_BYTES + SCALER_UNIT_BYTES) + (twin ? REGISTER_VALUE_BYTES : 0))) return RESULT_OTHER_REASON;
    putU8(AXDR_STRUCTURE);
    putU8(twin ? 5 : 4);
    putRegister(<u32>d.importActiveWh);
    putScalerUnit(UNIT_WH);
    putRegister(<u32>d.importReactiveVarh);
    putScalerUnit(UNIT_VARH);
    if (twin) putRegister(<u32>esmeState(slot).element2ImportActiveWh);
    return RESULT_SUCCESS;
  }
  const value = registerOf(d, handler);
  assert(value >= 0, E_INVARIANT); // the object table names a GET handler this function does not serve
  if (!room(REGISTER_VALUE_BYTES)) return RESULT_OTHER_REASON;
  putRegister(<u32>value);
  return RESULT_SUCCESS;
}

/** Stores the value of an attribute (A-XDR at value, length bytes); returns the data-access-result. */
export function setAttribute(slot: u32, handler: u32, classId: u32, obisPtr: usize, member: u32, value: usize, length: u32): u8 {
  if (handler != HANDLER_STORED) return RESULT_OTHER_REASON; // computed attributes are read-only
  if (!canStore(length)) return RESULT_OTHER_REASON;
  const entry = findValue(slot, classId, obisPtr, member);
  // A SET keeps the attribute's type: the first A-XDR tag must match what is stored (DLMS type-unmatched).
  if (entry != 0 && valueLength(entry) > 0 && load<u8>(valueAddress(entry)) != load<u8>(value)) return RESULT_TYPE_UNMATCHED;
  if (storeValue(slot, classId, obisPtr, member, value, length) != Status.OK) return RESULT_OTHER_REASON;
  ledgerStoreChanged(slot);
  return RESULT_SUCCESS;
}

function putLedgerAmount(value: i64): u8 {
  if (!fitsI32(value)) return RESULT_OTHER_REASON; // [A] beyond the wire's double-long
  if (!room(DOUBLE_LONG_VALUE_BYTES)) return RESULT_OTHER_REASON;
  putU8(TAG_DOUBLE_LONG);
  putU32BE(<u32><i32>value);
  return RESULT_SUCCESS;
}

function registerOf(d: DeviceContext, handler: u32): i64 {
  if (handler == HANDLER_REGISTER_IMPORT_ACTIVE) return d.importActiveWh;
  if (handler == HANDLER_REGISTER_EXPORT_ACTIVE) return d.exportActiveWh;
  if (handler == HANDLER_REGISTER_IMPORT_REACTIVE) return d.importReactiveVarh;
  if (handler == HANDLER_REGISTER_EXPORT_REACTIVE) return d.exportReactiveVarh;
  return -1;
}

function putRegister(value: u32): void {
  putU8(AXDR_DOUBLE_LONG_UNSIGNED);
  putU32BE(value);
}

function putScalerUnit(unit: u8): void {
  putU8(AXDR_STRUCTURE);
  putU8(2);
  putU8(AXDR_INTEGER);
  putU8(0); // scaler 10^0: registers hold whole Wh / varh
  putU8(AXDR_ENUM);
  putU8(unit);
}

/** Class 8 a2 (ECS70, R.1): the device clock as an octet-string date-time, as the reference reads it. */
function putClock(d: DeviceContext): u8 {
  if (!room(2 + DATE_TIME_BYTES)) return RESULT_OTHER_REASON;
  putU8(TAG_OCTET_STRING);
  putU8(DATE_TIME_BYTES);
  const p = cursor();
  storeDlmsDateTime(p, d.clockS);
  setCursor(p + DATE_TIME_BYTES);
  return RESULT_SUCCESS;
}

const PREPAYMENT_REGISTERS: i32 = 6;

/**
 * ECS19 (devices 11.6, R.2 order [A]): structure of six double-longs read from the objects that
 * ECS04a/b and ECS07 change, so a read after an adjustment shows it. A register never written is 0
 * (a new meter, devices 4.1).
 */
function putPrepaymentRegisters(slot: u32): u8 {
  if (!room(2 + PREPAYMENT_REGISTERS * DOUBLE_LONG_VALUE_BYTES)) return RESULT_OTHER_REASON;
  putU8(AXDR_STRUCTURE);
  putU8(PREPAYMENT_REGISTERS);
  if (!putAmount(slot, CLASS_CREDIT, OBIS_METER_BALANCE, CREDIT_AMOUNT)) return RESULT_TYPE_UNMATCHED;
  if (!putAmount(slot, CLASS_CREDIT, OBIS_EMERGENCY_CREDIT, CREDIT_AMOUNT)) return RESULT_TYPE_UNMATCHED;
  if (!putAmount(slot, CLASS_CREDIT, OBIS_ACCUMULATED_DEBT, CREDIT_AMOUNT)) return RESULT_TYPE_UNMATCHED;
  if (!putAmount(slot, CLASS_CHARGE, OBIS_PAYMENT_DEBT, CHARGE_TOTAL_REMAINING)) return RESULT_TYPE_UNMATCHED;
  if (!putAmount(slot, CLASS_CHARGE, OBIS_TIME_DEBT_1, CHARGE_TOTAL_REMAINING)) return RESULT_TYPE_UNMATCHED;
  if (!putAmount(slot, CLASS_CHARGE, OBIS_TIME_DEBT_2, CHARGE_TOTAL_REMAINING)) return RESULT_TYPE_UNMATCHED;
  return RESULT_SUCCESS;
}

function putAmount(slot: u32, classId: u32, obis: usize, member: u32): bool {
  let value: i64 = 0;
  const register = ledgerRegisterOf(classId, obis, member);
  const fromLedger = register != 0 ? ledgerRegisterValue(slot, register) : i64.MIN_VALUE;
  if (fromLedger != i64.MIN_VALUE) value = fromLedger;
  else if (findValue(slot, classId, obis, member) != 0) value = storedInteger(slot, classId, obis, member);
  if (!fitsI32(value)) return false; // not an integer, or a u32 beyond i32
  putU8(TAG_DOUBLE_LONG);
  putU32BE(<u32><i32>value);
  return true;
}
