import { encodePayload } from '../../../gbcs/payload/index.js';
import type { GbzComponent, ZclPayload } from '../../../gbcs/payload/gbz.js';
import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { GBZ_READ_USE_CASES } from '../tables/gbz-read-use-cases.js';
import type { EncoderRow, TransformInput } from './types.js';
import { childElements, localName } from '../xml/xml-tree.js';

// Encoders of the gas use cases whose command is a GBZ payload (GBCS 6.1): ZCL Read Attributes
// reads (tables/gbz-read-use-cases.ts) and cluster-specific commands built as decoded-payload
// values and encoded by gbcs/payload (field names of gbcs/payload/zcl-commands.ts). Identifiers
// the remote party chooses (issuer event / message ids) are the request time in ZCL UTC seconds,
// as the reference data's are (2015-01-01T00:00:00Z there).

const GBZ_PROFILE_ID = 0x0109;
const ZCL_EPOCH_MS = Date.UTC(2000, 0, 1);
const CLUSTER = { price: 0x0700, metering: 0x0702, messaging: 0x0703, prepayment: 0x0705, deviceManagement: 0x0708, events: 0x0709 } as const;
/** ZCL frame control: cluster-specific client-to-server (0x01), disable-default-response too (0x09). */
const FC = { readAttributes: 0x00, command: 0x01, commandNoDefaultResponse: 0x09 } as const;
const GAS: DeviceType[] = ['GSME', 'GPF'];

export function zclTime(ms: number): number {
  return Math.floor((ms - ZCL_EPOCH_MS) / 1000);
}

function gbz(components: readonly Omit<GbzComponent, 'control'>[]): Uint8Array {
  // Sequence numbers count the components (GBCS 6.1, RTDS); the last component carries the 'last' flag.
  const withControl = components.map((c, i) => ({ ...c, zcl: { ...c.zcl, sequenceNumber: i }, control: i === components.length - 1 ? 1 : 0 }));
  return encodePayload({ kind: 'gbz', body: { form: 'components', profileId: GBZ_PROFILE_ID, components: withControl } } as never);
}

function command(clusterId: number, frameControl: number, commandId: number, fields: Record<string, unknown>, sequenceNumber = 0): Omit<GbzComponent, 'control'> {
  return { clusterId, zcl: { frameControl, sequenceNumber, commandId }, payload: { kind: 'command', fields } as ZclPayload };
}

function codeOf(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

const text = (r: DuisRequest, local: string): string => findTexts(r.body, local)[0] ?? '';
const ascii = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'latin1'));
/** Whether the body has parent/child (e.g. PrepaymentMode/AdjustMeterBalance, dcc.md 4 1.5 variants). */
const under = (r: DuisRequest, parent: string, child: string): boolean =>
  childElements(r.body).some((p) => localName(p.name) === parent && childElements(p).some((c) => localName(c.name) === child));
const dateMs = (r: DuisRequest, local: string): number => Date.parse(text(r, local));

function row(useCase: string, srv: string, build: (i: TransformInput) => Uint8Array, extra: Partial<EncoderRow> = {}): EncoderRow {
  const code = codeOf(useCase);
  return { useCase, srv, deviceTypes: GAS, encode: (input) => ({ messageCode: code, content: build(input) }), ...extra };
}

const READS: EncoderRow[] = GBZ_READ_USE_CASES.map((uc) => ({
  useCase: uc.useCase,
  srv: uc.srv,
  deviceTypes: uc.devices ? [...uc.devices] : GAS,
  encode: () => ({
    messageCode: uc.messageCode,
    content: gbz(uc.reads.map(([clusterId, attributeIds], i) => ({
      clusterId,
      zcl: { frameControl: FC.readAttributes, sequenceNumber: i, commandId: 0 },
      payload: { kind: 'read-attributes', attributes: attributeIds.map((attributeId) => ({ attributeId })) } as unknown as ZclPayload,
    }))),
  }),
}));

/** ChangeSupply proposedSupplyStatus (ZSE 1.4 D.3.2.3.6): 0 off / disabled, 1 armed. */
const SUPPLY_OFF = 0;
const SUPPLY_ARMED = 1;
const ACKNOWLEDGE_REQUIRED = 1;
/** GetEventLog eventControlLogId as RTDS has them: event log 0x13 (CS10a), security log 0x04 (CS10b). */
const EVENT_LOG_CONTROL: Readonly<Record<string, number>> = { Event: 0x13, Security: 0x04 };
/** PublishChangeOfSupplier / ChangeOfTenancy control bits as the reference uses them. */
const CHANGE_OF_SUPPLIER_CONTROL = 0x1800;
const CHANGE_OF_TENANCY_CONTROL = 0x0200;
const PASSWORD_TYPE_CONSUMER_PIN = 2;
const CREDIT_ADJUST_INCREMENTAL = 0;
const CLEAR_EVENT_LOG_ID = 3;
/** ChangePaymentMode proposedPaymentControlConfiguration bits as RTDS GCS02/GCS03 use them:
 *  credit mode 0x094, prepayment 0x097; 0x400 suspend debt collection while supply is disabled,
 *  0x800 keep collecting debt while on emergency credit (cleared when SuspendDebtEmergency). */
const PAYMENT_CONTROL_CREDIT = 0x0c94;
const PAYMENT_CONTROL_PREPAYMENT = 0x0097;
const SUSPEND_DEBT_DISABLED = 0x0400;
const COLLECT_DEBT_IN_EMERGENCY = 0x0800;
/** Credit mode has no disablement threshold (cutOffValue -1, RTDS). */
const CUT_OFF_NONE = -1;
/** ZCL implementation time for 'cancel the pending change' (0xFFFFFFFF, RTDS CANCELLATION). */
const CANCEL_IMPLEMENTATION_TIME = 0xffff_ffff;
/** GCS31 StartSampling: every 6 minutes, at most 41 samples (GBCS, RTDS). */
const NETWORK_DATA_SAMPLE_INTERVAL_S = 360;
const NETWORK_DATA_SAMPLES_MAX = 41;
/** GetBillingPeriod: any issuer event id (0xFFFFFFFF, RTDS GCS21d). */
const ALL_ISSUER_EVENTS = 0xffff_ffff;
/** GetEventConfiguration: 0x81FF asks for every event's configuration (RTDS GCS20r). */
const ALL_EVENT_CONFIGURATIONS = 0x81ff;
/** GCS16a reads up to 31 daily snapshots, one GetSnapshot per day (GBCS, RTDS). */
const DAILY_SNAPSHOTS = 31;
const SNAPSHOT_CAUSE_GENERAL = 1;
const CREDIT_ADJUST_CREDIT_MODE_RESET = 2;

/** Device future-dated (GBCS 9.3): 0 = now, the ZCL time of ExecutionDateTime, or the cancellation value. */
function implementationTime(r: DuisRequest): number {
  const at = text(r, 'ExecutionDateTime');
  if (at === '') return 0;
  return at.startsWith('3000-12-31') ? CANCEL_IMPLEMENTATION_TIME : zclTime(Date.parse(at));
}

function prepaymentControl(r: DuisRequest): number {
  const flag = (local: string): boolean => text(r, local) === 'true';
  return PAYMENT_CONTROL_PREPAYMENT | (flag('SuspendDebtDisabled') ? SUSPEND_DEBT_DISABLED : 0) | (flag('SuspendDebtEmergency') ? 0 : COLLECT_DEBT_IN_EMERGENCY);
}

const changePaymentMode = (i: TransformInput, control: number, cutOffValue: number): Uint8Array =>
  gbz([command(CLUSTER.prepayment, FC.command, 6, { providerId: 0, issuerEventId: zclTime(i.nowMs), implementationDateTime: implementationTime(i.request), proposedPaymentControlConfiguration: control, cutOffValue })]);

const changeSupply = (status: number) => (i: TransformInput) =>
  gbz([command(CLUSTER.metering, FC.command, 11, { providerId: 0, issuerEventId: zclTime(i.nowMs), requestDateTime: 0, implementationDateTime: 0, proposedSupplyStatus: status, supplyControlBits: ACKNOWLEDGE_REQUIRED })]);

const COMMANDS: EncoderRow[] = [
  row('GCS32', '7.2', changeSupply(SUPPLY_OFF)),
  row('GCS39', '7.3', changeSupply(SUPPLY_ARMED)),
  row('GCS07', '3.1', (i) => gbz([command(CLUSTER.messaging, FC.commandNoDefaultResponse, 0, {
    messageId: zclTime(i.nowMs), messageControl: 0, startTime: 0, durationInMinutes: 0xffff, message: text(i.request, 'SupplierMessage'),
  })])),
  row('GCS11', '3.5', (i) => gbz([command(CLUSTER.deviceManagement, FC.commandNoDefaultResponse, 2, {
    issuerEventId: zclTime(i.nowMs), implementationDateTime: 0, durationInMinutes: 0, passwordType: PASSWORD_TYPE_CONSUMER_PIN, password: new Uint8Array(0),
  })])),
  row('GCS41', '6.20.1', (i) => gbz([command(CLUSTER.deviceManagement, FC.commandNoDefaultResponse, 3, {
    issuerEventId: zclTime(i.nowMs), siteIdTime: 0, providerId: 0, siteId: ascii(text(i.request, 'ImportMPRN')),
  })])),
  row('GCS44', '3.4', (i) => gbz([command(CLUSTER.deviceManagement, FC.commandNoDefaultResponse, 1, {
    currentProviderId: 0, issuerEventId: zclTime(i.nowMs), tariffType: 0, proposedProviderId: 0, providerChangeImplementationTime: 0,
    providerChangeControl: CHANGE_OF_SUPPLIER_CONTROL, proposedProviderName: ascii(text(i.request, 'SupplierName')), proposedProviderContactDetails: ascii(text(i.request, 'SupplierTelephoneNumber')),
  })])),
  // The DCC chooses the Customer Identification Number; here from the counter, so runs repeat.
  row('GCS36', '9.1', (i) => gbz([command(CLUSTER.deviceManagement, FC.commandNoDefaultResponse, 6, {
    issuerEventId: zclTime(i.nowMs), implementationTime: 0, providerId: 0, customerIdNumber: ascii(String(i.counter % 10_000n).padStart(4, '0')),
  })])),
  row('GCS09', '3.2', (i) => gbz([command(CLUSTER.deviceManagement, FC.commandNoDefaultResponse, 0, {
    providerId: 0, issuerEventId: zclTime(i.nowMs), tariffType: 0, implementationDateTime: zclTime(dateMs(i.request, 'RestrictionDateTime')), proposedTenancyChangeControl: CHANGE_OF_TENANCY_CONTROL,
  })])),
  row('GCS40a', '1.5', (i) => gbz([command(CLUSTER.prepayment, FC.command, 5, {
    issuerEventId: zclTime(i.nowMs), startTime: 0, creditAdjustmentType: CREDIT_ADJUST_INCREMENTAL, creditAdjustmentValue: Number(text(i.request, 'AdjustMeterBalance')),
  })]), { matches: (r) => under(r, 'PrepaymentMode', 'AdjustMeterBalance') }),
  row('GCS40d', '1.5', (i) => gbz([command(CLUSTER.prepayment, FC.command, 5, {
    issuerEventId: zclTime(i.nowMs), startTime: 0, creditAdjustmentType: CREDIT_ADJUST_CREDIT_MODE_RESET, creditAdjustmentValue: 0,
  })]), { matches: (r) => under(r, 'CreditMode', 'ResetMeterBalance') }),
  row('GCS21d', '6.2.3', () => gbz([command(CLUSTER.price, FC.command, 11, { earliestStartTime: 0, minIssuerEventId: ALL_ISSUER_EVENTS, numberOfCommands: 1, tariffType: 0 })])),
  row('GCS20r', '6.2.10', () => gbz([command(CLUSTER.deviceManagement, FC.commandNoDefaultResponse, 5, { eventId: ALL_EVENT_CONFIGURATIONS })])),
  row('GCS16a', '4.6.1', (i) => gbz(Array.from({ length: DAILY_SNAPSHOTS }, (_, offset) => command(CLUSTER.metering, FC.command, 6, {
    earliestStartTime: zclTime(dateMs(i.request, 'StartDateTime')), latestEndTime: zclTime(dateMs(i.request, 'EndDateTime')), snapshotOffset: offset, snapshotCause: SNAPSHOT_CAUSE_GENERAL,
  })))),
  row('GCS02', '1.6', (i) => changePaymentMode(i, PAYMENT_CONTROL_CREDIT, CUT_OFF_NONE), { matches: (r) => findTexts(r.body, 'Credit').length > 0 }),
  row('GCS03', '1.6', (i) => changePaymentMode(i, prepaymentControl(i.request), Number(text(i.request, 'DisablementThreshold'))), { matches: (r) => under(r, 'Prepayment', 'DisablementThreshold') }),
  row('GCS31', '14.1', (i) => gbz([command(CLUSTER.metering, FC.command, 7, {
    issuerEventId: zclTime(i.nowMs), startSamplingTime: 0, sampleType: 0, sampleRequestInterval: NETWORK_DATA_SAMPLE_INTERVAL_S, maxNumberOfSamples: NETWORK_DATA_SAMPLES_MAX,
  })])),
  // GBCS: CS11 clears the GSME event log (ClearEventLogRequest log id 3, RTDS).
  row('CS11', '3.3', (i) => gbz([command(CLUSTER.events, FC.command, 1, { logId: CLEAR_EVENT_LOG_ID })]), { matches: (r) => findTexts(r.body, 'ESMEEventLogType').length === 0 }),
  row('CS01b', '2.2', (i) => gbz([command(CLUSTER.prepayment, FC.command, 4, { originatingDevice: 0, topUpCode: ascii(text(i.request, 'UTRN')) })])),
  row('CS10a', '6.13', (i) => gbz([command(CLUSTER.events, FC.command, 0, {
    eventControlLogId: EVENT_LOG_CONTROL[text(i.request, 'LogToRead')] ?? EVENT_LOG_CONTROL.Event, eventId: 0,
    startTime: zclTime(dateMs(i.request, 'StartDateTime')), endTime: zclTime(dateMs(i.request, 'EndDateTime')), numberOfEvents: 0, eventOffset: 0,
  })]), { matches: (r) => text(r, 'LogToRead') === 'Event' }),
  row('CS10b', '6.13', (i) => gbz([command(CLUSTER.events, FC.command, 0, {
    eventControlLogId: EVENT_LOG_CONTROL.Security, eventId: 0,
    startTime: zclTime(dateMs(i.request, 'StartDateTime')), endTime: zclTime(dateMs(i.request, 'EndDateTime')), numberOfEvents: 0, eventOffset: 0,
  })]), { matches: (r) => text(r, 'LogToRead') === 'Security' }),
];

export const GBZ_ENCODERS: readonly EncoderRow[] = [...READS, ...COMMANDS];
