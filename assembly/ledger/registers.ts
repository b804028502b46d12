import { loadU32BE, loadU16BE } from '../bytes';
import { ledgerIfAny, ecUsed } from './state';
import {
  LEDGER_METER_BALANCE, LEDGER_EC_BALANCE, LEDGER_ACCUMULATED_DEBT, LEDGER_TIME_DEBT_1, LEDGER_TIME_DEBT_2, LEDGER_PAYMENT_DEBT,
} from './local-input';

// The COSEM objects whose values ARE the ledger's registers (devices 4.1, R.2): class 112 a2 of
// 0-0:19.10.0/1/2.255 (meter balance, emergency credit balance, accumulated debt) and class 113
// a12 of 0-0:19.20.1/2/3.255 (time debt 1, time debt 2, payment debt). Reads are served from the
// ledger, writes (installation, profile) go to it: the ledger is the one source of truth.

const CLASS_CREDIT: u32 = 112;
const CLASS_CHARGE: u32 = 113;
const OBIS_PREPAYMENT_HIGH: u32 = 0x00001300; // 0-0:19.
const NO_REGISTER: u32 = 0;

/** The LEDGER_* register an attribute is, or 0. */
export function ledgerRegisterOf(classId: u32, obis: usize, member: u32): u32 {
  if (loadU32BE(obis) >>> 8 != OBIS_PREPAYMENT_HIGH >>> 8 || load<u8>(obis + 3) == 0) return NO_REGISTER;
  const c = <u32>load<u8>(obis + 3);
  const e = loadU16BE(obis + 4);
  if (classId == CLASS_CREDIT && member == 2 && c == 10) {
    if (e == 0x00ff) return LEDGER_METER_BALANCE;
    if (e == 0x01ff) return LEDGER_EC_BALANCE;
    if (e == 0x02ff) return LEDGER_ACCUMULATED_DEBT;
  }
  if (classId == CLASS_CHARGE && member == 12 && c == 20) {
    if (e == 0x01ff) return LEDGER_TIME_DEBT_1;
    if (e == 0x02ff) return LEDGER_TIME_DEBT_2;
    if (e == 0x03ff) return LEDGER_PAYMENT_DEBT;
  }
  return NO_REGISTER;
}

/** The value of a LEDGER_* register, or i64.MIN_VALUE when the device has no ledger yet. */
export function ledgerRegisterValue(slot: u32, register: u32): i64 {
  const l = ledgerIfAny(slot);
  if (l == null) return i64.MIN_VALUE;
  if (register == LEDGER_METER_BALANCE) return l.meterBalance;
  if (register == LEDGER_EC_BALANCE) return l.ecBalance;
  if (register == LEDGER_ACCUMULATED_DEBT) return l.accumulatedDebt;
  if (register == LEDGER_TIME_DEBT_1) return l.timeDebt1;
  if (register == LEDGER_TIME_DEBT_2) return l.timeDebt2;
  if (register == LEDGER_PAYMENT_DEBT) return l.paymentDebt;
  assert(ecUsed(l) >= 0);
  return i64.MIN_VALUE;
}
