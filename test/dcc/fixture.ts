import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';

// Shared inputs of the DCC tests: the reference data in ../shared (read, never copied).

export const CONFORMANCE_DIR = join(import.meta.dirname, '../../../shared/conformance');
export const TEMPLATES_DIR = join(CONFORMANCE_DIR, 'duis-templates-4.9.1');
export const KEYSTORE_DIR = join(CONFORMANCE_DIR, 'keystore');
export const RTDS_DIR = join(CONFORMANCE_DIR, 'rtds-4.5.0');

export const provider = createNodeProvider();
export const keystore = KeyStore.loadDir(KEYSTORE_DIR);

export function templateNames(): string[] {
  return readdirSync(TEMPLATES_DIR).filter((n) => /\.XML$/i.test(n)).sort();
}

export function readTemplate(name: string): string {
  return readFileSync(join(TEMPLATES_DIR, name), 'utf8');
}
