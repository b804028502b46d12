import type { DuisRequest } from '../duis/request.js';
import { attrOf, childByLocalName, textOf, type XmlElement } from '../xml/xml-tree.js';
import { action, AXDR, obisBytes, set, type AccessItem } from './dlms-request.js';
import { A, activationTime, children, dlmsRow, dlmsStructuredDate, dlmsTime, scheduleEntry, specialDay, SPECIAL_DAYS_MAX, text, weekdaysOf, type ScheduleEntry } from './encoders-esme-common.js';
import { BOOST_SWITCHES } from './encoders-esme-config.js';
import type { EncoderRow, TransformInput } from './types.js';

// Auxiliary load control on an ESME: the auxiliary controller calendar (ECS46d, SR 6.14.3, RTDS),
// the older ALCS scheduler form of it (ECS46c, SR 6.14.2, no reference), activating an auxiliary
// load for a duration (ECS47Activate, SR 7.5) and taking loads off the boost button (ECS62Remove,
// SR 7.10). The calendar is written passive with its activation time (GBCS 9.3):
// - special days (class 11 0-1:11.0.3.255 a2): {identifier, date, day id = identifier};
// - schedule (class 10 0-1:12.0.2.255 a2): one entry per DUIS schedule {index, enabled, the
//   auxiliary script table, script selector, switch time, validity window 0xFFFF, weekdays
//   (bit-string, Monday first), special days (bit-string, identifier 1 first), begin, end};
// - activation of the calendar and of the special days (class 9000 0-0:94.44.128.26 / .35 a6).
// The script selector is (input 0x20 | output 0x10 | N) << 8 | 0x80 | level (RTDS ECS46d).

const DATA_CLASS = 1;
const SCRIPT_TABLE_CLASS = 9;
const SCHEDULE_CLASS = 10;
const SPECIAL_DAYS_TABLE_CLASS = 11;
const SUPPLIER_DATA_CLASS = 9000;
const VALUE = 2;
const ENTRIES = 2;
const ACTIVATION = 6;
const AUX_SPECIAL_DAYS_PASSIVE = '0-1:11.0.3.255';
const AUX_CALENDAR_PASSIVE = '0-1:12.0.2.255';
const AUX_CALENDAR_ACTIVATION = '0-0:94.44.128.26';
const AUX_SPECIAL_DAYS_ACTIVATION = '0-0:94.44.128.35';
const AUX_SCRIPT_TABLE = '0-0:10.0.103.255';
const INPUT_FLAG = 0x20;
const OUTPUT_FLAG = 0x10;
const SCHEDULED_FLAG = 0x80;
/** ECS46c: an ALCS is switched fully on or off. */
const LEVEL_ON = 100;
const LEVEL_OFF = 0;
/** ECS47 script selector low byte: activate for the duration [A] (deactivate 0x12, reset 0x20: RTDS 7.6, 7.8). */
const AUX_ACTIVATE = 0x11;
const DURATION = '0-0:94.44.119.2';

/** One schedule entry as the DUIS body gives it. */
interface AuxiliarySchedule {
  controller: number;
  input: boolean;
  level: number;
  specialDays: number[];
  weekdays: string[];
  periodAndTime: XmlElement | undefined;
}

function scheduleEntries(r: DuisRequest, form: 'calendar' | 'scheduler'): AuxiliarySchedule[] {
  const root = r.body;
  if (form === 'calendar') {
    return children(root, 'AuxiliaryControllerSchedule').map((s) => {
      const act = childByLocalName(s, 'AuxiliaryControllerAction') ?? s;
      return {
        controller: Number(attrOf(act, 'auxiliaryControllerN') ?? 0),
        input: childByLocalName(act, 'InputFromControlledLoad') !== undefined,
        level: Number(text(act, 'CommandedStateLevel') || 0),
        specialDays: children(s, 'SpecialDaysApplicability').map((d) => Number(attrOf(d, 'identifier') ?? 0)),
        weekdays: weekdaysOf(s),
        periodAndTime: childByLocalName(s, 'AuxiliaryControllerSchedulePeriodAndTime'),
      };
    });
  }
  return children(root, 'ALCSHCALCSConnectionSchedule').map((s) => {
    const sw = childByLocalName(s, 'ActivateDeactivateSwitch') ?? s;
    return {
      controller: Number(attrOf(sw, 'index') ?? 0),
      input: false,
      level: childByLocalName(sw, 'ActivateSwitch') ? LEVEL_ON : LEVEL_OFF,
      specialDays: children(s, 'SpecialDaysApplicability').map((d) => Number(attrOf(d, 'index') ?? 0)).filter((n) => n > 0),
      weekdays: weekdaysOf(s),
      periodAndTime: childByLocalName(s, 'ALCSScheduleDatesAndTime'),
    };
  });
}

function specialDays(r: DuisRequest, form: 'calendar' | 'scheduler'): number[][] {
  const root = r.body;
  const [container, local, key] = form === 'calendar'
    ? ['AuxiliaryControllerSpecialDayDefinitions', 'AuxiliaryControllerSpecialDayDefinition', 'identifier']
    : ['ALCSHCALCSSpecialDays', 'ALCSHCALCSSpecialDay', 'index'];
  const days = childByLocalName(root, container);
  return (days ? children(days, local) : []).map((d) => {
    const id = Number(attrOf(d, key) ?? 0);
    return specialDay(id, dlmsStructuredDate(d));
  });
}

function entryOf(e: AuxiliarySchedule): ScheduleEntry {
  const when = e.periodAndTime;
  const dateOf = (local: string): number[] => {
    const el = when ? childByLocalName(when, local) : undefined;
    return el ? dlmsStructuredDate(el) : [0xff, 0xff, 0xff, 0xff, 0xff];
  };
  return {
    script: AUX_SCRIPT_TABLE,
    selector: (((e.input ? INPUT_FLAG : OUTPUT_FLAG) | (e.controller & 0x0f)) << 8) | SCHEDULED_FLAG | (e.level & 0x7f),
    time: dlmsTime(when ? text(when, 'SwitchTime') : ''),
    weekdays: e.weekdays,
    specialDays: e.specialDays,
    begin: dateOf('StartDate'),
    end: dateOf('EndDate'),
  };
}

const calendar = (form: 'calendar' | 'scheduler') => (i: TransformInput): AccessItem[] => {
  const when = AXDR.octetString(activationTime(i.request));
  const days = specialDays(i.request, form).slice(0, SPECIAL_DAYS_MAX);
  return [
    set(SPECIAL_DAYS_TABLE_CLASS, AUX_SPECIAL_DAYS_PASSIVE, ENTRIES, A.array(days)),
    set(SCHEDULE_CLASS, AUX_CALENDAR_PASSIVE, ENTRIES, A.array(scheduleEntries(i.request, form).map((e, k) => scheduleEntry(entryOf(e), k + 1, days.length, obisBytes)))),
    set(SUPPLIER_DATA_CLASS, AUX_CALENDAR_ACTIVATION, ACTIVATION, when),
    set(SUPPLIER_DATA_CLASS, AUX_SPECIAL_DAYS_ACTIVATION, ACTIVATION, when),
  ];
};

function activateLoad(i: TransformInput): AccessItem[] {
  const load = childByLocalName(i.request.body, 'ActivateALCSHCALCS');
  const index = Number((load && attrOf(load, 'index')) ?? 0);
  const duration = Number((load && text(load, 'Duration')) || 0);
  return [set(DATA_CLASS, DURATION, VALUE, AXDR.longUnsigned(duration)), action(SCRIPT_TABLE_CLASS, AUX_SCRIPT_TABLE, 1, AXDR.longUnsigned(((index & 0xff) << 8) | AUX_ACTIVATE))];
}

/** ECS62Remove: each named switch leaves the boost button (the inverse of ECS62Add's `true`). */
function removeFromBoost(i: TransformInput): AccessItem[] {
  const root = i.request.body;
  return children(root, 'RemoveFromBoostButton')
    .filter((el) => textOf(el).trim() === 'true')
    .map((el) => Number(attrOf(el, 'index') ?? 0))
    .filter((n) => BOOST_SWITCHES.includes(n))
    .map((n) => set(DATA_CLASS, `0-0:94.44.6.${n}`, VALUE, AXDR.boolean(false)));
}

export const ESME_AUXILIARY_ENCODERS: readonly EncoderRow[] = [
  // A standalone auxiliary load controller (LC) takes the same calendar (RTDS APC output to 00DB1234567890A6).
  dlmsRow('ECS46d', '6.14.3', calendar('calendar'), {}, ['ESME', 'LC']),
  dlmsRow('ECS46c', '6.14.2', calendar('scheduler')),
  dlmsRow('ECS47Activate', '7.5', activateLoad, { codeOf: 'ECS47' }),
  dlmsRow('ECS62Remove', '7.10', removeFromBoost, { codeOf: 'ECS62' }),
];
