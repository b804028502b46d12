// The SM WAN link (dcc.md 12.2) and planned maintenance (dcc.md 12.1), issue 8 point E: an
// integer latency distribution through the given median and p99, seeded loss and outages,
// messages held through blocked spans and released at their end or expired, and the calendar
// rules (20:00-08:00 wall clock, elapsed 6 h caps, DP092 HI/LI counts, notice lead times).
import { describe, expect, it } from 'vitest';
import { runPremises } from '../../host/premises.js';
import { CHANNEL } from '../../host/status.js';
import { validateScenario } from '../../host/scenario/validate.js';
import { buildMaintenanceCalendar } from '../../host/world/maintenance.js';
import { PrngStream } from '../../host/prng.js';
import { latencyMs, WanLink, type WanConfig } from '../../host/world/wan-link.js';

const latency = { minMs: 500, medianMs: 5_000, p99Ms: 20_000, maxMs: 40_000 };
const config: WanConfig = { coverage: 'Connected', latency, lossPerMille: 0, availabilityPerMille: 1000, retryMs: 300_000, expiryMs: 3 * 3_600_000, inFlightMax: 4 };

describe('SM WAN link', () => {
  it('latency quantiles are the configured median and p99, integers, non-decreasing', () => {
    expect(latencyMs(latency, 0)).toBe(500);
    expect(latencyMs(latency, 500_000)).toBe(5_000);
    expect(latencyMs(latency, 990_000)).toBe(20_000);
    let last = 0;
    for (let u = 0; u < 1_000_000; u += 997) {
      const ms = latencyMs(latency, u);
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(last);
      last = ms;
    }
    const stream = new PrngStream(1n, 'wan-test');
    const draws = Array.from({ length: 20_000 }, () => latencyMs(latency, stream.nextInt(1_000_000))).sort((a, b) => a - b);
    expect(Math.abs(draws[10_000]! - 5_000)).toBeLessThan(300);
    expect(Math.abs(draws[19_800]! - 20_000)).toBeLessThan(1_500);
  });

  it('a message sent in a blocked span is released at its end; past the expiry it expires', () => {
    const link = new WanLink(config, [{ startMs: 1_000_000, endMs: 2_000_000, reason: 'maintenance' }]);
    const s = new PrngStream(1n, 'x');
    const held = link.send(1_500_000, s);
    expect(held.kind).toBe('deliver');
    if (held.kind === 'deliver') {
      expect(held.heldMs).toBe(500_000);
      expect(held.atMs).toBeGreaterThanOrEqual(2_000_000 + 500);
    }
    const long = new WanLink(config, [{ startMs: 0, endMs: 4 * 3_600_000, reason: 'outage' }]);
    expect(long.send(1, s).kind).toBe('expired');
  });

  it('NoCoverage refuses at once (E20), the in-flight bound drops and counts, the same seed gives the same outcomes', () => {
    expect(new WanLink({ ...config, coverage: 'NoCoverage' }, []).send(0, new PrngStream(1n, 'x')).kind).toBe('no-coverage');
    const full = new WanLink(config, []);
    const s = new PrngStream(1n, 'x');
    for (let i = 0; i < 4; i++) expect(full.send(0, s).kind).toBe('deliver');
    expect(full.send(0, s).kind).toBe('queue-full');
    const outcomes = (seed: bigint) => {
      const link = new WanLink({ ...config, coverage: 'Intermittent', availabilityPerMille: 500, lossPerMille: 100, inFlightMax: 1_000 }, []);
      const st = new PrngStream(seed, 'wan');
      return Array.from({ length: 200 }, (_, i) => JSON.stringify(link.send(i * 1000, st)));
    };
    expect(outcomes(3n)).toEqual(outcomes(3n));
    expect(outcomes(3n)).not.toEqual(outcomes(4n));
    expect(outcomes(3n).some((o) => o.includes('lost'))).toBe(true);
  });
});

describe('planned maintenance calendar (dcc.md 12.1)', () => {
  const w = (start: string, end: string, impact: 'HI' | 'LI' = 'LI') => ({ start, end, impact, scope: 'wan' as const });

  it('a 22:00-05:00 window on the night the clocks go forward lasts 6 h and DP092 accepts it; on another night it is 7 h and refused', () => {
    const [spring] = buildMaintenanceCalendar('DP092', [w('2026-03-28T22:00', '2026-03-29T05:00')]);
    expect(spring!.endMs - spring!.startMs).toBe(6 * 3_600_000);
    expect(() => buildMaintenanceCalendar('DP092', [w('2026-03-21T22:00', '2026-03-22T05:00')])).toThrow(/at most 6 h per window/);
  });

  it('start and end must be within 20:00-08:00 UK time', () => {
    expect(() => buildMaintenanceCalendar('H8', [w('2026-06-01T19:30', '2026-06-01T22:00')])).toThrow(/windows\[0\]\.start: .*20:00-08:00/);
    expect(() => buildMaintenanceCalendar('H8', [w('2026-06-01T23:00', '2026-06-02T08:30')])).toThrow(/windows\[0\]\.end: .*20:00-08:00/);
  });

  it('H8 caps the month at 6 h in total; DP092 allows one HI and three LI windows a month', () => {
    expect(() => buildMaintenanceCalendar('H8', [w('2026-06-01T22:00', '2026-06-02T02:00'), w('2026-06-10T22:00', '2026-06-11T01:00')])).toThrow(/windows\[1\]: H8 allows 6 h/);
    expect(() => buildMaintenanceCalendar('DP092', [w('2026-06-01T22:00', '2026-06-02T01:00', 'HI'), w('2026-06-10T22:00', '2026-06-11T01:00', 'HI')])).toThrow(/one High Impact/);
    const four = ['02', '09', '16', '23'].map((d) => w(`2026-06-${d}T22:00`, `2026-06-${d}T23:00`));
    expect(() => buildMaintenanceCalendar('DP092', four)).toThrow(/windows\[3\]: DP092 allows up to three Low Impact/);
    // The window belongs to the month of its start: 31 May 22:00 - 1 June 03:00 counts in May.
    expect(buildMaintenanceCalendar('DP092', [w('2026-05-31T22:00', '2026-06-01T03:00', 'HI'), w('2026-06-10T22:00', '2026-06-11T01:00', 'HI')])).toHaveLength(2);
  });

  it('notice lead time (KPI, not a refusal): HI needs 20 working days, LI 10', () => {
    const [met] = buildMaintenanceCalendar('DP092', [{ ...w('2026-06-15T22:00', '2026-06-16T01:00', 'HI'), notice: '2026-05-01' }]);
    const [late] = buildMaintenanceCalendar('DP092', [{ ...w('2026-06-15T22:00', '2026-06-16T01:00', 'HI'), notice: '2026-06-01' }]);
    const [li] = buildMaintenanceCalendar('DP092', [{ ...w('2026-06-15T22:00', '2026-06-16T01:00', 'LI'), notice: '2026-06-01' }]);
    expect([met!.noticeMet, late!.noticeMet, li!.noticeMet]).toEqual([true, false, true]);
  });
});

describe('the SM WAN in a premises run', () => {
  const scenario = (extra: object) => validateScenario({
    format: 'smartmeter-scenario', version: 1, start: '2026-01-05T00:00:00Z', days: 2,
    premises: [{ devices: ['ESME'], reads: [{ localTime: '01:00', spreadMin: 0 }] }], ...extra,
  });

  it('a read sent during a wan maintenance window reaches the meter after the window', () => {
    const r = runPremises({ seed: 1n, capture: true, scenario: scenario({ maintenance: { mode: 'DP092', windows: [{ start: '2026-01-05T23:00', end: '2026-01-06T04:00', scope: 'wan', impact: 'HI' }] } }) });
    const wanDelivers = r.events![0]!.filter((e) => e.kind === 'deliver' && e.channel === CHANNEL.WAN);
    expect(wanDelivers.map((e) => new Date(e.atMs).toISOString().slice(11, 16))).toEqual([expect.stringMatching(/^01:00/), expect.stringMatching(/^04:00/)]);
    expect(r.faults.wan.held).toBe(1);
    expect(r.remoteParties[0]!.responsesVerified, r.reproduce).toBe(2);
  });

  it('coverage Outage: every command expires; NoCoverage: every command fails at once', () => {
    const outage = runPremises({ seed: 1n, scenario: scenario({ wan: { coverage: 'Outage' } }) });
    expect(outage.faults.wan.expired).toBe(2);
    expect(outage.remoteParties[0]!.responsesVerified).toBe(0);
    const none = runPremises({ seed: 1n, scenario: scenario({ wan: { coverage: 'NoCoverage' } }) });
    expect(none.faults.wan.noCoverage).toBe(2);
  });
});
