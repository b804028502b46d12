// The PPMID and the IHD in a premises run (issue 6 points 3 and 6; devices 8.1, 8.2): HAN frames
// between devices cross the hub like every HAN frame. A UTRN typed on the PPMID for the GSME
// (PCS01) waits at the GPF until the GSME wakes, is delivered on the HAN and answered to the
// PPMID; one for the ESME (PECS01) is answered within the HAN's latency. The IHD reads the ESME
// and the GPF on its own schedule, and every gas figure the GPF answers is what its mirror held.
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { runPremises } from '../../host/premises.js';
import { validateScenario } from '../../host/scenario/validate.js';
import { CHANNEL } from '../../host/status.js';
import { WORLD_NOTE } from '../../host/world/premises-stats.js';

const ESME = '00DB000000000001';
const GPF = '00DD000000000001';
const GSME = '00DE000000000001';
const PPMID = '00DF000000000001';
const IHD = '00E0000000000001';
const PCS01 = 0x009b;
const SET_ZCL_ATTRIBUTE = 48;
const HAN_READ_RESPONSE = 0xa2;

const scenario = validateScenario({
  format: 'smartmeter-scenario', version: 1, start: '2026-01-05T00:00:00Z', days: 2,
  premises: [{
    devices: ['ESME', 'CHF', 'GPF', 'GSME', 'PPMID', 'IHD'],
    gas: { paymentMode: 'prepayment', tariff: { unitPriceMilliPencePerKWh: 6300, standingChargeMilliPencePerDay: 31400 } },
    topUps: [
      { useCase: 'CS01a', entry: 'ppmid', weekday: 1, localTime: '19:30', valuePounds: 10 },
      { useCase: 'CS01b', entry: 'ppmid', weekday: 1, localTime: '19:35', valuePounds: 15 },
    ],
    han: { lossPerMille: 0, ihdRefreshMin: 20 },
  }],
  wan: { latency: { minMs: 0, medianMs: 0, p99Ms: 0, maxMs: 0 } },
});

describe('the IHD through a power cut, its clock drifting', () => {
  const cut = { start: Date.parse('2026-01-05T12:00:00Z'), minutes: 180 };
  const faulty = validateScenario({
    ...scenario, name: 'han-faults',
    faults: { clockDriftPpmMax: 200, clockSyncHours: 12, powerCuts: [{ premises: 0, start: '2026-01-05T12:00:00Z', minutes: cut.minutes }] },
  });
  const r = runPremises({ seed: 6n, capture: true, scenario: faulty });
  const reads = r.events![0]!.filter((e) => e.kind === 'emit' && e.channel === CHANNEL.HAN && e.deviceId === IHD);

  it('sends nothing while the premises has no power, and reads again within one refresh of the restoration', () => {
    const endMs = cut.start + cut.minutes * 60_000;
    expect(reads.filter((e) => e.atMs > cut.start && e.atMs < endMs)).toEqual([]);
    const first = reads.find((e) => e.atMs >= endMs)!;
    expect(first.atMs - endMs).toBeLessThanOrEqual(20 * 60_000);
    expect(r.faults.powerCuts).toBe(1);
    const ihd = r.devices.find((d) => d.deviceType === 'IHD')!.ihd!;
    expect(ihd.readsSent).toBeLessThan(2 * 144);
    expect(ihd.readsSent).toBeGreaterThan(2 * (144 - 10));
  });
});

describe('PPMID keypad top-ups and IHD reads across the premises HAN', () => {
  const r = runPremises({ seed: 5n, capture: true, scenario });
  const events = r.events![0]!;
  const han = (kind: 'deliver' | 'emit', eui: string) => events.filter((e) => e.kind === kind && e.channel === CHANNEL.HAN && e.deviceId === eui);

  it('PCS01 typed on the PPMID waits at the GPF for the GSME\'s wake, is delivered on the HAN and its answer reaches the PPMID', () => {
    const sent = han('emit', PPMID).filter((e) => parseEnvelope(e.bytes).recipient === GSME);
    expect(sent).toHaveLength(1);
    const queued = events.find((e) => e.kind === 'world' && e.channel === WORLD_NOTE.gsmeQueued && e.atMs === sent[0]!.atMs);
    expect(queued).toBeDefined();
    const delivered = han('deliver', GSME);
    expect(delivered).toHaveLength(1);
    expect(parseEnvelope(delivered[0]!.bytes).otherInfo.messageCode).toBe(PCS01);
    expect(delivered[0]!.atMs - sent[0]!.atMs).toBeLessThanOrEqual(30 * 60_000 + 1_000);
    const answer = han('deliver', PPMID).find((e) => parseEnvelope(e.bytes).originator === GSME);
    expect(answer!.atMs).toBeGreaterThanOrEqual(delivered[0]!.atMs);
    expect(r.useCases['CS01b PPMID']).toEqual({ sent: 1, answered: 1, refused: 0, matching: 0 });
  });

  it('PECS01 to the ESME is answered within the HAN latency, and the PPMID shows both answers', () => {
    const sent = han('emit', PPMID).find((e) => parseEnvelope(e.bytes).recipient === ESME)!;
    const answer = han('deliver', PPMID).find((e) => parseEnvelope(e.bytes).originator === ESME)!;
    expect(answer.atMs - sent.atMs).toBeLessThanOrEqual(4 * 300); // PPMID -> hub -> ESME -> hub -> PPMID, latency at most 300 ms a link
    expect(r.useCases['CS01a PPMID']).toEqual({ sent: 1, answered: 1, refused: 0, matching: 0 });
    const ppmid = r.devices.find((d) => d.deviceType === 'PPMID')!.ppmid!;
    expect(ppmid).toMatchObject({ entered: 2, accepted: 2, rejected: 0, pending: 0, lastResult: 'accepted', lastMeter: GSME, lastValue: 1_500_000 });
    expect(r.han.refused).toBe(0);
  });

  it('the IHD reads both meters every 20 minutes of its clock, and every answer reaches it', () => {
    const ihd = r.devices.find((d) => d.deviceType === 'IHD')!.ihd!;
    expect(ihd.refreshS).toBe(1200);
    expect(ihd.readsSent).toBe(2 * 144);
    expect(ihd.answers).toBeGreaterThanOrEqual(ihd.readsSent - 2);
    const reads = han('emit', IHD);
    for (let i = 2; i < reads.length; i += 2) expect(reads[i]!.atMs - reads[i - 2]!.atMs).toBe(20 * 60_000);
    expect(ihd.screens.map((s) => s.meterEui)).toEqual([ESME, GPF]);
    expect(ihd.screens[0]!.values.importWh).toBeGreaterThan(0);
  });

  it('every gas volume the GPF answers the IHD is the one its mirror last received from the GSME', () => {
    let mirrored: number | undefined;
    let answers = 0;
    for (const e of events) {
      if (e.deviceId !== GPF) continue;
      const b = e.bytes;
      if (e.kind === 'deliver' && e.channel === CHANNEL.LOCAL && b[0] === SET_ZCL_ATTRIBUTE && (b[1]! | (b[2]! << 8)) === 0x0702 && (b[3]! | (b[4]! << 8)) === 0x0700) {
        mirrored = Number(new DataView(b.buffer, b.byteOffset).getUint32(6, true));
      }
      if (e.kind === 'emit' && e.channel === CHANNEL.HAN && b[0] === HAN_READ_RESPONSE) {
        const view = new DataView(b.buffer, b.byteOffset);
        const count = b[18]!;
        for (let i = 0; i < count; i++) {
          const r0 = 19 + i * 13;
          if (view.getUint16(r0) === 0x0702 && view.getUint16(r0 + 2) === 0x0700) {
            expect(Number(view.getBigInt64(r0 + 5, true))).toBe(mirrored);
            answers++;
          }
        }
      }
    }
    expect(answers).toBeGreaterThan(100);
  });
});
