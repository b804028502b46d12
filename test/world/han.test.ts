// The premises HAN (issue 6 point 4; devices 6.2, 6.3, 7.3, 7.4): commands cross the hub as in a
// real premises. A read the GPF serves from its mirror (GCS13b) is answered as soon as it reaches
// the hub; a command for the GSME (GCS33, CS01b) waits in the GPF's queue until the GSME's next
// wake and expires after gsmeCommandTimeout; the GSME's register reaches the mirror at its wakes;
// HAN links lose frames by their seeded loss; a power cut empties the hub's volatile queue while the
// battery-powered GSME keeps waking; a snapshot taken with commands queued restores to the same hash.
import { describe, expect, it } from 'vitest';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { runPremises } from '../../host/premises.js';
import { builtInScenario } from '../../host/scenario/load.js';
import { validateScenario } from '../../host/scenario/validate.js';
import { CHANNEL } from '../../host/status.js';
import { WORLD_NOTE } from '../../host/world/premises-stats.js';
import { HOUR_MS } from '../../host/world/uk-time.js';
import { worldContext } from '../../host/world/world-context.js';
import { combineTraceHashes, WorldRun } from '../../host/world/world-run.js';

const GSME = '00DE000000000001';
const GPF = '00DD000000000001';
const scenario = (han: object = {}, extra: object = {}, reads: object[] = [{ party: 'SUPPLIER', useCase: 'GCS13b', localTime: '02:00', spreadMin: 0 }, { party: 'SUPPLIER', useCase: 'GCS33', localTime: '03:00', spreadMin: 0 }]) => validateScenario({
  format: 'smartmeter-scenario', version: 1, start: '2026-01-05T00:00:00Z', days: 2,
  premises: [{ devices: ['ESME', 'CHF', 'GPF', 'GSME', 'PPMID'], reads, han: { lossPerMille: 0, ...han } }],
  wan: { latency: { minMs: 0, medianMs: 0, p99Ms: 0, maxMs: 0 } }, ...extra,
});

describe('routing through the hub', () => {
  const r = runPremises({ seed: 3n, capture: true, scenario: scenario() });
  const events = r.events![0]!;
  const wanIn = (eui: string) => events.filter((e) => e.kind === 'deliver' && e.channel === CHANNEL.WAN && e.deviceId === eui);

  it('answers a mirror read (GCS13b) at once: the GPF emits in the instant the command reaches the hub', () => {
    const reads = wanIn(GPF);
    expect(reads.length).toBe(2);
    for (const d of reads) expect(events.some((e) => e.kind === 'emit' && e.deviceId === GPF && e.atMs === d.atMs)).toBe(true);
    expect(r.useCases.GCS13b).toEqual({ sent: 2, answered: 2, refused: 0, matching: 2 });
  });

  it('holds a GSME command (GCS33) at the hub until the GSME wakes, within one wake interval', () => {
    const queued = events.filter((e) => e.kind === 'world' && e.channel === WORLD_NOTE.gsmeQueued);
    const delivered = wanIn(GSME);
    expect(queued.length).toBe(2);
    expect(delivered.length).toBe(2);
    delivered.forEach((d, i) => {
      const waitMs = d.atMs - queued[i]!.atMs;
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(30 * 60_000 + 300);
      expect(parseEnvelope(d.bytes).transactionId).toBe(parseEnvelope(queued[i]!.bytes).transactionId);
    });
    expect(r.useCases.GCS33).toEqual({ sent: 2, answered: 2, refused: 0, matching: 2 });
    expect(r.gsme.queueWaitMsMax).toBeLessThanOrEqual(30 * 60_000 + 300);
  });

  it('the GSME wakes every 30 minutes and its register reaches the GPF mirror at each wake', () => {
    expect(r.gsme.wakes).toBe(96);
    expect(r.gsme.mirrorUpdates).toBe(96);
    expect(r.gas[0]!.volumeDm3).toBeGreaterThan(0);
    expect(r.gas[0]!.mirrorVolumeDm3).toBe(r.gas[0]!.volumeDm3);
  });
});

describe('GSME command expiry, HAN loss and power cuts', () => {
  it('a command the GSME does not retrieve within gsmeCommandTimeout is discarded and counted', () => {
    const r = runPremises({ seed: 3n, scenario: scenario({ gsmeWakeMin: 240, gsmeCommandTimeoutMin: 1 }) });
    expect(r.gsme.commandsQueued).toBe(2);
    expect(r.gsme.commandsExpired).toBe(2);
    expect(r.useCases.GCS33!.answered).toBe(0);
    expect(r.useCases.GCS13b!.answered).toBe(2); // the mirror still answers at once
  });

  it('a HAN link that loses every frame loses the ESME read; the GSME exchange fails and the command waits', () => {
    const r = runPremises({ seed: 3n, scenario: scenario({ lossPerMille: 1000 }, {}, [{ party: 'NETWORK_OPERATOR', useCase: 'ECS17a', localTime: '01:00', spreadMin: 0 }, { party: 'SUPPLIER', useCase: 'GCS33', localTime: '03:00', spreadMin: 0 }]) });
    expect(r.useCases.ECS17a).toEqual({ sent: 2, answered: 0, refused: 0, matching: 0 });
    expect(r.han.lost).toBeGreaterThan(0);
    expect(r.gsme.exchangesFailed).toBe(r.gsme.wakes);
    expect(r.gsme.commandsExpired).toBe(2);
  });

  it('a power cut empties the hub queue; the battery-powered GSME keeps waking without a hub', () => {
    const cut = { faults: { powerCuts: [{ premises: 0, start: '2026-01-05T03:00:30Z', minutes: 120 }] } };
    const r = runPremises({ seed: 3n, scenario: scenario({}, cut) });
    expect(r.gsme.commandsDropped + r.gsme.commandsDelivered).toBe(r.gsme.commandsQueued);
    expect(r.gsme.wakesWithoutHub).toBe(4);
    expect(r.gsme.wakes).toBe(96);
  });
});

describe('snapshots with the HAN', () => {
  it('a default-scenario run snapshot with a GSME command queued restores to the uninterrupted hash', () => {
    const ctx = worldContext(builtInScenario('default'), 9n, createNodeProvider(), 'release', 2);
    const uninterrupted = combineTraceHashes(WorldRun.start(ctx, 0, 1).finish().map((x) => x.traceHash));
    const run = WorldRun.start(ctx, 0, 1);
    // Run hour by hour until a GCS33 waits in the queue (it is sent between 03:00 and 03:30 UK time).
    for (let h = 1; h < 48 && run.premises[0]!.s.han.gsmeQueue.length === 0; h++) run.runUntil(ctx.startMs + h * HOUR_MS / 4, undefined, HOUR_MS / 4);
    expect(run.premises[0]!.s.han.gsmeQueue.length).toBeGreaterThan(0);
    const restored = WorldRun.restore(ctx, run.snapshot());
    expect(combineTraceHashes(restored.finish().map((x) => x.traceHash)), ctx.reproduce).toBe(uninterrupted);
  });
});
