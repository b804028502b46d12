import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import { decodeAxdr, encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { decodePayload } from '../../gbcs/payload/index.js';
import type { AccessRequestItem } from '../../gbcs/payload/dlms-request.js';
import { readHexFile, parseReferenceName, type ReferenceFileName } from '../conformance/reference-files.js';
import type { CosemTarget } from '../local-inputs.js';

// Values PRELOADED FROM REFERENCE DATA (devices.md R.12): the parts of the reference ESME's state
// that devices.md does not state in full because they are synthetic and cannot be simulated (R.5
// logs and profiles) or too long to list (the price matrix, calendars, the credit/charge
// configuration, TOU registers: R.3, R.11 "must be taken from the file"). They are read AT RUN
// TIME from the folder's reference SUCCESS response, never copied into the project: each GET /
// GET-with-selection item answered with success gives the value of the attribute the command
// item names; each protected read (class 30 m1, GBCS 4.5) is decrypted with the reference
// keystore and its plaintext structure gives the values of the attributes its descriptors name.
// The caller decides which of these it writes (only objects the spec leaves to the data).

export interface PreloadedValue {
  target: CosemTarget;
  /** The A-XDR value as the reference device returned it. */
  value: Uint8Array;
  /** The reference file it was read from. */
  file: string;
}

const DATA_PROTECTION_CLASS = 30; // GBCS 5.4: class 30 m1 get_protected_attributes
const SUCCESS = 0;
/** Files in one reference folder we look at; RTDS folders hold at most ~60. */
const FOLDER_FILES_MAX = 1000;

/**
 * Every value the folder's SUCCESS responses reveal, first file first (sorted names), except that
 * the responses recorded on the same meter variant as `variant` (TWIN or not, devices.md R.10) come
 * before the others: a TWIN command sees the twin meter's logs and registers.
 */
export function preloadedValues(rtdsDir: string, keystoreDir: string, folderName: string, provider: CryptoProvider, variant = ''): PreloadedValue[] {
  const dir = join(rtdsDir, folderName);
  const names = readdirSync(dir).sort().slice(0, FOLDER_FILES_MAX);
  const twin = (v: string) => v.split('_').includes('TWIN');
  const sameMeter = (f: ReferenceFileName) => (twin(f.variant) === twin(variant) ? 0 : 1);
  const files = names.map(parseReferenceName).filter((f): f is ReferenceFileName => f !== undefined);
  files.sort((a, b) => sameMeter(a) - sameMeter(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const values: PreloadedValue[] = [];
  let keystore: KeyStore | undefined;
  for (const response of files) {
    if (response.kind !== 'RESPONSE' || !response.variant.split('_').includes('SUCCESS')) continue;
    const command = files.find((f) => f.kind === 'COMMAND' && f.variant === response.variant);
    if (command === undefined) continue;
    const commandBytes = readHexFile(join(dir, command.file));
    const responseBytes = readHexFile(join(dir, response.file));
    const request = dlmsItems(commandBytes, 'access-request');
    const answer = dlmsItems(responseBytes, 'access-response');
    if (request === undefined || answer === undefined) continue;
    let plaintexts: Uint8Array[] | undefined;
    request.forEach((item, i) => {
      const result = answer[i];
      if (result === undefined || result.result !== SUCCESS) return;
      if (item.kind === 'get' || item.kind === 'get-with-selection') {
        values.push({ target: targetOf(item), value: encodeAxdr(result.data), file: response.file });
        return;
      }
      if (item.kind !== 'action' || item.target.classId !== DATA_PROTECTION_CLASS) return;
      keystore ??= KeyStore.loadDir(keystoreDir);
      plaintexts ??= (decodeFullMessage(responseBytes, { keystore, provider }).decrypted ?? []).map((b) => b.plaintext);
      const plaintext = plaintexts.shift();
      if (plaintext === undefined) return;
      const read = decodeAxdr(plaintext);
      const descriptors = protectedDescriptors(item.data);
      if (read.type !== 'structure' || descriptors.length !== read.items.length) return;
      descriptors.forEach((target, j) => values.push({ target, value: encodeAxdr(read.items[j]!), file: response.file }));
    });
  }
  return values;
}

interface ItemResult {
  result: number;
  data: AxdrData;
}

function dlmsItems(bytes: Uint8Array, apdu: 'access-request'): AccessRequestItem[] | undefined;
function dlmsItems(bytes: Uint8Array, apdu: 'access-response'): ItemResult[] | undefined;
function dlmsItems(bytes: Uint8Array, apdu: 'access-request' | 'access-response'): AccessRequestItem[] | ItemResult[] | undefined {
  const env = parseEnvelope(bytes);
  const payload = decodePayload(env.content, { messageCode: env.otherInfo.messageCode, cra: env.cra });
  if (payload.kind !== 'dlms' || payload.body.apdu !== apdu) return undefined;
  return payload.body.apdu === 'access-request' ? [...payload.body.items] : payload.body.apdu === 'access-response' ? [...payload.body.items] : undefined;
}

function targetOf(item: AccessRequestItem): CosemTarget {
  return { classId: item.target.classId, obis: item.target.obis, member: item.member };
}

/** The attributes a class 30 m1 parameter lists: structure { array of descriptors {class, OBIS, attribute, …}, … }. */
function protectedDescriptors(parameter: AxdrData): CosemTarget[] {
  if (parameter.type !== 'structure') return [];
  const list = parameter.items[0];
  if (list === undefined || list.type !== 'array') return [];
  const targets: CosemTarget[] = [];
  for (const descriptor of list.items) {
    if (descriptor.type !== 'structure') return [];
    const [classId, obis, attribute] = descriptor.items;
    if (classId?.type !== 'long-unsigned' || obis?.type !== 'octet-string' || attribute?.type !== 'integer') return [];
    const b = obis.value;
    targets.push({ classId: classId.value, obis: `${b[0]}-${b[1]}:${b[2]}.${b[3]}.${b[4]}.${b[5]}`, member: attribute.value });
  }
  return targets;
}
