import { textOf, type XmlElement } from '../xml/xml-tree.js';
import { CLUSTER, FC, child, elementsNamed, indexedNumbers, numberOf, text, type ComponentSpec } from './encoders-gas-zcl.js';

// The Calendar cluster components of a gas switching table (GBCS 11.2, ZSE D.9; RTDS GCS01a,
// GCS05): PublishCalendar, one PublishDayProfile per day, one PublishWeekProfile per week,
// PublishSeasons and PublishSpecialDays, from the DUIS day / week / season / special-day
// elements. Dates carry DUIS wildcards (GasYearWithWildcards …): a non-specified part is 0xFF.

const COMMAND = { calendar: 0x00, dayProfile: 0x01, weekProfile: 0x02, seasons: 0x03, specialDays: 0x04 } as const;
const WILDCARD = 0xff;
const YEAR_BASE = 1900;
const DAYS_PER_WEEK = 7;

export interface ScheduleEntry {
  startTimeMinutes: number;
  priceTier: number;
}

export interface DayProfile {
  dayId: number;
  entries: ScheduleEntry[];
}

export interface Calendar {
  calendarType: number;
  issuerId: number;
  startTime: number;
  days: DayProfile[];
  /** The switching table's parent (WeekProfiles, Seasons / SeasonProfiles, SpecialDays below it). */
  scope: XmlElement;
}

function specified(date: XmlElement, part: string, specifiedName: string, offset = 0): number {
  const el = child(date, part);
  const value = el ? text(el, specifiedName) : '';
  return value === '' ? WILDCARD : Number(value) - offset;
}

/** A ZCL date of a DUIS wildcard date (SeasonStartDate, SpecialDay/Date). */
export function wildcardDate(date: XmlElement): { yearSince1900: number; month: number; dayOfMonth: number; dayOfWeek: number } {
  return {
    yearSince1900: specified(date, 'GasYearWithWildcards', 'SpecifiedYear', YEAR_BASE),
    month: specified(date, 'GasMonthWithWildcards', 'SpecifiedMonth'),
    dayOfMonth: specified(date, 'GasDayOfMonthWithWildcards', 'SpecifiedDayOfMonth'),
    dayOfWeek: specified(date, 'GasDayOfWeekWithWildcards', 'SpecifiedDayOfWeek'),
  };
}

/** Minutes after midnight of a DUIS time ('08:00:00.00Z'). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

export function calendarComponents(c: Calendar): ComponentSpec[] {
  const ids = { providerId: 0, issuerEventId: c.issuerId, issuerCalendarId: c.issuerId };
  const weeks = elementsNamed(c.scope, 'WeekProfile');
  const seasons = elementsNamed(c.scope, 'Season');
  const specialDays = elementsNamed(c.scope, 'SpecialDay');
  const publish = (commandId: number, fields: Record<string, unknown>): ComponentSpec => ({ clusterId: CLUSTER.calendar, frameControl: FC.publish, commandId, fields: { ...ids, ...fields } });
  const dayRefs = (week: XmlElement): number[] => {
    const refs = indexedNumbers(week, 'ReferencedDayName');
    if (refs.length !== DAYS_PER_WEEK) throw new RangeError(`week profile with ${refs.length} days`); // schema: exactly 7
    return refs;
  };
  return [
    publish(COMMAND.calendar, { startTime: c.startTime, calendarType: c.calendarType, calendarTimeReference: 0, calendarName: new Uint8Array(0), numberOfSeasons: seasons.length, numberOfWeekProfiles: weeks.length, numberOfDayProfiles: c.days.length }),
    ...c.days.map((d) => publish(COMMAND.dayProfile, { dayId: d.dayId, totalNumberOfScheduleEntries: d.entries.length, commandIndex: 0, totalNumberOfCommands: 1, calendarType: c.calendarType, scheduleEntries: d.entries })),
    ...weeks.map((w) => {
      const [mon, tue, wed, thu, fri, sat, sun] = dayRefs(w);
      return publish(COMMAND.weekProfile, { weekId: numberOf(w, 'WeekName'), dayIdRefMonday: mon, dayIdRefTuesday: tue, dayIdRefWednesday: wed, dayIdRefThursday: thu, dayIdRefFriday: fri, dayIdRefSaturday: sat, dayIdRefSunday: sun });
    }),
    publish(COMMAND.seasons, { commandIndex: 0, totalNumberOfCommands: 1, seasons: seasons.map((s) => ({ seasonStartDate: wildcardDate(child(s, 'SeasonStartDate')!), weekIdRef: numberOf(s, 'ReferencedWeekName') })) }),
    publish(COMMAND.specialDays, {
      startTime: c.startTime, calendarType: c.calendarType, totalNumberOfSpecialDays: specialDays.length, commandIndex: 0, totalNumberOfCommands: 1,
      specialDays: specialDays.map((d) => ({ date: wildcardDate(child(d, 'Date')!), dayIdRef: Number(textOf(child(d, 'ReferencedDayName')!).trim()) })),
    }),
  ];
}
