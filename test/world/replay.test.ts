// Trace files and replay (issue 8 point B): `simulate --trace FILE` writes the run's events in
// CBOR, `replay FILE` re-runs it and reports identical events and hash; a tampered file is
// reported with its first differing event and the command that reproduces the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../host/replay/trace-file.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('trace files and replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trace-'));
  const path = join(dir, 'faults.trace');

  it('simulate --trace writes every event and replay finds them identical', () => {
    const sim = run('simulate', '--scenario', 'faults', '--days', '3', '--seed', '9', '--trace', path, '--json');
    expect(sim.status, sim.stderr).toBe(0);
    const summary = JSON.parse(sim.stdout);
    const file = readTraceFile(path);
    expect(file.events.length).toBe(summary.traceEvents);
    expect(file.traceHash).toBe(summary.traceHash);
    const replay = run('replay', path);
    expect(replay.status, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`trace hash ${summary.traceHash}`);
  });

  it('a changed event is reported with its index and the reproduce command', () => {
    const file = readTraceFile(path);
    const tampered = join(dir, 'tampered.trace');
    file.events[100]![2] += 1;
    writeFileSync(tampered, encode(file));
    const replay = run('replay', tampered);
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/DIFFERENT: event 100:/);
    expect(replay.stdout).toContain('reproduce: smartmeter simulate --scenario faults --seed 9 --days 3');
  });

  it('a file that is not a trace exits 2 naming it', () => {
    const junk = join(dir, 'junk.trace');
    writeFileSync(junk, encode({ hello: 1 }));
    const r = run('replay', junk);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/junk\.trace: format is not 'smartmeter-trace'/);
  });
});
