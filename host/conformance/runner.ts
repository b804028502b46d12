import { join } from 'node:path';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import { parseEnvelope, type GbcsEnvelope } from '../../gbcs/envelope.js';
import { ConfigError, EmulatorError } from '../../gbcs/errors.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import type { FirmwareBuild } from '../firmware.js';
import type { RefusalRule } from '../local-inputs.js';
import type { DeviceTypeName } from '../status.js';
import { gradeMessage, levelRank, type Grade, type Level } from './grading.js';
import {
  commandVariantOf,
  deviceTypeOfEui,
  listReferenceFolders,
  readHexFile,
  REFERENCE_DEVICE_TYPES,
  UNKNOWN_DEVICE,
  type ReferenceDeviceType,
  type ReferenceFileName,
  type ReferenceFolder,
} from './reference-files.js';
import { REFERENCE_PARTIES, REFERENCE_TEST_PKI_SEED } from './reference-keyring.js';
import { deriveRefusalRules } from './refusals.js';
import { deriveCredentialRefusal } from './credential-refusals.js';
import { runCommand, runEvents, type CommandRun, type DeviceRunContext } from './run-command.js';
import { REFERENCE_ESME_EVENTS, type ReferenceEventScript } from '../profiles/reference-esme-events.js';
import { REFERENCE_HAN_EVENTS } from '../profiles/reference-han-events.js';

// The conformance runner (issue 5): for every use-case folder of a reference directory, deliver
// each COMMAND to a fresh emulated device standing in for the reference device, and grade what
// it produces against the reference RESPONSE / ALERT files of the same variant (grading.ts).
// PRECOMMANDs are inputs (the unsigned body a user signs, GBCS 4.4), counted but not graded.
// ALERT files no COMMAND triggers (the NA_ folders: device-initiated alerts) are graded against
// the alerts of the events devices.md R.9 / R.12 and Appendix S give, scripted as LOCAL inputs
// (host/profiles/reference-esme-events.ts, reference-han-events.ts); without a script they are graded 'none'.

export interface ConformanceOptions {
  rtdsDir: string;
  keystoreDir: string;
  /** Device types whose files are run; default every file, including files of devices whose EUI is
   *  not a reference device's (graded 'none', so a new directory's surprises are reported). */
  deviceTypes?: readonly DeviceTypeName[];
  /** Called after each folder. */
  onProgress?: (foldersDone: number, foldersTotal: number, folder: string) => void;
  provider?: CryptoProvider;
  build?: FirmwareBuild;
}

export interface FileResult {
  file: string;
  variant: string;
  deviceType: ReferenceDeviceType;
  level: Level;
  detail: string;
}

export interface FolderResult {
  folder: string;
  useCase: string;
  /** COMMAND and PRECOMMAND files read as inputs (not graded). */
  inputs: { commands: number; precommands: number };
  /** Files that do not follow the layout: listed, not graded. */
  ignored: string[];
  files: FileResult[];
}

/** Cumulative counts: an exact file is also counted as structural and accepted. */
export interface LevelCounts {
  files: number;
  accepted: number;
  structural: number;
  exact: number;
}

export interface ConformanceReport {
  rtdsDir: string;
  totals: LevelCounts;
  byDeviceType: Record<string, LevelCounts>;
  folders: FolderResult[];
}

export function emptyCounts(): LevelCounts {
  return { files: 0, accepted: 0, structural: 0, exact: 0 };
}

export function countLevel(counts: LevelCounts, level: Level): void {
  counts.files++;
  const rank = levelRank(level);
  if (rank >= levelRank('accepted')) counts.accepted++;
  if (rank >= levelRank('structural')) counts.structural++;
  if (rank >= levelRank('exact')) counts.exact++;
}

export function runConformance(options: ConformanceOptions): ConformanceReport {
  const deviceTypes = new Set<ReferenceDeviceType>(options.deviceTypes ?? [...REFERENCE_DEVICE_TYPES, UNKNOWN_DEVICE]);
  for (const type of options.deviceTypes ?? []) {
    if (!REFERENCE_DEVICE_TYPES.includes(type as DeviceTypeName)) {
      throw new ConfigError('unknown-device-type', `'${type}' is not one of ${REFERENCE_DEVICE_TYPES.join(', ')}`);
    }
  }
  const folders = listReferenceFolders(options.rtdsDir);
  const provider = options.provider ?? createNodeProvider();
  const ctx: DeviceRunContext = {
    provider,
    keystore: KeyStore.loadDir(options.keystoreDir),
    pki: new TestPki(REFERENCE_TEST_PKI_SEED, provider, { organisations: REFERENCE_PARTIES }),
    build: options.build ?? 'release',
  };
  const report: ConformanceReport = { rtdsDir: options.rtdsDir, totals: emptyCounts(), byDeviceType: {}, folders: [] };
  folders.forEach((folder, index) => {
    const result = runFolder(ctx, join(options.rtdsDir, folder.folder), folder, deviceTypes);
    if (result.files.length > 0) {
      report.folders.push(result);
      for (const file of result.files) {
        countLevel(report.totals, file.level);
        countLevel((report.byDeviceType[file.deviceType] ??= emptyCounts()), file.level);
      }
    }
    options.onProgress?.(index + 1, folders.length, folder.folder);
  });
  return report;
}

interface VariantFiles {
  commands: ReferenceFileName[];
  graded: ReferenceFileName[];
}

/** Groups a folder's files by the command variant they belong to; standalone alerts under ''. */
function groupByVariant(files: readonly ReferenceFileName[]): Map<string, VariantFiles> {
  const commandVariants = new Set(files.filter((f) => f.kind === 'COMMAND').map((f) => f.variant));
  const groups = new Map<string, VariantFiles>();
  const group = (variant: string) => {
    let g = groups.get(variant);
    if (!g) groups.set(variant, (g = { commands: [], graded: [] }));
    return g;
  };
  for (const file of files) {
    if (file.kind === 'COMMAND') group(file.variant).commands.push(file);
    else if (file.kind === 'RESPONSE') group(file.variant).graded.push(file);
    else if (file.kind === 'ALERT') group(commandVariantOf(file.variant, commandVariants) ?? '').graded.push(file);
  }
  return groups;
}

function runFolder(ctx: DeviceRunContext, dir: string, folder: ReferenceFolder, deviceTypes: ReadonlySet<ReferenceDeviceType>): FolderResult {
  const result: FolderResult = {
    folder: folder.folder,
    useCase: folder.useCase,
    inputs: {
      commands: folder.files.filter((f) => f.kind === 'COMMAND').length,
      precommands: folder.files.filter((f) => f.kind === 'PRECOMMAND').length,
    },
    ignored: folder.ignored,
    files: [],
  };
  const read = (file: ReferenceFileName) => readHexFile(join(dir, file.file));
  for (const [variant, group] of groupByVariant(folder.files)) {
    const command = group.commands[0];
    if (command === undefined && hasScript(folder.useCase)) {
      result.files.push(...runScriptedEvents(ctx, folder, read, group.graded, deviceTypes));
      continue;
    }
    if (command === undefined || group.commands.length > 1) {
      // No COMMAND (a device-initiated alert) or several for one variant (not in any layout we
      // know): the graded files cannot be tied to one delivery.
      const why = command === undefined
        ? DEVICE_INITIATED
        : `variant ${variant} has ${group.commands.length} COMMAND files; cannot tell which one this answers`;
      for (const file of group.graded) {
        const type = deviceTypeOfFile(() => parseEnvelope(read(file)).originator);
        if (deviceTypes.has(type)) result.files.push({ file: file.file, variant, deviceType: type, level: 'none', detail: why });
      }
      continue;
    }
    if (group.graded.length === 0) continue;
    result.files.push(...runVariant(ctx, folder, variant, read, command, group.graded, deviceTypes));
  }
  return result;
}

/** The device type of a reference file, from the device EUI its header names; UNKNOWN if it does not parse. */
function deviceTypeOfFile(deviceEui: () => string): ReferenceDeviceType {
  try {
    return deviceTypeOfEui(deviceEui());
  } catch (error) {
    if (error instanceof EmulatorError) return UNKNOWN_DEVICE;
    throw error;
  }
}

function runVariant(
  ctx: DeviceRunContext,
  folder: ReferenceFolder,
  variant: string,
  read: (file: ReferenceFileName) => Uint8Array,
  commandFile: ReferenceFileName,
  graded: readonly ReferenceFileName[],
  deviceTypes: ReadonlySet<ReferenceDeviceType>,
): FileResult[] {
  let commandBytes: Uint8Array;
  let command: GbcsEnvelope;
  try {
    commandBytes = read(commandFile);
    command = parseEnvelope(commandBytes);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    // The command cannot be delivered; each answer still names its device (or is UNKNOWN).
    return graded
      .map((f): FileResult => ({ file: f.file, variant, deviceType: deviceTypeOfFile(() => parseEnvelope(read(f)).originator), level: 'none', detail: `reference COMMAND ${commandFile.file}: ${error.message}` }))
      .filter((f) => deviceTypes.has(f.deviceType));
  }
  const deviceType = deviceTypeOfEui(command.recipient);
  if (!deviceTypes.has(deviceType)) return [];
  const fileResult = (file: ReferenceFileName, grade: Grade): FileResult => ({ file: file.file, variant, deviceType, ...grade });
  if (deviceType === UNKNOWN_DEVICE) {
    return graded.map((f) => fileResult(f, { level: 'none', detail: `recipient ${command.recipient} is not a reference device EUI` }));
  }
  let run: CommandRun;
  let references: Uint8Array[];
  try {
    references = graded.map(read);
    const rules = isErrorVariant(variant) || isNotFoundVariant(variant) ? refusalRules(ctx, commandBytes, graded, references) : { rules: [], notes: [] };
    const channel = deviceTypeOfEui(command.originator) === UNKNOWN_DEVICE ? 'WAN' : 'HAN'; // PCS01: PPMID to GSME over the HAN
    run = runCommand(ctx, folder.folder, variant, deviceType, command.recipient, commandBytes, channel, rules.rules);
    run.notes.push(...rules.notes);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    return graded.map((f) => fileResult(f, { level: 'none', detail: `${error.name}: ${error.message}` }));
  }
  return matchProduced(ctx.provider, run, graded, references).map((grade, i) => fileResult(graded[i]!, grade));
}

/** Variants whose device found nothing to return (GBZ Get… answered 8B, devices.md 6.4): a device state too. */
export function isNotFoundVariant(variant: string): boolean {
  return variant.split('_').includes('NOT') && variant.split('_').includes('FOUND');
}

const DEVICE_INITIATED = 'device-initiated: no COMMAND in the folder triggers it (not emulated yet)';

/** The scripted events of an NA_ folder's device type, if devices.md R.9 / R.12 (ESME) or Appendix S (HAN devices) gives them. */
function scriptOf(deviceType: ReferenceDeviceType, useCase: string): ReferenceEventScript | undefined {
  return deviceType === 'ESME' ? REFERENCE_ESME_EVENTS[useCase] : REFERENCE_HAN_EVENTS[deviceType]?.[useCase];
}

function hasScript(useCase: string): boolean {
  return REFERENCE_ESME_EVENTS[useCase] !== undefined || Object.values(REFERENCE_HAN_EVENTS).some((byUseCase) => byUseCase?.[useCase] !== undefined);
}

/**
 * An NA_ folder whose events devices.md R.9 / R.12 or Appendix S gives (host/profiles/reference-esme-events.ts,
 * reference-han-events.ts): each device type's alert files are graded against what its scripted
 * reference device raises (one device per type, e.g. ECS102's ESME INPUT and SAPC OUTPUT); files
 * of a type without a script stay device-initiated.
 */
function runScriptedEvents(
  ctx: DeviceRunContext, folder: ReferenceFolder, read: (file: ReferenceFileName) => Uint8Array, graded: readonly ReferenceFileName[],
  deviceTypes: ReadonlySet<ReferenceDeviceType>,
): FileResult[] {
  const typed = graded.map((file) => ({ file, type: deviceTypeOfFile(() => parseEnvelope(read(file)).originator) }));
  const results: FileResult[] = [];
  for (const type of new Set(typed.map((f) => f.type))) {
    if (!deviceTypes.has(type)) continue;
    const files = typed.filter((f) => f.type === type).map((f) => f.file);
    const script = type === UNKNOWN_DEVICE ? undefined : scriptOf(type, folder.useCase);
    if (script === undefined || type === UNKNOWN_DEVICE) {
      results.push(...files.map((f): FileResult => ({ file: f.file, variant: '', deviceType: type, level: 'none', detail: DEVICE_INITIATED })));
      continue;
    }
    const eui = parseEnvelope(read(files[0]!)).originator;
    let run: CommandRun;
    let references: Uint8Array[];
    try {
      references = files.map(read);
      run = runEvents(ctx, folder.folder, type, eui, script);
    } catch (error) {
      if (!(error instanceof EmulatorError)) throw error;
      results.push(...files.map((f): FileResult => ({ file: f.file, variant: '', deviceType: type, level: 'none', detail: `${error.name}: ${error.message}` })));
      continue;
    }
    const grades = matchProduced(ctx.provider, run, files, references);
    results.push(...files.map((f, i): FileResult => ({ file: f.file, variant: '', deviceType: type, ...grades[i]! })));
  }
  return results;
}

/** GBCS reference variants name their refusals ERROR (IMMEDIATE_ERROR, FUTURE_DATED_BLOCK_ERROR, …). */
export function isErrorVariant(variant: string): boolean {
  return variant.split('_').includes('ERROR');
}

function refusalRules(ctx: DeviceRunContext, command: Uint8Array, graded: readonly ReferenceFileName[], references: readonly Uint8Array[]): { rules: RefusalRule[]; notes: string[] } {
  const index = graded.findIndex((f) => f.kind === 'RESPONSE');
  if (index < 0) return { rules: [], notes: [] };
  // ASN.1 credential updates: the outcomes in the response or, when executed later, in the alert.
  const credentials = deriveCredentialRefusal(command, [references[index]!, ...references.filter((_, i) => graded[i]!.kind === 'ALERT')]);
  if (credentials !== undefined) return { rules: [credentials], notes: [] };
  // GBCS 4.5: a ciphered answer is read with the reference keystore (GCS13b ERROR's refused attribute).
  const derived = deriveRefusalRules(command, references[index]!, { keystore: ctx.keystore, provider: ctx.provider });
  return { rules: derived.rules, notes: derived.note === undefined ? [] : [derived.note] };
}

/**
 * Pairs each reference file with the produced message of its kind (CRA 2 response, 3 alert) that
 * grades best against it, and grades it. Each produced message answers one file at most; ties go
 * to the earlier message; RESPONSE files choose before ALERT files.
 */
function matchProduced(provider: CryptoProvider, run: CommandRun, graded: readonly ReferenceFileName[], references: readonly Uint8Array[]): Grade[] {
  const used = new Set<number>();
  const notes = run.notes.length > 0 ? `; ${run.notes.join('; ')}` : '';
  const cras = run.produced.map(craOf);
  const grades: Grade[] = new Array<Grade>(graded.length);
  const order = graded.map((_, i) => i).sort((a, b) => kindOrder(graded[a]!) - kindOrder(graded[b]!) || a - b);
  for (const i of order) {
    const file = graded[i]!;
    if (run.notDelivered !== undefined) {
      grades[i] = { level: 'none', detail: run.notDelivered };
      continue;
    }
    const cra = file.kind === 'ALERT' ? CRA_ALERT : CRA_RESPONSE;
    let best: { index: number; grade: Grade } | undefined;
    run.produced.forEach((message, index) => {
      if (used.has(index) || (cras[index] !== undefined && cras[index] !== cra)) return;
      const grade = gradeOrNone(provider, message, references[i]!, run.signingKey);
      if (!best || levelRank(grade.level) > levelRank(best.grade.level)) best = { index, grade };
    });
    if (!best) {
      grades[i] = { level: 'none', detail: `${file.kind === 'ALERT' ? 'no alert produced' : 'no response produced'}${notes}` };
      continue;
    }
    if (best.grade.level !== 'none') used.add(best.index);
    grades[i] = best.grade.level === 'exact' ? best.grade : { level: best.grade.level, detail: `${best.grade.detail}${notes}` };
  }
  return grades;
}

/** GBCS 2.1 CRA flags of what a device sends. */
const CRA_RESPONSE = 2;
const CRA_ALERT = 3;

function kindOrder(file: ReferenceFileName): number {
  return file.kind === 'RESPONSE' ? 0 : 1;
}

/** The CRA flag of a produced message; undefined when it does not parse (graded 'none' with the reason). */
function craOf(message: Uint8Array): number | undefined {
  try {
    return parseEnvelope(message).cra;
  } catch (error) {
    if (error instanceof EmulatorError) return undefined;
    throw error;
  }
}

function gradeOrNone(provider: CryptoProvider, message: Uint8Array, reference: Uint8Array, signingKey: Uint8Array): Grade {
  try {
    return gradeMessage(message, reference, { provider, deviceSigningKey: signingKey });
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    return { level: 'none', detail: `${error.name}: ${error.message}` };
  }
}
