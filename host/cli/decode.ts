import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { ConfigError } from '../../gbcs/errors.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { decodeMessage, type PayloadCodec } from '../../gbcs/message.js';
import { PAYLOAD_CODEC } from '../../gbcs/message-payload.js';
import { failedSummary, formatMessage, summariseMessage } from '../../gbcs/message-report.js';
import { SecurityContext } from '../../gbcs/security.js';
import { UseCaseCatalogue } from '../../gbcs/tables/use-case-catalogue.js';
import { EXIT } from './exit-codes.js';

// `smartmeter decode [--keystore DIR] [--json] FILE|DIR|HEX...`: dissect GBCS messages given as
// .HEX files (one line of hex, the RTDS layout), directories of them, or hex on the command line.
// The default keystore and catalogue are ../shared/conformance/… next to the project root (the
// folder holding package.json), found from this file, never from the working directory.

/** Inputs one invocation reads; a directory tree with more is refused rather than half-read. */
export const DECODE_INPUTS_MAX = 100_000;
/** Bytes of one .HEX file (twice the largest message the envelope accepts, plus slack). */
export const HEX_FILE_BYTES_MAX = 2 * (0xffff + 16) + 2;

interface DecodeInput {
  label: string;
  bytes?: Uint8Array;
  error?: Error;
}

/** The folder holding package.json, walking up from this file (works from src and from dist). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < PROJECT_ROOT_DEPTH_MAX; depth++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ConfigError('project-root-not-found', 'no package.json above host/cli/decode.ts');
}
const PROJECT_ROOT_DEPTH_MAX = 16;

const HEX_TEXT = /^(?:[0-9a-fA-F]{2})+$/;

function hexToBytes(text: string, label: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!HEX_TEXT.test(clean)) throw new ConfigError('bad-hex', `${label}: not an even number of hex digits`);
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

function listHex(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listHex(path, out);
    else if (entry.name.toUpperCase().endsWith('.HEX')) out.push(path);
    if (out.length > DECODE_INPUTS_MAX) throw new ConfigError('too-many-inputs', `more than ${DECODE_INPUTS_MAX} .HEX files under ${dir}`);
  }
}

function readHexFile(path: string): DecodeInput {
  try {
    if (statSync(path).size > HEX_FILE_BYTES_MAX) throw new ConfigError('input-too-large', `${path} is larger than ${HEX_FILE_BYTES_MAX} bytes`);
    return { label: path, bytes: hexToBytes(readFileSync(path, 'latin1'), path) };
  } catch (error) {
    return { label: path, error: error as Error };
  }
}

/** Expands the arguments: directories to their .HEX files, files read, anything else as hex. */
export function collectInputs(args: readonly string[]): DecodeInput[] {
  const inputs: DecodeInput[] = [];
  for (const arg of args) {
    if (existsSync(arg) && statSync(arg).isDirectory()) {
      const paths: string[] = [];
      listHex(arg, paths);
      inputs.push(...paths.map(readHexFile));
    } else if (existsSync(arg)) {
      inputs.push(readHexFile(arg));
    } else if (HEX_TEXT.test(arg.replace(/\s+/g, ''))) {
      inputs.push({ label: `hex:${arg.length > 16 ? `${arg.slice(0, 16)}…` : arg}`, bytes: hexToBytes(arg, 'argument') });
    } else {
      throw new ConfigError('no-such-input', `${arg} is neither a file, a directory nor hex`);
    }
    if (inputs.length > DECODE_INPUTS_MAX) throw new ConfigError('too-many-inputs', `more than ${DECODE_INPUTS_MAX} inputs`);
  }
  return inputs;
}

export interface DecodeOptions {
  keystore?: string;
  catalogue?: string;
  json?: boolean;
}

/** Decodes every input and writes the report; returns the number of inputs that failed. */
export function runDecode(args: readonly string[], options: DecodeOptions, write: (text: string) => void, payloadCodec: PayloadCodec = PAYLOAD_CODEC as PayloadCodec): number {
  const shared = join(projectRoot(), '..', 'shared', 'conformance');
  const keystoreDir = resolve(options.keystore ?? join(shared, 'keystore'));
  const cataloguePath = resolve(options.catalogue ?? join(shared, 'gbcs-use-cases.json'));
  const security = new SecurityContext({ keystore: KeyStore.loadDir(keystoreDir), provider: createNodeProvider() });
  const catalogue = existsSync(cataloguePath) || options.catalogue ? UseCaseCatalogue.load(cataloguePath) : UseCaseCatalogue.empty();
  let failed = 0;
  for (const input of collectInputs(args)) {
    try {
      if (input.error) throw input.error;
      const decoded = decodeMessage(input.bytes!, { security, catalogue, onSecurityFailure: 'report', payloadCodec });
      write(options.json ? `${JSON.stringify(summariseMessage(decoded, input.label))}\n` : `${formatMessage(decoded, input.label)}\n`);
      if (decoded.security.macValid === false || decoded.security.signatureValid === false || decoded.security.decryptValid === false) failed++;
    } catch (error) {
      failed++;
      const summary = failedSummary(error, input.label);
      write(options.json ? `${JSON.stringify(summary)}\n` : `== ${input.label}\nERROR         ${summary.error}\n\n`);
    }
  }
  return failed;
}

export function decodeCommand(): Command {
  return new Command('decode')
    .description('dissect GBCS messages (.HEX files, directories of them, or hex) and check their MAC and signature')
    .argument('<inputs...>', 'FILE, DIR (searched for .HEX files) or HEX')
    .option('--keystore <dir>', 'key store directory (default: ../shared/conformance/keystore beside the project)')
    .option('--catalogue <file>', 'use-case catalogue JSON (default: ../shared/conformance/gbcs-use-cases.json)')
    .option('--json', 'one JSON object per input')
    .action((inputs: string[], options: DecodeOptions) => {
      const failed = runDecode(inputs, options, (text) => process.stdout.write(text));
      if (failed > 0) {
        process.stderr.write(`smartmeter decode: ${failed} input(s) failed to decode or verify\n`);
        process.exitCode = EXIT.INPUT_REJECTED;
      }
    });
}
