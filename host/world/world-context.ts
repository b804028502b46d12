import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import type { FirmwareBuild } from '../firmware.js';
import { PrngStream } from '../prng.js';
import type { TrustAnchor } from '../provisioning.js';
import type { PremisesGroup, Scenario } from '../scenario/scenario.js';
import { utcInstant } from '../scenario/validate.js';
import { ROLE } from '../status.js';
import { buildMaintenanceCalendar, wanBlockedSpans, type MaintenanceWindow } from './maintenance.js';
import { drawOutages, type BlockedSpan, type WanConfig } from './wan-link.js';
import { DAY_MS, MINUTE_MS } from './uk-time.js';

// What every premises of a run shares: the seed, the scenario, the key material (a seeded test
// PKI: keys for any EUI, no files), the maintenance calendar and the run's time span. Premises
// are numbered 0..N-1 in scenario order; a premises' EUIs and everything it draws depend only on
// the seed and its number, so a fleet's premises are the same however they are grouped.

export const SUPPLIER_EUI = '90B3D51F30010000';
export const NETWORK_OPERATOR_EUI = '90B3D51F30020000';
export const ACB_EUI = '90B3D51F30000002';
/** The remote parties every device trusts; entry i is secure-element key slot i. */
export const PREMISES_PARTIES: readonly TrustAnchor[] = [
  { eui: SUPPLIER_EUI, role: ROLE.SUPPLIER },
  { eui: NETWORK_OPERATOR_EUI, role: ROLE.NETWORK_OPERATOR },
  { eui: ACB_EUI, role: ROLE.ACB },
];
export const PARTY_EUI = { NETWORK_OPERATOR: NETWORK_OPERATOR_EUI, SUPPLIER: SUPPLIER_EUI } as const;

export interface WorldContext {
  /** Seed of the keys and of the premises' first random streams. */
  seed: bigint;
  scenario: Scenario;
  provider: CryptoProvider;
  keys: TestPki;
  build: FirmwareBuild;
  startMs: number;
  endMs: number;
  maintenance: MaintenanceWindow[];
  wan: WanConfig;
  premisesCount: number;
  /** The one command that reruns this run (printed by every failure). */
  reproduce: string;
}

export function worldContext(scenario: Scenario, seed: bigint, provider: CryptoProvider, build: FirmwareBuild = 'release', days = scenario.days, source = scenario.name): WorldContext {
  const startMs = utcInstant(scenario.start, 'scenario.start');
  const w = scenario.wan;
  return {
    seed, scenario, provider, build, startMs, endMs: startMs + days * DAY_MS,
    keys: new TestPki(seed, provider, { organisations: PREMISES_PARTIES }),
    maintenance: buildMaintenanceCalendar(scenario.maintenance.mode, scenario.maintenance.windows),
    wan: {
      coverage: w.coverage, latency: w.latency, lossPerMille: w.lossPerMille, availabilityPerMille: w.availabilityPerMille,
      retryMs: w.retryMin * MINUTE_MS, expiryMs: w.expiryMin * MINUTE_MS, inFlightMax: 256,
    },
    premisesCount: scenario.premises.reduce((n, g) => n + g.count, 0),
    reproduce: `smartmeter simulate --scenario ${source} --seed ${seed} --days ${days}${build === 'debug' ? ' --debug-firmware' : ''}`,
  };
}

/** The group a premises number belongs to. */
export function premisesGroupOf(scenario: Scenario, index: number): PremisesGroup {
  let first = 0;
  for (const group of scenario.premises) {
    if (index < first + group.count) return group;
    first += group.count;
  }
  throw new RangeError(`premises ${index} is beyond the scenario's ${first} premises`);
}

/** EUI-64 of device `deviceIndex` of premises `index`: 00 | DB + deviceIndex | premises + 1 (48 bits); premises 0's ESME is 00DB000000000001. */
export function deviceEui(index: number, deviceIndex: number): string {
  return `00${(0xdb + deviceIndex).toString(16).toUpperCase()}${(index + 1).toString(16).toUpperCase().padStart(12, '0')}`;
}

/** Spans during which the premises' hub carries nothing: outages (explicit and seeded) and `wan` maintenance. */
export function hubBlockedSpans(ctx: WorldContext, index: number): BlockedSpan[] {
  const w = ctx.scenario.wan;
  const explicit = w.outages.map((o) => {
    const startMs = utcInstant(o.start, 'wan.outages[].start');
    return { startMs, endMs: startMs + o.minutes * MINUTE_MS, reason: 'outage' as const };
  });
  const drawn = w.outagesPerYear > 0
    ? drawOutages(new PrngStream(ctx.seed, `wan-outages:${index}`), ctx.startMs, ctx.endMs, w.outagesPerYear, w.outageMinutes[0], w.outageMinutes[1])
    : [];
  return [...explicit, ...drawn, ...wanBlockedSpans(ctx.maintenance)];
}

/** Power cuts of a premises: the scenario's explicit ones and seeded ones (powerCutsPerYear). */
export function powerCuts(ctx: WorldContext, index: number): { startMs: number; endMs: number }[] {
  const f = ctx.scenario.faults;
  const cuts = f.powerCuts
    .filter((c) => c.premises === 'all' || c.premises === index)
    .map((c) => {
      const startMs = utcInstant(c.start, 'faults.powerCuts[].start');
      return { startMs, endMs: startMs + c.minutes * MINUTE_MS };
    });
  if (f.powerCutsPerYear > 0) {
    const stream = new PrngStream(ctx.seed, `power-cuts:${index}`);
    for (const s of drawOutages(stream, ctx.startMs, ctx.endMs, f.powerCutsPerYear, f.powerCutMinutes[0], f.powerCutMinutes[1])) cuts.push({ startMs: s.startMs, endMs: s.endMs });
  }
  cuts.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  // Overlapping cuts are one cut.
  const merged: { startMs: number; endMs: number }[] = [];
  for (const c of cuts) {
    const last = merged[merged.length - 1];
    if (last && c.startMs <= last.endMs) last.endMs = Math.max(last.endMs, c.endMs);
    else merged.push({ ...c });
  }
  return merged.filter((c) => c.endMs > ctx.startMs && c.startMs < ctx.endMs).map((c) => ({ startMs: Math.max(c.startMs, ctx.startMs), endMs: c.endMs }));
}
