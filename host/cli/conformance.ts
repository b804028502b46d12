import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '../../gbcs/errors.js';
import { REFERENCE_DEVICE_TYPES } from '../conformance/reference-files.js';
import { runConformance, type ConformanceReport, type LevelCounts } from '../conformance/runner.js';
import { createProgress } from '../progress-adapter.js';
import type { DeviceTypeName } from '../status.js';
import { projectRoot } from './decode.js';

// `smartmeter conformance [--rtds DIR] [--keystore DIR] [--device-types …] [--json FILE]`: measure
// the emulated devices against a directory of reference GBCS messages (issue 5) and print a table
// per folder plus totals by device type and level. Exit 0 whenever the run completed, whatever
// the grades; 2 for a bad directory or option (host/cli/exit-codes.ts). The default directories
// are ../shared/conformance/… next to the project root, never the working directory.

export function defaultRtdsDir(): string {
  return join(projectRoot(), '..', 'shared', 'conformance', 'rtds-4.5.0');
}

export function defaultKeystoreDir(): string {
  return join(projectRoot(), '..', 'shared', 'conformance', 'keystore');
}

export function parseDeviceTypes(value: string): DeviceTypeName[] {
  const names = value.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0);
  const unknown = names.filter((n) => !REFERENCE_DEVICE_TYPES.includes(n as DeviceTypeName));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`device types are a comma-separated list of ${REFERENCE_DEVICE_TYPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  }
  return [...new Set(names)] as DeviceTypeName[];
}

interface ConformanceFlags {
  rtds?: string;
  keystore?: string;
  deviceTypes?: DeviceTypeName[];
  json?: string;
  debugFirmware?: boolean;
}

export function conformanceCommand(): Command {
  return new Command('conformance')
    .description('deliver every reference COMMAND to an emulated device with the reference identity and grade its answers (accepted / structural / exact)')
    .option('--rtds <dir>', 'directory of reference messages, <section>_<UC>/<UC>_<section>_<variant>_<KIND>_GBCS.HEX (default: ../shared/conformance/rtds-4.5.0 next to the project)')
    .option('--keystore <dir>', 'reference keystore directory (default: ../shared/conformance/keystore next to the project)')
    .option('--device-types <list>', `only files addressed to these device types (${REFERENCE_DEVICE_TYPES.join(',')})`, parseDeviceTypes)
    .option('--json <file>', 'also write the full report as JSON to this file')
    .option('--debug-firmware', 'run the debug build of the firmware (assertions, names in traps)')
    .action((flags: ConformanceFlags) => {
      const rtdsDir = flags.rtds === undefined ? defaultRtdsDir() : resolve(flags.rtds);
      const keystoreDir = flags.keystore === undefined ? defaultKeystoreDir() : resolve(flags.keystore);
      const progress = createProgress('conformance');
      let report: ConformanceReport;
      try {
        report = runConformance({
          rtdsDir,
          keystoreDir,
          ...(flags.deviceTypes === undefined ? {} : { deviceTypes: flags.deviceTypes }),
          build: flags.debugFirmware ? 'debug' : 'release',
          onProgress: (done, total) => progress.update(done / total),
        });
      } finally {
        progress.stop();
      }
      process.stdout.write(formatReport(report));
      if (flags.json !== undefined) writeJson(resolve(flags.json), report);
    });
}

function writeJson(path: string, report: ConformanceReport): void {
  try {
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    throw new ConfigError('json-unwritable', `cannot write '${path}': ${(error as Error).message}`);
  }
}

const COLUMNS = ['files', 'accepted', 'structural', 'exact'] as const;

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
}

function counts(c: LevelCounts): string[] {
  return COLUMNS.map((k) => String(c[k]));
}

/** The text report: one line per folder, then totals by device type and overall. Levels are cumulative. */
export function formatReport(report: ConformanceReport): string {
  const header = ['folder', 'use case', ...COLUMNS];
  const folderRows = report.folders.map((f) => {
    const c: LevelCounts = { files: f.files.length, accepted: 0, structural: 0, exact: 0 };
    for (const file of f.files) {
      if (file.level !== 'none') c.accepted++;
      if (file.level === 'structural' || file.level === 'exact') c.structural++;
      if (file.level === 'exact') c.exact++;
    }
    return [f.folder, f.useCase, ...counts(c)];
  });
  const typeRows = Object.entries(report.byDeviceType)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, c]) => [type, '', ...counts(c)]);
  const totalRow = ['total', '', ...counts(report.totals)];
  const all = [header, ...folderRows, ...typeRows, totalRow];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    `conformance against ${report.rtdsDir}`,
    '',
    row(header, widths),
    rule,
    ...folderRows.map((r) => row(r, widths)),
    '',
    row(['device type', '', ...COLUMNS], widths),
    rule,
    ...typeRows.map((r) => row(r, widths)),
    rule,
    row(totalRow, widths),
    '',
    'levels are cumulative (an exact file also counts as structural and accepted); PRECOMMAND and COMMAND files are inputs, not graded',
    '',
  ].join('\n');
}
