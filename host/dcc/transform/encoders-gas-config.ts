import { encodeDer, type DerNode } from '../../../gbcs/payload/der.js';
import type { DuisRequest } from '../duis/request.js';
import { CLUSTER, FC, bodyText, child, gasRow, gbzPayload, zclTime } from './encoders-gas-zcl.js';
import type { EncoderRow, TransformInput } from './types.js';

// GSME configuration use cases: gas conversion (GCS23, SR 6.6), uncontrolled flow and supply
// states (GCS24 / GCS24a, SR 6.7), billing calendar (GCS25 / GCS25a, SR 6.8) as the RTDS
// folders carry them, and the clock synchronisation of SR 6.11 / 8.1.1 (GCS28: ASN.1, GBCS 7).

const PRICE_COMMAND = { publishBillingPeriod: 0x09, publishBlockPeriod: 0x01, publishConversionFactor: 0x02, publishCalorificValue: 0x03 } as const;
const METERING_COMMAND = { setSupplyStatus: 0x0d, setUncontrolledFlowThreshold: 0x0e } as const;
/** calorificValueUnit (ZSE D.4.2.2.6): MJ/m³. */
const MJ_PER_M3 = 1;
/** unitOfMeasure (ZSE D.3.2.2.5.2): m³. */
const CUBIC_METRES = 1;
/**
 * SetSupplyStatus states (ZSE D.3.2.3.1.13): 0 supply off, 1 off / armed, 3 unchanged. DUIS
 * 'Locked' arms the valve (devices 6.2 "lock if Supply Tamper State = Locked") [A]; the
 * uncontrolled-flow state stays 'off' and the load-limit state 'unchanged' (RTDS 6.7_GCS24).
 */
const SUPPLY_STATE: Readonly<Record<string, number>> = { Unchanged: 3, Locked: 1 };
const SUPPLY_OFF = 0;
const SUPPLY_UNCHANGED = 3;
/**
 * Billing periodicity as (duration, duration type) (ZSE D.4.2.3.9: type low nibble = timebase 1
 * days, 2 weeks, 3 months; high nibble 2 = 'not specified' control, RTDS 0x23).
 */
const PERIODICITY: Readonly<Record<string, readonly [duration: number, type: number]>> = {
  Daily: [1, 0x21], Weekly: [1, 0x22], Monthly: [1, 0x23], Quarterly: [3, 0x23], SixMonthly: [6, 0x23], Annually: [12, 0x23],
};
/** GCS25 keeps the monthly calendar of the first GBCS versions; GCS25a 'all periodicities' (GBCS use-case catalogue) [A]. */
const GCS25_PERIODICITY = 'Monthly';
/** PublishBlockPeriod: control 2 (repeating, RTDS); resolution period 1 (block period, RTDS). */
const BLOCK_PERIOD_CONTROL = 2;
const TARIFF_RESOLUTION_BLOCK_PERIOD = 1;
/** GBCS 7.2.11: validity window = [CurrentDateTime, CurrentDateTime + TolerancePeriod] as GeneralizedTime. */
const TAG_SEQUENCE = 16;
const TAG_GENERALIZED_TIME = 24;
const MS_PER_S = 1000;

/** A decimal's digits and places ('1.02264' -> [102264, 5]); ZCL trailing digit = places in the high nibble. */
function decimal(text: string): [value: number, trailingDigit: number] {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return [Number(whole + fraction), fraction.length << 4];
}

function gcs23(i: TransformInput): Uint8Array {
  const issuerEventId = zclTime(i.nowMs);
  const [conversionFactor, conversionFactorTrailingDigit] = decimal(bodyText(i.request, 'ConversionFactor'));
  const [calorificValue, calorificValueTrailingDigit] = decimal(bodyText(i.request, 'CalorificValue'));
  return gbzPayload([
    { clusterId: CLUSTER.price, frameControl: FC.publish, commandId: PRICE_COMMAND.publishConversionFactor, fields: { issuerEventId, startTime: 0, conversionFactor, conversionFactorTrailingDigit } },
    { clusterId: CLUSTER.price, frameControl: FC.publish, commandId: PRICE_COMMAND.publishCalorificValue, fields: { issuerEventId, startTime: 0, calorificValue, calorificValueUnit: MJ_PER_M3, calorificValueTrailingDigit } },
  ]);
}

/** GCS24 sends the rate as an integer; GCS24a as a decimal, carried as digits over a power-of-ten divisor. */
function gasFlow(i: TransformInput, threshold: number, divisor: number): Uint8Array {
  const r = i.request;
  const issuerEventId = zclTime(i.nowMs);
  return gbzPayload([
    { clusterId: CLUSTER.metering, frameControl: FC.toServer, commandId: METERING_COMMAND.setUncontrolledFlowThreshold, fields: {
      providerId: 0, issuerEventId, uncontrolledFlowThreshold: threshold, unitOfMeasure: CUBIC_METRES, multiplier: 1, divisor,
      stabilisationPeriod: Number(bodyText(r, 'StabilisationPeriod')), measurementPeriod: Number(bodyText(r, 'MeasurementPeriod')),
    } },
    { clusterId: CLUSTER.metering, frameControl: FC.toServer, commandId: METERING_COMMAND.setSupplyStatus, fields: {
      issuerEventId, supplyTamperState: SUPPLY_STATE[bodyText(r, 'SupplyTamperState')], supplyDepletionState: SUPPLY_STATE[bodyText(r, 'SupplyDepletionState')],
      supplyUncontrolledFlowState: SUPPLY_OFF, loadLimitSupplyState: SUPPLY_UNCHANGED,
    } },
  ]);
}

function decimalFlow(i: TransformInput): Uint8Array {
  const [digits, trailing] = decimal(bodyText(i.request, 'UncontrolledGasFlowRateDecimal'));
  return gasFlow(i, digits, 10 ** (trailing >> 4));
}

const knownSupplyStates = (r: DuisRequest): boolean => SUPPLY_STATE[bodyText(r, 'SupplyTamperState')] !== undefined && SUPPLY_STATE[bodyText(r, 'SupplyDepletionState')] !== undefined;

function billingCalendar(i: TransformInput): Uint8Array {
  const r = i.request;
  const [duration, durationType] = PERIODICITY[bodyText(r, 'Periodicity')]!;
  const start = zclTime(Date.parse(bodyText(r, 'BillingPeriodStart')));
  const ids = { providerId: 0, issuerEventId: zclTime(i.nowMs) };
  return gbzPayload([
    { clusterId: CLUSTER.price, frameControl: FC.publish, commandId: PRICE_COMMAND.publishBillingPeriod, fields: { ...ids, billingPeriodStartTime: start, billingPeriodDuration: duration, billingPeriodDurationType: durationType, tariffType: 0 } },
    { clusterId: CLUSTER.price, frameControl: FC.publish, commandId: PRICE_COMMAND.publishBlockPeriod, fields: {
      ...ids, blockPeriodStartTime: start, blockPeriodDuration: duration, blockPeriodControl: BLOCK_PERIOD_CONTROL, blockPeriodDurationType: durationType, tariffType: 0, tariffResolutionPeriod: TARIFF_RESOLUTION_BLOCK_PERIOD,
    } },
  ]);
}

function generalizedTime(ms: number): DerNode {
  const text = new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return { tagClass: 'universal', constructed: false, tagNumber: TAG_GENERALIZED_TIME, value: Uint8Array.from(Buffer.from(text, 'latin1')) };
}

function clockSync(i: TransformInput): Uint8Array {
  const from = Date.parse(bodyText(i.request, 'CurrentDateTime'));
  const tolerance = Number(bodyText(i.request, 'TolerancePeriod'));
  return encodeDer({ tagClass: 'universal', constructed: true, tagNumber: TAG_SEQUENCE, children: [generalizedTime(from), generalizedTime(from + tolerance * MS_PER_S)] });
}

const periodicity = (r: DuisRequest): string => bodyText(r, 'Periodicity');
const has = (local: string) => (r: DuisRequest): boolean => bodyText(r, local) !== '';

export const GAS_CONFIG_ENCODERS: readonly EncoderRow[] = [
  gasRow('GCS23', '6.6', gcs23),
  gasRow('GCS24', '6.7', (i) => gasFlow(i, Number(bodyText(i.request, 'UncontrolledGasFlowRate')), 1), { matches: (r) => has('UncontrolledGasFlowRate')(r) && knownSupplyStates(r) }),
  gasRow('GCS24a', '6.7', decimalFlow, { matches: (r) => has('UncontrolledGasFlowRateDecimal')(r) && knownSupplyStates(r) }),
  gasRow('GCS25', '6.8', billingCalendar, { matches: (r) => child(r.body, 'GasBillingCalendar') !== undefined && periodicity(r) === GCS25_PERIODICITY }),
  gasRow('GCS25a', '6.8', billingCalendar, { matches: (r) => child(r.body, 'GasBillingCalendar') !== undefined && PERIODICITY[periodicity(r)] !== undefined }),
  gasRow('GCS28', '6.11', clockSync),
  gasRow('GCS28Commission', '8.1.1', clockSync, { code: 'GCS28' }),
];
