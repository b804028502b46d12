import { SCRATCH_UTRN } from '../scratch-map';
import { storeU64BE, storeU32BE } from '../bytes';
import { seUtrnMac } from '../platform';
import { device, findRole, trustEntry, ROLE_SUPPLIER } from '../device/context';
import { appendLog, LOG_SECURITY } from '../logs/log';
import {
  Ledger, Money, utrnCacheAddress, utrnFailureAt, setUtrnFailureAt, UTRN_CACHE_MAX, UTRN_FAILURES_MAX, UTRN_LOCKOUT_S,
} from './state';
import { applyTopUp, balanceAfterTopUp } from './ledger';
import { beginLedgerWrite, commitLedgerWrite, writePoint } from '../power/journal';
import { logCredit, logDebtPayment } from './billing-log';
import {
  ledgerAlert, ALERT_UTRN_LOCKED_OUT, ALERT_UTRN_NOT_AUTHENTIC, ALERT_UTRN_DUPLICATE, ALERT_UTRN_MAX_CREDIT,
  ALERT_MAX_METER_BALANCE, ALERT_CREDIT_ADDED_LOCALLY, ALERT_UTRN_ENTRY_SUSPENDED,
} from './alerts';

// UTRN top-ups (GBCS 10.2; devices 4.11): decode the 20 digits, rebuild the counter, verify the
// MAC through the secure element (the supplier's prepayment KA key), then the counter cache,
// the maximum credit and the maximum meter balance; accept, or reject with the reason's own
// alert. Nothing but the failure history, the lockout and the logs changes on a rejection (L11).

export const UTRN_DIGITS: u32 = 20;
const PTD_BASE: u64 = 7394156990786306048; // GBCS 10.2
const VALUE_MASK: u32 = 0x1fff;
const COUNTER10_MASK: u32 = 0x3ff;
const CLASS_POUNDS: u32 = 1;
const PENCE_MILLI: Money = 1_000;
const POUND_MILLI: Money = 100_000;
const COUNTER_WINDOW: i64 = 1024;
const COUNTER_BELOW: i64 = 511; // devices 4.11: H in [Hmax - 511, Hmax + 512]
const ASCII_ZERO: u32 = 0x30;

export const UTRN_ACCEPTED: i32 = 0;
export const UTRN_LOCKED_OUT: i32 = 1; // step 0, 0x81C5
export const UTRN_NOT_AUTHENTIC: i32 = 2; // step 1, 0x8F63
export const UTRN_DUPLICATE: i32 = 3; // step 3, 0x8F51
export const UTRN_MAX_CREDIT: i32 = 4; // step 4, 0x8F5B
export const UTRN_MAX_BALANCE: i32 = 5; // step 5, 0x8F47

// SE scratch for the MAC input: OtherInfo (33) || AAD (6 + 8 + 8 + 1 + 8 + 4), then the 4-byte MAC.
const DATA_PTR: usize = SCRATCH_UTRN;
const OTHER_INFO_BYTES: u32 = 33;
const AAD_BYTES: u32 = 35;
const MAC_PTR: usize = DATA_PTR + 128;
const ALGORITHM_ID: u64 = 0x6085740608030000; // GBCS 4.2: 60 85 74 06 08 03 00, one byte overwritten
const CRA_COMMAND: u8 = 1;

// GBCS 10.2 check digit tables (Verhoeff variant), 10x10 D, 8x10 P, inverse.
const VERHOEFF_D: StaticArray<u8> = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 0, 6, 7, 8, 9, 5, 2, 3, 4, 0, 1, 7, 8, 9, 5, 6, 3, 4, 0, 1, 2, 8, 9, 5, 6, 7,
  4, 0, 1, 2, 3, 9, 5, 6, 7, 8, 5, 9, 8, 7, 6, 0, 4, 3, 2, 1, 6, 5, 9, 8, 7, 1, 0, 4, 3, 2, 7, 6, 5, 9, 8, 2, 1, 0, 4, 3,
  8, 7, 6, 5, 9, 3, 2, 1, 0, 4, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
];
const VERHOEFF_P: StaticArray<u8> = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 5, 7, 6, 2, 8, 3, 0, 9, 4, 5, 8, 0, 3, 7, 9, 6, 1, 4, 2, 8, 9, 1, 6, 0, 4, 3, 5, 2, 7,
  9, 4, 5, 3, 1, 2, 6, 8, 7, 0, 4, 2, 8, 6, 5, 7, 3, 9, 0, 1, 2, 7, 9, 3, 8, 0, 6, 4, 1, 5, 7, 0, 4, 6, 9, 1, 3, 2, 5, 8,
];
const VERHOEFF_INV: StaticArray<u8> = [1, 2, 6, 7, 5, 8, 3, 0, 9, 4];

/** The PTUT of 20 ASCII digits at p, or 0 when the digits, check digit or range are wrong (never a valid PTUT: hi32 would be 0). */
function decodePtut(p: usize): u64 {
  let ptd: u64 = 0;
  let c: u32 = 0;
  for (let i: u32 = 0; i < UTRN_DIGITS; i++) {
    const digit = <u32>load<u8>(p + i) - ASCII_ZERO;
    if (digit > 9) return 0;
    if (i == UTRN_DIGITS - 1) {
      if (digit != <u32>unchecked(VERHOEFF_INV[c])) return 0;
      break;
    }
    c = <u32>unchecked(VERHOEFF_D[c * 10 + <u32>unchecked(VERHOEFF_P[((i + 4) % 8) * 10 + digit])]);
    ptd = ptd * 10 + <u64>digit; // 19 digits < 2^64
  }
  if (ptd < PTD_BASE) return 0;
  const ptut = ptd - PTD_BASE;
  const hi32 = <u32>(ptut >> 32);
  if ((hi32 >>> 25) != 0 || ((hi32 >>> 13) & 3) > CLASS_POUNDS) return 0; // reserved bits
  return ptut;
}

/** devices 4.11 counter reconstruction: the high word H with H & 0x3FF == c10 nearest the highest cached one. */
export function reconstructHighWord(l: Ledger, counter10: u32): u32 {
  const cache = utrnCacheAddress(l);
  let hMax: i64 = 0;
  for (let i: u32 = 0; i < l.utrnCount; i++) hMax = max(hMax, <i64>load<u32>(cache + i * 4));
  const low = hMax - COUNTER_BELOW;
  let h = low + ((((<i64>counter10 - low) % COUNTER_WINDOW) + COUNTER_WINDOW) % COUNTER_WINDOW);
  if (h < 0) h += COUNTER_WINDOW;
  return <u32>h;
}

/** Whether the UTRN's MAC verifies for counter (H << 32) with the supplier at trust entry keySlot. */
function macVerifies(slot: u32, keySlot: u32, ptut: u64, high: u32): bool {
  const supplier = trustEntry(slot, keySlot).eui;
  const own = device(slot).eui;
  const counter = <u64>high << 32;
  const hi32 = <u32>(ptut >> 32);
  storeU64BE(DATA_PTR, ALGORITHM_ID);
  storeU64BE(DATA_PTR + 7, supplier);
  store<u8>(DATA_PTR + 15, 9);
  store<u8>(DATA_PTR + 16, CRA_COMMAND);
  storeU64BE(DATA_PTR + 17, counter);
  storeU64BE(DATA_PTR + 25, own);
  const aad = DATA_PTR + OTHER_INFO_BYTES;
  store<u8>(aad, 0x11);
  store<u32>(aad + 1, 0);
  store<u8>(aad + 5, 0);
  storeU64BE(aad + 6, supplier);
  storeU64BE(aad + 14, own);
  store<u8>(aad + 22, CRA_COMMAND);
  storeU64BE(aad + 23, counter);
  storeU32BE(aad + 31, hi32);
  if (seUtrnMac(slot, keySlot, DATA_PTR, OTHER_INFO_BYTES + AAD_BYTES, MAC_PTR) != 0) return false;
  return bswap<u32>(load<u32>(MAC_PTR)) == <u32>ptut;
}

function cacheHas(l: Ledger, high: u32): bool {
  const cache = utrnCacheAddress(l);
  for (let i: u32 = 0; i < l.utrnCount; i++) if (load<u32>(cache + i * 4) == high) return true;
  return false;
}

function cacheMinIndex(l: Ledger): u32 {
  const cache = utrnCacheAddress(l);
  let index: u32 = 0;
  for (let i: u32 = 1; i < l.utrnCount; i++) if (load<u32>(cache + i * 4) < load<u32>(cache + index * 4)) index = i;
  return index;
}

/** Adds an accepted counter; when UTRN_CACHE_MAX are held the LOWEST is replaced (devices 4.11 step 6). */
function cacheAdd(l: Ledger, high: u32): void {
  const cache = utrnCacheAddress(l);
  if (l.utrnCount < UTRN_CACHE_MAX) {
    store<u32>(cache + l.utrnCount * 4, high);
    l.utrnCount++;
    return;
  }
  store<u32>(cache + cacheMinIndex(l) * 4, high);
}

/**
 * Enters the UTRN at p (20 ASCII digits). `local`: keypad / PPMID (counter rebuilt, lockout);
 * remote CS01a/b: `headerCounter` is the command's counter and keySlot its supplier. Returns
 * UTRN_ACCEPTED or the rejection reason, whose alert has been raised.
 */
export function enterUTRN(slot: u32, l: Ledger, p: usize, local: bool, headerCounter: u64, keySlot: i32): i32 {
  const now = device(slot).clockS;
  if (local && now < l.lockedUntilS) {
    ledgerAlert(slot, l, ALERT_UTRN_LOCKED_OUT, now);
    return UTRN_LOCKED_OUT; // refused at step 0: not counted
  }
  const reason = checkUTRN(slot, l, p, local, headerCounter, keySlot);
  if (reason != UTRN_ACCEPTED) {
    rejected(slot, l, reason, local, now);
    return reason;
  }
  const ptut = decodePtut(p);
  const high = local ? reconstructHighWord(l, <u32>(ptut >> 47) & COUNTER10_MASK) : <u32>(headerCounter >> 32);
  assert(!cacheHas(l, high)); // L3: a cached counter is never applied twice
  // Journalled (power/journal.ts): a power cut between these writes rolls the top-up back whole.
  if (!beginLedgerWrite(slot, l)) return UTRN_NOT_AUTHENTIC; // [A] no memory for the journal: refused, nothing applied
  cacheAdd(l, high);
  writePoint(slot);
  const amount = amountOf(ptut);
  const debtShare = applyTopUp(slot, l, amount, now);
  if (local) ledgerAlert(slot, l, ALERT_CREDIT_ADDED_LOCALLY, now);
  writePoint(slot);
  commitLedgerWrite(slot);
  // The Billing Data Log entries (devices 2.3) follow the commit: a cut before them loses a log
  // entry, never money, and a rolled-back top-up leaves none [A].
  if (debtShare > 0) logDebtPayment(slot, now, debtShare, l.paymentDebt);
  logCredit(slot, now, amount, high);
  return UTRN_ACCEPTED;
}

function amountOf(ptut: u64): Money {
  const hi32 = <u32>(ptut >> 32);
  const value = <i64>(hi32 & VALUE_MASK);
  return ((hi32 >>> 13) & 3) == CLASS_POUNDS ? value * POUND_MILLI : value * PENCE_MILLI;
}

/** Steps 1-5 of devices 4.11, changing nothing. */
function checkUTRN(slot: u32, l: Ledger, p: usize, local: bool, headerCounter: u64, keySlot: i32): i32 {
  const ptut = decodePtut(p);
  if (ptut == 0) return UTRN_NOT_AUTHENTIC;
  const counter10 = <u32>(ptut >> 47) & COUNTER10_MASK;
  let party = keySlot;
  if (party < 0) party = findRole(slot, ROLE_SUPPLIER);
  if (party < 0) return UTRN_NOT_AUTHENTIC; // no supplier to verify with
  let high: u32;
  if (local) {
    high = reconstructHighWord(l, counter10);
  } else {
    high = <u32>(headerCounter >> 32);
    if ((high & COUNTER10_MASK) != counter10 || <u32>headerCounter != 0) return UTRN_NOT_AUTHENTIC;
  }
  if (!macVerifies(slot, <u32>party, ptut, high)) return UTRN_NOT_AUTHENTIC;
  if (cacheHas(l, high)) return UTRN_DUPLICATE;
  if (l.utrnCount == UTRN_CACHE_MAX && high <= load<u32>(utrnCacheAddress(l) + cacheMinIndex(l) * 4)) return UTRN_DUPLICATE;
  const amount = amountOf(ptut);
  if (amount > l.maxCreditThreshold) return UTRN_MAX_CREDIT;
  if (balanceAfterTopUp(l, amount) > l.maxMeterBalance) return UTRN_MAX_BALANCE;
  return UTRN_ACCEPTED;
}

function rejected(slot: u32, l: Ledger, reason: i32, local: bool, now: i64): void {
  const code = reason == UTRN_NOT_AUTHENTIC ? ALERT_UTRN_NOT_AUTHENTIC : reason == UTRN_DUPLICATE ? ALERT_UTRN_DUPLICATE :
    reason == UTRN_MAX_CREDIT ? ALERT_UTRN_MAX_CREDIT : ALERT_MAX_METER_BALANCE;
  if (reason == UTRN_NOT_AUTHENTIC) appendLog(slot, LOG_SECURITY, now, code, 0, 0); // devices 4.11 step 1: Security Log
  ledgerAlert(slot, l, code, now);
  if (!local) return; // remote CS01a/b are never locked out
  // Failures in (now - 24 h, now] count; the 5th locks manual entry for 24 h and clears the history.
  let kept: u32 = 0;
  for (let i: u32 = 0; i < l.utrnFailureCount; i++) {
    const t = utrnFailureAt(l, i);
    if (t > now - UTRN_LOCKOUT_S) {
      setUtrnFailureAt(l, kept, t);
      kept++;
    }
  }
  if (kept + 1 >= UTRN_FAILURES_MAX) {
    for (let i: u32 = 0; i < UTRN_FAILURES_MAX; i++) setUtrnFailureAt(l, i, 0);
    l.utrnFailureCount = 0;
    l.lockedUntilS = now + UTRN_LOCKOUT_S;
    ledgerAlert(slot, l, ALERT_UTRN_ENTRY_SUSPENDED, now);
    return;
  }
  setUtrnFailureAt(l, kept, now);
  l.utrnFailureCount = kept + 1;
}
