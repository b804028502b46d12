import { SCRATCH_VALUE } from '../scratch-map';
import { loadU32BE, storeU32BE } from '../bytes';
import { Status } from '../status';
import { findValue, storeValue, valueAddress, valueLength } from './store';
import { TAG_DOUBLE_LONG, TAG_DOUBLE_LONG_UNSIGNED, DOUBLE_LONG_VALUE_BYTES } from './axdr-tags';

// Typed access to stored attribute values that device logic reads and changes (balances, debts).
// They stay A-XDR bytes in the object store (store.ts), so a GET reads back exactly what an
// action wrote; money is integer 1/100 000 GBP as on the wire (devices 0.2).

/** Returned by storedInteger when the attribute holds no double-long(-unsigned). */
export const NOT_AN_INTEGER: i64 = i64.MIN_VALUE;
// Five bytes of the value being written (tag + 4); free outside the secure-element calls.
const VALUE_SCRATCH: usize = SCRATCH_VALUE;

// OBIS codes of the prepayment registers (devices 4.1, Appendix R.2; GBCS 5.4 classes 112, 113).
export const OBIS_METER_BALANCE: usize = memory.data<u8>([0, 0, 19, 10, 0, 255]); // 112 a2
export const OBIS_EMERGENCY_CREDIT: usize = memory.data<u8>([0, 0, 19, 10, 1, 255]); // 112 a2
export const OBIS_ACCUMULATED_DEBT: usize = memory.data<u8>([0, 0, 19, 10, 2, 255]); // 112 a2
export const OBIS_TIME_DEBT_1: usize = memory.data<u8>([0, 0, 19, 20, 1, 255]); // 113 a12
export const OBIS_TIME_DEBT_2: usize = memory.data<u8>([0, 0, 19, 20, 2, 255]); // 113 a12
export const OBIS_PAYMENT_DEBT: usize = memory.data<u8>([0, 0, 19, 20, 3, 255]); // 113 a12
/** Maximum meter balance, GBCS extended data a2 (devices 4.12 ECS04a guard, R.2). */
export const OBIS_MAX_METER_BALANCE: usize = memory.data<u8>([0, 0, 94, 44, 2, 20]);
export const CLASS_CREDIT: u32 = 112;
export const CLASS_CHARGE: u32 = 113;
export const CLASS_EXTENDED_DATA: u32 = 9000;
export const CREDIT_AMOUNT: u32 = 2; // class 112 a2 current_credit_amount
export const CHARGE_TOTAL_REMAINING: u32 = 12; // class 113 a12 total_amount_remaining
export const EXTENDED_VALUE_ACTIVE: u32 = 2; // class 9000 a2 value_active

/** The stored double-long (i32) or double-long-unsigned (u32) value, or NOT_AN_INTEGER. */
export function storedInteger(slot: u32, classId: u32, obis: usize, member: u32): i64 {
  const entry = findValue(slot, classId, obis, member);
  if (entry == 0 || valueLength(entry) != DOUBLE_LONG_VALUE_BYTES) return NOT_AN_INTEGER;
  return integerAt(valueAddress(entry));
}

/** The double-long(-unsigned) at p (tag included), or NOT_AN_INTEGER. */
export function integerAt(p: usize): i64 {
  const tag = load<u8>(p);
  if (tag == TAG_DOUBLE_LONG) return <i64><i32>loadU32BE(p + 1);
  if (tag == TAG_DOUBLE_LONG_UNSIGNED) return <i64>loadU32BE(p + 1);
  return NOT_AN_INTEGER;
}

/** Whether value fits a double-long (GBCS 5.3 i32). */
export function fitsI32(value: i64): bool {
  return value >= <i64>i32.MIN_VALUE && value <= <i64>i32.MAX_VALUE;
}

/** Stores value as a double-long (the type of balances and debts on the wire, R.2). */
export function storeI32(slot: u32, classId: u32, obis: usize, member: u32, value: i32): Status {
  store<u8>(VALUE_SCRATCH, TAG_DOUBLE_LONG);
  storeU32BE(VALUE_SCRATCH + 1, <u32>value);
  return storeValue(slot, classId, obis, member, VALUE_SCRATCH, DOUBLE_LONG_VALUE_BYTES);
}
