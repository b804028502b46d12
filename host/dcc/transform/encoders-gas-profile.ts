import type { DuisRequest } from '../duis/request.js';
import { CLUSTER, FC, bodyText, gasRow, gbzPayload, zclTime, type ComponentSpec } from './encoders-gas-zcl.js';
import type { EncoderRow } from './types.js';

// Profile reads served by the GPF from the GSME's consumption reports (devices 6.3 "GPF-calculated
// data"): GCS17 the half-hourly Profile Data Log, GCS61 the Daily Consumption Log. No RTDS folder
// [A]: ZSE GetProfile (Metering 0x00) on interval channel 0 (consumption delivered), the periods
// that end at EndDateTime and cover ReadLogPeriod; GetProfile asks for at most 255 periods, so a
// longer range becomes several components, each ending where the next one starts.

const GET_PROFILE = 0x00;
const CONSUMPTION_DELIVERED = 0;
const PERIODS_PER_COMPONENT_MAX = 255;
/** A GBZ payload holds fewer than 64 components (GBCS 6.1). */
const COMPONENTS_MAX = 63;
const HALF_HOUR_MS = 30 * 60_000;
const DAY_MS = 24 * 3_600_000;

function periodsOf(r: DuisRequest, periodMs: number): number {
  const span = Date.parse(bodyText(r, 'EndDateTime')) - Date.parse(bodyText(r, 'StartDateTime'));
  // At least the period that ends at EndDateTime; an end before the start asks for nothing.
  return Number.isFinite(span) && span >= 0 ? Math.max(1, Math.ceil(span / periodMs)) : 0;
}

function getProfile(periodMs: number) {
  return (r: DuisRequest): Uint8Array => {
    const end = Date.parse(bodyText(r, 'EndDateTime'));
    const components: ComponentSpec[] = [];
    for (let left = periodsOf(r, periodMs), at = end; left > 0; left -= PERIODS_PER_COMPONENT_MAX) {
      const numberOfPeriods = Math.min(left, PERIODS_PER_COMPONENT_MAX);
      components.push({ clusterId: CLUSTER.metering, frameControl: FC.toServer, commandId: GET_PROFILE, fields: { intervalChannel: CONSUMPTION_DELIVERED, endTime: zclTime(at), numberOfPeriods } });
      at -= numberOfPeriods * periodMs;
    }
    return gbzPayload(components);
  };
}

/** A range that fits one GBZ payload (at most 63 GetProfile components); longer ones are not supported. */
const fits = (periodMs: number) => (r: DuisRequest): boolean => {
  const periods = periodsOf(r, periodMs);
  return periods > 0 && Math.ceil(periods / PERIODS_PER_COMPONENT_MAX) <= COMPONENTS_MAX;
};

export const GAS_PROFILE_ENCODERS: readonly EncoderRow[] = [
  gasRow('GCS17', '4.8.1', (i) => getProfile(HALF_HOUR_MS)(i.request), { deviceTypes: ['GSME', 'GPF'], matches: fits(HALF_HOUR_MS) }),
  gasRow('GCS61', '4.17', (i) => getProfile(DAY_MS)(i.request), { deviceTypes: ['GSME', 'GPF'], matches: fits(DAY_MS) }),
];
