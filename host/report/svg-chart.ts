// One chart of a report as inline SVG (no script, no external asset): a frame, a y axis with
// rounded ticks, an x axis with a tick at the first day of each month, both axes titled, and one
// path per series with one point per day (M for the first, L for each next). Coordinates are
// written with one decimal, so the same data always give the same bytes.

export interface ChartSeries {
  name: string;
  /** One value per day, in the chart's unit. */
  values: readonly number[];
  /** CSS class of the path (its colour). */
  className: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  yTitle: string;
  xTitle: string;
  /** YYYY-MM-DD of each day (x positions and month ticks). */
  dates: readonly string[];
  series: readonly ChartSeries[];
}

const WIDTH = 960;
const HEIGHT = 260;
const LEFT = 70;
const RIGHT = 20;
const TOP = 30;
const BOTTOM = 50;
const Y_TICKS = 5;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A "nice" step (1, 2 or 5 times a power of ten) covering `span` in about Y_TICKS steps. */
function niceStep(span: number): number {
  const raw = span / Y_TICKS;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function fixed(v: number): string {
  return (Math.round(v * 10) / 10).toFixed(1);
}

function formatTick(v: number, step: number): string {
  return step < 1 ? v.toFixed(Math.min(3, Math.ceil(-Math.log10(step)))) : String(Math.round(v));
}

export function svgChart(c: ChartSpec): string {
  const all = c.series.flatMap((s) => s.values);
  let low = Math.min(0, ...all);
  let high = Math.max(0, ...all);
  if (high === low) high = low + 1;
  const step = niceStep(high - low);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const n = c.dates.length;
  const x = (i: number) => LEFT + (n <= 1 ? 0 : (i * plotW) / (n - 1));
  const y = (v: number) => TOP + plotH - ((v - low) * plotH) / (high - low);
  const parts: string[] = [
    `<svg id="${c.id}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${c.id}-title">`,
    `<title id="${c.id}-title">${escapeXml(c.title)}</title>`,
    `<rect class="frame" x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}"/>`,
  ];
  for (let v = low; v <= high + step / 2; v += step) {
    parts.push(`<line class="grid" x1="${LEFT}" x2="${LEFT + plotW}" y1="${fixed(y(v))}" y2="${fixed(y(v))}"/>`);
    parts.push(`<text class="tick y-tick" x="${LEFT - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${formatTick(v, step)}</text>`);
  }
  c.dates.forEach((date, i) => {
    if (!date.endsWith('-01') && i !== 0) return;
    parts.push(`<line class="tick-mark" x1="${fixed(x(i))}" x2="${fixed(x(i))}" y1="${TOP + plotH}" y2="${TOP + plotH + 5}"/>`);
    parts.push(`<text class="tick x-tick" x="${fixed(x(i))}" y="${TOP + plotH + 18}" text-anchor="middle">${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}</text>`);
  });
  parts.push(`<line class="axis x-axis" x1="${LEFT}" x2="${LEFT + plotW}" y1="${fixed(y(0))}" y2="${fixed(y(0))}"/>`);
  parts.push(`<line class="axis y-axis" x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotH}"/>`);
  parts.push(`<text class="axis-title x-title" x="${LEFT + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(c.xTitle)}</text>`);
  parts.push(`<text class="axis-title y-title" x="16" y="${TOP + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${TOP + plotH / 2})">${escapeXml(c.yTitle)}</text>`);
  for (const s of c.series) {
    const points = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${fixed(x(i))},${fixed(y(v))}`);
    parts.push(`<path class="series ${s.className}" data-series="${escapeXml(s.name)}" data-points="${s.values.length}" d="${points.join(' ')}"/>`);
  }
  c.series.forEach((s, i) => {
    parts.push(`<text class="legend ${s.className}" x="${LEFT + 8 + i * 220}" y="${TOP - 10}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
