// GCS31 Start sampling and CS11 Clear ZigBee device event log ERROR variants (RTDS 14.1, 3.3;
// devices 6.4): these refusals are data answers, not Default Responses: a refused StartSampling
// answers StartSamplingResponse with sample id FFFF, a refused ClearEventLog answers
// ClearEventLogResponse with nothing cleared (00) (assembly/gsme/refusals.ts refusalAnswer). The
// conformance runner derives the rule from those answers (host/conformance/gbz-refusals.ts).
import { describe, expect, it } from 'vitest';
import { rawGbzComponents } from '../../host/gbz-components.js';
import { refusalRuleInput } from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { deriveRefusalRules } from '../../host/conformance/refusals.js';
import { referenceFile, requireSharedData } from '../gbcs/reference-data.js';
import { createHanWorld } from '../helpers/han-fixture.js';

requireSharedData();

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const one = (clusterHex: string, body: string) => hex(`010901` + `01${clusterHex}${(body.length / 2).toString(16).padStart(4, '0')}${body}`);
const START_SAMPLING = one('0702', '010007804A371C000000000068012900');
const CLEAR_EVENT_LOG = one('0709', '01000103');

function answer(messageCode: number, content: Uint8Array, refuse?: { classId: number; member: number }) {
  const world = createHanWorld('GSME');
  if (refuse !== undefined) {
    expect(world.local(refusalRuleInput({ messageCode, kind: 'COMPONENT', target: { ...refuse, obis: '0-0:0.0.255.255' }, result: 0xc0 }))).toBe(Status.OK);
  }
  const reply = world.send(SUPPLIER_EUI, messageCode, () => content);
  expect(reply.status).toBe(Status.OK);
  const [a] = rawGbzComponents(reply.out[0]!.envelope.content);
  return [a!.commandId, Buffer.from(a!.payload).toString('hex').toUpperCase()];
}

describe('GCS31 / CS11 ERROR: refusals answered in data', () => {
  it('GCS31: StartSampling refused answers StartSamplingResponse FFFF; unrefused it answers a sample id', () => {
    expect(answer(0x0080, START_SAMPLING, { classId: 0x0702, member: 0x07 })).toEqual([0x0d, 'FFFF']);
    expect(answer(0x0080, START_SAMPLING)[1]).not.toBe('FFFF');
  });

  it('CS11: ClearEventLog refused answers ClearEventLogResponse 00 (nothing cleared)', () => {
    expect(answer(0x0015, CLEAR_EVENT_LOG, { classId: 0x0709, member: 0x01 })).toEqual([0x02, '00']);
  });

  it('the runner derives a C0 rule on the command from those answers', () => {
    for (const [folder, uc, classId, member] of [['14.1_GCS31', 'GCS31_14.1', 0x0702, 0x07], ['3.3_CS11', 'CS11_3.3', 0x0709, 0x01]] as const) {
      const derived = deriveRefusalRules(referenceFile(folder, `${uc}_ERROR_COMMAND`).bytes, referenceFile(folder, `${uc}_ERROR_RESPONSE`).bytes);
      expect(derived.rules).toMatchObject([{ kind: 'COMPONENT', target: { classId, member, obis: '0-0:0.0.255.255' }, result: 0xc0 }]);
    }
  });
});
