// GBZ component refusals by position (devices.md 6.4; assembly/gsme/refusals.ts): a LOCAL
// REFUSAL_RULE of kind COMPONENT whose OBIS byte 3 names a 1-based component position refuses only
// that component of a command repeating one cluster command (GCS04 ERROR: the second of three
// Publish Block Periods answers C0, the first runs and answers 00, the third FF 01); byte 3 = 0
// refuses every occurrence, so the first answers C0 and the rest FF 01.
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { rawGbzComponents } from '../../host/gbz-components.js';
import { refusalRuleInput } from '../../host/local-inputs.js';
import { referenceFile, requireSharedData } from '../gbcs/reference-data.js';
import { Status } from '../../host/status.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { createHanWorld } from '../helpers/han-fixture.js';

requireSharedData();

const GCS04 = 0x006e;
const answers = (content: Uint8Array) => rawGbzComponents(content).map((c) => Buffer.from(c.payload).toString('hex').toUpperCase());

function runGcs04(position: number) {
  const world = createHanWorld('GSME');
  const rule = refusalRuleInput({ messageCode: GCS04, kind: 'COMPONENT', target: { classId: 0x0705, obis: `0-0:0.${position}.255.255`, member: 0x02 }, result: 0xc0 });
  expect(world.local(rule)).toBe(Status.OK);
  // The reference GCS04 content (three PublishBlockPeriod components), re-addressed to this world's GSME.
  const content = parseEnvelope(referenceFile('2.3_GCS04', 'GCS04_2.3_ERROR_PRECOMMAND').bytes).content;
  const reply = world.send(SUPPLIER_EUI, GCS04, () => content);
  expect(reply.out.length).toBe(1);
  return answers(reply.out[0]!.envelope.content);
}

describe('GCS04 ERROR: a refusal rule naming a component position (devices 6.4)', () => {
  it('position 2: the first component runs (00), the second answers C0, the third FF 01', () => {
    expect(runGcs04(2)).toEqual(['0200', '02C0', 'FF01']);
  });

  it('position 0 (any): the first occurrence answers C0 and the rest FF 01', () => {
    expect(runGcs04(0)).toEqual(['02C0', 'FF01', 'FF01']);
  });
});
