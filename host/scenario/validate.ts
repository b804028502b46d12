import { ConfigError } from '../../gbcs/errors.js';
import { buildMaintenanceCalendar, type MaintenanceWindowSpec } from '../world/maintenance.js';
import { SCENARIO_FORMAT, SCENARIO_VERSION, type Scenario } from './scenario.js';
import { premisesGroup } from './validate-premises.js';

// Checks a scenario document and fills its defaults. Every refusal is a ConfigError whose
// message starts with the path of the field (`premises[0].devices[1]: ...`), so a user can find
// it in the file. Unknown keys are refused too: a typo must not silently mean "default".

export const SCENARIO_DAYS_MAX = 36_600;
export const PREMISES_MAX = 1_000_000;
export const DEVICES_PER_PREMISES_MAX = 8;
export const POWER_CUTS_MAX = 10_000;
export const WAN_OUTAGES_MAX = 10_000;

export type Json = Record<string, unknown>;

export function fail(field: string, detail: string): never {
  throw new ConfigError('bad-scenario', `${field}: ${detail}`);
}

export function object(value: unknown, field: string, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'expected an object');
  for (const key of Object.keys(value)) if (!keys.includes(key)) fail(`${field}.${key}`, `unknown field (known: ${keys.join(', ')})`);
  return value as Json;
}

export function int(o: Json, key: string, field: string, min: number, max: number, fallback?: number): number {
  const v = o[key] ?? fallback;
  if (v === undefined) fail(`${field}.${key}`, 'required');
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${field}.${key}`, `expected an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

export function oneOf<T extends string>(o: Json, key: string, field: string, allowed: readonly T[], fallback?: T): T {
  const v = o[key] ?? fallback;
  if (v === undefined) fail(`${field}.${key}`, 'required');
  if (typeof v !== 'string' || !allowed.includes(v as T)) fail(`${field}.${key}`, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

export function str(o: Json, key: string, field: string, fallback?: string): string {
  const v = o[key] ?? fallback;
  if (typeof v !== 'string') fail(`${field}.${key}`, 'expected a string');
  return v;
}

export function bool(o: Json, key: string, field: string, fallback: boolean): boolean {
  const v = o[key] ?? fallback;
  if (typeof v !== 'boolean') fail(`${field}.${key}`, 'expected true or false');
  return v;
}

export function list(o: Json, key: string, field: string, max: number): unknown[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) fail(`${field}.${key}`, 'expected an array');
  if (v.length > max) fail(`${field}.${key}`, `at most ${max} entries`);
  return v;
}

export function range(o: Json, key: string, field: string, min: number, max: number, fallback: [number, number]): [number, number] {
  const v = o[key] ?? fallback;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => Number.isInteger(x) && x >= min && x <= max) || v[0] > v[1]) {
    fail(`${field}.${key}`, `expected [low, high], integers from ${min} to ${max}, low <= high`);
  }
  return [v[0], v[1]];
}

/** An ISO-8601 UTC instant ('2026-01-05T00:00:00Z' or '2026-01-05T00:00Z'), as ms. */
export function utcInstant(text: string, field: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z$/.test(text)) fail(field, `expected an ISO-8601 UTC time such as 2026-01-05T00:00:00Z, got '${text}'`);
  const ms = Date.parse(text);
  if (!Number.isSafeInteger(ms)) fail(field, `not a valid time: '${text}'`);
  return ms;
}

export function validateScenario(doc: unknown, origin = 'scenario'): Scenario {
  const o = object(doc, origin, ['format', 'version', 'name', 'description', 'start', 'days', 'premises', 'wan', 'maintenance', 'faults']);
  if (o.format !== SCENARIO_FORMAT) fail(`${origin}.format`, `expected '${SCENARIO_FORMAT}'`);
  const version = int(o, 'version', origin, 1, 1_000);
  if (version !== SCENARIO_VERSION) fail(`${origin}.version`, `this emulator reads version ${SCENARIO_VERSION}, got ${version}`);
  const start = str(o, 'start', origin, '2026-01-05T00:00:00Z');
  utcInstant(start, `${origin}.start`);
  const premisesList = list(o, 'premises', origin, 1_000);
  if (premisesList.length === 0) fail(`${origin}.premises`, 'at least one premises group');
  const premises = premisesList.map((p, i) => premisesGroup(p, `premises[${i}]`));
  const total = premises.reduce((n, p) => n + p.count, 0);
  if (total > PREMISES_MAX) fail(`${origin}.premises`, `at most ${PREMISES_MAX} premises in total`);
  const scenario: Scenario = {
    format: SCENARIO_FORMAT, version,
    name: str(o, 'name', origin, 'unnamed'),
    description: str(o, 'description', origin, ''),
    start,
    days: int(o, 'days', origin, 1, SCENARIO_DAYS_MAX, 7),
    premises,
    wan: wan(o.wan ?? {}, 'wan'),
    maintenance: maintenance(o.maintenance ?? {}, 'maintenance'),
    faults: faults(o.faults ?? {}, 'faults', total),
  };
  return scenario;
}

function wan(value: unknown, at: string): Scenario['wan'] {
  const o = object(value, at, ['coverage', 'latency', 'lossPerMille', 'availabilityPerMille', 'retryMin', 'expiryMin', 'outagesPerYear', 'outageMinutes', 'outages']);
  const l = object(o.latency ?? {}, `${at}.latency`, ['minMs', 'medianMs', 'p99Ms', 'maxMs']);
  // dcc.md 12.2: default median 5 s, p99 20 s.
  const latency = {
    minMs: int(l, 'minMs', `${at}.latency`, 0, 3_600_000, 500),
    medianMs: int(l, 'medianMs', `${at}.latency`, 0, 3_600_000, 5_000),
    p99Ms: int(l, 'p99Ms', `${at}.latency`, 0, 3_600_000, 20_000),
    maxMs: int(l, 'maxMs', `${at}.latency`, 0, 3_600_000, 40_000),
  };
  if (!(latency.minMs <= latency.medianMs && latency.medianMs <= latency.p99Ms && latency.p99Ms <= latency.maxMs)) fail(`${at}.latency`, 'needs minMs <= medianMs <= p99Ms <= maxMs');
  const outages = list(o, 'outages', at, WAN_OUTAGES_MAX).map((x, i) => {
    const f = `${at}.outages[${i}]`;
    const s = object(x, f, ['start', 'minutes']);
    const start = str(s, 'start', f);
    utcInstant(start, `${f}.start`);
    return { start, minutes: int(s, 'minutes', f, 1, 527_040) };
  });
  return {
    coverage: oneOf(o, 'coverage', at, ['Connected', 'NoCoverage', 'Intermittent', 'Outage'] as const, 'Connected'),
    latency,
    lossPerMille: int(o, 'lossPerMille', at, 0, 1000, 0),
    availabilityPerMille: int(o, 'availabilityPerMille', at, 1, 1000, 1000),
    retryMin: int(o, 'retryMin', at, 1, 1_440, 5),
    expiryMin: int(o, 'expiryMin', at, 1, 527_040, 4_320),
    outagesPerYear: int(o, 'outagesPerYear', at, 0, 365, 0),
    outageMinutes: range(o, 'outageMinutes', at, 1, 10_080, [30, 240]),
    outages,
  };
}

function maintenance(value: unknown, at: string): Scenario['maintenance'] {
  const o = object(value, at, ['mode', 'windows']);
  const mode = oneOf(o, 'mode', at, ['H8', 'DP092'] as const, 'DP092');
  const windows = list(o, 'windows', at, 1_000).map((w, i) => {
    const f = `${at}.windows[${i}]`;
    const s = object(w, f, ['start', 'end', 'impact', 'scope', 'notice']);
    const spec: MaintenanceWindowSpec = {
      start: str(s, 'start', f), end: str(s, 'end', f),
      impact: oneOf(s, 'impact', f, ['HI', 'LI'] as const, 'LI'), scope: oneOf(s, 'scope', f, ['wan', 'gateway'] as const, 'wan'),
    };
    if (s.notice !== undefined) spec.notice = str(s, 'notice', f);
    return spec;
  });
  buildMaintenanceCalendar(mode, windows, `${at}.windows`); // the calendar rules of dcc.md 12.1
  return { mode, windows };
}

function faults(value: unknown, at: string, premisesCount: number): Scenario['faults'] {
  const o = object(value, at, ['clockDriftPpmMax', 'clockSyncHours', 'powerCuts', 'powerCutsPerYear', 'powerCutMinutes']);
  const powerCuts = list(o, 'powerCuts', at, POWER_CUTS_MAX).map((x, i) => {
    const f = `${at}.powerCuts[${i}]`;
    const s = object(x, f, ['premises', 'start', 'minutes']);
    const premises = s.premises ?? 'all';
    if (premises !== 'all' && !(Number.isInteger(premises) && (premises as number) >= 0 && (premises as number) < premisesCount)) fail(`${f}.premises`, `'all' or a premises index from 0 to ${premisesCount - 1}`);
    const start = str(s, 'start', f);
    utcInstant(start, `${f}.start`);
    return { premises: premises as number | 'all', start, minutes: int(s, 'minutes', f, 1, 527_040) };
  });
  return {
    clockDriftPpmMax: int(o, 'clockDriftPpmMax', at, 0, 1_000, 0),
    clockSyncHours: int(o, 'clockSyncHours', at, 1, 8_784, 24),
    powerCuts,
    powerCutsPerYear: int(o, 'powerCutsPerYear', at, 0, 365, 0),
    powerCutMinutes: range(o, 'powerCutMinutes', at, 1, 10_080, [1, 180]),
  };
}
