// Time and power (issue 8 points F and G). UK local time: the clock changes of 2026 (29 Mar,
// 25 Oct), the spring gap and the autumn overlap, and leap days; reading habits in local time
// keep one read per local day across both changes and on 29 Feb. Device clocks drift by a
// seeded ppm and are corrected. A power cut stops consumption, holds commands until the
// premises is back, and devices restart from their persisted images without losing energy.
import { LOCAL_INPUT } from '../../host/local-inputs.js';
import { describe, expect, it } from 'vitest';
import { runPremises } from '../../host/premises.js';
import { validateScenario } from '../../host/scenario/validate.js';
import { CHANNEL } from '../../host/status.js';
import { WORLD_NOTE } from '../../host/world/premises-stats.js';
import { HOUR_MS, ukLocalParts, ukLocalToUtc, ukNextDay, ukOffsetMs } from '../../host/world/uk-time.js';

const at = (iso: string) => Date.parse(iso);

describe('UK local time', () => {
  it('BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October', () => {
    expect(ukOffsetMs(at('2026-03-29T00:59:59Z'))).toBe(0);
    expect(ukOffsetMs(at('2026-03-29T01:00:00Z'))).toBe(HOUR_MS);
    expect(ukOffsetMs(at('2026-10-25T00:59:59Z'))).toBe(HOUR_MS);
    expect(ukOffsetMs(at('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('spring gap times land an hour later on the wall clock; autumn overlap times take the first (BST) occurrence', () => {
    expect(new Date(ukLocalToUtc(2026, 3, 29, 1, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // = 02:30 BST
    expect(new Date(ukLocalToUtc(2026, 10, 25, 1, 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(ukLocalToUtc(2026, 7, 1, 9, 0)).toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('local days last 23 h, 25 h and 24 h, and 29 Feb exists in leap years only', () => {
    expect(ukNextDay(at('2026-03-29T00:00:00Z')) - at('2026-03-29T00:00:00Z')).toBe(23 * HOUR_MS);
    const oct = ukLocalToUtc(2026, 10, 25);
    expect(ukNextDay(oct) - oct).toBe(25 * HOUR_MS);
    expect(ukLocalParts(ukNextDay(at('2028-02-28T12:00:00Z'))).day).toBe(29);
    expect(ukLocalParts(ukNextDay(at('2026-02-28T12:00:00Z'))).month).toBe(3);
  });
});

const scenario = (start: string, days: number, extra: object = {}) => validateScenario({
  format: 'smartmeter-scenario', version: 1, start, days,
  premises: [{ devices: ['ESME'], reads: [{ localTime: '01:00', spreadMin: 0 }] }],
  wan: { latency: { minMs: 0, medianMs: 0, p99Ms: 0, maxMs: 0 } }, ...extra,
});
const wanDeliveries = (r: ReturnType<typeof runPremises>) => r.events![0]!.filter((e) => e.kind === 'deliver' && e.channel === CHANNEL.WAN).map((e) => new Date(e.atMs).toISOString());

describe('habits in UK local time', () => {
  it('reads at 01:00 local: one per local day across the spring change (the gap moves it to 02:00 BST)', () => {
    const r = runPremises({ seed: 1n, capture: true, scenario: scenario('2026-03-27T00:00:00Z', 4) });
    expect(wanDeliveries(r)).toEqual(['2026-03-27T01:00:00.000Z', '2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:00:00.000Z', '2026-03-31T00:00:00.000Z']); // the last at the run's end instant
  });

  it('reads at 01:00 local: one per local day across the autumn change (first occurrence)', () => {
    const r = runPremises({ seed: 1n, capture: true, scenario: scenario('2026-10-24T00:00:00Z', 3) });
    expect(wanDeliveries(r)).toEqual(['2026-10-24T00:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z']);
  });

  it('a read on 29 February of a leap year', () => {
    const r = runPremises({ seed: 1n, capture: true, scenario: scenario('2028-02-28T00:00:00Z', 3) });
    expect(wanDeliveries(r)).toEqual(['2028-02-28T01:00:00.000Z', '2028-02-29T01:00:00.000Z', '2028-03-01T01:00:00.000Z']);
  });

  it('consumption is delivered every half-hour of UTC, 48 a day, whatever the local day length', () => {
    const r = runPremises({ seed: 1n, capture: true, scenario: scenario('2026-03-28T00:00:00Z', 2) });
    expect(r.events![0]!.filter((e) => e.kind === 'deliver' && e.channel === CHANNEL.LOCAL).length).toBe(96);
  });
});

describe('clock drift', () => {
  it('device clocks drift by a seeded ppm, within the bound, and are corrected', () => {
    const drifting = runPremises({ seed: 4n, scenario: scenario('2026-01-05T00:00:00Z', 4, { faults: { clockDriftPpmMax: 100, clockSyncHours: 48 } }) });
    const bound = (100 * 48 * HOUR_MS) / 1_000_000;
    expect(drifting.faults.clockErrorMsMax).toBeGreaterThan(0);
    expect(drifting.faults.clockErrorMsMax).toBeLessThanOrEqual(bound);
    expect(drifting.faults.clockSyncs).toBe(2);
    const endS = Date.parse(drifting.end) / 1000;
    expect(Math.abs(drifting.devices[0]!.clockS - endS) * 1000).toBeLessThanOrEqual(bound + 1000);
    const exact = runPremises({ seed: 4n, scenario: scenario('2026-01-05T00:00:00Z', 4) });
    expect(exact.devices[0]!.clockS).toBe(endS);
    expect(runPremises({ seed: 4n, scenario: scenario('2026-01-05T00:00:00Z', 4, { faults: { clockDriftPpmMax: 100, clockSyncHours: 48 } }) }).traceHash).toBe(drifting.traceHash);
  });
});

describe('power cuts', () => {
  const cut = { faults: { powerCuts: [{ premises: 0, start: '2026-01-05T00:45:00Z', minutes: 120 }] } };

  it('no consumption while the power is off; the read sent during the cut is delivered at restoration; registers survive the restart', () => {
    const off = runPremises({ seed: 2n, capture: true, scenario: scenario('2026-01-05T00:00:00Z', 1, cut) });
    const on = runPremises({ seed: 2n, capture: true, scenario: scenario('2026-01-05T00:00:00Z', 1) });
    const events = off.events![0]!;
    const notes = events.filter((e) => e.kind === 'world').map((e) => [e.channel, new Date(e.atMs).toISOString()]);
    expect(notes).toEqual([[WORLD_NOTE.powerOff, '2026-01-05T00:45:00.000Z'], [WORLD_NOTE.powerOn, '2026-01-05T02:45:00.000Z']]);
    // CONSUMPTION inputs only: since the firmware exports LOCAL_POWER_EVENT the cut also delivers a loss and a restoration.
    const consumption = (list: typeof events) => list.filter((e) => e.kind === 'deliver' && e.channel === CHANNEL.LOCAL && e.bytes[0] === LOCAL_INPUT.CONSUMPTION).length;
    expect(consumption(on.events![0]!) - consumption(events)).toBe(4); // 01:00, 01:30, 02:00, 02:30 fall in the cut
    expect(wanDeliveries(off)).toEqual(['2026-01-05T02:45:00.000Z']);
    expect(off.remoteParties[0]!.readsMatchingMeter, off.reproduce).toBe(1);
    expect(off.faults.powerCuts).toBe(1);
    expect(off.faults.powerRestorations).toBe(1);
    expect(off.devices[0]!.importActiveWh).toBeGreaterThan(0);
  });
});
