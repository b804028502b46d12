import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { EmulatorError } from '../../gbcs/errors.js';
import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { CHF_OBJECTS } from '../../gbcs/tables/chf-objects.js';
import { hanLogEntryInput, hanNetworkInput, setAttributeInput, type CosemTarget, type HanLogEntry } from '../local-inputs.js';
import type { DeviceTypeName } from '../status.js';
import { KeyStore, type KeyLookup } from '../../gbcs/keys/keystore.js';
import { preloadedValues } from './reference-preload.js';
import { referenceEsmeCredentialInputs } from './reference-esme-credentials.js';

// The reference profiles of the CHF `…A2`, PPMID `…A4`, HCALCS `…A5` and SAPC `…A6`
// (devices.md Appendix S.3, 7.2, 8.1, 8.3, 8.4) as LOCAL inputs. What S.3 states is data here:
// the CHF's extended PAN ID, device log (with the CCS06 HAN readings) and historic device log,
// identity, sub-GHz channel and configuration, the PPMID firmware version. The CHF's synthetic
// logs (the ECS35c event log, the DBCH02 channel log) are PRELOADED FROM REFERENCE DATA at run
// time from the folder's SUCCESS responses (devices.md S.4 "S.3; ERROR result codes"), as
// host/profiles/reference-preload.ts does for the ESME. The key hashes are written in full as the
// reference CCS03 command and CCS07 response carry them (S.3 abbreviates them).

export type ProfileInput = [string, Uint8Array];

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const os = (h: string): AxdrData => ({ type: 'octet-string', value: hex(h) });
const ascii = (text: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(text, 'latin1')) });
const bits = (h: string): AxdrData => ({ type: 'bit-string', bitCount: h.length * 4, value: hex(h) });
const u8 = (value: number): AxdrData => ({ type: 'unsigned', value });
const u16 = (value: number): AxdrData => ({ type: 'long-unsigned', value });
const utcS = (iso: string) => Date.parse(`${iso}Z`) / 1000;

/** S.3: the CHF's SMHAN (CCS07 second field). */
const CHF_PAN_ID = '0001020304050607';
/** S.3 / 8.9_CCS06, 8.9_CCS07: the device log, HAN readings as CCS06 returns them. */
const CHF_DEVICE_LOG: readonly HanLogEntry[] = [
  { list: 'device', eui: '00DB1234567890A0', deviceType: 1, keyHash: hex('83FED3407A939723A5C639B26916D506'),
    lastCommS: utcS('2014-12-31T23:50:00'), hanStatus: [0xc8, -35, -50, -100, 2, 39, 247, 1, 0, 100, 1, 1] },
  { list: 'device', eui: '00DB1234567890A1', deviceType: 0, keyHash: hex('83FED3407A939723A5C639B26916D505'),
    lastCommS: utcS('2014-12-31T23:40:00'), hanStatus: [0xc8, -34, -54, -77, 1, 96, 205, 1, 0, 100, 1, 1] },
  // S.3: "holds the GPF although 7.1 says never" — the data win.
  { list: 'historic', eui: '00DB1234567890A3', deviceType: 3, keyHash: hex('00112233445566778899A1A2A3A4A5A6') },
  { list: 'historic', eui: '00DB1234567890A4', deviceType: 5, keyHash: hex('A1A2A3A4A5A600112233445566778899') },
];

interface ChfValue { target: CosemTarget; value: AxdrData; source: string }
const data = (obis: string): CosemTarget => ({ classId: 1, obis, member: 2 });

/** S.3 identity and sub-GHz values; the manufacturer differs between folders (S.3: "CSW" / "CSW "). */
function chfValues(folderName: string): ChfValue[] {
  return [
    { target: data('0-0:96.1.4.255'), value: ascii('ATGTypeY'), source: 'S.3 ECS26i' },
    { target: data('0-0:96.1.6.255'), value: ascii(folderName.endsWith('_ECS26n') ? 'CSW ' : 'CSW'), source: 'S.3 ECS26i / ECS26n' },
    { target: data('0-0:94.44.10.2'), value: bits('E0000001'), source: 'S.3 DBCH01' },
    {
      target: data('0-0:94.44.10.0'),
      value: { type: 'structure', items: [bits('E0000003'), bits('E8000003'), bits('F0000003'), bits('F8000003'), u16(125), u16(200), u8(4), u16(6), u8(6), u8(10), u16(5050), u8(125), u16(90), u16(5000), u16(3000)] },
      source: 'S.3 DBCH03',
    },
  ];
}

/** S.3: PPMID firmware version (CS08); the HCALCS's is unreadable, so it holds none. */
const PPMID_FIRMWARE_VERSION = '0123ABCD';
const FIRMWARE_VERSION_TARGET: CosemTarget = { classId: 1, obis: '0-0:0.2.0.255', member: 2 };
/** The PPMID's own device log: the GPF it reads gas data from, `0102030405060708` as the GSME's
 *  log names it (S.2 CS07); the reference PPMID unjoins it with success (8.8.2_CS04ACNonCritical). */
const PPMID_DEVICE_LOG: readonly HanLogEntry[] = [{ list: 'device', eui: '0102030405060708', deviceType: 3 }];

const keyOf = (t: CosemTarget) => `${t.classId}/${t.obis}/${t.member}`;
/** CHF attributes kept in the object store that the folder's reference responses may supply. */
const CHF_PRELOADABLE: ReadonlySet<string> = new Set(
  CHF_OBJECTS.filter((o) => o.handler === 'stored' || o.handler === 'profile-buffer').map((o) => keyOf(o)),
);

/** The LOCAL inputs of the reference profile of a CHF, PPMID, HCALCS or SAPC (none for other types). */
export function referenceHanInputs(
  deviceType: DeviceTypeName, folderName: string, dirs: { rtdsDir: string; keystoreDir: string }, refused: string[], keystore?: KeyLookup,
): ProfileInput[] {
  if (deviceType === 'PPMID') {
    return [
      ['SET_ATTRIBUTE firmware version (S.3 CS08)', setAttributeInput(FIRMWARE_VERSION_TARGET, encodeAxdr(os(PPMID_FIRMWARE_VERSION)))],
      ...PPMID_DEVICE_LOG.map((e): ProfileInput => [`HAN_LOG_ENTRY ${e.eui}`, hanLogEntryInput(e)]),
    ];
  }
  if (deviceType === 'SAPC') {
    // 8.4 / S.3: credentials held for the Load Controller (CS02g): the certificate store of the
    // reference ESME (R.12) without its device log (the SAPC is not a HAN hub).
    return referenceEsmeCredentialInputs(keystore ?? KeyStore.loadDir(dirs.keystoreDir), refused, folderName).filter(([what]) => what.startsWith('TRUST_ANCHOR'));
  }
  if (deviceType !== 'CHF') return []; // HCALCS: nothing readable (S.3)
  const inputs: ProfileInput[] = [['HAN_NETWORK', hanNetworkInput(CHF_PAN_ID)]];
  // GBCS 4.7 / NA_CS02aSignature SUCCESS: the CHF holds trust-anchor cells too (CS02a for the ACB
  // reads them): the reference ESME's certificate store (R.12), its device log being the CHF's own.
  inputs.push(...referenceEsmeCredentialInputs(keystore ?? KeyStore.loadDir(dirs.keystoreDir), refused, folderName).filter(([what]) => what.startsWith('TRUST_ANCHOR')));
  for (const e of CHF_DEVICE_LOG) inputs.push([`HAN_LOG_ENTRY ${e.list} ${e.eui}`, hanLogEntryInput(e)]);
  const written = new Set<string>();
  for (const v of chfValues(folderName)) {
    written.add(keyOf(v.target));
    inputs.push([`SET_ATTRIBUTE ${keyOf(v.target)} (${v.source})`, setAttributeInput(v.target, encodeAxdr(v.value))]);
  }
  if (!existsSync(join(dirs.rtdsDir, folderName))) return inputs;
  try {
    for (const v of preloadedValues(dirs.rtdsDir, dirs.keystoreDir, folderName, createNodeProvider())) {
      const key = keyOf(v.target);
      if (written.has(key) || !CHF_PRELOADABLE.has(key)) continue;
      written.add(key);
      inputs.push([`SET_ATTRIBUTE ${key} (preloaded from ${v.file})`, setAttributeInput(v.target, v.value)]);
    }
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    refused.push(`preload from ${folderName}: ${error.name}: ${error.message}`);
  }
  return inputs;
}
