// Issue 7 point 7: `smartmeter simulate --scenario prepayment --days 365 --report FILE` writes a
// self-contained HTML page; this test opens it in headless Chromium (Debian's
// chromium-headless-shell through playwright-core; CI installs it, and a missing binary fails
// the test with a clear message) and checks what a reader sees: every chart is an SVG with a
// non-zero bounding box, each plotted path has one point per simulated day, both axes are
// titled and ticked, the page asks for nothing outside itself, and every figure of the summary
// table is the one the run reported (its --json output), which in turn agrees with how the
// top-ups and the price change were answered.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_ROWS } from '../../host/report/report-html.js';

const CHROMIUM = '/usr/bin/chromium-headless-shell';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const DAYS = 365;
const CHARTS = ['chart-balance', 'chart-debt', 'chart-consumption', 'chart-supply'];

interface Run {
  useCases: Record<string, { sent: number; answered: number; refused: number }>;
  report: { path: string; bytes: number };
  prepayment: { days: { disabledMinutes: number; armedMinutes: number }[]; summary: Record<string, number> };
}

let browser: Browser;
let run: Run;
let reportPath: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium-headless-shell (apt-get install chromium-headless-shell; .ci/run does) to run the report page tests`);
  }
  reportPath = join(mkdtempSync(join(tmpdir(), 'prepayment-report-')), 'report.html');
  const r = spawnSync(process.execPath, [cli, 'simulate', '--scenario', 'prepayment', '--days', String(DAYS), '--report', reportPath, '--json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  run = JSON.parse(r.stdout) as Run;
  expect(r.stderr).toContain(`report: ${reportPath}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function openReport() {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(reportPath).href);
  return { page, requests };
}

describe('prepayment report page (simulate --scenario prepayment --days 365)', () => {
  it('is written where --report says, at the size the run printed, and needs nothing outside itself', async () => {
    expect(run.report.path).toBe(reportPath);
    expect(statSync(reportPath).size).toBe(run.report.bytes);
    const { page, requests } = await openReport();
    expect(requests).toEqual([pathToFileURL(reportPath).href]);
    await page.close();
  });

  it.each(CHARTS)('chart %s renders: a visible SVG, one point per day in every path, titled and ticked axes', async (id) => {
    const { page } = await openReport();
    const svg = page.locator(`svg#${id}`);
    const box = await svg.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(0);
    expect(box!.height).toBeGreaterThan(0);
    const paths = await svg.locator('path.series').evaluateAll((nodes) => nodes.map((n) => {
      const d = n.getAttribute('d') ?? '';
      const box = (n as SVGGraphicsElement).getBBox();
      return { points: (d.match(/[ML]/g) ?? []).length, moves: (d.match(/M/g) ?? []).length, width: box.width };
    }));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.points).toBe(DAYS);
      expect(p.moves).toBe(1);
      expect(p.width).toBeGreaterThan(0); // the path spans the year, not a point
    }
    for (const title of ['x-title', 'y-title']) expect((await svg.locator(`text.axis-title.${title}`).textContent())?.trim()).not.toBe('');
    expect(await svg.locator('text.y-tick').count()).toBeGreaterThanOrEqual(2);
    expect(await svg.locator('text.x-tick').count()).toBeGreaterThanOrEqual(12); // a tick per month of the year
    await page.close();
  });

  it('the summary table shows the figures of the run', async () => {
    const { page } = await openReport();
    const cells = await page.locator('#summary tr').evaluateAll((rows) => rows.map((r) => ({
      key: r.getAttribute('data-key'), value: r.querySelector('td')?.getAttribute('data-value'), text: r.querySelector('td')?.textContent ?? '',
    })));
    expect(cells.map((c) => c.key)).toEqual(SUMMARY_ROWS.map(([key]) => key));
    for (const c of cells) {
      expect(Number(c.value), c.key!).toBe(run.prepayment.summary[c.key!]);
      expect(c.text.trim(), c.key!).not.toBe('');
    }
    await page.close();
  });

  it('the summary agrees with how the top-ups and the price change were answered', () => {
    const s = run.prepayment.summary;
    // Every way the household tops up the ESME: remote CS01a, its keypad, the PPMID (PECS01).
    const topUps = ['CS01a', 'CS01a keypad', 'CS01a PPMID'].map((name) => run.useCases[name]!);
    for (const c of topUps) expect(c.answered).toBeGreaterThan(0);
    expect(s.days).toBe(DAYS);
    expect(s.topUpsAccepted).toBe(topUps.reduce((n, c) => n + c.answered - c.refused, 0));
    expect(s.topUpsAccepted + s.topUpsRefused).toBe(topUps.reduce((n, c) => n + c.answered, 0));
    expect(s.priceChangesAccepted).toBe(run.useCases.ECS01b!.answered - run.useCases.ECS01b!.refused);
    expect(s.priceChangesAccepted).toBe(1);
    expect(s.minutesWithoutSupply).toBe(run.prepayment.days.reduce((n, d) => n + d.disabledMinutes + d.armedMinutes, 0));
    expect(s.debtRecoveredMilliPence).toBeGreaterThan(0);
    expect(s.debtAtEndMilliPence).toBeLessThan(s.debtAtStartMilliPence);
  });
});
