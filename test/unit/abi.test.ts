// The firmware ABI (issue 3 point 3): the module imports only what the allow-list names, the
// status table of the host matches the firmware's enum, the memory map's regions do not overlap
// and end where the AssemblyScript static data begins, and the ABI version is a hash of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firmwareModule, IMPORT_ALLOW_LIST } from '../../host/firmware.js';
import { STATUS_NAMES } from '../../host/status.js';
import { createEsmeWorld } from '../helpers/esme-fixture.js';

const root = new URL('../../', import.meta.url);

describe('firmware ABI', () => {
  for (const build of ['release', 'debug'] as const) {
    it(`${build} build imports nothing outside the allow-list`, () => {
      const imports = WebAssembly.Module.imports(firmwareModule(build)).map((i) => `${i.module}.${i.name}`);
      expect(imports.length).toBeGreaterThan(0);
      for (const name of imports) expect(IMPORT_ALLOW_LIST).toContain(name);
    });
  }

  it('host status names match assembly/status.ts number for number', () => {
    const source = readFileSync(new URL('assembly/status.ts', root), 'utf8');
    const entries = [...source.matchAll(/^\s+([A-Z_]+) = (\d+),/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(entries.length).toBe(STATUS_NAMES.length);
    for (const [name, code] of entries) expect(STATUS_NAMES[code]).toBe(name);
  });

  it('memory regions are ordered, disjoint and end at the static data base asconfig gives', () => {
    const { firmware } = createEsmeWorld();
    const l = firmware.layout;
    const regions: [string, number, number][] = [
      ['INBOX', l.INBOX_BASE, l.INBOX_BYTES],
      ['OUTBOX', l.OUTBOX_BASE, l.OUTBOX_BYTES],
      ['SNAPSHOT', l.SNAPSHOT_BASE, l.SNAPSHOT_BYTES],
      ['DEVICE', l.DEVICE_BASE, l.DEVICES_MAX * l.DEVICE_BYTES],
    ];
    for (let i = 1; i < regions.length; i++) {
      const [, base, bytes] = regions[i - 1]!;
      expect(regions[i]![1], `${regions[i]![0]} starts after ${regions[i - 1]![0]}`).toBeGreaterThanOrEqual(base + bytes);
    }
    expect(l.DEVICE_BASE + l.DEVICES_MAX * l.DEVICE_BYTES).toBe(l.STATIC_DATA_BASE);
    const asconfig = JSON.parse(readFileSync(new URL('asconfig.json', root), 'utf8'));
    expect(asconfig.options.memoryBase).toBe(l.STATIC_DATA_BASE);
    expect(firmware.memoryBytes).toBeGreaterThanOrEqual(l.STATIC_DATA_BASE);
  });

  it('the ABI version is stable across instances and builds (it hashes the memory map, not the code)', () => {
    const a = createEsmeWorld({ build: 'release' }).firmware.abiVersion;
    const b = createEsmeWorld({ build: 'debug' }).firmware.abiVersion;
    expect(a).toBe(b);
    expect(a).not.toBe(0);
  });
});
