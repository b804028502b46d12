import { existsSync, readdirSync } from 'node:fs';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { EmulatorError } from '../../gbcs/errors.js';
import { join } from 'node:path';
import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import { GSME_COMMANDS } from '../../gbcs/tables/gsme-commands.js';
import type { ReferenceDirs } from '../conformance/profile.js';
import { readHexFile, parseReferenceName, type ReferenceFileName } from '../conformance/reference-files.js';
import { rawGbzComponents, readResponseRecords, type RawGbzComponent } from '../gbz-components.js';
import { deviceLogEntryInput, trustAnchorInput } from '../local-inputs.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import type { ReferenceTrustAnchor } from './reference-esme-credentials.js';
import { MIRROR_CLOCK_STATUS, setGbzLogInput, setGbzRecordInput, setGsmeStateInput, setMirrorSyncInput, setZclAttributeInput } from '../gsme-inputs.js';

// The reference GSME / GPF profile (devices.md Appendix S): the ZCL state of the reference gas
// meter 00DB1234567890A1 and of the GPF mirror 00DB1234567890A3, as LOCAL inputs.
// 1. The S.2 values devices.md states (typed as the reference Read Attributes Responses carry
//    them), and the GSME state behind the ChangePaymentModeResponse and StartSampling (S.2).
// 2. PRELOADED FROM REFERENCE DATA (devices.md S.4: the logs are synthetic and must be held as
//    given): at run time, from the folder's reference SUCCESS responses (the command variant's own
//    first), the records of every Read Attributes Response, the entries every log read returns
//    (ciphered ones decrypted with the reference keystore, GBCS 4.5) and the records Get… commands
//    return (billing period, event configuration). Later inputs overwrite earlier ones, so the
//    variant's own response is applied last.

const PRICE = 0x0700;
const METERING = 0x0702;
const PREPAYMENT = 0x0705;
const DEVICE_MANAGEMENT = 0x0708;
const READ_ATTRIBUTES = 0x00;
const INT32 = 0x2b;
const UINT32 = 0x23;
const UINT16 = 0x21;
const ENUM8 = 0x30;
const BITMAP8 = 0x18;
const OCTETS = 0x41;

function typed(type: number, value: number | string): Uint8Array {
  if (typeof value === 'string') return Uint8Array.of(type, value.length, ...Buffer.from(value, 'latin1'));
  const size = type === ENUM8 || type === BITMAP8 ? 1 : type === UINT16 ? 2 : 4;
  const bytes = new Uint8Array(1 + size);
  bytes[0] = type;
  for (let i = 0; i < size; i++) bytes[1 + i] = Number((BigInt.asUintN(32, BigInt(value)) >> BigInt(8 * i)) & 0xffn);
  return bytes;
}

export interface ZclProfileValue {
  clusterId: number;
  attributeId: number;
  typed: Uint8Array;
  source: string;
}

const at = (clusterId: number, attributeId: number, type: number, value: number | string, source = 'S.2'): ZclProfileValue => ({ clusterId, attributeId, typed: typed(type, value), source });

/** devices.md S.2 values (money as the raw ZSE integers). */
export const REFERENCE_GSME_VALUES: readonly ZclProfileValue[] = [
  at(PREPAYMENT, 0x0001, INT32, 2_500_000),
  at(PREPAYMENT, 0x0002, INT32, 500_000),
  at(PREPAYMENT, 0x0005, INT32, 2_500_000),
  at(PREPAYMENT, 0x0006, INT32, 1_000_000),
  at(PREPAYMENT, 0x0010, UINT32, 1_000_000),
  at(PREPAYMENT, 0x0011, UINT32, 200_000),
  at(PREPAYMENT, 0x0021, UINT32, 10_000_000),
  at(PREPAYMENT, 0x0022, UINT32, 5_000_000),
  at(PREPAYMENT, 0x0031, UINT32, 500_000),
  at(PREPAYMENT, 0x0040, INT32, -5_000_000),
  at(PREPAYMENT, 0x0211, UINT32, 5_000),
  at(PREPAYMENT, 0x0221, UINT32, 5_000),
  at(PREPAYMENT, 0x0231, UINT32, 5_000),
  at(PRICE, 0x0616, UINT16, 826),
  at(PRICE, 0x0617, BITMAP8, 0x50),
  at(METERING, 0x0014, ENUM8, 2),
  at(METERING, 0x0205, UINT16, 100),
  at(METERING, 0x0307, OCTETS, '1000999888'),
  at(METERING, 0x0607, ENUM8, 3),
  at(METERING, 0x0608, ENUM8, 3),
  at(METERING, 0x0a00, UINT32, 3_500_000),
];

/**
 * Per-folder values (devices.md S.2 "Credit after top-up", S.4: CS01b and PCS01 cannot both be
 * exact from one balance). 2.2_CS01b: the SUCCESS answer reports 25 144 000 credit remaining after
 * the 1 250 000 top-up, so the reference GSME held 23 894 000 before it (CREDIT mode: the whole
 * top-up goes to the balance, devices 4.2), with a maximum credit limit (MaxMB) of at least that
 * sum, where S.2's 10 000 000 would refuse it [A: the smallest limit that admits the answer].
 */
export const REFERENCE_GSME_FOLDER_OVERRIDES: Readonly<Record<string, readonly ZclProfileValue[]>> = {
  '2.2_CS01b': [
    at(PREPAYMENT, 0x0021, UINT32, 25_144_000, 'S.2 credit after top-up'),
    at(PREPAYMENT, 0x0001, INT32, 23_894_000, 'S.2 credit after top-up'),
  ],
};

/** S.2: next sample id 2 (GCS31), friendly credit 01 with calendar 2 (ChangePaymentModeResponse). */
export const REFERENCE_GSME_STATE = { nextSampleId: 2, friendlyCredit: 1, friendlyCreditCalendarId: 2 } as const;

/** devices.md S.2 "GSME device log" ([D] 8.9_CS07 SUCCESS), GBCS 7 device types (3 GPF, 5 PPMID), in the order CS07 lists them. */
export const REFERENCE_GSME_DEVICE_LOG: readonly { eui: string; deviceType: number }[] = [
  { eui: '0102030405060708', deviceType: 3 },
  { eui: '00DB123456789099', deviceType: 3 },
  { eui: '00DB123456789097', deviceType: 5 },
];

export function referenceGsmeInputs(): [string, Uint8Array][] {
  const s = REFERENCE_GSME_STATE;
  return [
    ['SET_GSME_STATE (S.2)', setGsmeStateInput(s.nextSampleId, s.friendlyCredit, s.friendlyCreditCalendarId)],
    ...REFERENCE_GSME_DEVICE_LOG.map((e): [string, Uint8Array] => [`DEVICE_LOG_ENTRY ${e.eui} (S.2)`, deviceLogEntryInput(e.eui, e.deviceType)]),
    ...REFERENCE_GSME_VALUES.map((v): [string, Uint8Array] => [`SET_ZCL_ATTRIBUTE ${hex4(v.clusterId)}/${hex4(v.attributeId)} (${v.source})`, setZclAttributeInput(v.clusterId, v.attributeId, v.typed)]),
  ];
}

/**
 * The mirror reads' header date-time per variant (devices.md 6.3 "Reliability flag", gbcs.md 1.2):
 * RELIABLE_GPF and ERROR the device clock with 00, RELIABLE_GSME 04, UNRELIABLE data obtained at
 * 2015-01-01 09:00:00 with 02 (a separately held "data obtained at" time after the 00:00 clock, devices.md Appendix S).
 */
export function referenceMirrorSync(variant: string): { clockStatus: number; obtainedAtMs: number | undefined } {
  if (variant.includes('UNRELIABLE')) return { clockStatus: MIRROR_CLOCK_STATUS.DOUBTFUL, obtainedAtMs: Date.UTC(2015, 0, 1, 9) };
  if (variant.includes('RELIABLE_GSME')) return { clockStatus: MIRROR_CLOCK_STATUS.AT_GSME_WAKE, obtainedAtMs: undefined };
  return { clockStatus: MIRROR_CLOCK_STATUS.CURRENT, obtainedAtMs: undefined };
}

const ACB = '90B3D51F30000002';
const SUPPLIER = '90B3D51F30010000';

/**
 * The trust-anchor cells of the reference GSME and GPF (devices.md R.12 form, as data). GSME [D]
 * 6.24.1_CS02aMAC ERROR: the ACB's KA cell only (role 4, sequence 0), no network operator cell;
 * the supplier's cells [A]. GPF [D] 6.21 CS02b handovers: every old supplier and network
 * operator cell reported holds the ACB's certificate (DS, KA, and the supplier's prepayment KA cell).
 */
export const REFERENCE_GAS_TRUST_ANCHORS: Readonly<Record<'GSME' | 'GPF', readonly ReferenceTrustAnchor[]>> = {
  GSME: [
    { role: 2, eui: SUPPLIER, usage: 'ds', cellId: 0, sequenceNumber: 0 },
    { role: 2, eui: SUPPLIER, usage: 'ka', cellId: 0, sequenceNumber: 0 },
    { role: 4, eui: ACB, usage: 'ka', cellId: 0, sequenceNumber: 0 },
  ],
  GPF: [
    { role: 2, eui: ACB, usage: 'ds', cellId: 0, sequenceNumber: 0 },
    { role: 2, eui: ACB, usage: 'ka', cellId: 0, sequenceNumber: 0 },
    { role: 2, eui: ACB, usage: 'ka', cellId: 1, sequenceNumber: 0 },
    { role: 3, eui: ACB, usage: 'ds', cellId: 0, sequenceNumber: 0 },
    { role: 3, eui: ACB, usage: 'ka', cellId: 0, sequenceNumber: 0 },
    { role: 4, eui: ACB, usage: 'ds', cellId: 0, sequenceNumber: 0 },
    { role: 4, eui: ACB, usage: 'ka', cellId: 0, sequenceNumber: 0 },
  ],
};

/** TRUST_ANCHOR inputs of the reference GSME or GPF; a certificate missing from the keystore is reported. */
export function referenceGasCredentialInputs(deviceType: 'GSME' | 'GPF', keystore: KeyLookup, refused: string[]): [string, Uint8Array][] {
  const inputs: [string, Uint8Array][] = [];
  for (const a of REFERENCE_GAS_TRUST_ANCHORS[deviceType]) {
    const certificate = keystore.certificate(a.eui, a.usage);
    if (certificate === undefined) {
      refused.push(`TRUST_ANCHOR ${a.eui} ${a.usage}: no certificate in the keystore`);
      continue;
    }
    inputs.push([`TRUST_ANCHOR role ${a.role} cell ${a.cellId} ${a.eui} ${a.usage}`, trustAnchorInput(a.role, a.cellId, a.sequenceNumber, certificate.der)]);
  }
  return inputs;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

const GET_LOG_ROWS = GSME_COMMANDS.filter((r) => r.handler === 'get-log' || r.handler === 'get-record' || r.handler === 'get-event-configuration');
const SNAPSHOT_REQUESTS = new Set([`${METERING}/6`, `${PREPAYMENT}/7`]);
const FOLDER_FILES_MAX = 1000;

/** LOCAL inputs for what the folder's SUCCESS responses reveal (devices.md S.4), the variant's own response last. */
export function preloadedGsmeInputs(rtdsDir: string, keystoreDir: string, folderName: string, variant: string, provider: CryptoProvider): [string, Uint8Array][] {
  const dir = join(rtdsDir, folderName);
  const files = readdirSync(dir).sort().slice(0, FOLDER_FILES_MAX).map(parseReferenceName).filter((f): f is ReferenceFileName => f !== undefined);
  // The variant's own response too when it is not a SUCCESS one: the data answers of an ERROR
  // response are the device's records as well (GCS16a ERROR reads a third, earlier snapshot).
  const responses = files.filter((f) => f.kind === 'RESPONSE' && (f.variant.split('_').includes('SUCCESS') || f.variant === variant));
  responses.sort((a, b) => Number(a.variant === variant) - Number(b.variant === variant));
  const inputs: [string, Uint8Array][] = [];
  let keystore: KeyStore | undefined;
  for (const response of responses) {
    const command = files.find((f) => f.kind === 'COMMAND' && f.variant === response.variant);
    if (command === undefined) continue;
    const commandEnvelope = parseEnvelope(readHexFile(join(dir, command.file)));
    const responseBytes = readHexFile(join(dir, response.file));
    const responseEnvelope = parseEnvelope(responseBytes);
    if (commandEnvelope.content[0] !== 0x01 || responseEnvelope.content[0] !== 0x01) continue; // not GBZ
    const asked = rawGbzComponents(commandEnvelope.content);
    const answered = rawGbzComponents(responseEnvelope.content);
    let plaintexts: Uint8Array[] | undefined;
    const payloadOf = (c: RawGbzComponent): Uint8Array | undefined => {
      if (c.cipheredIndex === undefined) return c.payload;
      keystore ??= KeyStore.loadDir(keystoreDir);
      plaintexts ??= (decodeFullMessage(responseBytes, { keystore, provider }).decrypted ?? []).map((b) => b.plaintext);
      return plaintexts[c.cipheredIndex];
    };
    // One answer per component, or several with the component's sequence number (a calendar Get…
    // answered by one Publish… per record, GCS21b): the k-th of them is log entry k.
    const answersOf = (request: RawGbzComponent, i: number): RawGbzComponent[] =>
      answered.length === asked.length ? [answered[i]!] : answered.filter((a) => a.sequence === request.sequence);
    asked.forEach((request, i) => answersOf(request, i).forEach((answer, k) => {
      if (answer.commandId === 0x0b) return; // a Default Response carries no state
      const payload = payloadOf(answer);
      if (payload === undefined) return;
      const from = `(preloaded from ${response.file})`;
      if ((request.frameControl & 0x03) === 0 && request.commandId === READ_ATTRIBUTES) {
        for (const r of readResponseRecords(payload)) {
          if (r.typed) inputs.push([`SET_ZCL_ATTRIBUTE ${hex4(answer.clusterId)}/${hex4(r.attributeId)} ${from}`, setZclAttributeInput(answer.clusterId, r.attributeId, r.typed)]);
        }
        return;
      }
      const row = GET_LOG_ROWS.find((r) => r.clusterId === request.clusterId && r.commandId === request.commandId && (r.direction === 'server-to-client') === ((request.frameControl & 0x08) !== 0));
      if (row === undefined) return;
      if (row.handler === 'get-record') inputs.push([`SET_GBZ_RECORD ${hex4(answer.clusterId)}/${row.recordCommandId} ${from}`, setGbzRecordInput(answer.clusterId, row.recordCommandId!, payload)]);
      else if (row.handler === 'get-event-configuration') inputs.push([`SET_GBZ_RECORD ${hex4(DEVICE_MANAGEMENT)}/4 ${from}`, setGbzRecordInput(DEVICE_MANAGEMENT, 0x04, payload.subarray(2))]);
      else {
        const index = SNAPSHOT_REQUESTS.has(`${request.clusterId}/${request.commandId}`) ? (request.payload[8] ?? 0) : k;
        inputs.push([`SET_GBZ_LOG ${hex4(answer.clusterId)}/${answer.commandId}/${index} ${from}`, setGbzLogInput(answer.clusterId, answer.commandId, index, payload)]);
      }
    }));
  }
  return inputs;
}

/** The whole reference GSME / GPF profile of a folder and command variant; a preload that fails is reported in `refused`. */
export function referenceGsmeProfile(folderName: string, variant: string, dirs: ReferenceDirs, refused: string[]): [string, Uint8Array][] {
  const mirror = referenceMirrorSync(variant);
  const inputs = referenceGsmeInputs();
  for (const v of REFERENCE_GSME_FOLDER_OVERRIDES[folderName] ?? []) {
    inputs.push([`SET_ZCL_ATTRIBUTE ${hex4(v.clusterId)}/${hex4(v.attributeId)} (${v.source}, folder ${folderName})`, setZclAttributeInput(v.clusterId, v.attributeId, v.typed)]);
  }
  inputs.push([`SET_MIRROR_SYNC ${hex4(mirror.clockStatus)} (devices.md 6.3, variant ${variant})`, setMirrorSyncInput(mirror.clockStatus, mirror.obtainedAtMs)]);
  if (!existsSync(join(dirs.rtdsDir, folderName))) return inputs;
  try {
    inputs.push(...preloadedGsmeInputs(dirs.rtdsDir, dirs.keystoreDir, folderName, variant, createNodeProvider()));
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    refused.push(`preload from ${folderName}: ${error.name}: ${error.message}`);
  }
  return inputs;
}
