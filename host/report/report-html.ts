import type { PrepaymentReport, PrepaymentSummary } from './prepayment-report.js';
import { svgChart } from './svg-chart.js';

// The prepayment report as one self-contained HTML page (issue 7 point 7): inline CSS and inline
// SVG charts (meter balance with emergency credit, debt on the meter, daily consumption, hours
// without supply), and a summary table whose cells carry the exact figures in data-value
// (milli-pence, Wh, minutes or counts) beside the shown text. No script, no external asset.

const MILLI_PENCE_PER_POUND = 100_000;

/** Money for people: pounds with pence (the integer milli-pence stay in data-value). */
export function pounds(milliPence: number): string {
  const sign = milliPence < 0 ? '-' : '';
  const pence = Math.round(Math.abs(milliPence) / 1000);
  return `${sign}£${Math.trunc(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Row = [key: keyof PrepaymentSummary, label: string, show: (v: number) => string];
const count = (v: number) => v.toLocaleString('en-GB');
const kwh = (wh: number) => `${(wh / 1000).toFixed(1)} kWh`;
const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;

/** The summary table, in reading order. */
export const SUMMARY_ROWS: readonly Row[] = [
  ['topUpsAccepted', 'Top-ups accepted', count],
  ['topUpsRefused', 'Top-ups refused', count],
  ['creditAddedMilliPence', 'Credit added', pounds],
  ['consumptionChargedMilliPence', 'Consumption charged', pounds],
  ['standingChargedMilliPence', 'Standing charges', pounds],
  ['standingCollectedMilliPence', 'Standing charges collected from credit', pounds],
  ['debtAtStartMilliPence', 'Debt at the start', pounds],
  ['debtRecoveredMilliPence', 'Debt recovered', pounds],
  ['debtAtEndMilliPence', 'Debt at the end', pounds],
  ['emergencyCreditUses', 'Emergency credit uses', count],
  ['emergencyCreditGrantedMilliPence', 'Emergency credit granted', pounds],
  ['lowCreditWarnings', 'Low-credit warnings', count],
  ['disablements', 'Disablements (credit below threshold)', count],
  ['minutesWithoutSupply', 'Time without supply', hours],
  ['importWh', 'Electricity imported', kwh],
  ['meterBalanceAtEndMilliPence', 'Meter balance at the end', pounds],
  ['priceChangesAccepted', 'Price changes accepted (ECS01b)', count],
];

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
.chart { display: block; background: #fff; }
.frame { fill: #fafafa; stroke: #ccc; } .grid { stroke: #e6e6e6; } .axis { stroke: #555; } .tick-mark { stroke: #555; }
.tick, .legend { font-size: 11px; fill: #444; } .axis-title { font-size: 12px; fill: #222; }
.series { fill: none; stroke-width: 1.5; }
.balance { stroke: #1b6ac9; fill: none; } .emergency { stroke: #d9822b; } .debt { stroke: #b3261e; } .consumption { stroke: #2e7d32; }
.disabled { stroke: #b3261e; } .armed { stroke: #8e6ccf; }
text.balance, text.emergency, text.debt, text.consumption, text.disabled, text.armed { stroke: none; }
text.balance { fill: #1b6ac9; } text.emergency { fill: #d9822b; } text.debt { fill: #b3261e; } text.consumption { fill: #2e7d32; }
text.disabled { fill: #b3261e; } text.armed { fill: #8e6ccf; }
table { border-collapse: collapse; } th, td { padding: 4px 12px; border-bottom: 1px solid #ddd; text-align: left; } td { text-align: right; }
`;

export function reportHtml(r: PrepaymentReport): string {
  const dates = r.days.map((d) => d.date);
  const pound = (mp: number) => mp / MILLI_PENCE_PER_POUND;
  const charts = [
    svgChart({ id: 'chart-balance', title: 'Meter balance', yTitle: 'GBP', xTitle: 'day (UTC)', dates, series: [
      { name: 'meter balance', className: 'balance', values: r.days.map((d) => pound(d.meterBalanceMilliPence)) },
      { name: 'emergency credit left', className: 'emergency', values: r.days.map((d) => pound(d.emergencyCreditMilliPence)) },
    ] }),
    svgChart({ id: 'chart-debt', title: 'Debt on the meter', yTitle: 'GBP', xTitle: 'day (UTC)', dates, series: [
      { name: 'debt (payment, time, accumulated)', className: 'debt', values: r.days.map((d) => pound(d.debtMilliPence)) },
    ] }),
    svgChart({ id: 'chart-consumption', title: 'Daily consumption', yTitle: 'kWh per day', xTitle: 'day (UTC)', dates, series: [
      { name: 'active import', className: 'consumption', values: r.days.map((d) => d.importWh / 1000) },
    ] }),
    svgChart({ id: 'chart-supply', title: 'Supply state', yTitle: 'hours per day', xTitle: 'day (UTC)', dates, series: [
      { name: 'disabled (no credit)', className: 'disabled', values: r.days.map((d) => d.disabledMinutes / 60) },
      { name: 'armed (waiting for the button)', className: 'armed', values: r.days.map((d) => d.armedMinutes / 60) },
    ] }),
  ];
  const titles = ['Meter balance', 'Debt on the meter', 'Daily consumption', 'Supply state: hours without supply per day'];
  const rows = SUMMARY_ROWS.map(([key, label, show]) => `<tr data-key="${key}"><th>${escapeHtml(label)}</th><td data-value="${r.summary[key]}">${escapeHtml(show(r.summary[key]))}</td></tr>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Prepayment report: ${escapeHtml(r.scenario)}, seed ${escapeHtml(r.seed)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>Prepayment report: scenario ${escapeHtml(r.scenario)}</h1>`,
    `<p>Meter ${escapeHtml(r.meterEui)}, seed ${escapeHtml(r.seed)}, ${r.days.length} days from ${escapeHtml(r.start)} to ${escapeHtml(r.end)}. Every figure is what the meter itself recorded (its ledger registers and counters, read by the host after each delivery); one point per day, at the day's last reading.</p>`,
    '<h2>Summary</h2>',
    `<table id="summary"><tbody>${rows.join('')}</tbody></table>`,
    ...charts.flatMap((svg, i) => [`<h2>${escapeHtml(titles[i]!)}</h2>`, svg]),
    '</body></html>',
    '',
  ].join('\n');
}
