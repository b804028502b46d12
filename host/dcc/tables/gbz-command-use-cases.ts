// Gas use cases whose GBZ command is a list of ZCL components (GBCS 6.1, ZSE 1.4) built from the
// DUIS body by table: Read Attributes components, cluster commands with constant fields or fields
// taken from the request (a date of ReadLogPeriod), and runs of snapshot
// requests (one per snapshot offset). Written down with the payload decoder on the RTDS reference
// commands; test/dcc/templates.test.ts checks the transform against those files.

/** Where a command field's value comes from. */
export type GbzField =
  | number
  | { readonly zclTimeOf: 'StartDateTime' | 'EndDateTime' }
  /** The position of the component in a `repeat` run (snapshot offset). */
  | 'offset'
  /** The request time in ZCL seconds: an identifier the remote party chooses (issuer event id). */
  | 'now'
  /** An empty octet string (a label left blank). */
  | 'empty'
  /** The number in a body element ('Parent/Child' path), or the value `map` gives its text. */
  | { readonly element: string; readonly map?: Readonly<Record<string, number>> };

export interface GbzComponentSpec {
  readonly cluster: number;
  /** ZCL Read Attributes of these attribute ids. */
  readonly read?: readonly number[];
  /** A cluster-specific client-to-server command (frame control 0x01). */
  readonly commandId?: number;
  readonly fields?: Readonly<Record<string, GbzField>>;
  /** The extended header's from-date-time (control bit 4), for log reads. */
  readonly from?: GbzField;
  /** The component is sent this many times, `offset` = 0..repeat-1. */
  readonly repeat?: number;
}

export interface GbzCommandUseCase {
  readonly useCase: string;
  readonly srv: string;
  /** The body shape that selects this use case among its SRV's: a Parent element holding Child. */
  readonly under?: readonly [parent: string, child: string];
  readonly components: readonly GbzComponentSpec[];
}

const CLUSTER = { price: 0x0700, metering: 0x0702, prepayment: 0x0705, calendar: 0x0707 } as const;
/** Any issuer calendar id (ZSE: 0xFFFFFFFE = the current calendar, RTDS GCS21b). */
const CURRENT_CALENDAR = 0xffff_fffe;
/** SnapshotCause bits (ZSE D.3.2.3.6): change of tariff (3), of mode (13), of supplier (14); end of billing period (1). */
const CAUSE_TARIFF_MODE_SUPPLIER = 0x6008;
const CAUSE_BILLING_PERIOD = 0x0002;
/** Billing data log depth: 12 monthly snapshots of the prepayment and the metering clusters (GBCS, RTDS GCS15b). */
const BILLING_SNAPSHOTS = 12;
const DEBT_LOG_ENTRIES = 10;
const ALL_DEBTS = 2;
const TOP_UP_LOG_ENTRIES = 5;
/** Network data: GCS31's sampling (sample id 2, gas volume), all it keeps (41 samples) from StartDateTime (RTDS GCS18). */
const NETWORK_DATA_SAMPLE_ID = 2;
const NETWORK_DATA_SAMPLES = 41;

/** A daily log of 31 entries (GCS16a's GetSnapshot run, RTDS), snapshot cause 'general'. */
const DAILY_SNAPSHOTS = 31;
const CAUSE_GENERAL = 0x0001;
/** GetSpecialDays calendarType: the delivered tariff's calendar (0, RTDS GCS01a). */
const CALENDAR_TYPE_DELIVERED = 0;
const CREDIT_MODE_INCREMENTAL = 3;

const START = { zclTimeOf: 'StartDateTime' } as const;
const END = { zclTimeOf: 'EndDateTime' } as const;

const billingLog = (cause: number): GbzComponentSpec[] => [
  { cluster: CLUSTER.prepayment, commandId: 7, repeat: BILLING_SNAPSHOTS, fields: { earliestStartTime: START, latestEndTime: END, snapshotOffset: 'offset', snapshotCause: cause } },
  { cluster: CLUSTER.metering, commandId: 6, repeat: BILLING_SNAPSHOTS, fields: { earliestStartTime: START, latestEndTime: END, snapshotOffset: 'offset', snapshotCause: cause } },
];

/** ChangeDebt (ZSE D.7.2.3.3): debt amount types 1 / 3 time debts 1 / 2 absolute, 5 payment debt absolute; recovery by time (0) or by payment (1). */
const TIME_DEBT_1 = 1;
const TIME_DEBT_2 = 3;
const PAYMENT_DEBT = 5;
const RECOVERY_BY_TIME = 0;
const RECOVERY_BY_PAYMENT = 1;
const CREDIT_ABSOLUTE = 1;
/** DebtRecoveryRatePeriod -> debtRecoveryFrequency (ZSE: 0 per hour, 1 per day). */
const RECOVERY_FREQUENCY: Readonly<Record<string, number>> = { HOURLY: 0, DAILY: 1 };

const changeDebt = (amount: string, type: number, method: number, recovery: string | undefined, percentage: GbzField): GbzComponentSpec => ({
  cluster: CLUSTER.prepayment, commandId: 2, fields: {
    issuerEventId: 'now', debtLabel: 'empty', debtAmount: { element: amount }, debtRecoveryMethod: method, debtAmountType: type, debtRecoveryStartTime: 0, debtRecoveryCollectionTime: 0,
    debtRecoveryFrequency: recovery ? { element: `${recovery}/DebtRecoveryRatePeriod`, map: RECOVERY_FREQUENCY } : RECOVERY_FREQUENCY.DAILY!,
    debtRecoveryAmount: recovery ? { element: `${recovery}/DebtRecoveryRate` } : 0, debtRecoveryBalancePercentage: percentage,
  },
});

export const GBZ_COMMAND_USE_CASES: readonly GbzCommandUseCase[] = [
  { useCase: 'GCS21b', srv: '4.13', components: [
    { cluster: CLUSTER.prepayment, read: [0x0239, 0x0006, 0x0216, 0x0226, 0x0040, 0x0010, 0x0011, 0x0031, 0x0021, 0x0022, 0x0217, 0x0227] },
    { cluster: CLUSTER.price, read: [0x0617] },
    { cluster: CLUSTER.calendar, commandId: 1, fields: { providerId: 0, issuerCalendarId: CURRENT_CALENDAR, startDayId: 1, numberOfDays: 0 } },
    { cluster: CLUSTER.calendar, commandId: 2, fields: { providerId: 0, issuerCalendarId: CURRENT_CALENDAR, startWeekId: 1, numberOfWeeks: 0 } },
    { cluster: CLUSTER.calendar, commandId: 3, fields: { providerId: 0, issuerCalendarId: CURRENT_CALENDAR } },
    { cluster: CLUSTER.calendar, commandId: 4, fields: { startTime: 0, numberOfEvents: 0, calendarType: 3, providerId: 0, issuerCalendarId: CURRENT_CALENDAR } },
  ] },
  { useCase: 'GCS15b', srv: '4.4.2', components: billingLog(CAUSE_TARIFF_MODE_SUPPLIER) },
  { useCase: 'GCS15c', srv: '4.4.3', components: billingLog(CAUSE_BILLING_PERIOD) },
  { useCase: 'GCS15d', srv: '4.4.4', components: [{ cluster: CLUSTER.prepayment, commandId: 10, from: START, fields: { latestEndTime: END, numberOfDebts: DEBT_LOG_ENTRIES, debtType: ALL_DEBTS } }] },
  { useCase: 'GCS15e', srv: '4.4.5', components: [{ cluster: CLUSTER.prepayment, commandId: 8, from: START, fields: { latestEndTime: END, numberOfRecords: TOP_UP_LOG_ENTRIES } }] },
  { useCase: 'GCS04', srv: '2.3', components: [
    changeDebt('TimeDebtRegister1', TIME_DEBT_1, RECOVERY_BY_TIME, 'GasDebtRecovery1', 0),
    changeDebt('TimeDebtRegister2', TIME_DEBT_2, RECOVERY_BY_TIME, 'GasDebtRecovery2', 0),
    changeDebt('PaymentDebtRegister', PAYMENT_DEBT, RECOVERY_BY_PAYMENT, undefined, { element: 'DebtRecoveryPerPayment' }),
  ] },
  // GCS40b resets the prepayment meter balance: CreditAdjustment 'absolute' (1) to 0 (ZSE D.7.2.3.5; devices 4.12).
  { useCase: 'GCS40b', srv: '1.5', under: ['PrepaymentMode', 'ResetMeterBalance'], components: [
    { cluster: CLUSTER.prepayment, commandId: 5, fields: { issuerEventId: 'now', startTime: 0, creditAdjustmentType: CREDIT_ABSOLUTE, creditAdjustmentValue: 0 } },
  ] },
  // No RTDS folder: SelectAvailableEmergencyCredit from the remote party (originating device 0, ESI) [A].
  { useCase: 'GCS06', srv: '2.5', components: [{ cluster: CLUSTER.prepayment, commandId: 0, fields: { commandIssueDateTime: 'now', originatingDevice: 0 } }] },
  // No RTDS folder [A]: the prepayment daily read log as GCS16a reads the daily read log, one
  // GetPrepaySnapshot per day of the log (31).
  { useCase: 'GCS16b', srv: '4.14', components: [{ cluster: CLUSTER.prepayment, commandId: 7, repeat: DAILY_SNAPSHOTS, fields: {
    earliestStartTime: START, latestEndTime: END, snapshotOffset: 'offset', snapshotCause: CAUSE_GENERAL,
  } }] },
  // No RTDS folder [A]: the active tariff as GCS01a sets it: the Price attributes
  // PublishTariffInformation writes, then the delivered-tariff calendar as GCS21b reads the
  // non-disablement one (GetDayProfiles / GetWeekProfiles / GetSeasons / GetSpecialDays).
  { useCase: 'GCS21f', srv: '4.11.1', components: [
    { cluster: CLUSTER.price, read: [0x0615, 0x0616, 0x0617, 0x0301, 0x0202, 0x0203] },
    { cluster: CLUSTER.calendar, commandId: 1, fields: { providerId: 0, issuerCalendarId: CURRENT_CALENDAR, startDayId: 1, numberOfDays: 0 } },
    { cluster: CLUSTER.calendar, commandId: 2, fields: { providerId: 0, issuerCalendarId: CURRENT_CALENDAR, startWeekId: 1, numberOfWeeks: 0 } },
    { cluster: CLUSTER.calendar, commandId: 3, fields: { providerId: 0, issuerCalendarId: CURRENT_CALENDAR } },
    { cluster: CLUSTER.calendar, commandId: 4, fields: { startTime: 0, numberOfEvents: 0, calendarType: CALENDAR_TYPE_DELIVERED, providerId: 0, issuerCalendarId: CURRENT_CALENDAR } },
  ] },
  // No RTDS folder [A]: GCS40c takes the adjustment off the credit-mode BillToDateDelivered
  // (GBCS use-case catalogue), CreditAdjustment type 3 (credit-mode incremental; GCS40d resets with 2).
  { useCase: 'GCS40c', srv: '1.5', under: ['CreditMode', 'AdjustMeterBalance'], components: [
    { cluster: CLUSTER.prepayment, commandId: 5, fields: { issuerEventId: 'now', startTime: 0, creditAdjustmentType: CREDIT_MODE_INCREMENTAL, creditAdjustmentValue: { element: 'CreditMode/AdjustMeterBalance' } } },
  ] },
  { useCase: 'GCS18', srv: '4.10', components: [{ cluster: CLUSTER.metering, commandId: 8, fields: {
    sampleId: NETWORK_DATA_SAMPLE_ID, earliestSampleTime: START, sampleType: 0, numberOfSamples: NETWORK_DATA_SAMPLES,
  } }] },
];
