// SEC H13 performance report (issue 9 point 5, dcc.md 13, 14 #36-#38): achieved % with half-up
// rounding and status against target / minimum, rejections excluded from D, the Target
// Availability Period, UK local month minutes, due dates in working days with bank holidays,
// and the Markdown / CSV forms.

import { describe, expect, it } from 'vitest';
import type { PerformanceItem } from '../../host/dcc/report/items.js';
import { availability, formatPct } from '../../host/dcc/report/measures.js';
import { buildPmr, pmrCsv, pmrMarkdown } from '../../host/dcc/report/pmr.js';
import { dueDate, periodMinutes } from '../../host/dcc/report/working-days.js';

const APRIL = { year: 2026, month: 4 };
const T0 = Date.UTC(2026, 3, 10, 12);

function onDemand(count: number, withinTrt: number, rejected: number): PerformanceItem[] {
  const items: PerformanceItem[] = [];
  for (let i = 0; i < count; i++) items.push({ requestId: `r${i}`, srv: '4.1.1', category: 'ON_DEMAND', tStartMs: T0 + i * 1000, tStopMs: T0 + i * 1000 + (i < withinTrt ? 6_000 : 45_000), responseCode: 'I0' });
  for (let i = 0; i < rejected; i++) items.push({ requestId: `x${i}`, srv: '4.1.1', category: 'ON_DEMAND', tStartMs: T0, tStopMs: T0, responseCode: 'E2', exclusion: 'REJECTED' });
  return items;
}

const cpm1 = (items: PerformanceItem[]) => buildPmr(items, { period: APRIL, generatedAtMs: T0, deadlineWorkingDays: 10, emulatorVersion: 't' }).cpm[0]!;

describe('PMR (dcc.md 13.6, 13.7)', () => {
  it('#36: 995 of 1000 within TRT plus 10 E2 is 99.50% Target met with D = 1000; 970 Below target; 950 Below minimum', () => {
    expect(cpm1(onDemand(1000, 995, 10))).toMatchObject({ n: 995, d: 1000, achievedPct: '99.50', status: 'Target met' });
    expect(cpm1(onDemand(1000, 970, 10))).toMatchObject({ achievedPct: '97.00', status: 'Below target' });
    expect(cpm1(onDemand(1000, 950, 10))).toMatchObject({ achievedPct: '95.00', status: 'Below minimum' });
    expect(cpm1([])).toMatchObject({ d: 0, achievedPct: null, status: 'n/a' });
  });

  it('#37: April 2026 with 360 planned and 200 unplanned minutes: TAP 42,840, 99.53%', () => {
    expect(periodMinutes(APRIL)).toBe(43_200);
    const a = availability(periodMinutes(APRIL), 360, 200);
    expect([a.tapMin, formatPct(a.hundredths)]).toEqual([42_840, '99.53']);
  });

  it('counts elapsed minutes of the UK local month across clock changes', () => {
    expect(periodMinutes({ year: 2026, month: 3 })).toBe(44_580);
    expect(periodMinutes({ year: 2026, month: 10 })).toBe(44_700);
  });

  it('#38: due dates: 2026-01 on 13 Feb (10 WD) / 6 Mar (25 WD); 2026-03 on 16 Apr / 8 May, skipping bank holidays', () => {
    expect(dueDate({ year: 2026, month: 1 }, 10)).toBe('2026-02-13');
    expect(dueDate({ year: 2026, month: 1 }, 25)).toBe('2026-03-06');
    expect(dueDate({ year: 2026, month: 3 }, 10)).toBe('2026-04-16');
    expect(dueDate({ year: 2026, month: 3 }, 25)).toBe('2026-05-08');
  });

  it('an unanswered item still inside its TRT at period end moves to the next period; one past it fails', () => {
    const end = Date.UTC(2026, 3, 30, 23, 0); // 1 May 00:00 BST
    const late: PerformanceItem[] = [
      { requestId: 'a', srv: '4.2', category: 'ON_DEMAND', tStartMs: end - 10_000, responseCode: 'I99' },
      { requestId: 'b', srv: '4.2', category: 'ON_DEMAND', tStartMs: end - 40_000, responseCode: 'I99' },
    ];
    expect(cpm1(late)).toMatchObject({ n: 0, d: 1 });
  });

  it('writes the six parts as Markdown and each table as CSV', () => {
    const pmr = buildPmr(onDemand(4, 3, 1), { period: APRIL, generatedAtMs: T0, deadlineWorkingDays: 10, emulatorVersion: 't' });
    const md = pmrMarkdown(pmr);
    for (const part of ['## Header', '## CPM', '## SRV', '## Availability', '## Service Provider', '## Exclusions', '## Rejections']) expect(md).toContain(part);
    expect(pmrCsv(pmr, 'srv')).toBe('SRV,Category,D,N,Achieved %,p50 s,p95 s,max s\n4.1.1,ON_DEMAND,4,3,75.00,6.000,45.000,45.000\n');
    expect(pmrCsv(pmr, 'rejections')).toBe('Response code,Count\nE2,1\n');
    expect(pmr.dueDate).toBe('2026-05-15');
  });
});
