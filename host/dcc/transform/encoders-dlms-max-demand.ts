import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { accessRequest, AXDR, obisBytes, set } from './dlms-request.js';
import type { EncoderRow } from './types.js';

// SR 6.18.1 Set Maximum Demand Configurable Time Period on an ESME (GBCS 5.5, ECS37): the
// single-action schedule 0-0:12.0.0.255 (class 10 entries) runs the configurable-period max
// demand script table at StartTime (selector 1, open the period) and at EndTime (selector 2,
// close it), every day, with no date limits. Entry shapes as the RTDS reference command.

const SCHEDULE_CLASS = 10;
const SCHEDULE = '0-0:12.0.0.255';
const ENTRIES = 2;
const SCRIPT_TABLE = '0-0:10.128.100.255';
const SELECTOR_START = 1;
const SELECTOR_END = 2;
/** No switching window limit, every weekday (7-bit string 1111111), no special day, open begin / end dates (RTDS). */
const ANY_WINDOW = 0xffff;
const EVERY_WEEKDAY = [0x04, 0x07, 0xfe];
const NO_SPECIAL_DAYS = [0x04, 0x00];
const BEGIN_DATE = [0x00, 0x00, 0x01, 0xff, 0xff];
const END_DATE = [0xff, 0xff, 0xff, 0xff, 0xff];

const structure = (items: number[][]): number[] => [0x02, items.length, ...items.flat()];
const array = (items: number[][]): number[] => [0x01, items.length, ...items.flat()];

/** 'hh:mm:ss.ffZ' as a DLMS time (hour, minute, second, hundredths). */
function dlmsTime(text: string): number[] {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,2}))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number((m[4] ?? '0').padEnd(2, '0'))] : [0, 0, 0, 0];
}

function entry(index: number, selector: number, time: string): number[] {
  return structure([
    AXDR.longUnsigned(index), AXDR.boolean(true), AXDR.octetString(obisBytes(SCRIPT_TABLE)), AXDR.longUnsigned(selector),
    AXDR.octetString(dlmsTime(time)), AXDR.longUnsigned(ANY_WINDOW), EVERY_WEEKDAY, NO_SPECIAL_DAYS, AXDR.octetString(BEGIN_DATE), AXDR.octetString(END_DATE),
  ]);
}

function schedule(r: DuisRequest): number[] {
  const entries = [entry(0, SELECTOR_START, findTexts(r.body, 'StartTime')[0] ?? ''), entry(1, SELECTOR_END, findTexts(r.body, 'EndTime')[0] ?? '')];
  return array(entries.slice(0, ENTRIES));
}

const code = messageCodesOf('ECS37').find((r) => r.kind === 'command')?.code;
if (code === undefined) throw new RangeError('no GBCS command code for ECS37'); // table invariant
const ECS37_CODE = code;

export const DLMS_MAX_DEMAND_ENCODERS: readonly EncoderRow[] = [
  { useCase: 'ECS37', srv: '6.18.1', deviceTypes: ['ESME'], encode: (i) => ({ messageCode: ECS37_CODE, content: accessRequest(i.counter, [set(SCHEDULE_CLASS, SCHEDULE, 2, schedule(i.request))]) }) },
];
