// GCS21b Read Tariff Calendar on the GSME (RTDS 4.13; gbcs.md 6.1): a calendar Get… is answered by
// one Publish… per stored record, each carrying the Get's sequence number, the header's component
// count grown by the extra answers and the last bit only on the very last component
// (assembly/gsme/logs.ts). Records are the log entries 0, 1, … of the answer command (LOCAL
// SET_GBZ_LOG); none answers NOT_FOUND (8B) and the next component still runs.
import { describe, expect, it } from 'vitest';
import { setGbzLogInput } from '../../host/gsme-inputs.js';
import { rawGbzComponents } from '../../host/gbz-components.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createHanWorld } from '../helpers/han-fixture.js';

const GCS21B = 0x00b5;
const CALENDAR = 0x0707;
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const record = (n: number) => hex(`00000000804A371C80BD0F1C0${n}03000103000001`);

/** GBZ content of GetCalendar (seq 2) then GetDayProfiles (seq 3), as GCS21b sends them. */
const getCalendarAndDayProfiles = () => {
  const component = (control: string, seq: string, cmd: string) => `${control}0707000D01${seq}${cmd}00000000FEFFFFFF0100`;
  return hex(`010902${component('00', '02', '01')}${component('01', '03', '02')}`);
};

describe('4.13_GCS21b calendar Get… answered by one Publish… per record', () => {
  it('three calendar records: three PublishCalendar with sequence 2, then NOT_FOUND for the day profiles (last)', () => {
    const world = createHanWorld('GSME');
    for (let n = 0; n < 3; n++) expect(world.local(setGbzLogInput(CALENDAR, 0x01, n, record(n + 1)))).toBe(Status.OK);
    const reply = world.send(SUPPLIER_EUI, GCS21B, () => getCalendarAndDayProfiles());
    expect(reply.status).toBe(Status.OK);
    const content = reply.out[0]!.envelope.content;
    expect(content[2]).toBe(4); // component count: 3 answers + 1
    const answers = rawGbzComponents(content);
    expect(answers.map((a) => [a.sequence, a.commandId, a.control & 1])).toEqual([[2, 1, 0], [2, 1, 0], [2, 1, 0], [3, 0x0b, 1]]);
    expect(answers.slice(0, 3).map((a) => Buffer.from(a.payload).toString('hex').toUpperCase())).toEqual([1, 2, 3].map((n) => Buffer.from(record(n)).toString('hex').toUpperCase()));
    expect(Buffer.from(answers[3]!.payload).toString('hex')).toBe('028b');
  });

  it('no record: one NOT_FOUND per Get, the count unchanged', () => {
    const world = createHanWorld('GSME');
    const content = world.send(SUPPLIER_EUI, GCS21B, () => getCalendarAndDayProfiles()).out[0]!.envelope.content;
    expect(content[2]).toBe(2);
    expect(rawGbzComponents(content).map((a) => Buffer.from(a.payload).toString('hex'))).toEqual(['018b', '028b']);
  });
});
