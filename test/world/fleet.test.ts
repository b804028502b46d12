// Fleets (issue 8 point D): `smartmeter fleet` runs N full premises (host/scenarios/fleet.json:
// a hub of CHF + GPF, an ESME and a GSME each) over worker threads; its trace
// hash is the same for any worker count (premises hashes combined in premises order) and the
// same as `simulate` of the same scenario; the figures are printed and in --json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sliceRanges } from '../../host/fleet/fleet-slice.js';
import { readTraceFile } from '../../host/replay/trace-file.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = run(...args, '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('smartmeter fleet', () => {
  it('the trace hash does not depend on the worker count', () => {
    const one = json('fleet', '--premises', '7', '--days', '2', '--seed', '5', '--workers', '1');
    const three = json('fleet', '--premises', '7', '--days', '2', '--seed', '5', '--workers', '3');
    expect(one.workers).toBe(1);
    expect(three.workers).toBe(3);
    expect(three.traceHash, `reproduce: ${one.reproduce} --workers 3`).toBe(one.traceHash);
    expect(three.messages).toBe(one.messages);
    expect(one.premises).toBe(7);
    expect(one.devices).toBe(28); // full premises: CHF, GPF, ESME, GSME
    expect(one.commandsSent).toBe(42); // ECS17a, GCS13b, GCS33 daily
    expect(one.messagesPerSecond).toBeGreaterThan(0);
    expect(one.memory.wasmBytesPerDevice).toBeGreaterThan(0);
  });

  it('a week of full premises (hub, ESME, GSME; reads and Saturday top-ups over WAN and HAN) hashes alike on 1 and 2 workers', () => {
    const one = json('fleet', '--premises', '3', '--days', '6', '--seed', '11', '--workers', '1');
    const two = json('fleet', '--premises', '3', '--days', '6', '--seed', '11', '--workers', '2');
    expect(two.traceHash, `reproduce: ${one.reproduce} --workers 2`).toBe(one.traceHash);
    expect(two.messages).toBe(one.messages);
    expect(one.devices).toBe(12);
    expect(one.commandsSent).toBe(3 * (6 * 3 + 2)); // three reads a day, CS01a and CS01b on Saturday
    expect(one.responsesVerified).toBe(one.commandsSent);
    expect(one.readsMatchingMeter).toBe(3 * 6);
  });

  it('fleet --trace writes every premises\' events (workers in premises order) and replay re-runs them identically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
    const path = join(dir, 'fleet.trace');
    const fleet = json('fleet', '--premises', '3', '--days', '2', '--seed', '4', '--workers', '2', '--trace', path);
    expect(fleet.events).toBeUndefined();
    const file = readTraceFile(path);
    expect(file.traceHash).toBe(fleet.traceHash);
    expect(new Set(file.events.map((e) => e[0]))).toEqual(new Set([0, 1, 2]));
    const replay = run('replay', path, '--json');
    expect(replay.status, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ same: true, recordedHash: fleet.traceHash, replayedHash: fleet.traceHash });
  });

  it('a fleet of a scenario file hashes like simulate of the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
    const path = join(dir, 'three.json');
    writeFileSync(path, JSON.stringify({
      format: 'smartmeter-scenario', version: 1, days: 2, premises: [{ count: 3, devices: ['ESME'], reads: [{ localTime: '02:00' }] }],
      faults: { clockDriftPpmMax: 30, powerCuts: [{ premises: 2, start: '2026-01-05T12:00:00Z', minutes: 40 }] },
    }));
    const fleet = json('fleet', '--scenario', path, '--workers', '2');
    const simulate = json('simulate', '--scenario', path);
    expect(fleet.traceHash).toBe(simulate.traceHash);
    expect(fleet.powerCuts).toBe(1);
  });

  it('prints the figures a person reads', () => {
    const r = run('fleet', '--premises', '2', '--days', '1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 premises, 8 devices, 1 virtual day/);
    expect(r.stdout).toMatch(/messages\/s/);
    expect(r.stdout).toMatch(/per device: \d+ B RSS growth, \d+ B wasm linear memory/);
    expect(r.stdout).toMatch(/trace hash: [0-9a-f]{64}/);
  });

  it('--premises with a multi-group scenario exits 2 naming the rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
    const path = join(dir, 'groups.json');
    writeFileSync(path, JSON.stringify({ format: 'smartmeter-scenario', version: 1, premises: [{ devices: ['ESME'] }, { devices: ['ESME'] }] }));
    const r = run('fleet', '--scenario', path, '--premises', '4');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--premises needs a scenario with one premises group/);
  });

  it('slices cover every premises once, in order', () => {
    expect(sliceRanges(7, 3)).toEqual([{ first: 0, count: 3 }, { first: 3, count: 2 }, { first: 5, count: 2 }]);
    expect(sliceRanges(2, 8)).toEqual([{ first: 0, count: 1 }, { first: 1, count: 1 }]);
  });
});
