import type { KeyLookup, KeyUsageSlot } from '../../gbcs/keys/keystore.js';
import { deviceLogEntryInput, trustAnchorInput } from '../local-inputs.js';

// The reference ESME's certificate store (devices.md R.12 "certificate store (trust-anchor cells,
// sequence numbers, certificates as in the responses), device log"): which remote parties it holds
// cells for, in which order, and each role's credential sequence number, as data; the cells' subjects
// and key identifiers come from the reference keystore's certificates themselves (GBCS 4.7), which
// the device parses when they are installed (LOCAL TRUST_ANCHOR). Sources [D]: the cells listed by
// 6.24.1_CS02aMAC / CS02fMAC SUCCESS and NA_CS02aSignature (SUCCESS, ERROR) responses, and the old
// cells the CS02b recovery and TransCoS-by-TransCoS responses report (roles 1 and 5); the device
// log is implied by 8.7.1_CS03A1 (…9A already joined as an HCALCS: the ERROR variant, which joins
// it as a PPMID, is "incompatible with an existing device-log entry", R.6) and 8.8.1_CS04ACCritical
// (…99 is unjoined with success).

export interface ReferenceTrustAnchor {
  role: number;
  eui: string;
  usage: KeyUsageSlot;
  /** 1 = the supplier's prepayment KA cell (GBCS 4.7 "-pp-ka"); 0 otherwise. */
  cellId: number;
  sequenceNumber: number;
}

const SUPPLIER = '90B3D51F30010000';
const NETWORK_OPERATOR = '90B3D51F30020000';
const ACB = '90B3D51F30000002';
const ROLE_8_PARTY = '90B3D51F30010008';
const RECOVERY = '90B3D51F30000001';
const TRANSCOS = '90B3D51F30000004';

/** In the order the device lists them (DS before KA, the prepayment cell last). */
export const REFERENCE_ESME_TRUST_ANCHORS: readonly ReferenceTrustAnchor[] = [
  { role: 1, eui: RECOVERY, usage: 'ds', cellId: 0, sequenceNumber: 0 }, // [D] NA_CS02bAnyExceptAbnormalRootByRecovery old cell
  { role: 5, eui: TRANSCOS, usage: 'ds', cellId: 0, sequenceNumber: 0 }, // [D] NA_CS02bTransCoSByTransCoS old cell
  { role: 2, eui: SUPPLIER, usage: 'ds', cellId: 0, sequenceNumber: 0 },
  { role: 2, eui: SUPPLIER, usage: 'ka', cellId: 0, sequenceNumber: 0 },
  { role: 2, eui: SUPPLIER, usage: 'pp-ka', cellId: 1, sequenceNumber: 0 },
  { role: 3, eui: NETWORK_OPERATOR, usage: 'ds', cellId: 0, sequenceNumber: 1 },
  { role: 3, eui: NETWORK_OPERATOR, usage: 'ka', cellId: 0, sequenceNumber: 1 },
  { role: 4, eui: ACB, usage: 'ds', cellId: 0, sequenceNumber: 0 },
  { role: 4, eui: ACB, usage: 'ka', cellId: 0, sequenceNumber: 0 },
  { role: 8, eui: ROLE_8_PARTY, usage: 'ds', cellId: 0, sequenceNumber: 1 },
  { role: 8, eui: ROLE_8_PARTY, usage: 'ka', cellId: 0, sequenceNumber: 1 },
];

/** GBCS 7 device types of the HAN devices joined to the reference ESME. */
export const REFERENCE_ESME_DEVICE_LOG: readonly { eui: string; deviceType: number; source: string }[] = [
  { eui: '00DB123456789099', deviceType: 5, source: '[A] type: CS04AC unjoins it without naming one' },
  { eui: '00DB12345678909A', deviceType: 4, source: '[D] CS03A1 SUCCESS joins it as an HCALCS' },
];

/** Sequence numbers that differ between folders (like devices.md R.10) [D]: NA_CS02aSignature
 *  reports the network operator's as 0, 6.24.1_CS02aMAC as 1. */
export const REFERENCE_ESME_SEQUENCE_OVERRIDES: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  NA_CS02aSignature: { 3: 0 },
};

/** LOCAL inputs installing the store of a folder; a certificate missing from the keystore is reported, not thrown. */
export function referenceEsmeCredentialInputs(keystore: KeyLookup, refused: string[], folderName = ''): [string, Uint8Array][] {
  const inputs: [string, Uint8Array][] = [];
  const overrides = REFERENCE_ESME_SEQUENCE_OVERRIDES[folderName] ?? {};
  for (const anchor of REFERENCE_ESME_TRUST_ANCHORS) {
    const a = { ...anchor, sequenceNumber: overrides[anchor.role] ?? anchor.sequenceNumber };
    const certificate = keystore.certificate(a.eui, a.usage);
    if (certificate === undefined) {
      refused.push(`TRUST_ANCHOR ${a.eui} ${a.usage}: no certificate in the keystore`);
      continue;
    }
    inputs.push([`TRUST_ANCHOR role ${a.role} ${a.eui} ${a.usage}`, trustAnchorInput(a.role, a.cellId, a.sequenceNumber, certificate.der)]);
  }
  for (const e of REFERENCE_ESME_DEVICE_LOG) inputs.push([`DEVICE_LOG_ENTRY ${e.eui}`, deviceLogEntryInput(e.eui, e.deviceType)]);
  return inputs;
}
