import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { VOLTAGE_USE_CASES, type VoltageItem } from '../tables/dlms-voltage-use-cases.js';
import { childElements, localName, type XmlElement } from '../xml/xml-tree.js';
import { accessRequest, action, AXDR, set, type AccessItem } from './dlms-request.js';
import type { EncoderRow } from './types.js';

// Encoder rows of tables/dlms-voltage-use-cases.ts (SR 6.5, ECS29a-d): the use case follows the
// body (single or polyphase settings, counters reset or not); each item takes its value from the
// element the table names, under the settings of its phase.

const doubleLongUnsigned = (v: number): number[] => [0x06, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

function phaseSettings(r: DuisRequest, phase: number): XmlElement | undefined {
  for (const el of childElements(r.body)) {
    if (localName(el.name) !== 'PolyPhaseVoltageSettings') continue;
    if (Number(findTexts(el, 'Phase')[0]) === phase) return el;
  }
  return undefined;
}

function valueOf(r: DuisRequest, element: string, phase: number | undefined, polyphase: boolean): number {
  const scope = phase !== undefined && polyphase ? phaseSettings(r, phase) ?? r.body : r.body;
  return Number(findTexts(scope, element)[0] ?? 0);
}

function item(spec: VoltageItem, r: DuisRequest, polyphase: boolean): AccessItem {
  if (spec[0] === 'reset') return action(spec[1], spec[2], spec[3], AXDR.integer(0));
  const [, classId, obis, member, element, phase] = spec;
  return set(classId, obis, member, doubleLongUnsigned(valueOf(r, element, phase, polyphase)));
}

/** r.body is the service element (UpdateDeviceConfigurationVoltage). */
const has = (r: DuisRequest, local: string): boolean => childElements(r.body).some((c) => localName(c.name) === local);

function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

export const DLMS_VOLTAGE_ENCODERS: readonly EncoderRow[] = VOLTAGE_USE_CASES.map((uc) => {
  const messageCode = commandCode(uc.useCase);
  return {
    useCase: uc.useCase,
    srv: '6.5',
    deviceTypes: ['ESME'],
    matches: (r) => has(r, 'PolyPhaseVoltageSettings') === uc.polyphase && has(r, 'RMSVoltageCountersNotReset') !== uc.resetCounters,
    encode: (i) => ({ messageCode, content: accessRequest(i.counter, uc.items.map((s) => item(s, i.request, uc.polyphase))) }),
  };
});
