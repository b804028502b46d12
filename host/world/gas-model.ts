import type { PrngStream } from '../prng.js';

// Household gas use per UK local half-hour, in dm3 (litres), integers only (STYLE.md
// "Determinism"). A slot mean follows a heating day (morning and evening peaks), scaled by the
// month (winter about four times summer); each draw scales it by a seeded 50..150 %. Over a
// year the mean is about 1,050 m3 (~11,700 kWh at 40 MJ/m3), a typical GB household.

// Mean dm3 per half-hour slot 0 (00:00-00:30) .. 47 of an average day (sum ~2,880 dm3).
const GAS_DM3_MEAN: readonly number[] = [
  15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 20, 40, 110, 160, 170, 150, 120, 90, 60, 45, 40, 40, 40, 40,
  40, 40, 40, 40, 45, 50, 60, 80, 110, 140, 150, 150, 140, 130, 120, 110, 100, 90, 70, 50, 30, 20, 15, 15,
];

// Percent of the mean by UK local month (January first); averages ~100.
const MONTH_PCT: readonly number[] = [170, 160, 130, 100, 70, 45, 40, 40, 55, 90, 130, 170];

/** dm3 of one half-hour slot (0..47) of a month (1..12), scaled by scalePct. */
export function drawGasHalfHourDm3(stream: PrngStream, slotOfDay: number, month: number, scalePct: number): number {
  const mean = Math.trunc((GAS_DM3_MEAN[slotOfDay]! * MONTH_PCT[month - 1]!) / 100);
  return Math.trunc((Math.trunc((mean * stream.nextRange(50, 150)) / 100) * scalePct) / 100);
}
