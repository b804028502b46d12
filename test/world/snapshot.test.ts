// Snapshots (issue 8 point C, ARCHITECTURE.md principle 4): a run snapshot at a virtual time and
// restored into new firmware instances continues to the same trace hash as the uninterrupted
// run; forks of one snapshot with different seeds diverge, with the same seed agree. The faults
// scenario is used so the snapshot catches held WAN messages, drifting clocks and power state.
import { describe, expect, it } from 'vitest';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { builtInScenario } from '../../host/scenario/load.js';
import { DAY_MS, HOUR_MS } from '../../host/world/uk-time.js';
import { worldContext } from '../../host/world/world-context.js';
import { combineTraceHashes, WorldRun } from '../../host/world/world-run.js';

const provider = createNodeProvider();
const scenario = builtInScenario('faults');
const context = (seed: bigint) => worldContext(scenario, seed, provider, 'release', 4);
const hashOf = (run: WorldRun) => combineTraceHashes(run.finish().map((r) => r.traceHash));

describe('snapshot, restore and fork of premises', () => {
  const ctx = context(7n);
  const uninterrupted = hashOf(WorldRun.start(ctx, 0, ctx.premisesCount));

  it.each([1, 37, 60])('a run snapshot after %i hours and restored continues to the uninterrupted trace hash', (hours) => {
    const run = WorldRun.start(ctx, 0, ctx.premisesCount);
    run.runUntil(ctx.startMs + hours * HOUR_MS, undefined, HOUR_MS);
    const snapshot = run.snapshot();
    expect(snapshot.premises.length).toBe(4);
    const restored = WorldRun.restore(ctx, snapshot);
    expect(hashOf(restored), `reproduce: ${ctx.reproduce}`).toBe(uninterrupted);
    expect(hashOf(run)).toBe(uninterrupted); // the original, snapshot taken, goes on unchanged
  });

  it('one snapshot restores any number of times', () => {
    const run = WorldRun.start(ctx, 0, ctx.premisesCount);
    run.runUntil(ctx.startMs + 2 * DAY_MS);
    const snapshot = run.snapshot();
    expect(hashOf(WorldRun.restore(ctx, snapshot))).toBe(uninterrupted);
    expect(hashOf(WorldRun.restore(ctx, snapshot))).toBe(uninterrupted);
  });

  it('forks with different seeds diverge; forks with the same seed agree', () => {
    const run = WorldRun.start(ctx, 0, ctx.premisesCount);
    run.runUntil(ctx.startMs + DAY_MS);
    const snapshot = run.snapshot();
    const a = hashOf(WorldRun.restore(ctx, snapshot, 100n));
    const b = hashOf(WorldRun.restore(ctx, snapshot, 200n));
    const a2 = hashOf(WorldRun.restore(ctx, snapshot, 100n));
    expect(a).not.toBe(b);
    expect(a2).toBe(a);
    expect(a).not.toBe(uninterrupted);
  });
});
