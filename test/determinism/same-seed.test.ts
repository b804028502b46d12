// Determinism (issue 3 point 5, ARCHITECTURE.md principle 1): the same seed twice gives the
// same trace hash, a different seed a different one, release and debug firmware agree, and
// nothing in the firmware or the simulation path reads the wall clock or a random source.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPremises } from '../../host/premises.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('default premises trace hash', () => {
  it('same seed twice gives the same trace hash', () => {
    const a = runPremises({ seed: 1n, days: 7 });
    const b = runPremises({ seed: 1n, days: 7 });
    expect(a.traceEvents).toBeGreaterThan(300);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b).toEqual(a);
  });

  it('a different seed gives a different trace hash', () => {
    expect(runPremises({ seed: 2n, days: 7 }).traceHash).not.toBe(runPremises({ seed: 1n, days: 7 }).traceHash);
  });

  it('release and debug firmware produce the same trace', () => {
    expect(runPremises({ seed: 5n, days: 3, build: 'debug' }).traceHash).toBe(runPremises({ seed: 5n, days: 3, build: 'release' }).traceHash);
  });

  it('every daily read is answered, verified and equal to the meter register', () => {
    const r = runPremises({ seed: 11n, days: 30 });
    const reader = r.remoteParties[0]!;
    expect(reader.commandsSent).toBe(30);
    expect(reader.responsesVerified).toBe(30);
    expect(reader.readsMatchingMeter).toBe(30);
    expect(r.devices[0]!.rejected).toBe(0);
    // The gas meter: GCS13b answered at once from the GPF mirror, GCS33 queued until the GSME wakes.
    const supplier = r.remoteParties[1]!;
    expect(supplier.useCases.GCS13b).toEqual({ sent: 30, answered: 30, refused: 0, matching: 30 });
    expect(supplier.useCases.GCS33).toEqual({ sent: 30, answered: 30, refused: 0, matching: 30 });
    expect(r.gsme.wakes).toBe(30 * 48);
    expect(r.gsme.commandsQueued).toBe(r.gsme.commandsDelivered);
  });
});

// The wall-clock edges ARCHITECTURE.md allows: CLI progress display and benchmark timers.
const EXCEPTIONS = ['host/progress-adapter.ts', 'host/cli/'];
const FORBIDDEN = /\b(Date\.now|Math\.random|performance\.now|randomUUID|randomBytes|randomInt|getRandomValues)\b|new Date\(\s*\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('no nondeterminism in the firmware, the simulation path or the codec', () => {
  for (const dir of ['assembly', 'host', 'gbcs']) {
    it(`${dir}/ calls no wall clock or random source outside the listed edges`, () => {
      const files = sourceFiles(join(root, dir));
      expect(files.length).toBeGreaterThan(0);
      const offenders: string[] = [];
      for (const file of files) {
        const rel = relative(root, file);
        if (EXCEPTIONS.some((e) => rel.startsWith(e))) continue;
        readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
          if (FORBIDDEN.test(line.replace(/\/\/.*$/, ''))) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
      }
      expect(offenders).toEqual([]);
    });
  }

  it('the scan catches what it is meant to catch', () => {
    expect(FORBIDDEN.test('const t = Date.now();')).toBe(true);
    expect(FORBIDDEN.test('crypto.randomUUID()')).toBe(true);
    expect(FORBIDDEN.test('new Date()')).toBe(true);
    expect(FORBIDDEN.test('new Date(startMs)')).toBe(false);
  });
});
