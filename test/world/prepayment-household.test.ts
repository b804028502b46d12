// The prepayment household of the built-in `prepayment` scenario and the prepayment GSME of the
// default premises (issue 7 points 7 and 4), run in the world and read back through the meters'
// ledger views: the supplier's ECS01b price change, sent through the head-end a week ahead,
// changes what the ESME charges from its activation instant; every top-up (keypad or CS01a) is
// a vend number of the supplier, so the meter caches consecutive UTRN counters; the GSME's ledger
// charges the gas of every wake at its price, and its volume register is what the mirror gets;
// watching a meter for the report changes nothing in the run.
import { describe, expect, it } from 'vitest';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { ConfigError } from '../../gbcs/errors.js';
import { runPremises } from '../../host/premises.js';
import { readDeviceCounters } from '../../host/device-view.js';
import { readLedger, type LedgerView } from '../../host/ledger-view.js';
import { builtInScenario } from '../../host/scenario/load.js';
import { worldContext } from '../../host/world/world-context.js';
import { WorldRun } from '../../host/world/world-run.js';

const DAY = 86_400_000;

function start(name: string, days: number) {
  const scenario = builtInScenario(name);
  const ctx = worldContext(scenario, 1n, createNodeProvider(), 'release', days);
  const run = WorldRun.start(ctx, 0, 1);
  const p = run.premises[0]!;
  const ledger = (d: number): LedgerView => readLedger(p.firmware(d), p.homes[d]!.slot, { gas: d === p.roles.gsme })!;
  return { scenario, ctx, run, p, ledger };
}

describe('prepayment household (scenario prepayment)', () => {
  it('ECS01b price change: the ESME charges the new standing charge and unit price from the activation instant', () => {
    const { scenario, ctx, run, p, ledger } = start('prepayment', 184);
    const change = scenario.premises[0]!.tariffChanges[0]!;
    const before = scenario.premises[0]!.electricity.tariff!;
    const activationMs = Date.parse(change.activation);
    const days: { atMs: number; standing: bigint; charge: bigint; importWh: number }[] = [];
    run.runUntil(ctx.endMs, (atMs) => {
      const l = ledger(p.roles.esme);
      days.push({ atMs, standing: l.sumStanding, charge: l.sumConsCharge, importWh: readDeviceCounters(p.firmware(p.roles.esme), p.homes[p.roles.esme]!.slot).importActiveWh });
    });
    expect(p.s.stats.useCases.ECS01b).toEqual({ sent: 1, answered: 1, refused: 0, matching: 0 });
    let checked = 0;
    for (let i = 1; i < days.length; i++) {
      const [a, b] = [days[i - 1]!, days[i]!];
      // Each step ends at a UTC midnight, where the standing charge of the day it starts is taken (devices 4.6).
      const tariff = b.atMs >= activationMs ? change.tariff : before;
      expect(b.standing - a.standing, new Date(b.atMs).toISOString()).toBe(BigInt(tariff.standingChargeMilliPencePerDay));
      // Whole days on one side of the activation: the charge is the energy at that price, the
      // sub-milli-penny remainder carried (devices 4.4), so within 1 milli-penny.
      if (a.atMs >= activationMs || b.atMs <= activationMs) {
        const exact = ((b.importWh - a.importWh) * tariff.unitPriceMilliPencePerKWh) / 1000;
        expect(Math.abs(Number(b.charge - a.charge) - exact)).toBeLessThanOrEqual(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(170);
    expect(days.filter((d) => d.atMs > activationMs).length).toBeGreaterThan(3);
  });

  it('keypad, PPMID and CS01a top-ups carry the supplier\'s vend numbers: the meter caches consecutive UTRN counters', () => {
    const { ctx, run, p, ledger } = start('prepayment', 120);
    run.finish();
    const l = ledger(p.roles.esme);
    const ways = ['CS01a keypad', 'CS01a PPMID', 'CS01a'].map((name) => p.s.stats.useCases[name]!);
    for (const c of ways) expect(c.answered).toBeGreaterThan(2);
    const accepted = ways.reduce((n, c) => n + c.answered - c.refused, 0);
    expect(l.utrnCache).toEqual(Array.from({ length: accepted }, (_, i) => i + 1));
    expect(ctx.endMs - ctx.startMs).toBe(120 * DAY);
  });
});

describe('prepayment report watch', () => {
  it('watching the meter for a report changes nothing: the same trace hash with and without it', () => {
    const scenario = builtInScenario('prepayment');
    const watched = runPremises({ seed: 3n, scenario, days: 30, report: true });
    const plain = runPremises({ seed: 3n, scenario, days: 30 });
    expect(watched.traceHash).toBe(plain.traceHash);
    expect(watched.prepayment?.days).toHaveLength(30);
    expect(plain.prepayment).toBeUndefined();
  });

  it('a report of a premises without a prepayment ESME is refused with a ConfigError', () => {
    expect(() => runPremises({ seed: 1n, days: 1, report: true })).toThrow(ConfigError);
  });
});

describe('prepayment GSME of the default premises (host gas model)', () => {
  it('the GSME ledger charges the gas of every wake at its price; its volume register reaches the mirror', () => {
    const { scenario, run, p, ledger } = start('default', 14);
    const before = ledger(p.roles.gsme);
    const results = run.finish();
    const l = ledger(p.roles.gsme);
    const volumeDm3 = readDeviceCounters(p.firmware(p.roles.gsme), p.homes[p.roles.gsme]!.slot).importActiveWh;
    expect(volumeDm3).toBeGreaterThan(0);
    expect(p.s.han.gasVolumeDm3).toBe(volumeDm3);
    expect(p.s.han.mirrorVolumeDm3).toBeLessThanOrEqual(volumeDm3);
    // devices 3.5, 4.16: kWh = m3 x CF x CV / 3.6 at the GSME's defaults CF 1.02264, CV 40.0 MJ/m3.
    const price = scenario.premises[0]!.gas!.tariff!.unitPriceMilliPencePerKWh;
    const exact = (volumeDm3 / 1000) * 1.02264 * (40 / 3.6) * price;
    // The GSME rates whole Wh and carries the rest of the energy (gasEnergyAcc, 1/36e6 Wh) to its next increment.
    const carried = (Number(l.gasEnergyAcc - before.gasEnergyAcc) / 36e6) * (price / 1000);
    expect(Math.abs(Number(l.sumConsCharge - before.sumConsCharge) + carried - exact)).toBeLessThanOrEqual(1);
    expect(l.sumStanding - before.sumStanding).toBe(14n * BigInt(scenario.premises[0]!.gas!.tariff!.standingChargeMilliPencePerDay));
    // The weekly CS01b top-ups (GBP 20) and the UTRN typed on the PPMID every four weeks (PCS01, GBP 10)
    // were taken by a ledger whose credit the gas draws down.
    expect(results[0]!.stats.useCases.CS01b).toMatchObject({ sent: 2, answered: 2, refused: 0 });
    expect(results[0]!.stats.useCases['CS01b PPMID']).toMatchObject({ sent: 1, answered: 1, refused: 0 });
    expect(l.sumCredit - before.sumCredit).toBe(2n * 20n * 100_000n + 10n * 100_000n);
  });
});
