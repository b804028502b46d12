// The `smartmeter` CLI as a user meets it (issue 3 point 6): the bundled binary answers --help
// with the exit codes, `simulate` prints a readable summary ending in the trace hash, --json
// prints one JSON document, and bad flags exit with the documented usage code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('smartmeter CLI', () => {
  it('every command answers --help with its options and the exit codes', () => {
    for (const command of ['simulate', 'fleet', 'replay', 'conformance', 'decode', 'serve']) {
      const r = run(command, '--help');
      expect(r.status, `${command} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('Exit codes:');
    }
  });

  it('--help lists the commands and the exit codes', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('simulate');
    expect(r.stdout).toContain('Exit codes:');
  });

  it('simulate prints per-device activity and the trace hash (default: seed 1, 7 days)', () => {
    const r = run('simulate');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/seed 1, 7 virtual day\(s\)/);
    // The ESME: 7 daily ECS17a reads, one CS01a, one PECS01 from the PPMID and the IHD's hourly reads
    // (168 sent, the last still in flight at the end); the GSME: 7 GCS33 reads, one CS01b and one
    // PCS01, all through its wakes; the GPF: 7 GCS13b and the IHD's reads of its mirror.
    expect(r.stdout).toMatch(/ESME 00DB000000000001: messages in 176, out 176, rejected 0/);
    expect(r.stdout).toMatch(/GSME 00DE000000000001: messages in 9, out 9, rejected 0/);
    expect(r.stdout).toMatch(/wakes 336 \(without hub 0/);
    expect(r.stdout).toMatch(/commands queued at the GPF 9, retrieved at wakes 9, expired 0/);
    expect(r.stdout).toMatch(/GPF 00DD000000000001: messages in 174, out 174/);
    expect(r.stdout).toMatch(/PPMID 00DF000000000001: messages in 2, out 2/);
    expect(r.stdout).toMatch(/keypad top-ups entered 2: to the ESME \(PECS01\) 1 \(answered 1: accepted 1, refused 0\), to the GSME \(PCS01\) 1 \(answered 1: accepted 1, refused 0\)/);
    expect(r.stdout).toMatch(/IHD 00E0000000000001: .*\n    reads every 60 min: sent 336, answered 334, refused answers 0/);
    expect(r.stdout).toMatch(/00DD000000000001: read 168, answered 167; shows gas \d+\.\d{3} m3, credit GBP/);
    expect(r.stdout).toMatch(/trace hash: [0-9a-f]{64}/);
  });

  it('simulate --json prints the same run as one JSON document', () => {
    const text = run('simulate', '--days', '2', '--seed', '0x10', '--json');
    expect(text.status).toBe(0);
    const doc = JSON.parse(text.stdout);
    expect(doc.seed).toBe('16');
    expect(doc.days).toBe(2);
    expect(doc.devices[0].deviceType).toBe('ESME');
    expect(doc.traceHash).toMatch(/^[0-9a-f]{64}$/);
    const human = run('simulate', '--days', '2', '--seed', '16');
    expect(human.stdout).toContain(`trace hash: ${doc.traceHash}`);
  });

  it('--refuse makes the ESME refuse an item: the reads still verify but carry no export value (issue 5 point 4)', () => {
    const refused = JSON.parse(run('simulate', '--days', '2', '--json', '--refuse', 'ECS17a:GET:3/1-0:2.8.0.255/2:1').stdout);
    expect(refused.remoteParties[0].responsesVerified).toBe(2);
    expect(refused.remoteParties[0].readsMatchingMeter).toBe(0);
    expect(refused.remoteParties[0].lastExportActiveWhRead).toBeNull();
    const normal = JSON.parse(run('simulate', '--days', '2', '--json').stdout);
    expect(normal.remoteParties[0].readsMatchingMeter).toBe(2);
    expect(refused.traceHash).not.toBe(normal.traceHash);
  });

  it('a malformed refusal rule exits 2 naming the expected form', () => {
    const r = run('simulate', '--refuse', 'ECS17a:GET:nonsense');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/USECASE:GET\|SET\|ACTION/);
  });

  it('a bad flag value exits 2 with a message', () => {
    const r = run('simulate', '--days', 'zero');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/days must be an integer/);
  });

  it('an unknown command exits 2', () => {
    expect(run('frobnicate').status).toBe(2);
  });
});

describe('smartmeter decode', () => {
  const ecs17a = fileURLToPath(new URL('../../../shared/conformance/rtds-4.5.0/4.2_ECS17a/ECS17a_4.2_SUCCESS_COMMAND_GBCS.HEX', import.meta.url));

  it('decodes a reference file to JSON with its use case and a verified MAC', () => {
    const r = run('decode', '--json', ecs17a);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout.trim().split('\n')[0]!);
    expect(doc.useCase).toBe('ECS17a');
    expect(doc.macValid).toBe(true);
    expect(doc.messageType).toBe('command');
  });

  it('exits 3 when an input does not decode', () => {
    const r = run('decode', '--json', 'DD0001');
    expect(r.status).toBe(3);
  });
});
