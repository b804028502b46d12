import type { DuisRequest } from '../duis/request.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { calendarComponents, type DayProfile } from './encoders-gas-calendar.js';
import {
  CANCEL, CLUSTER, FC, activationTime, bodyText, child, elementsNamed, gasRow, gbzPayload, indexedNumbers, numberOf, text, zclTime, type ComponentSpec,
} from './encoders-gas-zcl.js';
import type { EncoderRow, TransformInput } from './types.js';

// GCS01a (SR 1.1.1: switching table, special days, block thresholds and prices) and GCS01b
// (SR 1.2.1: prices only) as the Price and Calendar cluster components of RTDS 1.1.1_GCS01a /
// 1.2.1_GCS01b: a TOU tariff prices tiers 1..n (price matrix sub-payload 'TOU', 1); a block
// tariff prices blocks 0..n-1 of tier 0 (sub-payload 0) under thresholds in thousandths.

const PRICE_COMMAND = { tariffInformation: 0x04, priceMatrix: 0x05, blockThresholds: 0x06 } as const;
/** tariffTypeChargingScheme (ZSE D.4.2.4.3): delivered TOU 0x00, delivered block 0x10. */
const SCHEME = { tou: 0x00, block: 0x10 } as const;
const SUB_PAYLOAD = { block: 0, tou: 1 } as const;
/** ISO 4217 numeric codes of the DUIS CurrencyUnits (RTDS: GBP 826; the 'ECB' template 978). */
const CURRENCY: Readonly<Record<string, number>> = { GBP: 826, EUR: 978, ECB: 978 };
/** Prices in 10^-5 of the currency unit (trailing digit 5 in the high nibble, RTDS). */
const PRICE_TRAILING_DIGIT = 0x50;
const TIER_BLOCK_MODE_NONE = 0xff;
/** Block thresholds in thousandths of the unit (m³), RTDS. */
const THRESHOLD_DIVISOR = 1000;
const ISSUER_TARIFF_ID = 1;
const CALENDAR_TYPE_DELIVERED = 0;

interface Prices {
  tou: boolean;
  values: number[];
}

function pricesOf(r: DuisRequest): Prices {
  const prices = child(r.body, 'PriceElements') ?? r.body;
  const tou = child(prices, 'TOUTariff');
  return tou ? { tou: true, values: indexedNumbers(tou, 'TOUPrice') } : { tou: false, values: indexedNumbers(prices, 'BlockPrice') };
}

const knownCurrency = (r: DuisRequest): boolean => CURRENCY[bodyText(r, 'CurrencyUnits')] !== undefined;

function priceComponents(i: TransformInput, blockThresholdsInUse: number, thresholds: number[] | undefined): ComponentSpec[] {
  const r = i.request;
  const issuerEventId = zclTime(i.nowMs);
  const prices = pricesOf(r);
  const provider = { providerId: 0, issuerEventId };
  const matrixStart = activationTime(r, CANCEL.calendar);
  const publish = (commandId: number, fields: Record<string, unknown>): ComponentSpec => ({ clusterId: CLUSTER.price, frameControl: FC.publish, commandId, fields: { ...provider, ...fields } });
  return [
    publish(PRICE_COMMAND.tariffInformation, {
      issuerTariffId: ISSUER_TARIFF_ID, startTime: activationTime(r, CANCEL.immediate), tariffTypeChargingScheme: prices.tou ? SCHEME.tou : SCHEME.block, tariffLabel: new Uint8Array(0),
      numberOfPriceTiersInUse: prices.tou ? prices.values.length : 0, numberOfBlockThresholdsInUse: prices.tou ? 0 : blockThresholdsInUse, unitOfMeasure: 0,
      currency: CURRENCY[bodyText(r, 'CurrencyUnits')], priceTrailingDigit: PRICE_TRAILING_DIGIT, standingCharge: Number(bodyText(r, 'StandingCharge')),
      tierBlockMode: TIER_BLOCK_MODE_NONE, blockThresholdMultiplier: 1, blockThresholdDivisor: THRESHOLD_DIVISOR,
    }),
    ...(thresholds && !prices.tou ? [publish(PRICE_COMMAND.blockThresholds, {
      startTime: matrixStart, issuerTariffId: ISSUER_TARIFF_ID, commandIndex: 0, totalNumberOfCommands: 1, subPayloadControl: 1,
      tiers: [{ tierNumberOfBlockThresholds: thresholds.length, blockThresholds: thresholds.map((threshold) => ({ threshold })) }],
    })] : []),
    publish(PRICE_COMMAND.priceMatrix, {
      startTime: matrixStart, issuerTariffId: ISSUER_TARIFF_ID, commandIndex: 0, totalNumberOfCommands: 1, subPayloadControl: prices.tou ? SUB_PAYLOAD.tou : SUB_PAYLOAD.block,
      prices: prices.values.map((price, k) => ({ tierBlockId: prices.tou ? k + 1 : k, price })),
    }),
  ];
}

/** GCS01a day profiles: one entry from midnight, the TOU action's tier (a block-tariff day: tier 0). */
function tariffDays(elements: XmlElement): DayProfile[] {
  return elementsNamed(elements, 'DayProfile').map((d) => ({
    dayId: numberOf(d, 'DayName'),
    entries: [{ startTimeMinutes: 0, priceTier: text(d, 'TOUTariffAction') === '' ? 0 : numberOf(d, 'TOUTariffAction') }],
  }));
}

function gcs01a(i: TransformInput): Uint8Array {
  const r = i.request;
  const elements = child(r.body, 'GasTariffElements');
  if (!elements) throw new RangeError('GasTariffElements missing'); // matches() checked
  const calendar = calendarComponents({ calendarType: CALENDAR_TYPE_DELIVERED, issuerId: zclTime(i.nowMs), startTime: activationTime(r, CANCEL.calendar), days: tariffDays(elements), scope: elements });
  const thresholds = indexedNumbers(child(elements, 'ThresholdMatrix') ?? elements, 'BlockThreshold');
  return gbzPayload([...calendar, ...priceComponents(i, thresholds.length, thresholds)]);
}

export const GAS_TARIFF_ENCODERS: readonly EncoderRow[] = [
  gasRow('GCS01a', '1.1.1', gcs01a, { matches: (r) => knownCurrency(r) && child(r.body, 'GasTariffElements') !== undefined }),
  gasRow('GCS01b', '1.2.1', (i) => gbzPayload(priceComponents(i, Number(bodyText(i.request, 'NumberOfThresholds')), undefined)), { matches: (r) => knownCurrency(r) && child(r.body, 'GasPriceElements') !== undefined }),
];
