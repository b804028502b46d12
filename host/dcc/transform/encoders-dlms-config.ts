import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { attrOf, childElements, localName, textOf, type XmlElement } from '../xml/xml-tree.js';
import { accessRequest, action, AXDR, get, set, type AccessItem } from './dlms-request.js';
import { dlmsDateTime } from './encoders-dlms-logs.js';
import type { EncoderRow, TransformInput } from './types.js';

// ESME / CHF configuration commands (GBCS 5.5) whose values come from indexed or timed DUIS body
// elements: supplier name, ALC descriptions, boost button, auxiliary load switching, APC limits,
// daily block-counter reset, load limiting, clock synchronisation (also the 8.1.1 commissioning
// form) and the CHF sub-GHz channel scan. Objects per use case are GBCS definitions, checked against RTDS.

const SUPPLIER_DATA_CLASS = 9000;
const DATA_CLASS = 1;
const SCRIPT_TABLE_CLASS = 9;
const CLOCK_CLASS = 8;
const SPECIAL_DAYS_CLASS = 22;
const CLOCK_OBIS = '0-0:1.0.0.255';
const AUX_SCRIPT_TABLE = '0-0:10.0.103.255';
const APC_SCRIPT_TABLE = '0-0:10.0.107.255';
/** Script selector of an auxiliary-load command: high byte = switch index | mode, low byte = action (RTDS 7.6, 7.16). */
const AUX_DEACTIVATE = 0x12;
const APC_INPUT_FLAG = 0x20;
const APC_OUTPUT_FLAG = 0x10;
/** Clock time-setting mode written before preset_adjusting_time (ECS70, RTDS). */
const CLOCK_SETTING_MODE = 5;
const UNSPECIFIED_DATE_TIME = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0xff];
const IMMEDIATE_DATE_TIME = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x00, 0xff];
/** Every day of the year as a DLMS date, with a midnight time: the daily reset entry (ECS48). */
const MIDNIGHT = [0x00, 0x00, 0x00, 0x00];
const EVERY_DAY = [0xff, 0xff, 0xff, 0xff, 0xff];
/** Indexed elements one request may carry (5 auxiliary load switches in GBCS). */
const INDEXED_MAX = 16;

const visibleString = (text: string): number[] => {
  const bytes = [...Buffer.from(text, 'latin1')];
  if (bytes.length > 0x7f) throw new RangeError('visible-string longer than 127 bytes'); // bounded by the DUIS schema
  return [0x0a, bytes.length, ...bytes];
};
const structure = (items: number[][]): number[] => [0x02, items.length, ...items.flat()];
const array = (items: number[][]): number[] => [0x01, items.length, ...items.flat()];
const enumValue = (v: number): number[] => [0x16, v & 0xff];
const doubleLongUnsigned = (v: number): number[] => [0x06, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

function code(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

function row(useCase: string, srv: string, deviceTypes: DeviceType[], items: (i: TransformInput) => AccessItem[]): EncoderRow {
  const messageCode = code(useCase.replace(/(Deactivate|Add|Commission)$/, ''));
  return { useCase, srv, deviceTypes, encode: (i) => ({ messageCode, content: accessRequest(i.counter, items(i)) }) };
}

/** Body elements named `local` (anywhere below the service element) with their `index` attribute, in index order. */
function indexed(r: DuisRequest, local: string): { index: number; el: XmlElement }[] {
  const out: { index: number; el: XmlElement }[] = [];
  const walk = (el: XmlElement, depth: number): void => {
    if (depth > 4) return;
    for (const c of childElements(el)) {
      if (localName(c.name) === local && out.length < INDEXED_MAX) out.push({ index: Number(attrOf(c, 'index') ?? attrOf(c, 'auxiliaryControllerN') ?? 0), el: c });
      else walk(c, depth + 1);
    }
  };
  walk(r.body, 0);
  return out.sort((a, b) => a.index - b.index);
}

const text = (r: DuisRequest, local: string): string => findTexts(r.body, local)[0] ?? '';
const ms = (r: DuisRequest, local: string): number => Date.parse(text(r, local));

function clockSync(i: TransformInput): AccessItem[] {
  const current = ms(i.request, 'CurrentDateTime');
  const toleranceMs = Number(text(i.request, 'TolerancePeriod')) * 1000;
  return [
    set(CLOCK_CLASS, CLOCK_OBIS, 9, enumValue(CLOCK_SETTING_MODE)),
    action(CLOCK_CLASS, CLOCK_OBIS, 5, structure([AXDR.octetString(UNSPECIFIED_DATE_TIME), AXDR.octetString(dlmsDateTime(current)), AXDR.octetString(dlmsDateTime(current + toleranceMs))])),
    action(CLOCK_CLASS, CLOCK_OBIS, 4, AXDR.integer(0)),
    get(CLOCK_CLASS, CLOCK_OBIS, 2),
    get(CLOCK_CLASS, CLOCK_OBIS, 4),
  ];
}

/**
 * A timed auxiliary controller state: start and end date-times, then the script that applies
 * it. ECS47e (7.16, APC limit) writes attributes .3/.4 and runs 0-0:10.0.107.255; ECS47a (7.13)
 * writes .1/.2 and runs 0-0:10.0.103.255. The object group is 94.44.119 for an input from the
 * controlled load, 94.44.117 for switching an output to level 0, 94.44.121 otherwise (RTDS 7.13,
 * 7.16). The script selector is (input 0x20 | output 0x10 | N) << 8 | level.
 */
function timedState(i: TransformInput, firstAttribute: number, scriptTable: string): AccessItem[] {
  const body = i.request.body;
  const n = Number(attrOf(body, 'auxiliaryControllerN') ?? 0);
  const input = findTexts(body, 'InputFromControlledLoad').length > 0;
  const level = Number(text(i.request, 'CommandedStateLevel'));
  const group = input ? '0-0:94.44.119' : level === 0 ? '0-0:94.44.117' : '0-0:94.44.121';
  return [
    set(DATA_CLASS, `${group}.${firstAttribute}`, 2, AXDR.octetString(dlmsDateTime(ms(i.request, 'StartDateTime')))),
    set(DATA_CLASS, `${group}.${firstAttribute + 1}`, 2, AXDR.octetString(dlmsDateTime(ms(i.request, 'EndDateTime')))),
    action(SCRIPT_TABLE_CLASS, scriptTable, 1, AXDR.longUnsigned((((input ? APC_INPUT_FLAG : APC_OUTPUT_FLAG) | (n & 0x0f)) << 8) | (level & 0xff))),
  ];
}

/** Device future-dated activation (GBCS 9.3): immediate = zero date-time, cancellation = unspecified. */
function activationTime(r: DuisRequest): number[] {
  const at = text(r, 'ExecutionDateTime');
  if (at === '') return IMMEDIATE_DATE_TIME;
  return at.startsWith('3000-12-31') ? UNSPECIFIED_DATE_TIME : dlmsDateTime(Date.parse(at));
}

/** ECS28a: load-limit supply state, power threshold, period and restoration period, then their activation times. */
const LOAD_LIMIT_OBJECTS = ['0-0:94.44.0.3', '0-0:94.44.128.7', '0-0:94.44.128.6', '0-0:94.44.128.8'];
const LOAD_LIMIT_VALUE = 4;
const LOAD_LIMIT_ACTIVATION = 6;

function loadLimiting(i: TransformInput): AccessItem[] {
  const r = i.request;
  const values = [
    AXDR.boolean(text(r, 'LoadLimitSupplyState') === 'Disable'),
    doubleLongUnsigned(Number(text(r, 'LoadLimitPowerThreshold'))),
    doubleLongUnsigned(Number(text(r, 'LoadLimitPeriod'))),
    doubleLongUnsigned(Number(text(r, 'LoadLimitRestorationPeriod'))),
  ];
  const when = AXDR.octetString(activationTime(r));
  return [
    ...LOAD_LIMIT_OBJECTS.map((o, k) => set(SUPPLIER_DATA_CLASS, o, LOAD_LIMIT_VALUE, values[k]!)),
    ...LOAD_LIMIT_OBJECTS.map((o) => set(SUPPLIER_DATA_CLASS, o, LOAD_LIMIT_ACTIVATION, when)),
  ];
}

export const DLMS_CONFIG_ENCODERS: readonly EncoderRow[] = [
  row('ECS16', '3.4', ['ESME'], (i) => [
    set(SUPPLIER_DATA_CLASS, '0-0:96.13.0.255', 2, AXDR.ascii(text(i.request, 'SupplierTelephoneNumber'))),
    set(SUPPLIER_DATA_CLASS, '0-0:96.13.1.255', 2, AXDR.ascii(text(i.request, 'SupplierName'))),
  ]),
  row('ECS46a', '6.14.1', ['ESME'], (i) => indexed(i.request, 'ALCSHCALCSDescription').map(({ index, el }) =>
    set(DATA_CLASS, `0-0:94.44.0.${10 + index}`, 2, visibleString(findTexts(el, 'SwitchDescription')[0] ?? textOf(el))))),
  row('ECS62Add', '7.9', ['ESME'], (i) => indexed(i.request, 'AddToBoostButton').map(({ index, el }) =>
    set(DATA_CLASS, `0-0:94.44.6.${index}`, 2, AXDR.boolean(textOf(el).trim() === 'true')))),
  row('ECS47Deactivate', '7.6', ['ESME'], (i) => {
    const [first] = indexed(i.request, 'DeactivateALCSHCALCS');
    const index = first?.index ?? 0;
    const duration = Number(first ? findTexts(first.el, 'Duration')[0] : 0);
    return [set(DATA_CLASS, '0-0:94.44.119.2', 2, AXDR.longUnsigned(duration)), action(SCRIPT_TABLE_CLASS, AUX_SCRIPT_TABLE, 1, AXDR.longUnsigned(((index & 0xff) << 8) | AUX_DEACTIVATE))];
  }),
  row('ECS47e', '7.16', ['ESME'], (i) => timedState(i, 3, APC_SCRIPT_TABLE)),
  row('ECS47a', '7.13', ['ESME'], (i) => timedState(i, 1, AUX_SCRIPT_TABLE)),
  row('ECS28a', '6.4.1', ['ESME'], loadLimiting),
  row('ECS48', '6.26', ['ESME'], (i) => [set(SPECIAL_DAYS_CLASS, '0-0:15.1.0.255', 4,
    array(text(i.request, 'DailyTariffBlockCounterMatrixReset') === 'true' ? [structure([AXDR.octetString(MIDNIGHT), AXDR.octetString(EVERY_DAY)])] : []))]),
  row('ECS70', '6.11', ['ESME'], clockSync),
  row('ECS70Commission', '8.1.1', ['ESME'], clockSync),
  row('DBCH05', '6.29', ['CHF'], () => [set(DATA_CLASS, '0-0:94.44.10.1', 2, AXDR.unsigned(0))]),
];
