import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { childByLocalName } from '../xml/xml-tree.js';
import { action, AXDR, get, set, type AccessItem } from './dlms-request.js';
import { dlmsDateTime, protectedRead, rangeRead } from './encoders-dlms-logs.js';
import { A, dlmsRow, dlmsTime, has, num, text } from './encoders-esme-common.js';
import type { EncoderRow } from './types.js';

// ESME configuration and reads of issue 9's template list: prepayment daily read log (ECS21b,
// protected read), boost button data (ECS61c), twin-element import MPAN (ECS39a), billing
// calendar (ECS30, ECS30a), event log clearing (ECS15a), load limit data (ECS27), change of
// tenancy date (ECS12), instantaneous power thresholds (ECS34, read by ECS26f) and randomised
// offset limit (ECS38).
// ECS21b, ECS61c, ECS39a and ECS30a match their RTDS commands. The others have no reference
// folder: their objects follow the GBCS 5.5 naming of neighbouring use cases and are marked [A]
// where the object is our assumption (gbcs/tables/esme-objects.ts serves them).

const DATA_CLASS = 1;
const PROFILE_CLASS = 7;
const SPECIAL_DAYS_CLASS = 22;
const SUPPLIER_DATA_CLASS = 9000;
const VALUE = 2;
const BILLING_CALENDAR = '0-0:15.0.0.255';
const SPECIAL_DAYS_ENTRIES = 4;
const EVENT_LOG = '0-0:99.98.0.255';
const PROFILE_RESET = 1;
const BOOST_DURATION = '0-0:94.44.7.255';
const BOOST_EVENT_LOG = '0-0:99.98.20.255';
/** Auxiliary controllers 1-5 the boost button may switch (ECS61c, ECS62). */
export const BOOST_SWITCHES = [1, 2, 3, 4, 5];
/** [A] objects of use cases without a reference: change of tenancy date, randomised offset limit, power thresholds. */
const CHANGE_OF_TENANCY_DATE = '0-0:94.44.0.6';
const RANDOMISED_OFFSET_LIMIT = '0-0:94.44.0.5';
const LOW_MEDIUM_POWER_THRESHOLD = '0-0:94.44.0.7';
const MEDIUM_HIGH_POWER_THRESHOLD = '0-0:94.44.0.8';
/** ECS27 reads what ECS28a writes (load limit state, threshold, period, restoration period; value attribute 4). */
const LOAD_LIMIT_OBJECTS = ['0-0:94.44.0.3', '0-0:94.44.128.7', '0-0:94.44.128.6', '0-0:94.44.128.8'];
const LOAD_LIMIT_VALUE = 4;
const NOT_SPECIFIED = 0xff;
const MONTHS = 12;
/** Billing dates per year of each DUIS periodicity that names a day of month. */
const PERIODS_PER_YEAR: Readonly<Record<string, number>> = { Monthly: 12, Quarterly: 4, SixMonthly: 2, Annually: 1, Yearly: 1 };
const DAY_OF_WEEK: Readonly<Record<string, number>> = { Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6, Sunday: 7 };

const date = (month: number, day: number, dayOfWeek = NOT_SPECIFIED): number[] => [0xff, 0xff, month, day, dayOfWeek];

/**
 * The billing calendar's entries {time, date} (GBCS 5.5 ECS30a: class 22 attribute 4 with
 * wildcarded dates). Monthly names the day: one entry for every month. Quarterly, six-monthly and
 * yearly name a day and start month: one entry per period from the start month (RTDS: quarterly
 * from January = 1, 4, 7, 10). Daily: one all-wildcard entry (RTDS error command); weekly: the day of week.
 */
function billingDates(r: DuisRequest): number[][] {
  const calendar = r.body;
  const time = AXDR.octetString(dlmsTime(text(calendar, 'BillingTime')));
  const entry = (d: number[]): number[] => A.structure([time, AXDR.octetString(d)]);
  if (has(calendar, 'Daily')) return [entry(date(NOT_SPECIFIED, NOT_SPECIFIED))];
  if (has(calendar, 'Weekly')) return [entry(date(NOT_SPECIFIED, NOT_SPECIFIED, DAY_OF_WEEK[text(calendar, 'Weekly')] ?? NOT_SPECIFIED))];
  if (findTexts(calendar, 'Monthly')[0]) return [entry(date(NOT_SPECIFIED, num(calendar, 'Monthly')))];
  const periodicity = Object.keys(PERIODS_PER_YEAR).find((p) => has(calendar, p));
  if (!periodicity) return [];
  const count = PERIODS_PER_YEAR[periodicity]!;
  const day = num(calendar, 'DayOfMonth');
  const start = num(calendar, 'BillingPeriodStartMonth') || 1;
  return Array.from({ length: count }, (_, k) => entry(date(((start - 1 + (k * MONTHS) / count) % MONTHS) + 1, day)));
}

const billingCalendar = (i: { request: DuisRequest }): AccessItem[] =>
  [set(SPECIAL_DAYS_CLASS, BILLING_CALENDAR, SPECIAL_DAYS_ENTRIES, A.array(billingDates(i.request)))];

/** ECS30 sets a monthly billing calendar; ECS30a any other periodicity (templates [T]). */
const isMonthly = (r: DuisRequest): boolean => findTexts(r.body, 'Monthly').length > 0;

export const ESME_CONFIG_ENCODERS: readonly EncoderRow[] = [
  dlmsRow('ECS21b', '4.14', (i) => [protectedRead('0-0:43.2.6.255', [[PROFILE_CLASS, '0-0:98.1.8.255', true]], i)]),
  dlmsRow('ECS61c', '7.11', (i) => [
    get(DATA_CLASS, BOOST_DURATION, VALUE),
    rangeRead(BOOST_EVENT_LOG, i.request),
    ...BOOST_SWITCHES.map((n) => get(DATA_CLASS, `0-0:94.44.6.${n}`, VALUE)),
  ]),
  // A twin-element ESME holds both MPANs in one string, primary first (RTDS TWIN command).
  dlmsRow('ECS39a', '6.20.1', (i) => [set(DATA_CLASS, '0-0:94.44.34.11', VALUE, AXDR.ascii(text(i.request, 'ImportMPAN') + text(i.request, 'SecondaryImportMPAN')))], {
    matches: (r) => findTexts(r.body, 'SecondaryImportMPAN').length > 0,
  }),
  dlmsRow('ECS30', '6.8', billingCalendar, { matches: isMonthly }),
  dlmsRow('ECS30a', '6.8', billingCalendar, { matches: (r) => !isMonthly(r) && childByLocalName(r.body, 'ElectricityBillingCalendar') !== undefined }),
  // Only the ESME event log may be cleared remotely (the security log never is).
  dlmsRow('ECS15a', '3.3', () => [action(PROFILE_CLASS, EVENT_LOG, PROFILE_RESET, AXDR.integer(0))], { matches: (r) => text(r, 'ESMEEventLogType') === 'ESME' }),
  dlmsRow('ECS27', '4.15', () => LOAD_LIMIT_OBJECTS.map((o) => get(SUPPLIER_DATA_CLASS, o, LOAD_LIMIT_VALUE))),
  dlmsRow('ECS12', '3.2', (i) => [set(DATA_CLASS, CHANGE_OF_TENANCY_DATE, VALUE, AXDR.octetString(dlmsDateTime(Date.parse(text(i.request, 'RestrictionDateTime')))))]),
  dlmsRow('ECS34', '6.12', (i) => [
    set(DATA_CLASS, LOW_MEDIUM_POWER_THRESHOLD, VALUE, A.doubleLongUnsigned(num(i.request, 'LowMediumPowerThreshold'))),
    set(DATA_CLASS, MEDIUM_HIGH_POWER_THRESHOLD, VALUE, A.doubleLongUnsigned(num(i.request, 'MediumHighPowerThreshold'))),
  ]),
  dlmsRow('ECS26f', '6.2.5', () => [get(DATA_CLASS, LOW_MEDIUM_POWER_THRESHOLD, VALUE), get(DATA_CLASS, MEDIUM_HIGH_POWER_THRESHOLD, VALUE)]),
  dlmsRow('ECS38', '7.12', (i) => [set(DATA_CLASS, RANDOMISED_OFFSET_LIMIT, VALUE, AXDR.longUnsigned(num(i.request, 'RandomisedOffsetLimit')))]),
];
