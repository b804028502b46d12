import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../gbcs/errors.js';
import type { DeviceTypeName } from '../status.js';

// The layout of a directory of reference messages (gbcs.md §0 "RTDS files"):
//   <dir>/<section>_<UC>/<UC>_<section>_<variant>_<KIND>[_<suffix>]_GBCS.HEX
// KIND = COMMAND / PRECOMMAND / RESPONSE / ALERT, content one line of hex. Nothing here knows the
// RTDS 4.5.0 folder list: any directory of that layout is read, so reference folders we do not
// have yet are measured the day they arrive.

export const REFERENCE_KINDS = ['COMMAND', 'PRECOMMAND', 'RESPONSE', 'ALERT'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Folders one run reads (RTDS 4.5.0 has 189); beyond it the path is probably wrong. */
export const FOLDERS_MAX = 10_000;
/** Files in one folder (RTDS maximum 23, ECS01a). */
export const FOLDER_FILES_MAX = 1_000;
/** Bytes of one .HEX file: twice the largest message the envelope codec accepts, plus slack. */
export const HEX_FILE_BYTES_MAX = 2 * (0xffff + 16) + 2;

const HEX_SUFFIX = /_GBCS\.HEX$/i;
const HEX_TEXT = /^(?:[0-9a-fA-F]{2})+$/;
/** An alert file names its alert code before the variant (`…_8F66_FUTURE_DATED_SUCCESS_ALERT`). */
const VARIANT_PREFIX_TOKEN = /^(?:[0-9A-F]{4}|NA)$/;

export interface ReferenceFileName {
  /** The file name as on disk. */
  file: string;
  kind: ReferenceKind;
  /** Between the section and the KIND, e.g. 'SUCCESS', 'IMMEDIATE_TOU_SUCCESS', '8F66_FUTURE_DATED_SUCCESS'. */
  variant: string;
}

/** Parses a reference file name; undefined when it does not follow the layout. */
export function parseReferenceName(file: string): ReferenceFileName | undefined {
  if (!HEX_SUFFIX.test(file)) return undefined;
  const tokens = file.replace(HEX_SUFFIX, '').split('_');
  // tokens[0] = use case, tokens[1] = section; the first KIND token after them ends the variant.
  for (let i = 2; i < tokens.length; i++) {
    const kind = REFERENCE_KINDS.find((k) => k === tokens[i]);
    if (kind) return { file, kind, variant: tokens.slice(2, i).join('_') };
  }
  return undefined;
}

/**
 * The command variant an ALERT file belongs to: its own variant when a COMMAND has it, else the
 * variant without leading alert-code / 'NA' tokens (`8F66_FUTURE_DATED_SUCCESS` →
 * `FUTURE_DATED_SUCCESS`, `NA_SUCCESS` → `SUCCESS`); undefined for an alert no command triggers
 * (the `NA_*` folders: device-initiated alerts).
 */
export function commandVariantOf(variant: string, commandVariants: ReadonlySet<string>): string | undefined {
  let tokens = variant.split('_');
  while (tokens.length > 0) {
    const candidate = tokens.join('_');
    if (commandVariants.has(candidate)) return candidate;
    if (!VARIANT_PREFIX_TOKEN.test(tokens[0]!)) return undefined;
    tokens = tokens.slice(1);
  }
  return undefined;
}

/** Reference device types by the last byte of the RTDS device EUIs (gbcs.md §0 "Test identities"). */
const DEVICE_TYPE_BY_LAST_BYTE: ReadonlyMap<string, DeviceTypeName> = new Map([
  ['A0', 'ESME'],
  ['A1', 'GSME'],
  ['A2', 'CHF'],
  ['A3', 'GPF'],
  ['A4', 'PPMID'],
  ['A5', 'HCALCS'],
  ['A6', 'SAPC'],
]);
/** The device types the conformance runner knows (the reference EUIs …A0 to …A6). */
export const REFERENCE_DEVICE_TYPES: readonly DeviceTypeName[] = [...DEVICE_TYPE_BY_LAST_BYTE.values()];
export const UNKNOWN_DEVICE = 'UNKNOWN' as const;
export type ReferenceDeviceType = DeviceTypeName | typeof UNKNOWN_DEVICE;

/** The device type of a reference device EUI; 'UNKNOWN' for any other EUI (a remote party, say). */
export function deviceTypeOfEui(eui: string): ReferenceDeviceType {
  return DEVICE_TYPE_BY_LAST_BYTE.get(eui.slice(-2).toUpperCase()) ?? UNKNOWN_DEVICE;
}

export interface ReferenceFolder {
  folder: string;
  /** The folder name after its section: '4.2_ECS17a' → 'ECS17a'. */
  useCase: string;
  files: ReferenceFileName[];
  /** Files that do not follow the layout; listed, not graded. */
  ignored: string[];
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lists the folders of a reference directory, sorted; ConfigError if it is not a readable directory. */
export function listReferenceFolders(rtdsDir: string): ReferenceFolder[] {
  let names: string[];
  try {
    if (!statSync(rtdsDir).isDirectory()) throw new ConfigError('rtds-dir-not-a-directory', `'${rtdsDir}' is not a directory`);
    names = readdirSync(rtdsDir).sort(byName);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('rtds-dir-unreadable', `cannot read reference directory '${rtdsDir}': ${(error as Error).message}`);
  }
  const folders = names.filter((name) => statSync(join(rtdsDir, name)).isDirectory());
  if (folders.length > FOLDERS_MAX) throw new ConfigError('rtds-too-many-folders', `'${rtdsDir}' has ${folders.length} folders, at most ${FOLDERS_MAX}`);
  if (folders.length === 0) throw new ConfigError('rtds-dir-empty', `'${rtdsDir}' holds no use-case folders (<section>_<UC>)`);
  return folders.map((folder) => {
    const entries = readdirSync(join(rtdsDir, folder)).sort(byName);
    if (entries.length > FOLDER_FILES_MAX) throw new ConfigError('rtds-too-many-files', `'${folder}' has ${entries.length} files, at most ${FOLDER_FILES_MAX}`);
    const files: ReferenceFileName[] = [];
    const ignored: string[] = [];
    for (const file of entries) {
      const parsed = parseReferenceName(file);
      if (parsed) files.push(parsed);
      else ignored.push(file);
    }
    const separator = folder.indexOf('_');
    return { folder, useCase: separator < 0 ? folder : folder.slice(separator + 1), files, ignored };
  });
}

/** Reads one .HEX file; ConfigError when it is not hex (the reference data is configuration here). */
export function readHexFile(path: string): Uint8Array {
  const size = statSync(path).size;
  if (size > HEX_FILE_BYTES_MAX) throw new ConfigError('hex-file-too-large', `${path}: ${size} bytes, at most ${HEX_FILE_BYTES_MAX}`);
  const text = readFileSync(path, 'latin1').replace(/\s+/g, '');
  if (!HEX_TEXT.test(text)) throw new ConfigError('bad-hex', `${path}: not an even number of hex digits`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}
