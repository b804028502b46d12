import type { Firmware } from '../firmware.js';

// Power at a premises (issue 8 point G), host side. A premises loses power at a virtual
// instant: consumption stops, its hub carries nothing (commands are held by the DCC until the
// power is back, or expire), and each device's state at that instant is what it persisted (all
// device state lives in the persistent device context; the outbox is drained after every call,
// so nothing volatile is lost). At restoration every device restarts from its persisted image
// (restoreDevice) and its clock catches up (advanceTime).
//
// What the firmware would need for the power-outage and restoration alerts (not in it yet; the
// host sends the input below only when the firmware exports LOCAL_POWER_EVENT, so nothing
// changes until it does):
//   1. A LOCAL input kind LOCAL_POWER_EVENT (number chosen by the firmware, exported as a global
//      of that name from assembly/index.ts, handled in new files under assembly/power/):
//        kind u8 | event u8 (1 = supply lost, 2 = supply restored) | atS f64 (whole UTC seconds)
//      Supply lost: record the loss time in the device context (a new persistent field
//      `supplyLostS`, 0 when supplied) and append "power failure" to the Power event log
//      (0-0:99.98.4.255, GBCS ECS35e). Supply restored: append "power restored" to the same
//      log, and raise the alert devices/GBCS name for the outage length: 0x8F35 "Supply outage
//      restored" when the outage was shorter than 3 minutes, 0x8F36 "Supply outage restored -
//      outage of 3 minutes or more" otherwise, carried by ECS80 (message code 0x0067, a
//      critical, signed alert); then clear `supplyLostS`. A restored input without a
//      preceding loss is refused with BAD_INPUT and changes nothing.
//   2. Tearing (power lost mid-write of persistent state): the ledger commits each top-up
//      through an undo journal and any power event (a restart) rolls a torn one back
//      (assembly/power/journal.ts, which states the model and the fault knob armPowerCut;
//      test/world/power-tearing.test.ts cuts at every write point). The cuts of this world
//      still fall between operations: a restart restores the last whole image.
//   3. The CHF (when the firmware has it) raises the DCC's power-outage alert (dcc.md 13.3,
//      CSP KPI 12.1/12.2) on loss; the host already knows the instant to deliver it.

export const POWER_EVENT = { SUPPLY_LOST: 1, SUPPLY_RESTORED: 2 } as const;

/** The LOCAL input kind of power events, when this firmware supports them. */
export function powerEventKind(firmware: Firmware): number | undefined {
  return firmware.layout.LOCAL_POWER_EVENT;
}

export function powerEventInput(kind: number, event: number, atMs: number): Uint8Array {
  const bytes = new Uint8Array(10);
  bytes[0] = kind;
  bytes[1] = event;
  new DataView(bytes.buffer).setFloat64(2, Math.floor(atMs / 1000), true);
  return bytes;
}
