// Determinism of the simulated world (issue 8): the faults scenario (intermittent, lossy SM WAN
// with seeded outages, a maintenance window, drifting clocks, a power cut, four premises) gives
// the same trace hash for the same seed, another for another seed, and keeping the events for a
// trace file changes nothing.
import { describe, expect, it } from 'vitest';
import { runPremises } from '../../host/premises.js';
import { builtInScenario } from '../../host/scenario/load.js';

describe('world determinism', () => {
  const scenario = builtInScenario('faults');

  it('same seed twice: same hash and same summary; another seed: another hash', () => {
    const a = runPremises({ seed: 21n, scenario });
    const b = runPremises({ seed: 21n, scenario });
    expect(b, `reproduce: ${a.reproduce}`).toEqual(a);
    expect(a.faults.wan.held + a.faults.wan.lost).toBeGreaterThan(0);
    expect(a.faults.powerCuts).toBe(1);
    expect(runPremises({ seed: 22n, scenario }).traceHash).not.toBe(a.traceHash);
  });

  it('capturing events for a trace file does not change the hash', () => {
    expect(runPremises({ seed: 21n, scenario, days: 3, capture: true }).traceHash).toBe(runPremises({ seed: 21n, scenario, days: 3 }).traceHash);
  });

  it('release and debug firmware agree on the faults scenario', () => {
    expect(runPremises({ seed: 3n, scenario, days: 2, build: 'debug' }).traceHash).toBe(runPremises({ seed: 3n, scenario, days: 2 }).traceHash);
  });
});
