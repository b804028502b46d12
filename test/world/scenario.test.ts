// Scenarios as files (issue 8 point A): the built-in scenarios are valid scenario documents,
// every refusal names the field it refuses, and a scenario file runs through `simulate`.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../gbcs/errors.js';
import { runPremises } from '../../host/premises.js';
import { BUILT_IN_SCENARIOS, builtInScenario, loadScenario } from '../../host/scenario/load.js';
import { validateScenario } from '../../host/scenario/validate.js';

const base = { format: 'smartmeter-scenario', version: 1, premises: [{ devices: ['ESME'] }] };
const refusal = (doc: unknown): string => {
  try {
    validateScenario(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the document was accepted');
};

describe('scenario documents', () => {
  it('every built-in scenario validates', () => {
    for (const name of Object.keys(BUILT_IN_SCENARIOS)) expect(builtInScenario(name).name).toBe(name);
  });

  it('a minimal document gets the documented defaults', () => {
    const s = validateScenario(base);
    expect(s.days).toBe(7);
    expect(s.wan.latency.medianMs).toBe(5_000); // dcc.md 12.2
    expect(s.wan.latency.p99Ms).toBe(20_000);
    expect(s.premises[0]!.reads).toEqual([]);
  });

  it.each([
    [{ ...base, format: 'x' }, /scenario\.format: expected 'smartmeter-scenario'/],
    [{ ...base, days: 0 }, /scenario\.days: expected an integer from 1/],
    [{ ...base, dayz: 3 }, /scenario\.dayz: unknown field/],
    [{ ...base, premises: [{ devices: ['ESME', 'IHD'] }] }, /premises\[0\]\.devices: HAN devices \(PPMID, HCALCS, IHD\) need a communications hub/],
    [{ ...base, premises: [{ devices: ['ESME', 'CHF'], topUps: [{ useCase: 'CS01a', entry: 'ppmid' }] }] }, /premises\[0\]\.topUps\[0\]\.entry: 'ppmid' entry needs a PPMID/],
    [{ ...base, premises: [{ devices: ['ESME', 'GSME'] }] }, /premises\[0\]\.devices: a GSME needs the hub's GPF/],
    [{ ...base, premises: [{ devices: ['ESME', 'GPF'] }] }, /premises\[0\]\.devices: a GPF is part of a communications hub/],
    [{ ...base, premises: [{ devices: ['ESME'], reads: [{ useCase: 'GCS13b' }] }] }, /premises\[0\]\.reads\[0\]\.useCase: GCS13b is answered by the GPF/],
    [{ ...base, premises: [{ devices: ['ESME'], topUps: [{ useCase: 'CS01b' }] }] }, /premises\[0\]\.topUps\[0\]\.useCase: CS01b tops up the GSME/],
    [{ ...base, premises: [{ devices: ['ESME'], han: { latencyMinMs: 500, latencyMaxMs: 100 } }] }, /premises\[0\]\.han\.latencyMinMs/],
    [{ ...base, premises: [{ devices: ['TOASTER'] }] }, /premises\[0\]\.devices\[0\]: expected one of/],
    [{ ...base, premises: [{ devices: ['ESME'], paymentMode: 'pay-as-you-go' }] }, /premises\[0\]\.paymentMode: expected one of 'credit', 'prepayment'/],
    [{ ...base, premises: [{ devices: ['ESME'], gas: { paymentMode: 'prepayment' } }] }, /premises\[0\]\.gas: the premises has no GSME/],
    [{ ...base, premises: [{ devices: ['ESME'], electricity: { tariff: { unitPriceMilliPencePerKWh: 32_769, standingChargeMilliPencePerDay: 0 } } }] }, /premises\[0\]\.electricity\.tariff\.unitPriceMilliPencePerKWh: 32769 is not a COSEM charge/],
    [{ ...base, premises: [{ devices: ['ESME'], electricity: { ledger: { debtCapMilliPence: 500_000 } } }] }, /premises\[0\]\.electricity\.ledger\.debtCapPeriod: debtCapMilliPence and debtCapPeriod go together/],
    [{ ...base, premises: [{ devices: ['ESME'], tariffChanges: [{ activation: '2026-07-01', tariff: { unitPriceMilliPencePerKWh: 1, standingChargeMilliPencePerDay: 1 } }] }] }, /premises\[0\]\.tariffChanges\[0\]\.activation: expected an ISO-8601 UTC time/],
    [{ ...base, premises: [{ devices: ['ESME'], topUps: [{ useCase: 'CS01a', valuePounds: 20, valuePoundsMax: 10 }] }] }, /premises\[0\]\.topUps\[0\]\.valuePoundsMax: expected an integer from 20/],
    [{ ...base, premises: [{ devices: ['ESME'], reads: [{ localTime: '25:00' }] }] }, /premises\[0\]\.reads\[0\]\.localTime/],
    [{ ...base, wan: { latency: { medianMs: 30_000 } } }, /wan\.latency: needs minMs <= medianMs <= p99Ms <= maxMs/],
    [{ ...base, wan: { coverage: 'Sometimes' } }, /wan\.coverage: expected one of/],
    [{ ...base, faults: { powerCuts: [{ premises: 3, start: '2026-01-05T10:00:00Z', minutes: 5 }] } }, /faults\.powerCuts\[0\]\.premises/],
    [{ ...base, faults: { powerCuts: [{ start: 'tomorrow', minutes: 5 }] } }, /faults\.powerCuts\[0\]\.start: expected an ISO-8601 UTC time/],
    [{ ...base, maintenance: { windows: [{ start: '2026-01-10T12:00', end: '2026-01-10T14:00' }] } }, /maintenance\.windows\[0\]\.start: planned maintenance starts within 20:00-08:00/],
  ])('refuses %j naming the field', (doc, pattern) => {
    expect(refusal(doc)).toMatch(pattern);
  });

  it('a scenario file runs, and the same file twice gives the same hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const path = join(dir, 'two.json');
    writeFileSync(path, JSON.stringify({ ...base, days: 2, premises: [{ count: 2, devices: ['ESME'], reads: [{ localTime: '07:30', spreadMin: 0 }] }] }));
    const a = runPremises({ seed: 3n, scenario: loadScenario(path) });
    const b = runPremises({ seed: 3n, scenario: loadScenario(path) });
    expect(a.premises).toBe(2);
    expect(a.remoteParties.map((p) => p.commandsSent)).toEqual([2, 2]);
    expect(b.traceHash, `reproduce: ${a.reproduce}`).toBe(a.traceHash);
  });

  it('an unreadable or non-JSON file is a ConfigError naming the path', () => {
    expect(() => loadScenario('/nonexistent/x.json')).toThrow(/\/nonexistent\/x\.json: cannot read/);
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => loadScenario(join(dir, 'bad.json'))).toThrow(/bad\.json: not JSON/);
  });
});
