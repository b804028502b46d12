import type { PrngStream } from './prng.js';

// Half-hourly household consumption and rooftop generation, integers only (STYLE.md
// "Determinism": no Math.sin/exp feeding state). Means are per UTC half-hour slot; each
// draw scales the mean by a seeded factor of 50..150 %. The daily import mean is ~8.3 kWh.

export const HALF_HOURS_PER_DAY = 48;
export const HALF_HOUR_MS = 30 * 60 * 1000;

// Mean import Wh per half-hour slot 0 (00:00-00:30) .. 47: night base load, morning and evening peaks.
const LOAD_WH_MEAN: readonly number[] = [
  90, 85, 80, 75, 75, 75, 75, 75, 80, 85, 90, 100, 130, 180, 220, 200, 170, 150, 140, 140, 150, 160, 170, 180,
  180, 170, 160, 160, 170, 190, 220, 260, 320, 380, 420, 400, 360, 320, 280, 250, 220, 200, 180, 160, 140, 120, 110, 100,
];

// Mean generation Wh of a small (~1.5 kWp) array per slot; zero outside 07:00-18:00.
const PV_WH_MEAN: readonly number[] = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 30, 60, 100, 150, 200, 250, 290, 320, 340,
  340, 320, 290, 250, 200, 150, 100, 60, 30, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

export interface HalfHourIncrement {
  importActiveWh: number;
  exportActiveWh: number;
  importReactiveVarh: number;
  exportReactiveVarh: number;
}

/** The metering increment of one half-hour slot (0..47) drawn from a premises' load stream. */
export function drawHalfHour(stream: PrngStream, slotOfDay: number, hasGeneration: boolean): HalfHourIncrement {
  const load = scale(LOAD_WH_MEAN[slotOfDay]!, stream);
  const generation = hasGeneration ? scale(PV_WH_MEAN[slotOfDay]!, stream) : 0;
  const net = load - generation;
  return {
    importActiveWh: Math.max(net, 0),
    exportActiveWh: Math.max(-net, 0),
    importReactiveVarh: Math.trunc(load / 5), // power factor ~0.98 for household loads
    exportReactiveVarh: 0,
  };
}

function scale(mean: number, stream: PrngStream): number {
  if (mean === 0) return 0;
  return Math.trunc((mean * stream.nextRange(50, 150)) / 100);
}
