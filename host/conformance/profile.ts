import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { EmulatorError } from '../../gbcs/errors.js';
import { ESME_OBJECTS } from '../../gbcs/tables/esme-objects.js';
import { projectRoot } from '../cli/decode.js';
import type { Firmware } from '../firmware.js';
import { consumptionInput, element2ConsumptionInput, setAttributeInput, setClockInput, setElementsInput, type CosemTarget } from '../local-inputs.js';
import { encodeProfileValue, isTwinVariant, REFERENCE_ESME_ELEMENT2_IMPORT_WH, referenceEsmeValues } from '../profiles/reference-esme.js';
import { preloadedValues } from '../profiles/reference-preload.js';
import { referenceEsmeCredentialInputs } from '../profiles/reference-esme-credentials.js';
import { KeyStore, type KeyLookup } from '../../gbcs/keys/keystore.js';
import { referenceHanInputs } from '../profiles/reference-han.js';
import { referenceGasCredentialInputs, referenceGsmeProfile } from '../profiles/reference-gsme.js';
import { Status, statusName, type DeviceTypeName } from '../status.js';

// The reference device profile (devices.md Appendix R for the ESME, Appendix S for the others),
// applied through LOCAL inputs to a freshly created device before a reference COMMAND reaches it:
// 1. the clock of every reference device (R.1: 2015-01-01T00:00:00Z; reference commands carry no
//    date-time, so the device clock is what dates a response);
// 2. ESME: the energy registers of R.4 through the CONSUMPTION input;
// 3. ESME: the attribute values devices.md states (R.1-R.4, R.7, R.8) with the per-folder
//    overrides of R.10, as data in host/profiles/reference-esme.ts;
// 4. ESME: the certificate store and device log of R.12 (host/profiles/reference-esme-credentials.ts);
// 5. ESME: the values devices.md leaves to the data (R.5 logs, price matrix, calendars, R.11
//    details), PRELOADED FROM REFERENCE DATA (devices.md R.12) at run time from the folder's
//    SUCCESS responses by host/profiles/reference-preload.ts, for stored attributes the spec
//    values of step 3 do not cover. The folder's ERROR variants see the same profile.
// The profile is per variant: a TWIN variant is a twin-element meter (LOCAL SET_ELEMENTS 2, the
// element-2 register of R.4, the TWIN values of R.1 / R.10) whose preloaded values come from the
// folder's TWIN SUCCESS responses first; every other variant is the single-element meter.

/** R.1: the clock of the reference devices, in every reference response header. */
export const REFERENCE_CLOCK_MS = Date.UTC(2015, 0, 1);
const MS_PER_S = 1000;

/** R.4: active import / active export / reactive import / reactive export (Wh, varh). */
const ESME_REGISTERS = { importActiveWh: 10, exportActiveWh: 10, importReactiveVarh: 10, exportReactiveVarh: 20 } as const;

/** Object-store handlers a preloaded value may be written to (the others compute their values). */
const PRELOADABLE_HANDLERS: ReadonlySet<string> = new Set(['stored', 'profile-buffer']);

export interface ProfileReport {
  /** Profile inputs the firmware refused, e.g. 'SET_CLOCK: BAD_INPUT' (an input it does not implement yet). */
  refused: string[];
}

/** Where the reference data live; by default ../shared/conformance next to the project. */
export interface ReferenceDirs {
  rtdsDir: string;
  keystoreDir: string;
}

export function defaultReferenceDirs(): ReferenceDirs {
  const shared = join(projectRoot(), '..', 'shared', 'conformance');
  return { rtdsDir: join(shared, 'rtds-4.5.0'), keystoreDir: join(shared, 'keystore') };
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
  variant: string,
  nowMs: number = REFERENCE_CLOCK_MS,
  dirs: ReferenceDirs = defaultReferenceDirs(),
  /** The reference keystore (certificates of the ESME's trust anchors); loaded from dirs when absent. */
  keystore?: KeyLookup,
): ProfileReport {
  const inputs: [string, Uint8Array][] = [['SET_CLOCK', setClockInput(REFERENCE_CLOCK_MS / MS_PER_S)]];
  const refused: string[] = [];
  if (deviceType === 'ESME') {
    const r = ESME_REGISTERS;
    inputs.push(['CONSUMPTION', consumptionInput(r.importActiveWh, r.exportActiveWh, r.importReactiveVarh, r.exportReactiveVarh)]);
    if (isTwinVariant(variant)) {
      inputs.push(['SET_ELEMENTS 2', setElementsInput(2)]);
      inputs.push(['ELEMENT2_CONSUMPTION', element2ConsumptionInput(REFERENCE_ESME_ELEMENT2_IMPORT_WH)]);
    }
    const specified = new Set<string>();
    for (const v of referenceEsmeValues(folderName, variant)) {
      specified.add(keyOf(v.target));
      inputs.push([`SET_ATTRIBUTE ${keyOf(v.target)} (${v.source})`, setAttributeInput(v.target, encodeProfileValue(v))]);
    }
    inputs.push(...preloadInputs(folderName, variant, dirs, specified, refused));
    inputs.push(...referenceEsmeCredentialInputs(keystore ?? KeyStore.loadDir(dirs.keystoreDir), refused, folderName)); // R.12 certificate store
  } else if (deviceType === 'GSME' || deviceType === 'GPF') {
    inputs.push(...referenceGsmeProfile(folderName, variant, dirs, refused)); // Appendix S.2, S.4
    inputs.push(...referenceGasCredentialInputs(deviceType, keystore ?? KeyStore.loadDir(dirs.keystoreDir), refused)); // trust anchors (R.12 form)
  } else {
    inputs.push(...referenceHanInputs(deviceType, folderName, dirs, refused, keystore)); // CHF, PPMID, HCALCS, SAPC (Appendix S)
  }
  for (const [name, input] of inputs) {
    const status = firmware.deliverMessage(slot, 'LOCAL', input, nowMs);
    if (status !== Status.OK) refused.push(`${name}: ${statusName(status)}`);
  }
  return { refused };
}

function keyOf(t: CosemTarget): string {
  return `${t.classId}/${t.obis}/${t.member}`;
}

const PRELOADABLE: ReadonlySet<string> = new Set(
  ESME_OBJECTS.filter((o) => !o.access.includes('action') && PRELOADABLE_HANDLERS.has(o.handler)).map((o) => keyOf(o)),
);

/** SET_ATTRIBUTE inputs for the values preloaded from the folder's reference responses (R.12). */
function preloadInputs(folderName: string, variant: string, dirs: ReferenceDirs, specified: ReadonlySet<string>, refused: string[]): [string, Uint8Array][] {
  if (!existsSync(join(dirs.rtdsDir, folderName))) return [];
  const inputs: [string, Uint8Array][] = [];
  const written = new Set<string>(specified);
  try {
    for (const v of preloadedValues(dirs.rtdsDir, dirs.keystoreDir, folderName, createNodeProvider(), variant)) {
      const key = keyOf(v.target);
      if (written.has(key) || !PRELOADABLE.has(key)) continue;
      written.add(key);
      inputs.push([`SET_ATTRIBUTE ${key} (preloaded from ${v.file})`, setAttributeInput(v.target, v.value)]);
    }
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    refused.push(`preload from ${folderName}: ${error.name}: ${error.message}`);
  }
  return inputs;
}
