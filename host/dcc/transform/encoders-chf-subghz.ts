import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { childByLocalName, childElements, localName } from '../xml/xml-tree.js';
import { accessRequest, AXDR, set } from './dlms-request.js';
import type { EncoderRow } from './types.js';

// SR 6.28 Set CHF Sub GHz Configuration (GBCS 5.5, DBCH04): one structure written to the CHF's
// sub-GHz configuration object 0-0:94.44.10.0. The channel sets are ZigBee channel masks (top 5
// bits the channel page 28-31, low 27 bits the channels from the page's first channel); the
// percentages are sent in hundredths, the duty-cycle thresholds in hundredths of a percent.
// Field order and A-XDR types as the RTDS reference command.

const DATA_CLASS = 1;
const SUBGHZ_CONFIGURATION = '0-0:94.44.10.0';
/** Channel masks: DUIS element, ZigBee channel page, first channel of the page. */
const CHANNEL_MASKS: readonly (readonly [element: string, page: number, first: number])[] = [
  ['LowerBandSubGHzChannels0To26', 28, 0],
  ['LowerBandSubGHzChannels27To34', 29, 27],
  ['LowerBandSubGHzChannels35To61', 30, 35],
  ['UpperBandSubGHzChannels0To26', 31, 0],
];
const PAGE_SHIFT = 27;
const CHANNELS_PER_PAGE = 27;
/** Then the scalar fields: element, A-XDR type, scale (x100 for decimals). */
const FIELDS: readonly (readonly [element: string, type: 'unsigned' | 'longUnsigned', scale: number])[] = [
  ['NormalLimitedDutyCycleThreshold', 'longUnsigned', 100],
  ['LimitedCriticalDutyCycleThreshold', 'longUnsigned', 100],
  ['MaximumSubGHzChannelChangesPerWeek', 'unsigned', 1],
  ['GSMECurfew', 'longUnsigned', 1],
  ['ChannelQuieterThreshold', 'unsigned', 1],
  ['ChannelNoisierThreshold', 'unsigned', 1],
  ['NonGSMEPoorCommsPercentageThreshold', 'longUnsigned', 100],
  ['NonGSMEPoorCommsMeasurementPeriods', 'unsigned', 1],
  ['LocalCHNoiseMeasurementPeriod', 'longUnsigned', 1],
  ['LocalCHFailurePercentage', 'longUnsigned', 100],
  ['LocalCHRetryPercentage', 'longUnsigned', 100],
];

const BIT_STRING = 0x04;
const MASK_BITS = 32;

function channelMask(r: DuisRequest, element: string, page: number, first: number): number[] {
  const el = childByLocalName(r.body, element);
  let mask = (page << PAGE_SHIFT) >>> 0;
  for (const c of el ? childElements(el) : []) {
    const bit = Number(/^Channel(\d+)$/.exec(localName(c.name))?.[1] ?? -1) - first;
    if (bit >= 0 && bit < CHANNELS_PER_PAGE) mask = (mask | (1 << bit)) >>> 0;
  }
  return [BIT_STRING, MASK_BITS, (mask >>> 24) & 0xff, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff];
}

function configuration(r: DuisRequest): number[] {
  const items = [
    ...CHANNEL_MASKS.map(([element, page, first]) => channelMask(r, element, page, first)),
    ...FIELDS.map(([element, type, scale]) => AXDR[type](Math.round(Number(findTexts(r.body, element)[0] ?? 0) * scale))),
  ];
  return [0x02, items.length, ...items.flat()];
}

const code = messageCodesOf('DBCH04').find((r) => r.kind === 'command')?.code;
if (code === undefined) throw new RangeError('no GBCS command code for DBCH04'); // table invariant
const DBCH04_CODE = code;

export const CHF_SUBGHZ_ENCODERS: readonly EncoderRow[] = [
  { useCase: 'DBCH04', srv: '6.28', deviceTypes: ['CHF'], encode: (i) => ({ messageCode: DBCH04_CODE, content: accessRequest(i.counter, [set(DATA_CLASS, SUBGHZ_CONFIGURATION, 2, configuration(i.request))]) }) },
];
