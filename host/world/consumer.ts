import { buttonInput } from '../local-inputs.js';
import { EC_STATE, readLedgerDisplay, SUPPLY_STATE } from '../ledger-view.js';
import { Status, statusName } from '../status.js';
import type { PremisesWorld } from './premises-world.js';

// The consumer at a prepayment meter (scenario `consumer`, devices 4.8, 5.2, 4.16): they look at
// the meter's display every half-hour (the ESME after each half-hour, the GSME at its wakes) and
// press its button when it helps: an
// ARMED supply comes back on with a press (after a top-up restored credit), and emergency
// credit, once the meter offers it (0x8119, MB below ECT), is taken with a press. A press on an
// ARMED supply does nothing else, so taking emergency credit that re-armed a disabled supply
// needs a second press.

/** Presses in one look at the meter: emergency credit, then the re-armed supply. */
const PRESSES_MAX = 2;

export function atTheMeter(w: PremisesWorld, nowMs: number, d: number): void {
  const habit = w.group.consumer;
  for (let i = 0; i < PRESSES_MAX; i++) {
    const l = readLedgerDisplay(w.firmware(d), w.homes[d]!.slot, { gas: d === w.roles.gsme });
    if (l === undefined) return;
    const rearm = habit.reenablesSupply && l.supply === SUPPLY_STATE.ARMED;
    const takeCredit = habit.activatesEmergencyCredit && l.ecState === EC_STATE.AVAILABLE && l.supply !== SUPPLY_STATE.ARMED;
    if (!rearm && !takeCredit) return;
    const status = w.deliverTo(nowMs, d, 'LOCAL', buttonInput());
    if (status !== Status.OK) throw w.error(nowMs, `BUTTON on ${w.euis[d]} returned ${statusName(status)}`);
  }
}
