import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import type { TestPki } from '../../gbcs/keys/test-pki.js';
import { Firmware, type FirmwareBuild } from '../firmware.js';
import { refusalRuleInput, setAlertCounterInput, type RefusalRule } from '../local-inputs.js';
import { provisioningRecord } from '../provisioning.js';
import { SecureElement } from '../secure-element.js';
import { DEVICE_TYPES, Status, statusName, type ChannelName, type DeviceTypeName } from '../status.js';
import { applyReferenceProfile, REFERENCE_CLOCK_MS } from './profile.js';
import { REFERENCE_PARTIES, ReferenceKeyring } from './reference-keyring.js';
import { describeRule } from './refusals.js';
import { referenceEventInput, type ReferenceEventScript } from '../profiles/reference-esme-events.js';

// One reference COMMAND delivered to one fresh emulated device (issue 5): a new firmware instance
// per command, so no counter, log or alert counter carries over from another file (the reference
// data were produced one use case at a time, devices.md Appendix R), and a trap in one command
// cannot affect the next. Instantiation costs 40-75 µs (ARCHITECTURE.md measured facts).

/** Host time of every step: the reference clock (R.1), so a device that dates its answers from
 *  host time and one whose clock was set by the profile agree. */
export const CONFORMANCE_HOST_TIME_MS = REFERENCE_CLOCK_MS;
/** R.1: each reference scenario's alerts count from 0x7D0 upward... */
export const REFERENCE_FIRST_ALERT_COUNTER = 0x7d0n;
/** ...except where the scenario had raised alerts before the ones in the files: the first counter
 *  of the future-dated alerts per use case, devices.md R.9, and the device's originator counter
 *  the ECS21b URP response returns (R.12: 0x7D2; the device's counters are one sequence, GBCS 4.6). */
const FIRST_ALERT_COUNTER_BY_USE_CASE: Readonly<Record<string, bigint>> = {
  ECS01a: 0x7dcn, ECS01b: 0x7d2n, ECS21b: 0x7d2n, ECS01c: 0x7d3n, ECS01d: 0x7d1n, ECS02: 0x7d2n, ECS08: 0x7d9n, ECS08a: 0x7d9n, ECS28a: 0x7d4n,
  // The CHF's DCC alerts (CS14, DBCH06-10) count from 0xFA0 in every reference file (Appendix S).
  CCS01: 0xfa0n, CCS02: 0xfa0n, CCS03: 0xfa0n, DBCH04: 0xfa0n, DBCH05: 0xfa0n,
  // GSME alerts count from 0xBB8 (Appendix S); the future-dated ones of each gas scenario start
  // where that scenario's earlier alerts left off (the reference alert files' counters).
  GCS01a: 0xbc1n, GCS01b: 0xbban, GCS02: 0xbb8n, GCS03: 0xbb9n, GCS05: 0xbb8n,
  'FDRA-ZigBee': 0xbb8n, 'GCA-ZigBee': 0xbb8n, 'MIIWA-ZigBee': 0xbb8n,
};

/** Variants recorded after other alerts of their folder's scenario: the counter of the variant's
 *  own alert file [D] (the future-dated CS02b / CS02g executions, RTDS 6.15.1 and 6.23). */
const FIRST_ALERT_COUNTER_BY_VARIANT: Readonly<Record<string, bigint>> = {
  'CS02bSupplierBySupplier FUTURE_DATED_ERROR': 0x7d2n,
  'CS02gLoadControllerBySupplier FUTURE_DATED_ERROR': 0x7d2n,
  'CS02bSupplierByTransCoS FUTURE_DATED_SUCCESS': 0x7d1n,
  'CS02gLoadControllerByLoadController FUTURE_DATED_SUCCESS': 0x7d1n, // the SAPC's (Appendix S)
};

/** The first alert counter of the scenario a reference folder (`<section>_<use case>`) and command variant were recorded in. */
export function firstAlertCounter(folder: string, variant = ''): bigint {
  const useCase = folder.slice(folder.indexOf('_') + 1);
  return FIRST_ALERT_COUNTER_BY_VARIANT[`${useCase} ${variant}`] ?? FIRST_ALERT_COUNTER_BY_USE_CASE[useCase] ?? REFERENCE_FIRST_ALERT_COUNTER;
}
/** After the command, time runs to here so what the device does later (future-dated activations at
 *  2030-01-15 and 2030-04-01 in the data, GBCS 9.3) is produced and graded too. */
export const CONFORMANCE_HORIZON_MS = Date.UTC(2031, 0, 1);
const SLOT = 0;

export interface DeviceRunContext {
  provider: CryptoProvider;
  keystore: KeyLookup;
  pki: TestPki;
  build: FirmwareBuild;
}

export interface CommandRun {
  /** Messages the device produced, in production order. */
  produced: Uint8Array[];
  /** The device's DS public key (test PKI), for verifying its signatures. */
  signingKey: Uint8Array;
  /** Why the device may not have answered as the reference did; empty when nothing was refused. */
  notes: string[];
  /** Set when the command never reached a device (e.g. its type is not implemented). */
  notDelivered?: string;
}

interface PreparedDevice {
  firmware: Firmware;
  signingKey: Uint8Array;
  notes: string[];
  notDelivered?: string;
}

/**
 * Creates the device `deviceEui` of `deviceType` with the reference identity, applies the
 * reference profile of the folder and variant (SINGLE / TWIN meter, devices.md R.10), the refusal
 * rules and the scenario's first alert counter, and drains what that made the device say.
 */
function prepareDevice(
  ctx: DeviceRunContext, folder: string, variant: string, deviceType: DeviceTypeName, deviceEui: string,
  rules: readonly RefusalRule[], firstCounter: bigint,
): PreparedDevice {
  const secureElement = new SecureElement(ctx.provider);
  const firmware = new Firmware(secureElement, ctx.build);
  const keyring = new ReferenceKeyring(ctx.provider, ctx.keystore, ctx.pki, deviceEui);
  secureElement.attach(SLOT, keyring);
  const signingKey = keyring.signingPublicKey();
  const now = CONFORMANCE_HOST_TIME_MS;
  const created = firmware.createDevice(SLOT, DEVICE_TYPES[deviceType], now, provisioningRecord(deviceEui, REFERENCE_PARTIES));
  if (created === Status.UNKNOWN_DEVICE_TYPE) return { firmware, signingKey, notes: [], notDelivered: `device type ${deviceType} not implemented` };
  if (created !== Status.OK) return { firmware, signingKey, notes: [], notDelivered: `createDevice ${deviceType} returned ${statusName(created)}` };
  const notes = applyReferenceProfile(firmware, SLOT, deviceType, folder, variant, now, undefined, ctx.keystore).refused.map((r) => `profile ${r}`);
  for (const rule of rules) {
    const status = firmware.deliverMessage(SLOT, 'LOCAL', refusalRuleInput(rule), now);
    if (status !== Status.OK) notes.push(`refusal rule ${describeRule(rule)} refused: ${statusName(status)}`);
  }
  const counterStatus = firmware.deliverMessage(SLOT, 'LOCAL', setAlertCounterInput(firstCounter - 1n), now);
  if (counterStatus !== Status.OK) notes.push(`alert counter refused: ${statusName(counterStatus)}`);
  firmware.drainOutbox(); // whatever the profile made the device say is not an answer to the command
  return { firmware, signingKey, notes };
}

/** The messages `firmware` produced for the slot, then those of time running on to the horizon. */
function collect(firmware: Firmware, notes: string[]): Uint8Array[] {
  const produced = firmware.drainOutbox().filter((m) => m.slot === SLOT).map((m) => m.bytes);
  const later = firmware.advanceTime(SLOT, CONFORMANCE_HORIZON_MS);
  if (later !== Status.OK) notes.push(`advanceTime to ${new Date(CONFORMANCE_HORIZON_MS).toISOString()}: ${statusName(later)}`);
  produced.push(...firmware.drainOutbox().filter((m) => m.slot === SLOT).map((m) => m.bytes));
  return produced;
}

/**
 * Creates and profiles the reference device (prepareDevice), delivers the command and drains the
 * outbox. Throws EmulatorError subclasses (a firmware trap) for the caller to grade; nothing else is caught.
 */
export function runCommand(
  ctx: DeviceRunContext,
  folder: string,
  variant: string,
  deviceType: DeviceTypeName,
  deviceEui: string,
  command: Uint8Array,
  channel: ChannelName,
  rules: readonly RefusalRule[],
): CommandRun {
  const { firmware, signingKey, notes, notDelivered } = prepareDevice(ctx, folder, variant, deviceType, deviceEui, rules, firstAlertCounter(folder, variant));
  if (notDelivered !== undefined) return { produced: [], signingKey, notes, notDelivered };
  const status = firmware.deliverMessage(SLOT, channel, command, CONFORMANCE_HOST_TIME_MS);
  if (status !== Status.OK) notes.push(`status ${statusName(status)}`);
  return { produced: collect(firmware, notes), signingKey, notes };
}

/**
 * The device-initiated events of an NA_ folder (devices.md R.12), delivered as LOCAL inputs to
 * the profiled reference device in order; what it raises is graded like a command's answers.
 */
export function runEvents(ctx: DeviceRunContext, folder: string, deviceType: DeviceTypeName, deviceEui: string, script: ReferenceEventScript): CommandRun {
  const { firmware, signingKey, notes, notDelivered } = prepareDevice(ctx, folder, '', deviceType, deviceEui, [], script.firstAlertCounter);
  if (notDelivered !== undefined) return { produced: [], signingKey, notes, notDelivered };
  const powerKind = firmware.layout.LOCAL_POWER_EVENT;
  for (const event of script.events) {
    if (event.kind === 'power' && powerKind === undefined) {
      notes.push('power event: the firmware exports no LOCAL_POWER_EVENT');
      continue;
    }
    const status = firmware.deliverMessage(SLOT, 'LOCAL', referenceEventInput(event, powerKind ?? 0), CONFORMANCE_HOST_TIME_MS);
    if (status !== Status.OK) notes.push(`${event.kind} event refused: ${statusName(status)}`);
  }
  return { produced: collect(firmware, notes), signingKey, notes };
}
