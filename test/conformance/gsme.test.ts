// Conformance of the emulated GSME (00DB1234567890A1) and GPF (00DB1234567890A3) against the RTDS
// 4.5.0 reference messages (issue 6.1). The runner delivers every GSME / GPF COMMAND of
// ../shared/conformance to a fresh device with the reference identity and the reference profile
// (devices.md Appendix S: S.2 values as data, logs and read values preloaded from the folder's
// SUCCESS responses), ERROR and NOT_FOUND variants with the GBZ component refusal derived from the
// reference response (devices.md 6.4), and grades each RESPONSE / ALERT. This file asserts a
// FLOOR: the counts may rise, never fall. A missing ../shared fails, it never skips.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../host/conformance/runner.js';
import { deriveRefusalRules } from '../../host/conformance/refusals.js';
import { KEYSTORE_DIR, referenceFile, requireSharedData, RTDS_DIR } from '../gbcs/reference-data.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';

/** Measured 2026-11-23 when the GBZ server landed (before: 0 / 0 / 0 for both). */
const GSME_FLOOR = { accepted: 130, structural: 130, exact: 130 } as const; // + NA_ ZigBee alerts, positioned refusals, GCS21b, GCS16a / GCS31 / CS11 / GCS13b ERROR; + CS01b SUCCESS (GSME prepayment ledger)
const GPF_FLOOR = { accepted: 9, structural: 9, exact: 9 } as const;
const GSME_FILES = 131;
const GPF_FILES = 9;

requireSharedData();

describe('conformance floor: GSME and GPF against RTDS 4.5.0', () => {
  const report = runConformance({ rtdsDir: RTDS_DIR, keystoreDir: KEYSTORE_DIR, deviceTypes: ['GSME', 'GPF'] });
  const file = (folder: string, name: string) =>
    report.folders.find((f) => f.folder === folder)?.files.find((f) => f.file === `${name}_GBCS.HEX`);

  it('grades every GSME and GPF reference file', () => {
    expect(report.byDeviceType.GSME?.files).toBe(GSME_FILES);
    expect(report.byDeviceType.GPF?.files).toBe(GPF_FILES);
  });

  it('GSME stays at or above the floor', () => {
    const c = report.byDeviceType.GSME!;
    expect(c.accepted).toBeGreaterThanOrEqual(GSME_FLOOR.accepted);
    expect(c.structural).toBeGreaterThanOrEqual(GSME_FLOOR.structural);
    expect(c.exact).toBeGreaterThanOrEqual(GSME_FLOOR.exact);
  });

  it('GPF stays at or above the floor', () => {
    const c = report.byDeviceType.GPF!;
    expect(c.accepted).toBeGreaterThanOrEqual(GPF_FLOOR.accepted);
    expect(c.structural).toBeGreaterThanOrEqual(GPF_FLOOR.structural);
    expect(c.exact).toBeGreaterThanOrEqual(GPF_FLOOR.exact);
  });

  it('7.4_GCS33 read valve status and battery days: byte-identical (S.2 values 100 days, supply on)', () => {
    expect(file('7.4_GCS33', 'GCS33_7.4_SUCCESS_RESPONSE')?.level).toBe('exact');
  });

  it('7.4_GCS33 ERROR: the refused record 0014 answers C0 and the rest is still returned, byte-identical', () => {
    expect(file('7.4_GCS33', 'GCS33_7.4_ERROR_RESPONSE')?.level).toBe('exact');
  });

  it('4.10_GCS18 reads the network data log encrypted for the remote party (GBCS 4.5), byte-identical', () => {
    expect(file('4.10_GCS18', 'GCS18_4.10_SUCCESS_RESPONSE')?.level).toBe('exact');
    expect(file('4.10_GCS18', 'GCS18_4.10_NOT_FOUND_RESPONSE')?.level).toBe('exact');
  });

  it('NA_FDRA-ZigBee, NA_GCA-ZigBee, NA_MIIWA-ZigBee: the scripted GBZ alerts are byte-identical (signatures verify)', () => {
    for (const uc of ['FDRA-ZigBee', 'GCA-ZigBee', 'MIIWA-ZigBee']) {
      const folder = report.folders.find((f) => f.folder === `NA_${uc}`);
      expect(folder?.files.map((f) => f.level), uc).toEqual(['exact']);
    }
  });

  it('2.2_CS01b ConsumerTopUp: the reference UTRN verifies with the supplier pp-ka key and is credited through the ledger, byte-identical', () => {
    expect(file('2.2_CS01b', 'CS01b_2.2_SUCCESS_RESPONSE')?.level).toBe('exact');
    expect(file('2.2_CS01b', 'CS01b_2.2_ERROR_RESPONSE')?.level).toBe('exact');
  });

  it('GCS04 / GCS20 / GCS15b ERROR: the components before the refused one run and answer 00, byte-identical', () => {
    expect(file('2.3_GCS04', 'GCS04_2.3_ERROR_RESPONSE')?.level).toBe('exact');
    expect(file('6.22_GCS20', 'GCS20_6.22_ERROR_RESPONSE')?.level).toBe('exact');
    expect(file('4.4.2_GCS15b', 'GCS15b_4.4.2_ERROR_RESPONSE')?.level).toBe('exact');
  });

  it('4.13_GCS21b: GetCalendar / GetDayProfiles answered by one Publish… per record (preload matched by sequence number), byte-identical', () => {
    expect(file('4.13_GCS21b', 'GCS21b_4.13_SUCCESS_RESPONSE')?.level).toBe('exact');
    expect(file('4.13_GCS21b', 'GCS21b_4.13_ERROR_RESPONSE')?.level).toBe('exact');
  });

  it('4.6.1_GCS16a ERROR: three earlier snapshots (the ERROR response\'s own, preloaded), NOT_FOUND after them, C0 at component 30, byte-identical', () => {
    expect(file('4.6.1_GCS16a', 'GCS16a_4.6.1_ERROR_RESPONSE')?.level).toBe('exact');
    expect(file('4.6.1_GCS16a', 'GCS16a_4.6.1_SUCCESS_RESPONSE')?.level).toBe('exact');
  });

  it('14.1_GCS31 / 3.3_CS11 ERROR: the refusal answered in data (sample id FFFF, nothing cleared), byte-identical', () => {
    expect(file('14.1_GCS31', 'GCS31_14.1_ERROR_RESPONSE')?.level).toBe('exact');
    expect(file('3.3_CS11', 'CS11_3.3_ERROR_RESPONSE')?.level).toBe('exact');
  });

  it('4.1.4_GCS13b ERROR: the refused attribute read from the ciphered reference answer, byte-identical (up to the signature)', () => {
    expect(file('4.1.4_GCS13b', 'GCS13b_4.1.4_ERROR_RESPONSE')?.level).toBe('exact');
  });

  it('1.1.1_GCS01a FUTURE_DATED: the immediate answer is exact (signed, dated header)', () => {
    expect(file('1.1.1_GCS01a', 'GCS01a_1.1.1_FUTURE_DATED_BLOCK_SUCCESS_RESPONSE')?.level).toBe('exact');
  });
});

describe('GBZ refusal rules derived from reference responses (devices.md 6.4)', () => {
  it('GCS01b ERROR: PublishTariffInformation answered C0 names that component', () => {
    const derived = deriveRefusalRules(referenceFile('1.2.1_GCS01b', 'GCS01b_1.2.1_FUTURE_DATED_BLOCK_ERROR_COMMAND').bytes, referenceFile('1.2.1_GCS01b', 'GCS01b_1.2.1_FUTURE_DATED_BLOCK_ERROR_RESPONSE').bytes);
    expect(derived.rules).toEqual([{ messageCode: 0xa3, kind: 'COMPONENT', target: { classId: 0x0700, obis: '0-0:0.0.255.255', member: 0x04 }, result: 0xc0 }]);
  });

  it('GCS04 ERROR: of three identical Publish Block Period components the second is refused: the rule names position 2', () => {
    const derived = deriveRefusalRules(referenceFile('2.3_GCS04', 'GCS04_2.3_ERROR_COMMAND').bytes, referenceFile('2.3_GCS04', 'GCS04_2.3_ERROR_RESPONSE').bytes);
    expect(derived.rules).toEqual([{ messageCode: 0x6e, kind: 'COMPONENT', target: { classId: 0x0705, obis: '0-0:0.2.255.255', member: 0x02 }, result: 0xc0 }]);
  });

  it('GCS16a ERROR: the C0 of component 30 comes first, before the 8B rules of components 4-29 (the device holds at most 16 rules)', () => {
    const derived = deriveRefusalRules(referenceFile('4.6.1_GCS16a', 'GCS16a_4.6.1_ERROR_COMMAND').bytes, referenceFile('4.6.1_GCS16a', 'GCS16a_4.6.1_ERROR_RESPONSE').bytes);
    expect(derived.rules[0]).toEqual({ messageCode: 0x77, kind: 'COMPONENT', target: { classId: 0x0702, obis: '0-0:0.30.255.255', member: 0x06 }, result: 0xc0 });
    expect(derived.rules.slice(1).map((r) => [r.target.obis, r.result])).toEqual(Array.from({ length: 26 }, (_, i) => [`0-0:0.${i + 4}.255.255`, 0x8b]));
  });

  it('GCS13b ERROR: the ciphered Read Attributes Response opens with the reference keys and names attribute 0x0301 (C0); without keys, no rule', () => {
    const [command, response] = [referenceFile('4.1.4_GCS13b', 'GCS13b_4.1.4_ERROR_COMMAND').bytes, referenceFile('4.1.4_GCS13b', 'GCS13b_4.1.4_ERROR_RESPONSE').bytes];
    const derived = deriveRefusalRules(command, response, { keystore: KeyStore.loadDir(KEYSTORE_DIR), provider: createNodeProvider() });
    expect(derived.rules).toEqual([{ messageCode: 0xb8, kind: 'COMPONENT', target: { classId: 0x0702, obis: '0-0:0.0.3.1', member: 0x00 }, result: 0xc0 }]);
    expect(deriveRefusalRules(command, response)).toEqual({ rules: [], note: 'no refusal rule: the answer is ciphered (GBCS 4.5)' });
  });

  it('GCS33 ERROR: the C0 record names attribute 0x0014 of the Read Attributes', () => {
    const derived = deriveRefusalRules(referenceFile('7.4_GCS33', 'GCS33_7.4_ERROR_COMMAND').bytes, referenceFile('7.4_GCS33', 'GCS33_7.4_ERROR_RESPONSE').bytes);
    expect(derived.rules).toEqual([{ messageCode: 0x82, kind: 'COMPONENT', target: { classId: 0x0702, obis: '0-0:0.0.0.20', member: 0x00 }, result: 0xc0 }]);
  });
});
