// Conformance of the emulated ESME against the RTDS 4.5.0 reference messages (issue 5). The
// runner (host/conformance/runner.ts) delivers every ESME COMMAND of ../shared/conformance to a
// fresh ESME with the reference identity (00DB1234567890A0: certificates from the keystore, MACs
// through the organisation private keys, signatures from the test PKI) and the reference profile
// (devices.md Appendix R), ERROR variants with the refusal rule derived from the reference
// response (devices.md 1.3, R.6), and grades each RESPONSE / ALERT: accepted, structural, exact.
// This file asserts a FLOOR: the counts measured so far may rise, never fall. Then unit tests of
// the grading (a changed type, a changed result code, a tampered signature) and of the refusal
// derivation, on reference messages. A missing ../shared fails, it never skips.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { decodePayload } from '../../gbcs/payload/index.js';
import { defaultKeystoreDir, defaultRtdsDir } from '../../host/cli/conformance.js';
import { main } from '../../host/cli/main.js';
import { gradeMessage, shapeMismatch } from '../../host/conformance/grading.js';
import { commandVariantOf, parseReferenceName } from '../../host/conformance/reference-files.js';
import { deriveRefusalRules } from '../../host/conformance/refusals.js';
import { deriveCredentialRefusal } from '../../host/conformance/credential-refusals.js';
import { runConformance } from '../../host/conformance/runner.js';
import { KEYSTORE_DIR, referenceFile, requireSharedData, RTDS_DIR } from '../gbcs/reference-data.js';

/**
 * Measured on 2025-11-23 with the firmware of the working tree (generic DLMS server in progress,
 * profile = clock + energy registers only). Raise these as use cases and profile values land;
 * never lower them to make a change pass.
 */
const ESME_FLOOR = { accepted: 289, structural: 289, exact: 288 } as const;
/** Graded ESME reference files in RTDS 4.5.0: 242 RESPONSE + 49 ALERT. */
const ESME_FILES = 291;

requireSharedData();
const provider = createNodeProvider();

describe('conformance floor: ESME against RTDS 4.5.0', () => {
  const report = runConformance({ rtdsDir: RTDS_DIR, keystoreDir: KEYSTORE_DIR, deviceTypes: ['ESME'] });
  const file = (folder: string, name: string) =>
    report.folders.find((f) => f.folder === folder)?.files.find((f) => f.file === `${name}_GBCS.HEX`);

  it(`grades all ${ESME_FILES} ESME files, and only ESME files`, () => {
    expect(report.totals.files).toBe(ESME_FILES);
    expect(Object.keys(report.byDeviceType)).toEqual(['ESME']);
    expect(report.byDeviceType.ESME).toEqual(report.totals);
  });

  it('reaches the floor of accepted / structural / exact files (they may only go up)', () => {
    for (const level of ['accepted', 'structural', 'exact'] as const) {
      expect(report.totals[level], `${level} fell below the floor: ${JSON.stringify(report.totals)} vs ${JSON.stringify(ESME_FLOOR)}`).toBeGreaterThanOrEqual(ESME_FLOOR[level]);
    }
  });

  it('4.2_ECS17a: SUCCESS and ERROR responses are byte-identical to the reference, MAC included', () => {
    expect(file('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE')).toMatchObject({ deviceType: 'ESME', level: 'exact' });
    expect(file('4.2_ECS17a', 'ECS17a_4.2_ERROR_RESPONSE')).toMatchObject({ deviceType: 'ESME', level: 'exact' });
  });

  it('TWIN variants get the twin-element profile (devices.md R.4, R.10): their answers are exact', () => {
    const twins = [
      ['4.1.1_ECS17b', 'ECS17b_4.1.1'], ['4.1.2_ECS17d', 'ECS17d_4.1.2'], ['4.4.2_ECS20b', 'ECS20b_4.4.2'], ['4.4.3_ECS20c', 'ECS20c_4.4.3'],
      ['4.6.1_ECS21a', 'ECS21a_4.6.1'], ['4.8.1_ECS22b', 'ECS22b_4.8.1'], ['4.13_ECS26a', 'ECS26a_4.13'], ['6.2.7_ECS40', 'ECS40_6.2.7'],
    ] as const;
    for (const [folder, prefix] of twins) {
      expect(file(folder, `${prefix}_TWIN_SUCCESS_RESPONSE`), folder).toMatchObject({ level: 'exact' });
      expect(file(folder, `${prefix}_SINGLE_SUCCESS_RESPONSE`), folder).toMatchObject({ level: 'exact' });
    }
  });

  it('4.14_ECS21b URP: the 26-byte other-information and the reply encrypted for the carried certificate are byte-identical', () => {
    expect(file('4.14_ECS21b', 'ECS21b_4.14_URP_SUCCESS_RESPONSE')).toMatchObject({ level: 'exact' });
  });

  it('CS02g ERROR variants (commands equal to SUCCESS, R.6) get a CREDENTIALS rule; CS02b IMMEDIATE_ERROR (a foreign issuer) none', () => {
    const folder = (name: string, f: string) => referenceFile(name, f).bytes;
    const g = '6.15.1_CS02gLoadControllerBySupplier';
    expect(deriveCredentialRefusal(folder(g, 'CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_ERROR_COMMAND'), [folder(g, 'CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_ERROR_RESPONSE')]))
      .toMatchObject({ kind: 'CREDENTIALS', result: 10 });
    expect(deriveCredentialRefusal(folder(g, 'CS02gLoadControllerBySupplier_6.15.1_FUTURE_DATED_ERROR_COMMAND'),
      [folder(g, 'CS02gLoadControllerBySupplier_6.15.1_FUTURE_DATED_ERROR_RESPONSE'), folder(g, 'CS02gLoadControllerBySupplier_6.15.1_8F67_FUTURE_DATED_ERROR_ALERT')]))
      .toMatchObject({ kind: 'CREDENTIALS', result: 10 });
    const b = '6.15.1_CS02bSupplierBySupplier';
    expect(deriveCredentialRefusal(folder(b, 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_ERROR_COMMAND'), [folder(b, 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_ERROR_RESPONSE')])).toBeUndefined();
    expect(file(g, 'CS02gLoadControllerBySupplier_6.15.1_IMMEDIATE_ERROR_RESPONSE')).toMatchObject({ level: 'exact' });
    expect(file(g, 'CS02gLoadControllerBySupplier_6.15.1_8F67_FUTURE_DATED_ERROR_ALERT')).toMatchObject({ level: 'exact' });
  });

  it('a device-initiated alert with no scripted event (ECS68) is graded none with the reason', () => {
    expect(file('NA_ECS68', 'ECS68_NA_8F0A_SINGLE_ALERT')).toMatchObject({ level: 'none', detail: expect.stringContaining('no COMMAND') });
  });

  it('NA_ alerts of the events devices.md R.9 gives, scripted as LOCAL inputs, are byte-identical up to the signature', () => {
    for (const [folder, name] of [
      ['NA_ECS80', 'ECS80_NA_8F36_ALERT'], ['NA_ECS101', 'ECS101_NA_8F86_INPUT_ALERT'], ['NA_ECS101', 'ECS101_NA_8F86_OUTPUT_ALERT'],
      ['NA_ECS102', 'ECS102_NA_8F87_INPUT_ALERT'], ['NA_ECS200', 'ECS200_NA_8F88_ALERT'], ['NA_GNCA-DLMS', 'GNCA-DLMS_NA_810E_ALERT'],
      ['NA_MIIWA-DLMS', 'MIIWA-DLMS_NA_81A0_ALERT'],
    ] as const) {
      expect(file(folder, name), name).toMatchObject({ deviceType: 'ESME', level: 'exact' });
    }
  });

  it('runs the same twice: grades and details are deterministic', () => {
    const again = runConformance({ rtdsDir: RTDS_DIR, keystoreDir: KEYSTORE_DIR, deviceTypes: ['ESME'] });
    expect(again).toEqual(report);
  });
});


function ecs17aSuccess(): Uint8Array {
  return referenceFile('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE').bytes;
}

/** Offset of the payload in a message (parseEnvelope returns views into its input). */
function contentOffset(bytes: Uint8Array): number {
  return parseEnvelope(bytes).content.byteOffset - bytes.byteOffset;
}

describe('grading functions', () => {
  const options = { provider, deviceSigningKey: new Uint8Array(65) };

  it('the reference graded against itself is exact', () => {
    expect(gradeMessage(ecs17aSuccess(), ecs17aSuccess(), options).level).toBe('exact');
  });

  it('a changed value of the same type is structural, not exact (the MAC no longer matches)', () => {
    const changed = ecs17aSuccess().slice();
    changed[contentOffset(changed) + 12]! ^= 0x01; // item 1: double-long-unsigned 10 -> 11
    expect(gradeMessage(changed, ecs17aSuccess(), options)).toMatchObject({ level: 'structural', detail: expect.stringContaining('offset') });
  });

  it('a changed data type is a structural mismatch (accepted only)', () => {
    const changed = ecs17aSuccess().slice();
    changed[contentOffset(changed) + 8] = 0x05; // item 1: double-long-unsigned -> double-long, same size
    expect(gradeMessage(changed, ecs17aSuccess(), options)).toMatchObject({ level: 'accepted', detail: expect.stringContaining('type: double-long, reference double-long-unsigned') });
  });

  it('a changed result code is not structural', () => {
    const changed = ecs17aSuccess().slice();
    const content = parseEnvelope(changed).content;
    changed[contentOffset(changed) + content.length - 1] = 1; // last GET result: success -> hardware-fault
    expect(gradeMessage(changed, ecs17aSuccess(), options)).toMatchObject({ level: 'accepted', detail: expect.stringContaining('result: 1, reference 0') });
  });

  it('another transaction id is not accepted', () => {
    const changed = ecs17aSuccess().slice();
    changed[contentOffset(changed) - 40]! ^= 0x01; // inside the 8 counter bytes of the header
    expect(parseEnvelope(changed).transactionId).not.toBe(parseEnvelope(ecs17aSuccess()).transactionId);
    expect(gradeMessage(changed, ecs17aSuccess(), options).level).toBe('none');
  });

  it('A-XDR array lengths may differ; element types may not', () => {
    const u32 = (value: number) => ({ type: 'double-long-unsigned', value });
    const array = (items: unknown[]) => ({ type: 'array', items });
    expect(shapeMismatch(array([u32(1), u32(2), u32(3)]), array([u32(9)]))).toBeUndefined();
    expect(shapeMismatch(array([]), array([u32(9)]))).toBeUndefined();
    expect(shapeMismatch(array([u32(1), { type: 'long', value: 2 }]), array([u32(9)]))).toContain('[1]/type');
    const structure = (items: unknown[]) => ({ type: 'structure', items });
    expect(shapeMismatch(structure([u32(1), u32(2)]), structure([u32(1)]))).toContain('2 items, reference 1');
  });

  it('a signed response is exact up to its signature only while the signature verifies (and not when tampered)', () => {
    // ECS04a responses are bare DF messages signed by the device (GBCS 4.1, 4.4). Re-sign the
    // reference with a key of ours: identical up to the signature, valid under our key.
    const reference = referenceFile('1.5_ECS04a', 'ECS04a_1.5_SUCCESS_RESPONSE').bytes;
    const privateKey = new Uint8Array(32).fill(7);
    const signed = reference.slice();
    signed.set(provider.ecdsaSign(privateKey, parseEnvelope(reference).wire!.signedBytes), signed.length - 64);
    const key = { provider, deviceSigningKey: provider.publicKeyOf(privateKey) };
    expect(gradeMessage(signed, reference, key)).toMatchObject({ level: 'exact', detail: expect.stringContaining('verifies') });
    const tampered = signed.slice();
    tampered[tampered.length - 1]! ^= 0x01;
    expect(gradeMessage(tampered, reference, key)).toMatchObject({ level: 'structural', detail: expect.stringContaining('does not verify') });
  });
});

describe('refusal rules derived from reference ERROR responses (devices.md 1.3, R.6)', () => {
  it('ECS17a: the first result neither 0 nor 250 names GET 3/1-0:4.8.0.255 a2 with hardware-fault', () => {
    const command = referenceFile('4.2_ECS17a', 'ECS17a_4.2_ERROR_COMMAND').bytes;
    const response = referenceFile('4.2_ECS17a', 'ECS17a_4.2_ERROR_RESPONSE').bytes;
    expect(deriveRefusalRules(command, response)).toEqual({
      rules: [{ messageCode: 0x0026, kind: 'GET', target: { classId: 3, obis: '1-0:4.8.0.255', member: 2 }, result: 1 }],
    });
  });

  it('a SUCCESS response derives no rule', () => {
    const command = referenceFile('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND').bytes;
    expect(deriveRefusalRules(command, ecs17aSuccess()).rules).toEqual([]);
  });

  it('the reference ECS17a response decodes as 4 GET items (the layout the byte edits above rely on)', () => {
    const env = parseEnvelope(ecs17aSuccess());
    const payload = decodePayload(env.content, { messageCode: 0x0026, cra: 2 });
    expect(payload.kind === 'dlms' && payload.body.apdu === 'access-response' && payload.body.items.map((i) => i.data.type)).toEqual([
      'double-long-unsigned', 'structure', 'double-long-unsigned', 'structure',
    ]);
  });
});

describe('a directory of the same layout with folders RTDS 4.5.0 does not have', () => {
  it('grades a new folder, lists stray files as ignored, and grades files of an unreadable COMMAND none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtds-'));
    try {
      const hex = (folder: string, name: string) => Buffer.from(referenceFile(folder, name).bytes).toString('hex').toUpperCase();
      mkdirSync(join(dir, '99.1_NEWUC'));
      writeFileSync(join(dir, '99.1_NEWUC', 'NEWUC_99.1_SUCCESS_COMMAND_GBCS.HEX'), hex('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND'));
      writeFileSync(join(dir, '99.1_NEWUC', 'NEWUC_99.1_SUCCESS_RESPONSE_GBCS.HEX'), hex('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE'));
      writeFileSync(join(dir, '99.1_NEWUC', 'notes.txt'), 'not a reference message');
      mkdirSync(join(dir, '99.2_BROKEN'));
      writeFileSync(join(dir, '99.2_BROKEN', 'BROKEN_99.2_SUCCESS_COMMAND_GBCS.HEX'), 'not hex');
      writeFileSync(join(dir, '99.2_BROKEN', 'BROKEN_99.2_SUCCESS_RESPONSE_GBCS.HEX'), hex('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE'));
      const report = runConformance({ rtdsDir: dir, keystoreDir: KEYSTORE_DIR });
      expect(report.folders.map((f) => [f.folder, f.useCase, f.files.map((x) => [x.deviceType, x.level])])).toEqual([
        ['99.1_NEWUC', 'NEWUC', [['ESME', 'exact']]],
        ['99.2_BROKEN', 'BROKEN', [['ESME', 'none']]],
      ]);
      expect(report.folders[0]!.ignored).toEqual(['notes.txt']);
      expect(report.folders[1]!.files[0]!.detail).toContain('bad-hex');
      expect(report.totals).toEqual({ files: 2, accepted: 1, structural: 1, exact: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an empty directory with a ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtds-'));
    try {
      expect(() => runConformance({ rtdsDir: dir, keystoreDir: KEYSTORE_DIR })).toThrow(/rtds-dir-empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reference file names (gbcs.md §0 "RTDS files")', () => {
  it('splits variant and kind, alert suffixes included', () => {
    expect(parseReferenceName('ECS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_PRECOMMAND_GBCS.HEX')).toMatchObject({ kind: 'PRECOMMAND', variant: 'IMMEDIATE_TOU_SUCCESS' });
    expect(parseReferenceName('ECS01a_1.1.1_8F66_FUTURE_DATED_TOU_BLOCK_SUCCESS_ALERT_CURRENCY_UNIT_GBCS.HEX')).toMatchObject({ kind: 'ALERT', variant: '8F66_FUTURE_DATED_TOU_BLOCK_SUCCESS' });
    expect(parseReferenceName('README.txt')).toBeUndefined();
  });

  it('ties an alert to the command variant that triggers it, or to none', () => {
    const commands = new Set(['FUTURE_DATED_SUCCESS', 'SUCCESS']);
    expect(commandVariantOf('8F66_FUTURE_DATED_SUCCESS', commands)).toBe('FUTURE_DATED_SUCCESS');
    expect(commandVariantOf('NA_SUCCESS', commands)).toBe('SUCCESS');
    expect(commandVariantOf('8F36', commands)).toBeUndefined();
  });
});

describe('smartmeter conformance (CLI)', () => {
  it('defaults to ../shared/conformance next to the project root, not the working directory', () => {
    expect(defaultRtdsDir().replace(/\/$/, '')).toBe(RTDS_DIR.replace(/\/$/, ''));
    expect(defaultKeystoreDir().replace(/\/$/, '')).toBe(KEYSTORE_DIR.replace(/\/$/, ''));
  });

  it('exits 2 for a directory that does not exist', async () => {
    expect(await main(['node', 'smartmeter', 'conformance', '--rtds', '/nonexistent/rtds'])).toBe(2);
  });
});
