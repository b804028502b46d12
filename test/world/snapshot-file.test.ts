// Snapshots on disk (issue 8 point 3): `simulate --snapshot-at ISO --snapshot FILE` writes the
// run at a virtual instant and runs on; `simulate --from-snapshot FILE` continues it, in a new
// process and new firmware instances, to the trace hash of the uninterrupted run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, encode } from 'cbor-x';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = run(...args, '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('simulate --snapshot / --from-snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-'));

  it.each([
    ['faults', '3', '2026-01-06T13:30:00Z'],
    ['default', '7', '2026-01-10T10:02:00Z'], // between the Saturday CS01a and CS01b, GSME commands queued at the hub
  ])('%s: the run continued from the file ends with the uninterrupted trace hash', (scenario, days, at) => {
    const path = join(dir, `${scenario}.snap`);
    const whole = json('simulate', '--scenario', scenario, '--days', days, '--seed', '9');
    const writing = json('simulate', '--scenario', scenario, '--days', days, '--seed', '9', '--snapshot-at', at, '--snapshot', path);
    expect(writing.traceHash).toBe(whole.traceHash);
    expect(writing.events).toBeUndefined();
    const continued = json('simulate', '--from-snapshot', path);
    expect(continued.traceHash, `reproduce: ${whole.reproduce}`).toBe(whole.traceHash);
    expect(continued.devices).toEqual(whole.devices);
    expect(continued.useCases).toEqual(whole.useCases);
  });

  it('bad files and flag combinations exit 2 with the reason', () => {
    const missing = run('simulate', '--from-snapshot', join(dir, 'none.snap'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/bad-snapshot: .*cannot read/);
    const path = join(dir, 'v.snap');
    json('simulate', '--scenario', 'faults', '--days', '2', '--snapshot-at', '2026-01-05T12:00:00Z', '--snapshot', path);
    const doc = decode(readFileSync(path)) as { version: number };
    doc.version = 99;
    writeFileSync(path, encode(doc));
    const version = run('simulate', '--from-snapshot', path);
    expect(version.status).toBe(2);
    expect(version.stderr).toMatch(/version 99/);
    expect(run('simulate', '--snapshot', path).status).toBe(2);
    expect(run('simulate', '--from-snapshot', path, '--seed', '3').status).toBe(2);
  });
});
