import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { childByLocalName, childElements, localName, type XmlElement } from '../xml/xml-tree.js';
import { accessRequest, AXDR, type AccessItem } from './dlms-request.js';
import { dlmsDateTime } from './encoders-dlms-logs.js';
import type { EncoderRow, TransformInput } from './types.js';

// What the ESME encoders (encoders-esme-*.ts) share: A-XDR composites, reading DUIS body values,
// the GBCS 9.3 activation time of a device future-dated command, DUIS dates and times as DLMS
// octet strings (GBCS 5.4: date 5 bytes, time 4 bytes, 0xFF/0xFFFF where not specified) and the
// encoder row of a use case whose command is one DLMS access-request.

export const A = {
  ...AXDR,
  structure: (items: readonly number[][]): number[] => [0x02, items.length, ...items.flat()],
  array: (items: readonly number[][]): number[] => {
    if (items.length > 0x7f) throw new RangeError('array longer than 127 items'); // bounded by the DUIS schema
    return [0x01, items.length, ...items.flat()];
  },
  enum: (v: number): number[] => [0x16, v & 0xff],
  long: (v: number): number[] => [0x10, (v >> 8) & 0xff, v & 0xff],
  doubleLongUnsigned: (v: number): number[] => [0x06, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff],
  /** bit-string of whole bytes (A-XDR length in bits, long form above 127). */
  bitString: (bytes: readonly number[]): number[] => {
    const bits = bytes.length * 8;
    const length = bits < 0x80 ? [bits] : bits < 0x100 ? [0x81, bits] : [0x82, (bits >> 8) & 0xff, bits & 0xff];
    return [0x04, ...length, ...bytes];
  },
};

/** Weekdays of a class 10 schedule entry's bit-string, Monday first (7 bits, RTDS). */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Special days one schedule may name: one bit-string byte (the templates define up to 5). */
export const SPECIAL_DAYS_MAX = 8;
const VALIDITY_ANY = 0xffff;

/** A bit-string of `bits` bits (at most 8), bit p (1-based, most significant first) set for each position. */
export function bitsOf(positions: readonly number[], bits: number): number[] {
  let byte = 0;
  for (const p of positions) if (p >= 1 && p <= bits) byte |= 0x80 >> (p - 1);
  return [0x04, bits, byte];
}

export interface ScheduleEntry {
  /** Script table the entry runs and the script selector. */
  script: string;
  selector: number;
  /** DLMS time (4 bytes) and begin / end dates (5 bytes). */
  time: number[];
  weekdays: readonly string[];
  specialDays: readonly number[];
  begin: number[];
  end: number[];
}

/**
 * One class 10 schedule entry (GBCS 5.5 non-disablement and auxiliary calendars, RTDS): {index,
 * enabled, script, selector, switch time, validity window 0xFFFF, weekdays (7 bits), special
 * days (one bit per special day the command defines), begin date, end date}.
 */
export function scheduleEntry(e: ScheduleEntry, index: number, specialDayCount: number, obisOf: (obis: string) => number[]): number[] {
  return A.structure([
    AXDR.longUnsigned(index),
    AXDR.boolean(true),
    AXDR.octetString(obisOf(e.script)),
    AXDR.longUnsigned(e.selector),
    AXDR.octetString(e.time),
    AXDR.longUnsigned(VALIDITY_ANY),
    bitsOf(e.weekdays.map((d) => WEEKDAYS.indexOf(d) + 1), WEEKDAYS.length),
    bitsOf(e.specialDays, specialDayCount),
    AXDR.octetString(e.begin),
    AXDR.octetString(e.end),
  ]);
}

/** The DayOfWeekID texts of a schedule's DaysOfWeekApplicability. */
export function weekdaysOf(schedule: XmlElement): string[] {
  const applicability = childByLocalName(schedule, 'DaysOfWeekApplicability');
  return applicability ? children(applicability, 'DayOfWeekApplicability').map((d) => text(d, 'DayOfWeekID')) : [];
}

/** Special days table entry (class 11 attribute 2): {index, date, day id} (calendars without day profiles use the index). */
export const specialDay = (index: number, date: number[], dayId = index): number[] => A.structure([AXDR.longUnsigned(index), AXDR.octetString(date), AXDR.unsigned(dayId)]);

export const UNSPECIFIED_DATE_TIME = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0xff];
export const IMMEDIATE_DATE_TIME = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x00, 0xff];
/** DUIS ExecutionDateTime of a cancellation (templates [T]). */
const CANCELLATION_YEAR = '3000-12-31';
const NOT_SPECIFIED = 0xff;
const YEAR_NOT_SPECIFIED = 0xffff;

export const text = (r: DuisRequest | XmlElement, local: string): string => findTexts('body' in r ? r.body : r, local)[0] ?? '';
export const has = (r: DuisRequest | XmlElement, local: string): boolean => {
  const el = 'body' in r ? r.body : r;
  return findTexts(el, local).length > 0 || childByLocalName(el, local) !== undefined;
};
/** A numeric body value; a missing one reads 0 (the schema makes them mandatory). */
export const num = (r: DuisRequest | XmlElement, local: string): number => Number(text(r, local) || 0);

/** Child elements named `local`, in document order. */
export const children = (el: XmlElement, local: string): XmlElement[] => childElements(el).filter((c) => localName(c.name) === local);

/** Device future-dated activation (GBCS 9.3): immediate = zero date-time, cancellation = unspecified. */
export function activationTime(r: DuisRequest): number[] {
  const at = text(r, 'ExecutionDateTime');
  if (at === '') return IMMEDIATE_DATE_TIME;
  return at.startsWith(CANCELLATION_YEAR) ? UNSPECIFIED_DATE_TIME : dlmsDateTime(Date.parse(at));
}

/** `HH:MM:SS.ssZ` as a DLMS time (hour, minute, second, hundredths 0). */
export function dlmsTime(duisTime: string): number[] {
  const [h, m, s] = duisTime.replace(/Z$/, '').split(':').map((p) => Math.trunc(Number(p)));
  return [h ?? 0, m ?? 0, s ?? 0, 0];
}

/** `YYYY-MM-DDZ` (year 65535 = any year) as a DLMS date, day of week not specified. */
export function dlmsDateOfDay(duisDate: string): number[] {
  const [y, m, d] = duisDate.replace(/Z$/, '').split('-').map(Number);
  const year = y ?? YEAR_NOT_SPECIFIED;
  return [(year >> 8) & 0xff, year & 0xff, m ?? NOT_SPECIFIED, d ?? NOT_SPECIFIED, NOT_SPECIFIED];
}

/** A DUIS structured date (Year / Month / DayOfMonth / DayOfWeek, each Specified… or NonSpecified…) as a DLMS date. */
export function dlmsStructuredDate(el: XmlElement): number[] {
  const part = (local: string, unspecified: number): number => {
    const value = text(childByLocalName(el, local) ?? el, `Specified${local}`);
    return value === '' ? unspecified : Number(value);
  };
  const year = part('Year', YEAR_NOT_SPECIFIED);
  return [(year >> 8) & 0xff, year & 0xff, part('Month', NOT_SPECIFIED), part('DayOfMonth', NOT_SPECIFIED), part('DayOfWeek', NOT_SPECIFIED)];
}

export function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

/** The row of a use case whose command is one access-request; `codeOf` names the GBCS use case when the tag adds a qualifier (ECS47Activate). */
export function dlmsRow(useCase: string, srv: string, items: (i: TransformInput) => AccessItem[], extra: Partial<EncoderRow> & { codeOf?: string } = {}, deviceTypes: DeviceType[] = ['ESME']): EncoderRow {
  const { codeOf, ...rest } = extra;
  const messageCode = commandCode(codeOf ?? useCase);
  return { useCase, srv, deviceTypes, encode: (i) => ({ messageCode, content: accessRequest(i.counter, items(i)) }), ...rest };
}
