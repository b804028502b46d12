import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../../gbcs/errors.js';
import type { PrepaymentReport } from './prepayment-report.js';
import { reportHtml } from './report-html.js';

// Writes a prepayment report page; a path that cannot be written is the user's to fix (exit 2).

/** Where simulate writes the report when no --report FILE is given: the working directory. */
export function defaultReportPath(scenario: string, seed: string): string {
  return resolve(`smartmeter-report-${scenario.replace(/[^A-Za-z0-9_-]/g, '_')}-seed${seed}.html`);
}

/** Writes the page; returns its absolute path and size in bytes. */
export function writeReport(path: string, report: PrepaymentReport): { path: string; bytes: number } {
  const html = reportHtml(report);
  const absolute = resolve(path);
  try {
    writeFileSync(absolute, html);
  } catch (error) {
    throw new ConfigError('bad-arguments', `--report ${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { path: absolute, bytes: Buffer.byteLength(html) };
}
