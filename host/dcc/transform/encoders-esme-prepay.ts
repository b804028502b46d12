import { attrOf, childByLocalName, type XmlElement } from '../xml/xml-tree.js';
import { obisBytes, set, type AccessItem } from './dlms-request.js';
import { A, activationTime, children, dlmsDateOfDay, dlmsRow, dlmsStructuredDate, dlmsTime, has, num, scheduleEntry, specialDay, SPECIAL_DAYS_MAX, text, weekdaysOf, type ScheduleEntry } from './encoders-esme-common.js';
import { ACCOUNT, ACCOUNT_CLASS, ACTIVATION_TIME, chargeConfiguration, CREDIT_CHARGE_CONFIGURATION, MODE_AND_STATUS } from './encoders-dlms-payment-mode.js';
import type { EncoderRow, TransformInput } from './types.js';

// Prepayment configuration of an ESME: SR 2.1 Update Prepay Configuration (ECS08, and ECS08a on
// a model of a later GBCS version: tables/sibling-use-cases.ts) and SR 1.6 to prepayment (ECS03).
//
// ECS08 (RTDS, item order as the reference pre-commands): the non-disablement special days
// (class 11 0-1:11.0.2.255) and calendar (class 10 0-1:12.0.1.255, START / STOP scripts of the
// non-disablement script table), then the prepayment thresholds (class 9000 attribute 4 = the
// passive value; ECS08 writes the maximum meter balance active, attribute 2, ECS08a passive),
// then every activation time (attribute 6, GBCS 9.3).
//
// ECS03 (no reference) is ECS02's command with payment mode prepayment: the passive account's
// mode and credit-charge configuration and their activation time (the firmware's PAYMENT_MODE
// activation copies them active), the two time-debt collectors added to the configuration with
// collection in emergency credit / while disabled cleared when the body suspends it [A], and the
// disablement threshold (class 21 0-0:16.0.1.255, the one the ledger reads), written at once [A].

const SCHEDULE_CLASS = 10;
const SPECIAL_DAYS_TABLE_CLASS = 11;
const SUPPLIER_DATA_CLASS = 9000;
const ENTRIES = 2;
const ACTIVE_VALUE = 2;
const PASSIVE_VALUE = 4;
const ACTIVATION = 6;
const NON_DISABLEMENT_SPECIAL_DAYS = '0-1:11.0.2.255';
const NON_DISABLEMENT_CALENDAR = '0-1:12.0.1.255';
const NON_DISABLEMENT_SCRIPTS = '0-0:10.0.106.255';
const NON_DISABLEMENT_SPECIAL_DAYS_ACTIVATION = '0-0:94.44.128.31';
const NON_DISABLEMENT_CALENDAR_ACTIVATION = '0-0:94.44.128.28';
/** Script ids of the non-disablement script table (RTDS). */
const NON_DISABLEMENT_SCRIPT: Readonly<Record<string, number>> = { START: 32, STOP: 33 };
/** The debt recovery rate cap is per week (RTDS: 604,800 s; the DUIS body carries only the amount). */
const DEBT_RECOVERY_RATE_CAP_PERIOD_S = 604_800;

type Axdr = (v: number) => number[];
/** A threshold: its object, A-XDR type and DUIS element (undefined: a constant). */
interface Threshold { obis: string; type: Axdr; element?: string; constant?: number }

const MAX_METER_BALANCE: Threshold = { obis: '0-0:94.44.2.20', type: A.doubleLong, element: 'MaxMeterBalance' };
const MAX_CREDIT_THRESHOLD: Threshold = { obis: '0-0:94.44.2.10', type: A.doubleLong, element: 'MaxCreditThreshold' };
const DEBT_RECOVERY_RATE_CAP: Threshold = { obis: '0-0:94.44.128.12', type: A.longUnsigned, element: 'DebtRecoveryRateCap' };
const DEBT_RECOVERY_RATE_CAP_PERIOD: Threshold = { obis: '0-0:94.44.128.13', type: A.doubleLong, constant: DEBT_RECOVERY_RATE_CAP_PERIOD_S };
const LOW_CREDIT_THRESHOLD: Threshold = { obis: '0-0:94.44.128.9', type: A.doubleLong, element: 'LowCreditThreshold' };
const EMERGENCY_CREDIT_LIMIT: Threshold = { obis: '0-0:94.44.128.2', type: A.doubleLong, element: 'EmergencyCreditLimit' };
const EMERGENCY_CREDIT_THRESHOLD: Threshold = { obis: '0-0:94.44.128.3', type: A.doubleLong, element: 'EmergencyCreditThreshold' };
/** Activation order of the thresholds (RTDS). */
const ACTIVATED = [MAX_METER_BALANCE, MAX_CREDIT_THRESHOLD, DEBT_RECOVERY_RATE_CAP, DEBT_RECOVERY_RATE_CAP_PERIOD, LOW_CREDIT_THRESHOLD, EMERGENCY_CREDIT_LIMIT, EMERGENCY_CREDIT_THRESHOLD];

const present = (body: XmlElement, t: Threshold): boolean => t.element === undefined || has(body, t.element);
const valueOf = (body: XmlElement, t: Threshold): number[] => t.type(t.element === undefined ? t.constant! : num(body, t.element));

function nonDisablementEntry(schedule: XmlElement): ScheduleEntry {
  const when = childByLocalName(schedule, 'ScheduleDatesAndTime') ?? schedule;
  const applicable = childByLocalName(schedule, 'SpecialDaysApplicability');
  return {
    script: NON_DISABLEMENT_SCRIPTS,
    selector: NON_DISABLEMENT_SCRIPT[text(schedule, 'NonDisablementScript')] ?? 0,
    time: dlmsTime(text(when, 'SwitchTime')),
    weekdays: weekdaysOf(schedule),
    specialDays: applicable ? children(applicable, 'SpecialDayApplicability').map((d) => num(d, 'SpecialDayID')) : [],
    begin: dlmsDateOfDay(text(when, 'StartDate')),
    end: dlmsDateOfDay(text(when, 'EndDate')),
  };
}

function prepayConfiguration(maxMeterBalanceMember: number) {
  return (i: TransformInput): AccessItem[] => {
    const body = childByLocalName(i.request.body, 'UpdatePrepayConfigElectricity') ?? i.request.body;
    const calendar = childByLocalName(body, 'ElectricityNonDisablementCalendar');
    const daysEl = calendar ? childByLocalName(calendar, 'ElectricitySpecialDays') : undefined;
    const days = (daysEl ? children(daysEl, 'SpecialDay') : []).slice(0, SPECIAL_DAYS_MAX)
      .map((d) => specialDay(Number(attrOf(d, 'index') ?? 0), dlmsStructuredDate(childByLocalName(d, 'Date') ?? d)));
    const schedules = calendar ? children(calendar, 'ElectricityNonDisablementSchedule') : [];
    const when = A.octetString(activationTime(i.request));
    const passive = (t: Threshold): AccessItem[] => (present(body, t) ? [set(SUPPLIER_DATA_CLASS, t.obis, PASSIVE_VALUE, valueOf(body, t))] : []);
    return [
      ...(calendar ? [set(SPECIAL_DAYS_TABLE_CLASS, NON_DISABLEMENT_SPECIAL_DAYS, ENTRIES, A.array(days))] : []),
      ...(present(body, MAX_METER_BALANCE) ? [set(SUPPLIER_DATA_CLASS, MAX_METER_BALANCE.obis, maxMeterBalanceMember, valueOf(body, MAX_METER_BALANCE))] : []),
      ...passive(MAX_CREDIT_THRESHOLD),
      ...(calendar ? [set(SCHEDULE_CLASS, NON_DISABLEMENT_CALENDAR, ENTRIES, A.array(schedules.map((s, k) => scheduleEntry(nonDisablementEntry(s), k + 1, days.length, obisBytes))))] : []),
      ...passive(DEBT_RECOVERY_RATE_CAP),
      ...(present(body, DEBT_RECOVERY_RATE_CAP) ? passive(DEBT_RECOVERY_RATE_CAP_PERIOD) : []),
      ...passive(LOW_CREDIT_THRESHOLD),
      ...passive(EMERGENCY_CREDIT_LIMIT),
      ...(calendar ? [set(SUPPLIER_DATA_CLASS, NON_DISABLEMENT_SPECIAL_DAYS_ACTIVATION, ACTIVATION, when)] : []),
      ...passive(EMERGENCY_CREDIT_THRESHOLD),
      ...ACTIVATED.filter((t) => present(body, t) && (t !== DEBT_RECOVERY_RATE_CAP_PERIOD || present(body, DEBT_RECOVERY_RATE_CAP))).map((t) => set(SUPPLIER_DATA_CLASS, t.obis, ACTIVATION, when)),
      ...(calendar ? [set(SUPPLIER_DATA_CLASS, NON_DISABLEMENT_CALENDAR_ACTIVATION, ACTIVATION, when)] : []),
    ];
  };
}

const REGISTER_MONITOR_CLASS = 21;
const DISABLEMENT_THRESHOLD = '0-0:16.0.1.255';
const THRESHOLDS = 2;
/** account_mode_and_status {payment mode 2 prepayment, account status 1 new (pending activation)}. */
const PREPAYMENT_MODE = [2, 1];
const TIME_DEBTS = ['0-0:19.20.1.255', '0-0:19.20.2.255'];
/** Collection bits of a debt collector (3 bits): always 0x80, in emergency credit 0x40, while disabled 0x20 [A]. */
const COLLECT = 0x80;
const COLLECT_IN_EMERGENCY_CREDIT = 0x40;
const COLLECT_WHILE_DISABLED = 0x20;
const COLLECTION_BITS = 3;

function toPrepayment(i: TransformInput): AccessItem[] {
  const body = childByLocalName(i.request.body, 'Prepayment') ?? i.request.body;
  const collection = COLLECT
    | (text(body, 'SuspendDebtEmergency') === 'true' ? 0 : COLLECT_IN_EMERGENCY_CREDIT)
    | (text(body, 'SuspendDebtDisabled') === 'true' ? 0 : COLLECT_WHILE_DISABLED);
  const bits = [0x04, COLLECTION_BITS, collection];
  return [
    set(ACCOUNT_CLASS, ACCOUNT, MODE_AND_STATUS, A.structure(PREPAYMENT_MODE.map(A.enum))),
    set(ACCOUNT_CLASS, ACCOUNT, CREDIT_CHARGE_CONFIGURATION, chargeConfiguration(i.target, TIME_DEBTS.map((d) => [d, bits] as const))),
    ...(has(body, 'DisablementThreshold') ? [set(REGISTER_MONITOR_CLASS, DISABLEMENT_THRESHOLD, THRESHOLDS, A.array([A.doubleLong(num(body, 'DisablementThreshold'))]))] : []),
    set(ACCOUNT_CLASS, ACCOUNT, ACTIVATION_TIME, A.octetString(activationTime(i.request))),
  ];
}

const isElectricity = (r: TransformInput['request']): boolean => childByLocalName(r.body, 'UpdatePrepayConfigElectricity') !== undefined;

export const ESME_PREPAY_ENCODERS: readonly EncoderRow[] = [
  dlmsRow('ECS08', '2.1', prepayConfiguration(ACTIVE_VALUE), { matches: isElectricity }),
  dlmsRow('ECS08a', '2.1', prepayConfiguration(PASSIVE_VALUE), { matches: isElectricity }),
  dlmsRow('ECS03', '1.6', toPrepayment, { matches: (r) => childByLocalName(r.body, 'Prepayment') !== undefined }),
];
