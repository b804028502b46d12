import { EXCLUSIONS, TRT_MS, type Category, type PerformanceItem } from './items.js';
import { achievedHundredths, availability, formatPct, nearestRank, statusOf } from './measures.js';
import { dueDate, periodBoundsMs, periodMinutes, type Period } from './working-days.js';

// The Performance Measurement Report (dcc.md 13.2, 13.6, 13.7) of one period from performance
// items: header, CPM table, SRV table, availability, service-provider measures, exclusions and
// rejections; as JSON (keys in lowerCamelCase), Markdown (one '## ' part each) or CSV per table.
// CPMs 4, 5, 5A (incidents) and the CSP measures need inputs this emulator does not model yet and
// are reported n/a.

interface CpmDef {
  cpm: string;
  description: string;
  targetPct: number;
  minimumPct: number;
  categories: readonly Category[];
}

const CPMS: readonly CpmDef[] = [
  { cpm: '1', description: 'On-Demand Service Responses within Target Response Time', targetPct: 99, minimumPct: 96, categories: ['ON_DEMAND', 'CRITICAL', 'TRANSFORM', 'LOCAL', 'NON_DEVICE'] },
  { cpm: '2', description: 'Future-Dated Service Responses within Target Response Time', targetPct: 99, minimumPct: 96, categories: ['FUTURE_DATED', 'SCHEDULED'] },
  { cpm: '3', description: 'Alerts within Target Response Time', targetPct: 99, minimumPct: 96, categories: ['ALERT'] },
  { cpm: '4', description: 'Category 1-2 Incidents resolved within Target Resolution Time', targetPct: 100, minimumPct: 85, categories: [] },
  { cpm: '5', description: 'Category 3-5 Incidents resolved within Target Resolution Time', targetPct: 90, minimumPct: 80, categories: [] },
];

export interface AvailabilityInput {
  component: string;
  region: string;
  plannedMin: number;
  unplannedMin: number;
}

export interface PmrOptions {
  period: Period;
  generatedAtMs: number;
  deadlineWorkingDays: number;
  emulatorVersion: string;
  availability?: readonly AvailabilityInput[];
  /** DSP 11 inputs: (detect, notify) times of the period's quarantines. */
  quarantines?: readonly { detectMs: number; notifyMs: number }[];
}

type Row = Record<string, string | number | null>;
export interface Pmr {
  period: string;
  generatedAt: string;
  dueDate: string;
  emulatorVersion: string;
  cpm: Row[];
  srv: Row[];
  availability: Row[];
  sp: Row[];
  exclusions: Row[];
  rejections: Row[];
}

const SUCCESS = (code: string): boolean => code.startsWith('I');
const pctOrNull = (h: number | undefined): string | null => (h === undefined ? null : formatPct(h));

/** Items in the period (by tStart); unfinished items whose TRT has not passed by period end move on. */
function inPeriod(items: readonly PerformanceItem[], start: number, end: number): PerformanceItem[] {
  return items.filter((i) => i.tStartMs >= start && i.tStartMs < end && !(i.tStopMs === undefined && i.tStartMs + TRT_MS[i.category] > end));
}

const withinTrt = (i: PerformanceItem): boolean => i.tStopMs !== undefined && i.tStopMs - i.tStartMs <= TRT_MS[i.category] && SUCCESS(i.responseCode);

function srvOrder(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) if ((pa[k] ?? -1) !== (pb[k] ?? -1)) return (pa[k] ?? -1) - (pb[k] ?? -1);
  return 0;
}

export function buildPmr(allItems: readonly PerformanceItem[], options: PmrOptions): Pmr {
  const [start, end] = periodBoundsMs(options.period);
  const items = inPeriod(allItems, start, end);
  const counted = items.filter((i) => i.exclusion === undefined);
  const cpm = CPMS.map((def): Row => {
    const d = counted.filter((i) => def.categories.includes(i.category));
    const n = d.filter(withinTrt).length;
    const h = achievedHundredths(n, d.length);
    return { cpm: def.cpm, description: def.description, targetPct: def.targetPct.toFixed(2), minimumPct: def.minimumPct.toFixed(2), n, d: d.length, achievedPct: pctOrNull(h), status: statusOf(h, def.targetPct, def.minimumPct) };
  });
  const groups = new Map<string, PerformanceItem[]>();
  for (const i of counted) groups.set(`${i.srv}|${i.category}`, [...(groups.get(`${i.srv}|${i.category}`) ?? []), i]);
  const srv = [...groups.entries()]
    .sort(([a], [b]) => srvOrder(a.split('|')[0]!, b.split('|')[0]!) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, d]): Row => {
      const [srvName, category] = key.split('|') as [string, string];
      const seconds = d.filter((i) => i.tStopMs !== undefined).map((i) => (i.tStopMs! - i.tStartMs) / 1000).sort((x, y) => x - y);
      const s = (v: number | undefined): string | null => (v === undefined ? null : v.toFixed(3));
      return { srv: srvName, category, d: d.length, n: d.filter(withinTrt).length, achievedPct: pctOrNull(achievedHundredths(d.filter(withinTrt).length, d.length)), p50S: s(nearestRank(seconds, 50)), p95S: s(nearestRank(seconds, 95)), maxS: s(seconds.at(-1)) };
    });
  const minutes = periodMinutes(options.period);
  const availabilityRows = (options.availability ?? ['data', 'gateway', 'sms', 'ssi'].map((component) => ({ component, region: '-', plannedMin: 0, unplannedMin: 0 }))).map((a): Row => {
    const { tapMin, hundredths } = availability(minutes, a.plannedMin, a.unplannedMin);
    return { component: a.component, region: a.region, tapMin, plannedMin: a.plannedMin, unplannedMin: a.unplannedMin, achievedPct: pctOrNull(hundredths) };
  });
  const quarantines = (options.quarantines ?? []).filter((q) => q.detectMs >= start && q.detectMs < end);
  const dsp11 = achievedHundredths(quarantines.filter((q) => q.notifyMs - q.detectMs <= 30 * 60_000).length, quarantines.length);
  const sp: Row[] = [{ provider: 'DSP', pm: '11', smKpi: 'KPI', measure: '% anomalous Service Requests notified within 30 minutes', n: quarantines.filter((q) => q.notifyMs - q.detectMs <= 30 * 60_000).length, d: quarantines.length, achievedPct: pctOrNull(dsp11), target: '99.00', minimum: '96.00', status: statusOf(dsp11, 99, 96) }];
  const exclusions = EXCLUSIONS.map((reason): Row => ({ reason, count: items.filter((i) => i.exclusion === reason).length }));
  const codes = [...new Set(items.filter((i) => i.exclusion === 'REJECTED').map((i) => i.responseCode))].sort();
  const rejections = codes.map((code): Row => ({ responseCode: code, count: items.filter((i) => i.exclusion === 'REJECTED' && i.responseCode === code).length }));
  const p = options.period;
  return {
    period: `${p.year}-${String(p.month).padStart(2, '0')}`,
    generatedAt: new Date(options.generatedAtMs).toISOString(),
    dueDate: dueDate(p, options.deadlineWorkingDays),
    emulatorVersion: options.emulatorVersion,
    cpm, srv, availability: availabilityRows, sp, exclusions, rejections,
  };
}

export const PMR_TABLES = ['cpm', 'srv', 'availability', 'sp', 'exclusions', 'rejections'] as const;
export type PmrTable = (typeof PMR_TABLES)[number];
const TITLES: Readonly<Record<PmrTable, string>> = { cpm: 'CPM', srv: 'SRV', availability: 'Availability', sp: 'Service Provider', exclusions: 'Exclusions', rejections: 'Rejections' };
const HEADERS: Readonly<Record<PmrTable, readonly string[]>> = {
  cpm: ['CPM', 'Description', 'Target %', 'Minimum %', 'N', 'D', 'Achieved %', 'Status'],
  srv: ['SRV', 'Category', 'D', 'N', 'Achieved %', 'p50 s', 'p95 s', 'max s'],
  availability: ['Component', 'Region', 'TAP min', 'Planned min', 'Unplanned min', 'Achieved %'],
  sp: ['Provider', 'PM', 'SM/KPI', 'Measure', 'N', 'D', 'Achieved %', 'Target', 'Minimum', 'Status'],
  exclusions: ['Reason', 'Count'],
  rejections: ['Response code', 'Count'],
};
const KEYS: Readonly<Record<PmrTable, readonly string[]>> = {
  cpm: ['cpm', 'description', 'targetPct', 'minimumPct', 'n', 'd', 'achievedPct', 'status'],
  srv: ['srv', 'category', 'd', 'n', 'achievedPct', 'p50S', 'p95S', 'maxS'],
  availability: ['component', 'region', 'tapMin', 'plannedMin', 'unplannedMin', 'achievedPct'],
  sp: ['provider', 'pm', 'smKpi', 'measure', 'n', 'd', 'achievedPct', 'target', 'minimum', 'status'],
  exclusions: ['reason', 'count'],
  rejections: ['responseCode', 'count'],
};

const cell = (v: string | number | null | undefined): string => (v === null || v === undefined ? 'n/a' : String(v));

/** One table as CSV (header = column names, LF, no quoting; dcc.md 13.7). */
export function pmrCsv(pmr: Pmr, table: PmrTable): string {
  const rows = pmr[table].map((r) => KEYS[table].map((k) => cell(r[k]).replace(/,/g, ';')).join(','));
  return [HEADERS[table].join(','), ...rows].join('\n') + '\n';
}

/** The report as one Markdown document. */
export function pmrMarkdown(pmr: Pmr): string {
  const out = [`# Performance Measurement Report ${pmr.period}`, '', '## Header', '', `- Period: ${pmr.period}`, `- Generated at: ${pmr.generatedAt}`, `- Due date: ${pmr.dueDate}`, `- Emulator version: ${pmr.emulatorVersion}`];
  for (const table of PMR_TABLES) {
    out.push('', `## ${TITLES[table]}`, '', `| ${HEADERS[table].join(' | ')} |`, `|${HEADERS[table].map(() => '---').join('|')}|`);
    for (const r of pmr[table]) out.push(`| ${KEYS[table].map((k) => cell(r[k])).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}
