import { parseEnvelope } from '../../gbcs/envelope.js';
import { rawGbzComponents, readResponseRecords } from '../gbz-components.js';
import type { RefusalRule } from '../local-inputs.js';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import type { CryptoProvider } from '../../gbcs/crypto/provider.js';

/** What reads a ciphered answer (GBCS 4.5): the reference keystore and a crypto provider. */
export interface GbzDecryptKeys { keystore: KeyLookup; provider: CryptoProvider }

// Device-level refusals of GBZ components derived from a reference ERROR or NOT_FOUND response
// (devices.md 6.4: the ERROR commands are mostly byte-identical to their SUCCESS twins, so the
// refusal is the device's). The first component answered with a Default Response whose status is
// neither SUCCESS nor the `FF 01` of a component not executed names the refused component; a Read
// Attributes Response record with a non-zero status names the refused attribute. NOT_FOUND (8B)
// does not stop a command, so every 8B component gets its rule. A ciphered answer (GBCS 4.5) is
// read with the reference keys when the caller gives them (GCS13b ERROR), else not looked into:
// no rule, and the note says so. When the command repeats the refused component's
// cluster command (GCS04 ERROR: three Publish Block Periods, the second refused), the rule names
// its 1-based position in OBIS byte 3 (assembly/gsme/refusals.ts); otherwise byte 3 is 0 (any).

const DEFAULT_RESPONSE = 0x0b;
const NOT_EXECUTED = 0xff;
const NOT_FOUND = 0x8b;
const READ_ATTRIBUTES = 0x00;
/** Refusals answered in data (assembly/gsme/refusals.ts): StartSampling -> sample id FFFF (GCS31 ERROR),
 *  ClearEventLog -> nothing cleared 00 (CS11 ERROR). Keyed cluster/request command, with the answer command and payload. */
const DATA_REFUSALS: readonly { clusterId: number; commandId: number; answerCommandId: number; payload: string }[] = [
  { clusterId: 0x0702, commandId: 0x07, answerCommandId: 0x0d, payload: 'ffff' },
  { clusterId: 0x0709, commandId: 0x01, answerCommandId: 0x02, payload: '00' },
];
const DEVICE_FAILURE = 0xc0;
export const WHOLE_COMPONENT = 0xffff;

export function componentTarget(clusterId: number, commandId: number, attributeId: number, position = 0): RefusalRule['target'] {
  return { classId: clusterId, obis: `0-0:0.${position}.${attributeId >> 8}.${attributeId & 0xff}`, member: commandId };
}

export function deriveGbzRefusalRules(command: Uint8Array, response: Uint8Array, keys?: GbzDecryptKeys): { rules: RefusalRule[]; note?: string } {
  const commandEnvelope = parseEnvelope(command);
  const messageCode = commandEnvelope.otherInfo.messageCode;
  const asked = rawGbzComponents(commandEnvelope.content);
  const answered = rawGbzComponents(parseEnvelope(response).content);
  const rules: RefusalRule[] = [];
  for (let i = 0; i < answered.length; i++) {
    const answer = answered[i]!;
    // One answer per component, or several carrying its sequence number (GCS21b: a calendar Get…
    // answered by one Publish… per record): then the answer's component is found by sequence.
    const index = answered.length === asked.length ? i : asked.findIndex((c) => c.sequence === answer.sequence);
    const request = asked[index];
    if (request === undefined) return { rules, note: `no refusal rule: response component ${i + 1} has no command component` };
    const repeated = asked.filter((c) => c.clusterId === request.clusterId && c.commandId === request.commandId).length > 1;
    const rule = (attributeId: number, status: number): RefusalRule =>
      ({ messageCode, kind: 'COMPONENT', target: componentTarget(request.clusterId, request.commandId, attributeId, repeated ? index + 1 : 0), result: status });
    if (answer.commandId === DEFAULT_RESPONSE && answer.payload.length === 2) {
      const [commandId, status] = [answer.payload[0]!, answer.payload[1]!];
      if (commandId === NOT_EXECUTED || status === 0) continue;
      if (status !== NOT_FOUND) return { rules: [rule(WHOLE_COMPONENT, status), ...rules] }; // the refusal first: the rule table is bounded
      rules.push(rule(WHOLE_COMPONENT, status));
      continue;
    }
    const inData = DATA_REFUSALS.find((d) => d.clusterId === request.clusterId && d.commandId === request.commandId && d.answerCommandId === answer.commandId);
    if (inData !== undefined && answer.cipheredIndex === undefined && Array.from(answer.payload, (b) => b.toString(16).padStart(2, '0')).join('') === inData.payload) {
      return { rules: [rule(WHOLE_COMPONENT, DEVICE_FAILURE), ...rules] };
    }
    const isRead = (request.frameControl & 0x03) === 0 && request.commandId === READ_ATTRIBUTES;
    if (!isRead) continue;
    const payload = answer.cipheredIndex === undefined ? answer.payload : plaintext(response, answer.cipheredIndex, keys);
    if (payload === undefined) return { rules, note: 'no refusal rule: the answer is ciphered (GBCS 4.5)' };
    const failed = readResponseRecords(payload).filter((r) => r.status !== 0);
    for (const r of failed) rules.push(rule(r.attributeId, r.status));
    if (failed.length > 0) return { rules };
  }
  return rules.length > 0 ? { rules } : { rules, note: 'no refusal rule: every component succeeded or was skipped' };
}

function plaintext(response: Uint8Array, cipheredIndex: number, keys: GbzDecryptKeys | undefined): Uint8Array | undefined {
  if (keys === undefined) return undefined;
  try {
    return decodeFullMessage(response, keys).decrypted?.[cipheredIndex]?.plaintext;
  } catch {
    return undefined; // keys missing or the block does not open: no rule, as without keys
  }
}
