import { readyLedger } from '../ledger/config';
import { checkInvariants } from '../ledger/ledger';
import {
  supplyState, setSupply, remoteDisable, remoteArm, SUPPLY_ENABLED, SUPPLY_ARMED, CAUSE_NONE,
} from '../ledger/supply';
import { publishGsmeLedger } from './prepayment';

// The GSME valve under remote control (devices 5.2; GCS32 Remotely close the valve, GCS39 Arm
// Valve; ZSE ChangeSupply proposedSupplyStatus 0 off / 1 armed / 2 on):
// - off (GCS32): DISABLED(REMOTE), unless a higher cause already holds it (unchanged, success);
// - armed (GCS39): a DISABLED valve arms when not locked and the credit guard holds (0x8F32),
//   else the credit rule takes it over (stays DISABLED(CREDIT)); a locked one refuses (C0). An
//   OPEN valve closes and arms: RTDS 7.3_GCS39 answers 01 (armed) to a GSME whose supply is on
//   (devices S.2), where devices 5.2 [A] says ECS44 on ENABLED is a no-op: the data win [D];
// - on: refused (C0): gas is re-opened only by the button on an ARMED meter (devices 4.16).
// Returns the SupplyStatus the valve is in afterwards (0 off, 1 armed, 2 on), or -1 (refused, unchanged).

const STATUS_OFF: i32 = 0;
const STATUS_ARMED: i32 = 1;
const STATUS_ON: i32 = 2;

export function changeValve(slot: u32, proposed: u32): i32 {
  const l = readyLedger(slot);
  if (l == null || proposed == <u32>STATUS_ON) return -1;
  if (proposed == <u32>STATUS_OFF) {
    if (!remoteDisable(slot)) return -1;
  } else if (supplyState(slot) == SUPPLY_ENABLED) {
    setSupply(slot, SUPPLY_ARMED, CAUSE_NONE);
  } else if (!remoteArm(slot)) {
    return -1;
  }
  checkInvariants(slot, l);
  publishGsmeLedger(slot, l);
  const state = supplyState(slot);
  return state == SUPPLY_ENABLED ? STATUS_ON : state == SUPPLY_ARMED ? STATUS_ARMED : STATUS_OFF;
}
