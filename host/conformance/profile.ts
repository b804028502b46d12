import type { Firmware } from '../firmware.js';
import { consumptionInput, setClockInput } from '../local-inputs.js';
import { Status, statusName, type DeviceTypeName } from '../status.js';

// The reference device profile (devices.md Appendix R for the ESME, Appendix S for the others),
// applied through LOCAL inputs to a freshly created device before a reference COMMAND reaches it.
// Minimal for now: the clock of every reference device (R.1: 2015-01-01T00:00:00Z; reference
// commands carry no date-time, so the device clock is what dates a response) and the ESME energy
// registers of R.4 (through the CONSUMPTION input the firmware already has), so that ECS17a can
// be answered byte for byte. The object values of R.2-R.11 and the per-folder overrides of R.10
// (SET_ATTRIBUTE inputs) are filled in by a later change; folderName is the hook for R.10.

/** R.1: the clock of the reference devices, in every reference response header. */
export const REFERENCE_CLOCK_MS = Date.UTC(2015, 0, 1);
const MS_PER_S = 1000;

/** R.4: active import / active export / reactive import / reactive export (Wh, varh). */
const ESME_REGISTERS = { importActiveWh: 10, exportActiveWh: 10, importReactiveVarh: 10, exportReactiveVarh: 20 } as const;

export interface ProfileReport {
  /** Profile inputs the firmware refused, e.g. 'SET_CLOCK: BAD_INPUT' (an input it does not implement yet). */
  refused: string[];
}

/**
 * Applies the reference profile of `deviceType` to the device in `slot` at host time nowMs. A
 * refused input is reported, not thrown: the grading then says why a file is not exact.
 */
export function applyReferenceProfile(
  firmware: Firmware,
  slot: number,
  deviceType: DeviceTypeName,
  folderName: string,
  nowMs: number = REFERENCE_CLOCK_MS,
): ProfileReport {
  void folderName; // R.10 per-folder overrides: not applied yet
  const inputs: [string, Uint8Array][] = [['SET_CLOCK', setClockInput(REFERENCE_CLOCK_MS / MS_PER_S)]];
  if (deviceType === 'ESME') {
    const r = ESME_REGISTERS;
    inputs.push(['CONSUMPTION', consumptionInput(r.importActiveWh, r.exportActiveWh, r.importReactiveVarh, r.exportReactiveVarh)]);
  }
  const refused: string[] = [];
  for (const [name, input] of inputs) {
    const status = firmware.deliverMessage(slot, 'LOCAL', input, nowMs);
    if (status !== Status.OK) refused.push(`${name}: ${statusName(status)}`);
  }
  return { refused };
}
