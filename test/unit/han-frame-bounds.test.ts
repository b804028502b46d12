// The bounds of the HAN devices (STYLE.md "every *_MAX has a test at max and max + 1"): a meter
// answers a read of HAN_READ_ATTRIBUTES_MAX attributes and refuses one more with BAD_LENGTH; the
// PPMID holds PENDING_TOP_UPS_MAX unanswered top-ups and refuses the next with TABLE_FULL until a
// day has passed (then the oldest are dropped and counted unanswered); the IHD's refresh interval
// is bounded; a HAN frame of no known kind is refused with BAD_ENVELOPE. Nothing refused changes state.
import { describe, expect, it } from 'vitest';
import { ihdScheduleInput, ppmidTopUpInput } from '../../host/han-device-inputs.js';
import { readIhd, readPpmid } from '../../host/han-device-view.js';
import { Status } from '../../host/status.js';
import { createHanPremises, EUI } from '../helpers/han-premises-fixture.js';

const HAN_READ_ATTRIBUTES_MAX = 16;
const PENDING_TOP_UPS_MAX = 4;
const DAY_MS = 86_400_000;

function readRequest(from: string, to: string, count: number): Uint8Array {
  const b = new Uint8Array(19 + 4 * count);
  const v = new DataView(b.buffer);
  b[0] = 0xa1;
  b[1] = 7;
  v.setBigUint64(2, BigInt(`0x${from}`));
  v.setBigUint64(10, BigInt(`0x${to}`));
  b[18] = count;
  for (let i = 0; i < count; i++) v.setUint32(19 + 4 * i, 0x07020000 + i);
  return b;
}

describe('HAN frame bounds', () => {
  it(`a meter answers a read of ${HAN_READ_ATTRIBUTES_MAX} attributes and refuses ${HAN_READ_ATTRIBUTES_MAX + 1} with BAD_LENGTH`, () => {
    const p = createHanPremises(['ESME', 'GPF', 'IHD']);
    const answered = p.deliver('ESME', 'HAN', readRequest(EUI.IHD, EUI.ESME, HAN_READ_ATTRIBUTES_MAX));
    expect(answered.status).toBe(Status.OK);
    expect(answered.han[0]!.length).toBe(19 + 13 * HAN_READ_ATTRIBUTES_MAX);
    expect(p.deliver('ESME', 'HAN', readRequest(EUI.IHD, EUI.ESME, HAN_READ_ATTRIBUTES_MAX + 1))).toMatchObject({ status: Status.BAD_LENGTH, han: [] });
  });

  it(`the PPMID holds ${PENDING_TOP_UPS_MAX} unanswered top-ups, refuses the next with TABLE_FULL, and drops them unanswered after a day`, () => {
    const p = createHanPremises();
    for (let i = 0; i < PENDING_TOP_UPS_MAX; i++) expect(p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.ESME, p.utrn('ESME', 10 + i, 5))).status).toBe(Status.OK);
    const full = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.ESME, p.utrn('ESME', 20, 5)));
    expect(full).toMatchObject({ status: Status.TABLE_FULL, han: [] });
    expect(readPpmid(p.firmware, p.slot.PPMID)).toMatchObject({ entered: PENDING_TOP_UPS_MAX, pending: PENDING_TOP_UPS_MAX, unanswered: 0 });
    p.advance('PPMID', p.now() + DAY_MS + 60_000);
    expect(p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.ESME, p.utrn('ESME', 20, 5))).status).toBe(Status.OK);
    expect(readPpmid(p.firmware, p.slot.PPMID)).toMatchObject({ entered: PENDING_TOP_UPS_MAX + 1, pending: 1, unanswered: PENDING_TOP_UPS_MAX });
  });

  it('the IHD takes a refresh of 10 s .. 1 day and refuses 9 s and a day and a second with BAD_INPUT', () => {
    const p = createHanPremises(['ESME', 'GPF', 'IHD']);
    expect(p.deliver('IHD', 'LOCAL', ihdScheduleInput(10)).status).toBe(Status.OK);
    expect(p.deliver('IHD', 'LOCAL', ihdScheduleInput(86_400)).status).toBe(Status.OK);
    expect(p.deliver('IHD', 'LOCAL', ihdScheduleInput(9)).status).toBe(Status.BAD_INPUT);
    expect(p.deliver('IHD', 'LOCAL', ihdScheduleInput(86_401)).status).toBe(Status.BAD_INPUT);
    expect(readIhd(p.firmware, p.slot.IHD).refreshS).toBe(86_400);
  });

  it('a HAN frame of no known kind is refused with BAD_ENVELOPE; an IHD answer naming an attribute it never asked for with BAD_PAYLOAD', () => {
    const p = createHanPremises(['ESME', 'GPF', 'IHD']);
    expect(p.deliver('ESME', 'HAN', Uint8Array.of(0x42, 1, 2, 3)).status).toBe(Status.BAD_ENVELOPE);
    p.local('IHD', ihdScheduleInput(60));
    const [toEsme] = p.advance('IHD', p.now() + 60_000).han;
    const answer = Uint8Array.from(p.deliver('ESME', 'HAN', toEsme!).han[0]!);
    answer[19 + 3] = 0x99; // the first record's attribute id becomes 0x0099
    expect(p.deliver('IHD', 'HAN', answer).status).toBe(Status.BAD_PAYLOAD);
    expect(readIhd(p.firmware, p.slot.IHD)).toMatchObject({ answers: 0 });
  });
});
