import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import { euiFromDuis, type DuisRequest } from '../duis/request.js';
import { accessRequest, AXDR, obisBytes, type AccessItem } from './dlms-request.js';
import { zclTime } from './encoders-gbz.js';
import type { EncoderRow, TransformInput } from './types.js';

// ESME / CHF reads that select data (GBCS 5.2, 4.5):
// - range reads: a get-with-selection of a profile's buffer (class 7 attribute 2) with a range
//   descriptor over the GBCS UTC clock object 0-0:94.44.100.255, from / to as UTC seconds since
//   2000 (the ZCL epoch GBCS uses), all columns;
// - protected reads: class 30 get_protected_attributes (method 1) of a data-protection object,
//   listing the object(s) to read (with a DLMS date-time range for logs) and the protection
//   parameters: transaction id (04 + originator counter), originator, recipient (GBCS 4.5).
// Object lists per use case are GBCS 5.5 definitions, written down with the help of the payload
// decoder on the RTDS reference commands; test/dcc/templates.test.ts checks them.

const PROFILE_CLASS = 7;
const BUFFER = 2;
const DATA_CLASS = 1;
const DATA_PROTECTION_CLASS = 30;
const GET_PROTECTED_ATTRIBUTES = 1;
const RANGE_SELECTOR = 1;
const UTC_CLOCK_OBIS = '0-0:94.44.100.255';
const NO_SELECTION = 0;
const TRANSACTION_ID_PREFIX = 0x04;
/** Protection parameters: protection type 2 and options {02, ''} as GBCS 4.5 lays them out (RTDS). */
const PROTECTION_TYPE = 2;

const structure = (items: number[][]): number[] => [0x02, items.length, ...items.flat()];
const array = (items: number[][]): number[] => [0x01, items.length, ...items.flat()];
const enumValue = (v: number): number[] => [0x16, v & 0xff];
const doubleLongUnsigned = (v: number): number[] => [0x06, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const octets = (bytes: readonly number[]): number[] => AXDR.octetString([...bytes]);

/** DLMS date-time (12 bytes): weekday, hundredths, deviation and status not specified (RTDS form). */
export function dlmsDateTime(ms: number): number[] {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return [(year >> 8) & 0xff, year & 0xff, d.getUTCMonth() + 1, d.getUTCDate(), 0xff, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0x00, 0x80, 0x00, 0xff];
}

function period(request: DuisRequest): [number, number] {
  return [Date.parse(findTexts(request.body, 'StartDateTime')[0] ?? ''), Date.parse(findTexts(request.body, 'EndDateTime')[0] ?? '')];
}

export function rangeRead(obis: string, request: DuisRequest): AccessItem {
  const [from, to] = period(request);
  const restriction = structure([[0x12, 0x00, DATA_CLASS], octets(obisBytes(UTC_CLOCK_OBIS)), AXDR.integer(2), AXDR.longUnsigned(0)]);
  const selection = [RANGE_SELECTOR, ...structure([restriction, doubleLongUnsigned(zclTime(from)), doubleLongUnsigned(zclTime(to)), array([])])];
  return { kind: 'get-with-selection', classId: PROFILE_CLASS, obis, member: BUFFER, selection, data: AXDR.null() };
}

export type ProtectedObject = readonly [classId: number, obis: string, ranged: boolean];

export function protectedRead(protectionObis: string, objects: readonly ProtectedObject[], input: TransformInput): AccessItem {
  const { request, counter } = input;
  const [from, to] = period(request);
  const descriptors = objects.map(([classId, obis, ranged]) => structure([
    AXDR.longUnsigned(classId), octets(obisBytes(obis)), AXDR.integer(2), AXDR.longUnsigned(0),
    ranged ? structure([enumValue(RANGE_SELECTOR), structure([octets(dlmsDateTime(from)), octets(dlmsDateTime(to))])]) : structure([enumValue(NO_SELECTION), AXDR.null()]),
  ]));
  const transactionId = [TRANSACTION_ID_PREFIX, ...Array.from({ length: 8 }, (_, i) => Number((counter >> BigInt(8 * (7 - i))) & 0xffn))];
  const parties = [octets(transactionId), octets([...Buffer.from(euiFromDuis(request.requestId.originator), 'hex')]), octets([...Buffer.from(euiFromDuis(request.requestId.target), 'hex')]), octets([])];
  const protection = array([structure([enumValue(PROTECTION_TYPE), structure([...parties, structure([enumValue(PROTECTION_TYPE), structure([octets([0x02]), octets([])])])])])]);
  return { kind: 'action', classId: DATA_PROTECTION_CLASS, obis: protectionObis, member: GET_PROTECTED_ATTRIBUTES, data: structure([array(descriptors), protection]) };
}

function code(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

function row(useCase: string, srv: string, deviceTypes: DeviceType[], item: (i: TransformInput) => AccessItem, matches?: (r: DuisRequest) => boolean): EncoderRow {
  const messageCode = code(useCase);
  const out: EncoderRow = { useCase, srv, deviceTypes, encode: (i) => ({ messageCode, content: accessRequest(i.counter, [item(i)]) }) };
  return matches ? { ...out, matches } : out;
}

const logToRead = (value: string) => (r: DuisRequest): boolean => findTexts(r.body, 'LogToRead')[0] === value;

const RANGE_READS: EncoderRow[] = [
  row('ECS20a', '4.4.4', ['ESME'], (i) => rangeRead('0-0:98.1.4.255', i.request)),
  row('ECS20d', '4.4.5', ['ESME'], (i) => rangeRead('0-0:98.1.5.255', i.request)),
  row('ECS21c', '4.6.2', ['ESME'], (i) => rangeRead('0-0:98.1.10.255', i.request)),
  row('ECS22c', '4.8.2', ['ESME'], (i) => rangeRead('0-0:99.1.2.255', i.request)),
  row('ECS22a', '4.8.3', ['ESME'], (i) => rangeRead('0-0:99.1.1.255', i.request)),
  row('ECS35a', '6.13', ['ESME'], (i) => rangeRead('0-0:99.98.0.255', i.request), logToRead('Event')),
  row('ECS35b', '6.13', ['ESME'], (i) => rangeRead('0-0:99.98.1.255', i.request), logToRead('Security')),
  row('ECS35e', '6.13', ['ESME'], (i) => rangeRead('0-0:99.98.4.255', i.request), logToRead('PowerEvent')),
  row('ECS35f', '6.13', ['ESME'], (i) => rangeRead('0-17:99.98.2.255', i.request), logToRead('ALCSEvent')),
  row('ECS35c', '6.13', ['CHF'], (i) => rangeRead('0-0:99.98.0.255', i.request), logToRead('Event')),
  row('ECS35d', '6.13', ['CHF'], (i) => rangeRead('0-0:99.98.1.255', i.request), logToRead('Security')),
  row('DBCH02', '6.32', ['CHF'], (i) => rangeRead('0-0:94.44.10.3', i.request)),
];

const PROTECTED_READS: EncoderRow[] = [
  row('ECS17b', '4.1.1', ['ESME'], (i) => protectedRead('0-0:43.2.8.255', [[DATA_CLASS, '0-0:94.44.34.10', false]], i)),
  row('ECS17d', '4.1.2', ['ESME'], (i) => protectedRead('0-0:43.2.9.255', [[DATA_CLASS, '0-0:94.44.34.1', false]], i)),
  row('ECS17e', '4.1.3', ['ESME'], (i) => protectedRead('0-0:43.2.10.255', [[DATA_CLASS, '0-0:94.44.34.2', false]], i)),
  row('ECS19', '4.3', ['ESME'], (i) => protectedRead('0-0:43.2.1.255', [[DATA_CLASS, '0-0:94.44.34.30', false]], i)),
  row('ECS20b', '4.4.2', ['ESME'], (i) => protectedRead('0-0:43.2.3.255', [[PROFILE_CLASS, '0-0:98.1.2.255', true]], i)),
  row('ECS20c', '4.4.3', ['ESME'], (i) => protectedRead('0-0:43.2.2.255', [[PROFILE_CLASS, '0-0:98.1.0.255', true], [PROFILE_CLASS, '0-0:98.1.1.255', true]], i)),
  row('ECS21a', '4.6.1', ['ESME'], (i) => protectedRead('0-0:43.2.5.255', [[PROFILE_CLASS, '0-0:98.1.9.255', true]], i)),
  row('ECS22b', '4.8.1', ['ESME'], (i) => protectedRead('0-0:43.2.7.255', [[PROFILE_CLASS, '0-0:99.1.0.255', true]], i)),
  row('ECS66', '4.17', ['ESME'], (i) => protectedRead('0-0:43.2.4.255', [[PROFILE_CLASS, '0-0:99.1.3.255', true]], i)),
];

export const DLMS_LOG_ENCODERS: readonly EncoderRow[] = [...RANGE_READS, ...PROTECTED_READS];
