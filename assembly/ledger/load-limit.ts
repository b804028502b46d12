import { findValue, storeValue, valueAddress, valueLength } from '../cosem/store';
import { loadU32BE, loadU16BE, storeU32BE } from '../bytes';
import { Ledger } from './state';
import { supplyState, supplyCause, setSupply, SUPPLY_ENABLED, SUPPLY_ARMED, SUPPLY_DISABLED, CAUSE_LOAD_LIMIT, CAUSE_NONE } from './supply';
import { ledgerAlert } from './alerts';

// Load limiting of the ESME (devices 5.3; ECS28a configuration, ECS28b counter reset, ECS27 read).
// The import power of an increment is its energy over the time since the previous increment
// (the meter's only power input [A]); while the supply is ENABLED and the threshold is set, time
// above the threshold accumulates and a full LoadLimitPeriod of it raises 0x8F01, counts one
// event (3/0-0:94.44.42.255 a2, the register ECS28b zeroes) and acts: Unchanged, Disable
// (DISABLED(LOAD_LIMIT) until the restoration period has passed, then ENABLED with 0x8F34 at that
// boundary, ledger/clock.ts) or Arm (ARMED with 0x8F33); then the period starts again. Threshold 0
// turns it off. Runs in both payment modes. Configuration (active values after ECS28a's
// activation, devices 11.1: PERIOD 128.6, POWER_THRESHOLD 128.7, RESTORATION_PERIOD 128.8,
// SUPPLY_STATE 0.3, class 9000 a2) is read at each configuration reload (config.ts).

export const LOAD_LIMIT_UNCHANGED: u32 = 0;
export const LOAD_LIMIT_DISABLE: u32 = 1;
export const LOAD_LIMIT_ARM: u32 = 2;
const ALERT_LOAD_LIMIT: u32 = 0x8f01;
const ALERT_DISABLED_THEN_ARMED: u32 = 0x8f33;
const ALERT_ENABLED_AFTER_RESTORATION: u32 = 0x8f34;
const OBIS_PERIOD: usize = memory.data<u8>([0, 0, 94, 44, 128, 6]);
const OBIS_THRESHOLD: usize = memory.data<u8>([0, 0, 94, 44, 128, 7]);
const OBIS_RESTORATION: usize = memory.data<u8>([0, 0, 94, 44, 128, 8]);
const OBIS_SUPPLY_STATE: usize = memory.data<u8>([0, 0, 94, 44, 0, 3]);
const OBIS_COUNTER: usize = memory.data<u8>([0, 0, 94, 44, 42, 255]);
const COUNTER_VALUE: usize = memory.data(8);
const HOUR_S: i64 = 3600;

/** An unsigned integer class-9000 a2 value (u8, u16, u32, enum), or -1. */
function activeValue(slot: u32, obis: usize): i64 {
  const e = findValue(slot, 9000, obis, 2);
  if (e == 0) return -1;
  const p = valueAddress(e);
  const n = valueLength(e);
  const tag = load<u8>(p);
  if (tag == 0x06 && n == 5) return <i64>loadU32BE(p + 1);
  if (tag == 0x12 && n == 3) return <i64>loadU16BE(p + 1);
  if ((tag == 0x11 || tag == 0x16) && n == 2) return <i64>load<u8>(p + 1);
  return -1;
}

export function loadLoadLimit(slot: u32, l: Ledger): void {
  let v = activeValue(slot, OBIS_THRESHOLD);
  if (v >= 0) l.loadLimitThresholdW = <u32>v;
  v = activeValue(slot, OBIS_PERIOD);
  if (v >= 0) l.loadLimitPeriodS = <u32>v;
  v = activeValue(slot, OBIS_RESTORATION);
  if (v >= 0) l.loadLimitRestorationS = <u32>v;
  v = activeValue(slot, OBIS_SUPPLY_STATE);
  if (v >= 0 && v <= <i64>LOAD_LIMIT_ARM) l.loadLimitAction = <u32>v;
}

function countEvent(slot: u32): void {
  const e = findValue(slot, 3, OBIS_COUNTER, 2);
  let n: u32 = 0;
  if (e != 0 && valueLength(e) == 5 && load<u8>(valueAddress(e)) == 0x06) n = loadU32BE(valueAddress(e) + 1);
  else if (e != 0 && valueLength(e) == 3 && load<u8>(valueAddress(e)) == 0x12) n = loadU16BE(valueAddress(e) + 1);
  store<u8>(COUNTER_VALUE, 0x06);
  storeU32BE(COUNTER_VALUE + 1, n + 1);
  storeValue(slot, 3, OBIS_COUNTER, 2, COUNTER_VALUE, 5); // a full store drops the count, never the supply action [A]
}

/** An increment of `wh` ending at `now` (after it was charged: devices 0.3 step 6 follows 1-5). */
export function loadLimitIncrement(slot: u32, l: Ledger, wh: i64, now: i64): void {
  const last = l.loadLimitLastS;
  l.loadLimitLastS = now;
  if (l.loadLimitThresholdW == 0 || supplyState(slot) != SUPPLY_ENABLED || last == 0 || now <= last) {
    if (l.loadLimitThresholdW == 0 || supplyState(slot) != SUPPLY_ENABLED) l.loadLimitAboveS = 0;
    return;
  }
  const dt = now - last;
  // Above the threshold when wh x 3600 / dt > threshold, compared without division.
  if (wh * HOUR_S > <i64>l.loadLimitThresholdW * dt) l.loadLimitAboveS += dt;
  else l.loadLimitAboveS = 0;
  if (l.loadLimitAboveS < <i64>l.loadLimitPeriodS) return;
  l.loadLimitAboveS = 0; // re-triggers only after another full period above
  countEvent(slot);
  ledgerAlert(slot, l, ALERT_LOAD_LIMIT, now);
  if (l.loadLimitAction == LOAD_LIMIT_DISABLE) {
    setSupply(slot, SUPPLY_DISABLED, CAUSE_LOAD_LIMIT);
    l.loadLimitRestoreAtS = now + <i64>l.loadLimitRestorationS;
  } else if (l.loadLimitAction == LOAD_LIMIT_ARM) {
    setSupply(slot, SUPPLY_ARMED, CAUSE_NONE);
    ledgerAlert(slot, l, ALERT_DISABLED_THEN_ARMED, now);
  }
}

/** The restoration boundary (ledger/clock.ts): a supply still DISABLED(LOAD_LIMIT) is ENABLED, 0x8F34. */
export function loadLimitBoundary(slot: u32, l: Ledger, t: i64): void {
  if (l.loadLimitRestoreAtS == 0 || t < l.loadLimitRestoreAtS) return;
  l.loadLimitRestoreAtS = 0;
  if (supplyState(slot) != SUPPLY_DISABLED || supplyCause(slot) != CAUSE_LOAD_LIMIT) return; // a higher cause took over
  setSupply(slot, SUPPLY_ENABLED, CAUSE_NONE);
  ledgerAlert(slot, l, ALERT_ENABLED_AFTER_RESTORATION, t);
}
