import { device } from '../device/context';
import { DEVICE_TYPE_ESME } from '../device/types';
import { esmeState } from '../esme/state';
import { Ledger, ensureLedger, ledgerIfAny, availableCredit, MODE_PREPAYMENT } from './state';
import { ledgerAlert, ALERT_SUPPLY_ARMED, ALERT_SUPPLY_ENABLED_BUTTON, ALERT_CREDIT_BELOW_DISABLEMENT } from './alerts';

// The supply state machine of devices 5.1 / 5.2 (ESME load switch, GSME valve). The ESME keeps
// its state in esme/state.ts (supplyState, supplyCause), the GSME in its ledger. A zeroed
// context is ENABLED with no cause (a new meter). Credit-driven transitions come from the
// ledger's threshold evaluation (ledger.ts); the remote ones (ECS42/43/44, GCS32/39) and the
// local button are the functions below, each returning whether it was accepted.

export const SUPPLY_ENABLED: u32 = 0;
export const SUPPLY_ARMED: u32 = 1;
export const SUPPLY_DISABLED: u32 = 2;

// Disablement causes (devices 5.1), numbered by precedence: a higher cause is never replaced by
// a lower one (TAMPER_LOCKED > REMOTE > LOAD_LIMIT > CREDIT). The locked flag is CAUSE_LOCKED.
export const CAUSE_NONE: u32 = 0;
export const CAUSE_CREDIT: u32 = 1;
export const CAUSE_LOAD_LIMIT: u32 = 2;
export const CAUSE_REMOTE: u32 = 3;
export const CAUSE_TAMPER_LOCKED: u32 = 4;
export const CAUSE_GAS_FLOW: u32 = 5;
export const CAUSE_DEPLETION: u32 = 6;
export const CAUSE_LOCKED: u32 = 0x80;
const CAUSE_MASK: u32 = 0x7f;

export function supplyState(slot: u32): u32 {
  if (device(slot).deviceType == DEVICE_TYPE_ESME) return esmeState(slot).supplyState;
  const l = ledgerIfAny(slot);
  return l == null ? SUPPLY_ENABLED : <u32>l.supplyState;
}

/** The disablement cause without the locked flag. */
export function supplyCause(slot: u32): u32 {
  return supplyCauseRaw(slot) & CAUSE_MASK;
}

export function supplyLocked(slot: u32): bool {
  return (supplyCauseRaw(slot) & CAUSE_LOCKED) != 0;
}

function supplyCauseRaw(slot: u32): u32 {
  if (device(slot).deviceType == DEVICE_TYPE_ESME) return esmeState(slot).supplyCause;
  const l = ledgerIfAny(slot);
  return l == null ? CAUSE_NONE : <u32>l.supplyCause;
}

/** Sets state and cause; the GSME's ledger page must exist (its callers hold the ledger). */
export function setSupply(slot: u32, state: u32, cause: u32): void {
  assert(state <= SUPPLY_DISABLED);
  assert(state == SUPPLY_DISABLED || (cause & CAUSE_MASK) == CAUSE_NONE || (cause & CAUSE_MASK) == CAUSE_GAS_FLOW);
  if (device(slot).deviceType == DEVICE_TYPE_ESME) {
    const e = esmeState(slot);
    e.supplyState = state;
    e.supplyCause = cause;
    return;
  }
  const l = ledgerIfAny(slot);
  assert(l != null);
  l!.supplyState = <u8>state;
  l!.supplyCause = <u8>cause;
}

/** Whether energy flows (devices 4.4: only while ENABLED). */
export function supplyOn(slot: u32): bool {
  return supplyState(slot) == SUPPLY_ENABLED;
}

/** The credit guard of devices 5.2: CREDIT mode, or AC >= DT, or non-disablement active. */
export function creditAllowsSupply(l: Ledger): bool {
  return <u32>l.mode != MODE_PREPAYMENT || availableCredit(l) >= l.disablementThreshold || l.ndActive != 0;
}

/** ECS42 / remote enable (devices 5.2): ENABLED when the credit guard holds; false = error response. */
export function remoteEnable(slot: u32): bool {
  const l = ensureLedger(slot);
  if (l == null || !creditAllowsSupply(l)) return false;
  setSupply(slot, SUPPLY_ENABLED, CAUSE_NONE);
  return true;
}

/** ECS43 / GCS32 remote disable (devices 5.2): DISABLED(REMOTE) unless a higher cause holds. */
export function remoteDisable(slot: u32): bool {
  const state = supplyState(slot);
  if (state == SUPPLY_DISABLED && supplyCause(slot) >= CAUSE_REMOTE) return true; // unchanged, success
  if (ensureLedger(slot) == null) return false;
  setSupply(slot, SUPPLY_DISABLED, CAUSE_REMOTE);
  return true;
}

/** ECS44 / GCS39 arm (devices 5.2); false = error response (locked). */
export function remoteArm(slot: u32): bool {
  const state = supplyState(slot);
  if (state != SUPPLY_DISABLED) return true; // ENABLED: no-op success; ARMED stays ARMED
  if (supplyLocked(slot)) return false;
  const l = ensureLedger(slot);
  if (l == null) return false;
  const now = device(slot).clockS;
  if (creditAllowsSupply(l)) {
    setSupply(slot, SUPPLY_ARMED, CAUSE_NONE);
    ledgerAlert(slot, l, ALERT_SUPPLY_ARMED, now);
    return true;
  }
  // The remote / load-limit cause is lifted and the credit rule takes over.
  const changed = supplyCause(slot) != CAUSE_CREDIT;
  setSupply(slot, SUPPLY_DISABLED, CAUSE_CREDIT);
  if (changed) ledgerAlert(slot, l, ALERT_CREDIT_BELOW_DISABLEMENT, now);
  return true;
}

/** The consumer's button on an ARMED meter (devices 5.2): ENABLED, 0x8161. False when not ARMED. */
export function buttonEnable(slot: u32, l: Ledger): bool {
  if (supplyState(slot) != SUPPLY_ARMED) return false;
  setSupply(slot, SUPPLY_ENABLED, CAUSE_NONE);
  ledgerAlert(slot, l, ALERT_SUPPLY_ENABLED_BUTTON, device(slot).clockS);
  return true;
}
