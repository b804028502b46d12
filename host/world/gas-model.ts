import { readImportActiveWh } from '../device-view.js';
import { gasConsumptionInput } from '../gsme-inputs.js';
import type { PrngStream } from '../prng.js';
import { Status, statusName } from '../status.js';
import type { PremisesWorld } from './premises-world.js';
import { MINUTE_MS, ukLocalParts } from './uk-time.js';

// Household gas use per UK local half-hour, in dm3 (litres), integers only (STYLE.md
// "Determinism"). A slot mean follows a heating day (morning and evening peaks), scaled by the
// month (winter about four times summer); each draw scales it by a seeded 50..150 %. Over a
// year the mean is about 1,050 m3 (~11,700 kWh at 40 MJ/m3), a typical GB household.
//
// The gas reaches the meter as a real one measures it: at each wake the GSME gets the volume
// that flowed since its last wake through its GAS_CONSUMPTION input (host/gsme-inputs.ts), so
// its ledger prices and charges it (devices 4.4, 4.16) and its volume register advances; with
// the valve not open nothing flows and nothing is charged. The host then reads the register
// back (what the GSME pushes to the GPF mirror at the exchange, devices 6.3).

// Mean dm3 per half-hour slot 0 (00:00-00:30) .. 47 of an average day (sum ~2,880 dm3).
const GAS_DM3_MEAN: readonly number[] = [
  15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 20, 40, 110, 160, 170, 150, 120, 90, 60, 45, 40, 40, 40, 40,
  40, 40, 40, 40, 45, 50, 60, 80, 110, 140, 150, 150, 140, 130, 120, 110, 100, 90, 70, 50, 30, 20, 15, 15,
];

// Percent of the mean by UK local month (January first); averages ~100.
const MONTH_PCT: readonly number[] = [170, 160, 130, 100, 70, 45, 40, 40, 55, 90, 130, 170];
const HALF_HOUR_MIN = 30;

/** dm3 of one half-hour slot (0..47) of a month (1..12), scaled by scalePct. */
export function drawGasHalfHourDm3(stream: PrngStream, slotOfDay: number, month: number, scalePct: number): number {
  const mean = Math.trunc((GAS_DM3_MEAN[slotOfDay]! * MONTH_PCT[month - 1]!) / 100);
  return Math.trunc((Math.trunc((mean * stream.nextRange(50, 150)) / 100) * scalePct) / 100);
}

/** A GSME wake: the gas drawn since the last wake goes to the GSME's consumption input; its register is read back. */
export function meterGas(w: PremisesWorld, nowMs: number, d: number): void {
  const h = w.s.han;
  const minutes = Math.trunc((nowMs - h.lastWakeMs) / MINUTE_MS);
  h.lastWakeMs = nowMs;
  const p = ukLocalParts(nowMs);
  const slot = Math.trunc(p.minuteOfDay / HALF_HOUR_MIN);
  const dm3 = Math.trunc((drawGasHalfHourDm3(w.stream(`gas:${w.euis[d]}`), slot, p.month, w.group.consumption.gasScalePct) * minutes) / HALF_HOUR_MIN);
  if (dm3 <= 0) return;
  const status = w.deliverTo(nowMs, d, 'LOCAL', gasConsumptionInput(dm3));
  if (status !== Status.OK) throw w.error(nowMs, `GAS_CONSUMPTION to ${w.euis[d]} returned ${statusName(status)}`);
  h.gasVolumeDm3 = readImportActiveWh(w.firmware(d), w.homes[d]!.slot);
}
