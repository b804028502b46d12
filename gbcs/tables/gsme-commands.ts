// How the GSME (and the GPF answering from its mirror) serves each GBZ command component
// (GBCS 6.2, 6.3, 9.3; devices.md 6.4), as data: the handler that runs it, the payload field that
// carries its activation date-time (future-dated use cases, GBCS 9.3), the attributes its fields
// write (so a later Read Attributes returns what a command set), and the frame control of the
// answer. Field names are those of gbcs/payload/zcl-commands.ts; scripts/firmware-tables-gsme.ts
// turns names into byte offsets for the firmware (assembly/generated/gsme-commands.ts).

import type { ZclDirection } from '../payload/zcl-commands.js';

/** Handlers of the GSME's GBZ server (assembly/gsme/commands.ts); append only, the index is the id. */
export const GSME_HANDLERS = [
  'read-attributes', // general 00: Read Attributes from the ZCL attribute store
  'write-fields', // the `writes` of the row set attributes; answered with a Default Response
  'publish-record', // also keeps the whole payload as the cluster's record of that command (calendar, price matrix, billing period)
  'get-record', // answers with the stored record of `recordCommandId` (GetBillingPeriod), else NOT_FOUND
  'get-log', // log reads (snapshots, top-up / debt logs, sampled data, event log, calendar Get…): the preloaded log, else NOT_FOUND
  'change-payment-mode', // ChangePaymentModeResponse (devices 6.4)
  'change-supply', // SupplyStatusResponse with the resulting supply status
  'start-sampling', // StartSamplingResponse with the allocated sample id
  'clear-event-log', // ClearEventLogResponse
  'set-event-configuration', // updates the event configuration table
  'get-event-configuration', // ReportEventConfiguration
  'credit-adjustment', // CreditAdjustment: credit remaining / bill to date
  'consumer-top-up', // ConsumerTopUpResponse (UTRN validation is a later issue: refused)
] as const;
export type GsmeHandler = (typeof GSME_HANDLERS)[number];

/** A command field written to an attribute: [field name, attribute id, ZCL data type id (default: from the field's type)]. */
export type FieldWrite = readonly [field: string, attributeId: number, zclType?: number];

export interface GsmeCommandRow {
  readonly clusterId: number;
  /** Direction of the command as the head-end sends it (zcl-commands.ts). */
  readonly direction: ZclDirection;
  readonly commandId: number;
  readonly handler: GsmeHandler;
  /** utc-time field holding the activation date-time (0 now, FFFFFFFF / FFFFFFFE cancel), or 'from-date-time' (GBZ header, GBCS 6.1). */
  readonly activation?: string;
  readonly writes?: readonly FieldWrite[];
  /** Frame control and command id of a data answer (devices 6.4; GBCS 6.1 "fc 19 answering Get… in GCS21b"). */
  readonly answer?: { readonly frameControl: number; readonly commandId: number };
  /** get-record: the command whose stored record answers. */
  readonly recordCommandId?: number;
}

const C2S: ZclDirection = 'client-to-server';
const S2C: ZclDirection = 'server-to-client';
const PRICE = 0x0700;
const METERING = 0x0702;
const MESSAGING = 0x0703;
const PREPAYMENT = 0x0705;
const CALENDAR = 0x0707;
const DEVICE_MANAGEMENT = 0x0708;
const EVENTS = 0x0709;
const FC_PUBLISH = 0x19; // cluster-specific server-to-client, default response disabled
const FC_RESPONSE = 0x09; // cluster-specific server-to-client
const FC_REPORT = 0x01; // cluster-specific client-to-server (ReportEventConfiguration, devices 6.4)

export const GSME_COMMANDS: readonly GsmeCommandRow[] = [
  // Price cluster (GCS01a/b tariff, GCS23 CV and conversion factor, GCS25/25a billing, GCS21d/k)
  { clusterId: PRICE, direction: S2C, commandId: 0x04, handler: 'publish-record', activation: 'startTime', writes: [['unitOfMeasure', 0x0615], ['currency', 0x0616], ['priceTrailingDigit', 0x0617], ['standingCharge', 0x0301], ['blockThresholdMultiplier', 0x0202], ['blockThresholdDivisor', 0x0203]] },
  { clusterId: PRICE, direction: S2C, commandId: 0x05, handler: 'publish-record', activation: 'startTime' },
  { clusterId: PRICE, direction: S2C, commandId: 0x06, handler: 'publish-record', activation: 'startTime' },
  { clusterId: PRICE, direction: S2C, commandId: 0x02, handler: 'write-fields', writes: [['conversionFactor', 0x0302], ['conversionFactorTrailingDigit', 0x0303]] },
  { clusterId: PRICE, direction: S2C, commandId: 0x03, handler: 'write-fields', writes: [['calorificValue', 0x0304], ['calorificValueUnit', 0x0305], ['calorificValueTrailingDigit', 0x0306]] },
  { clusterId: PRICE, direction: S2C, commandId: 0x09, handler: 'publish-record' },
  { clusterId: PRICE, direction: S2C, commandId: 0x01, handler: 'publish-record' },
  { clusterId: PRICE, direction: C2S, commandId: 0x0b, handler: 'get-record', recordCommandId: 0x09, answer: { frameControl: FC_RESPONSE, commandId: 0x09 } },
  // Metering cluster
  // GetProfile (GCS17, GCS61): the consumption profile log, answered with GetProfileResponse [A: no RTDS folder]
  { clusterId: METERING, direction: C2S, commandId: 0x00, handler: 'get-log', answer: { frameControl: FC_RESPONSE, commandId: 0x00 } },
  { clusterId: METERING, direction: C2S, commandId: 0x06, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x06 } },
  { clusterId: METERING, direction: C2S, commandId: 0x07, handler: 'start-sampling', answer: { frameControl: FC_RESPONSE, commandId: 0x0d } },
  { clusterId: METERING, direction: C2S, commandId: 0x08, handler: 'get-log', answer: { frameControl: FC_RESPONSE, commandId: 0x07 } },
  { clusterId: METERING, direction: C2S, commandId: 0x0b, handler: 'change-supply', answer: { frameControl: FC_RESPONSE, commandId: 0x0c } },
  { clusterId: METERING, direction: C2S, commandId: 0x0d, handler: 'write-fields', writes: [['supplyTamperState', 0x0607], ['supplyDepletionState', 0x0608]] },
  { clusterId: METERING, direction: C2S, commandId: 0x0e, handler: 'write-fields', writes: [['uncontrolledFlowThreshold', 0x0b10], ['unitOfMeasure', 0x0b11], ['multiplier', 0x0b12], ['divisor', 0x0b13], ['stabilisationPeriod', 0x0b14], ['measurementPeriod', 0x0b15]] },
  // Messaging
  { clusterId: MESSAGING, direction: S2C, commandId: 0x00, handler: 'publish-record' },
  // Prepayment cluster (GCS02/03, GCS04, GCS05, GCS40a/d, GCS15x, CS01b)
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x02, handler: 'publish-record' },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x03, handler: 'write-fields', activation: 'startTime', writes: [['emergencyCreditLimit', 0x0010], ['emergencyCreditThreshold', 0x0011]] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x04, handler: 'consumer-top-up', answer: { frameControl: FC_RESPONSE, commandId: 0x03 } },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x05, handler: 'credit-adjustment' },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x06, handler: 'change-payment-mode', activation: 'implementationDateTime', writes: [['proposedPaymentControlConfiguration', 0x0000], ['cutOffValue', 0x0040]], answer: { frameControl: FC_PUBLISH, commandId: 0x02 } },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x07, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x01 } },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x08, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x05 } },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x09, handler: 'write-fields', activation: 'from-date-time', writes: [['lowCreditWarningLevel', 0x0031]] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x0a, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x06 } },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x0b, handler: 'write-fields', activation: 'implementationDateTime', writes: [['maximumCreditLevel', 0x0021], ['maximumCreditPerTopUp', 0x0022]] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x0c, handler: 'write-fields', activation: 'implementationDateTime', writes: [['overallDebtCap', 0x0006]] },
  // Calendar cluster (GCS01a tariff calendar, GCS05 non-disablement calendar, GCS21b reads)
  { clusterId: CALENDAR, direction: S2C, commandId: 0x00, handler: 'publish-record', activation: 'startTime' },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x01, handler: 'publish-record' },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x02, handler: 'publish-record' },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x03, handler: 'publish-record' },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x04, handler: 'publish-record', activation: 'startTime' },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x01, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x01 } },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x02, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x02 } },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x03, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x03 } },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x04, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x04 } },
  // Device Management (GCS09 at the GPF, GCS11, GCS20, GCS20r, GCS36, GCS41, GCS44)
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x00, handler: 'publish-record' },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x01, handler: 'publish-record' },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x02, handler: 'publish-record' },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x03, handler: 'write-fields', writes: [['siteId', 0x0307, 0x41]] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x04, handler: 'set-event-configuration' },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x05, handler: 'get-event-configuration', answer: { frameControl: FC_REPORT, commandId: 0x04 } },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x06, handler: 'publish-record' },
  // Events (CS10a/b, CS11)
  { clusterId: EVENTS, direction: C2S, commandId: 0x00, handler: 'get-log', answer: { frameControl: FC_PUBLISH, commandId: 0x01 } },
  { clusterId: EVENTS, direction: C2S, commandId: 0x01, handler: 'clear-event-log', answer: { frameControl: FC_RESPONSE, commandId: 0x02 } },
];

/** Metering attributes a SetUncontrolledFlowThreshold / SetSupplyStatus write lands on belong to 0x0702; siteId (UpdateSiteID, cluster 0x0708) too. */
export const WRITE_TARGET_CLUSTER: Readonly<Record<number, number>> = { [DEVICE_MANAGEMENT]: METERING };

/**
 * Response components carrying data travel encrypted in these use cases (GBCS 4.5: 21 GBZ blocks
 * in RTDS): the clusters whose answers are ciphered. Default Responses stay in clear.
 */
export const GBZ_ENCRYPTED_ANSWERS: Readonly<Record<string, readonly number[]>> = {
  GCS13b: [METERING],
  GCS14: [PREPAYMENT],
  GCS15b: [METERING, PREPAYMENT],
  GCS15d: [PREPAYMENT],
  GCS16a: [METERING],
  GCS18: [METERING],
};

/** Read Attributes Response frame control per use case: 08, or 18 (default response disabled) in GCS13b (GBCS 6.1). */
export const READ_RESPONSE_FRAME_CONTROL: Readonly<Record<string, number>> = { GCS13b: 0x18 };

/**
 * Default Responses go back the other way (ZCL): fc 00 to a server-to-client command, 08 to a
 * client-to-server one (devices 6.4), except GetEventConfiguration, sent server-to-client and
 * refused with fc 08 (RTDS 6.2.10_GCS20r ERROR).
 */
export const DEFAULT_RESPONSE_FRAME_CONTROL_OVERRIDES: readonly { clusterId: number; commandId: number; frameControl: number }[] = [
  { clusterId: DEVICE_MANAGEMENT, commandId: 0x05, frameControl: 0x08 },
];
