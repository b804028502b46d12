// Shared test helper: finds and loads the RTDS 4.5.0 reference messages, the reference keystore
// and the use-case catalogue from ../shared (read-only reference data, never copied into the
// project, ARCHITECTURE.md). Paths are resolved from this file, not the working directory.
// A missing ../shared is a test FAILURE with a clear message, never a skip.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { UseCaseCatalogue } from '../../gbcs/tables/use-case-catalogue.js';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const RTDS_DIR = join(SHARED_DIR, 'conformance', 'rtds-4.5.0');
export const KEYSTORE_DIR = join(SHARED_DIR, 'conformance', 'keystore');
export const USE_CASES_JSON = join(SHARED_DIR, 'conformance', 'gbcs-use-cases.json');

export type ReferenceKind = 'COMMAND' | 'PRECOMMAND' | 'RESPONSE' | 'ALERT';
const KINDS: readonly ReferenceKind[] = ['COMMAND', 'PRECOMMAND', 'RESPONSE', 'ALERT'];

export interface ReferenceFile {
  /** Absolute path of the .HEX file. */
  path: string;
  /** Folder, e.g. '4.2_ECS17a'. */
  folder: string;
  /** File name without '_GBCS.HEX', e.g. 'ECS17a_4.2_SUCCESS_RESPONSE' — used in test names. */
  name: string;
  kind: ReferenceKind;
  bytes: Uint8Array;
}

/** Throws (fails the test) unless the reference data is where the tests expect it. */
export function requireSharedData(): void {
  for (const path of [RTDS_DIR, KEYSTORE_DIR, USE_CASES_JSON]) {
    if (!existsSync(path)) {
      throw new Error(`reference data missing: ${path} not found. The GBCS tests need the read-only shared data at ${SHARED_DIR} (next to the project checkout).`);
    }
  }
}

/** The kind of an RTDS file from its name (GBCS 0: `<UC>_<section>_<variant>_<KIND>[_suffix]_GBCS.HEX`). */
export function referenceKindOf(fileName: string): ReferenceKind {
  const parts = fileName.split('_');
  const kind = KINDS.find((k) => parts.includes(k));
  if (!kind) throw new Error(`cannot tell the kind of reference file ${fileName}`);
  return kind;
}

/** Every .HEX file under a directory of the reference layout (one folder per use case), sorted. */
export function listHexFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...listHexFiles(path));
    else if (entry.name.toUpperCase().endsWith('.HEX')) out.push(path);
  }
  return out;
}

let cachedFiles: ReferenceFile[] | undefined;

/** All 1024 reference messages, loaded once per test file. */
export function loadReferenceFiles(): ReferenceFile[] {
  requireSharedData();
  cachedFiles ??= listHexFiles(RTDS_DIR).map((path) => {
    const parts = path.split(/[\\/]/);
    const file = parts[parts.length - 1]!;
    return {
      path,
      folder: parts[parts.length - 2]!,
      name: file.replace(/_GBCS\.HEX$/i, ''),
      kind: referenceKindOf(file),
      bytes: new Uint8Array(Buffer.from(readFileSync(path, 'utf8').trim(), 'hex')),
    };
  });
  return cachedFiles;
}

/** One reference file by folder and name (without _GBCS.HEX). */
export function referenceFile(folder: string, name: string): ReferenceFile {
  const file = loadReferenceFiles().find((f) => f.folder === folder && f.name === name);
  if (!file) throw new Error(`reference file ${folder}/${name}_GBCS.HEX not found`);
  return file;
}

export function loadReferenceKeyStore(): KeyStore {
  requireSharedData();
  return KeyStore.loadDir(KEYSTORE_DIR);
}

export function loadUseCaseCatalogue(): UseCaseCatalogue {
  requireSharedData();
  return UseCaseCatalogue.load(USE_CASES_JSON);
}
