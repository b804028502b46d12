// Cluster-specific ZCL command layouts carried in GBZ components (GBCS 6.2, 6.3, 11.2), as data.
// GBCS marks the field-level ZSE layouts [unverified] (GBCS 16); every row here with
// `rtds: true` was derived from ZigBee Smart Energy 1.4 and then checked against the RTDS
// reference bytes: each occurrence decodes to exactly its component length and every value is
// plausible (currency 826 = GBP, times near 0x1C374A80 = 2015-01-01, UTRN digits, labels in ASCII).
// All fields are little-endian (GBCS 0). Commands whose plaintext only travels encrypted in RTDS
// (PublishSnapshot, PublishPrepaySnapshot, PublishDebtLog, GetSampledDataResponse) have a name but
// no `fields`: their payload is a ciphered block (GBCS 4.5) and stays opaque at this layer.

export type ZclScalarType =
  | 'uint8'
  | 'uint16'
  | 'uint24'
  | 'uint32'
  | 'uint48'
  | 'int32'
  | 'bitmap8'
  | 'bitmap16'
  | 'bitmap32'
  | 'enum8'
  | 'utc-time'
  | 'octet-string'
  | 'character-string'
  | 'date';

export type ZclFieldSpec =
  | { readonly name: string; readonly type: ZclScalarType; readonly optional?: boolean }
  | {
      readonly name: string;
      readonly type: 'list';
      readonly item: readonly ZclFieldSpec[];
      /** 'rest': repeat until the payload ends; otherwise the count is a previous field of the
       * same record, masked (PublishBlockThresholds keeps the count in a low nibble). */
      readonly count: 'rest' | { readonly field: string; readonly mask: number };
    };

export type ZclDirection = 'client-to-server' | 'server-to-client';

export interface ZclCommandRow {
  readonly clusterId: number;
  readonly direction: ZclDirection;
  readonly commandId: number;
  readonly name: string;
  /** Absent: name known, layout not (the payload then stays raw bytes). */
  readonly fields?: readonly ZclFieldSpec[];
  /** true: layout checked byte-for-byte against RTDS; false: ZSE 1.4 only (GBCS 16). */
  readonly rtds: boolean;
}

const u8 = (name: string) => ({ name, type: 'uint8' }) as const;
const u16 = (name: string) => ({ name, type: 'uint16' }) as const;
const u24 = (name: string) => ({ name, type: 'uint24' }) as const;
const u32 = (name: string) => ({ name, type: 'uint32' }) as const;
const i32 = (name: string) => ({ name, type: 'int32' }) as const;
const utc = (name: string) => ({ name, type: 'utc-time' }) as const;
const map8 = (name: string) => ({ name, type: 'bitmap8' }) as const;
const map16 = (name: string) => ({ name, type: 'bitmap16' }) as const;
const map32 = (name: string) => ({ name, type: 'bitmap32' }) as const;
const enum8 = (name: string) => ({ name, type: 'enum8' }) as const;
const octets = (name: string) => ({ name, type: 'octet-string' }) as const;
const text = (name: string) => ({ name, type: 'character-string' }) as const;
const rest = (name: string, item: readonly ZclFieldSpec[]) => ({ name, type: 'list', item, count: 'rest' }) as const;

const C2S = 'client-to-server';
const S2C = 'server-to-client';
const PRICE = 0x0700;
const METERING = 0x0702;
const MESSAGING = 0x0703;
const PREPAYMENT = 0x0705;
const CALENDAR = 0x0707;
const DEVICE_MANAGEMENT = 0x0708;
const EVENTS = 0x0709;

const PROVIDER_EVENT = [u32('providerId'), u32('issuerEventId')] as const;
const CALENDAR_IDS = [...PROVIDER_EVENT, u32('issuerCalendarId')] as const;
const SNAPSHOT_REQUEST = [utc('earliestStartTime'), utc('latestEndTime'), u8('snapshotOffset'), map32('snapshotCause')] as const;
const SPECIAL_DAY = [{ name: 'date', type: 'date' }, u8('dayIdRef')] as const;

export const ZCL_COMMANDS: readonly ZclCommandRow[] = [
  // Price cluster (GBCS 11.2)
  { clusterId: PRICE, direction: S2C, commandId: 0x01, name: 'PublishBlockPeriod', rtds: true, fields: [...PROVIDER_EVENT, utc('blockPeriodStartTime'), u24('blockPeriodDuration'), map8('blockPeriodControl'), map8('blockPeriodDurationType'), map8('tariffType'), enum8('tariffResolutionPeriod')] },
  { clusterId: PRICE, direction: S2C, commandId: 0x02, name: 'PublishConversionFactor', rtds: true, fields: [u32('issuerEventId'), utc('startTime'), u32('conversionFactor'), map8('conversionFactorTrailingDigit')] },
  { clusterId: PRICE, direction: S2C, commandId: 0x03, name: 'PublishCalorificValue', rtds: true, fields: [u32('issuerEventId'), utc('startTime'), u32('calorificValue'), enum8('calorificValueUnit'), map8('calorificValueTrailingDigit')] },
  { clusterId: PRICE, direction: S2C, commandId: 0x04, name: 'PublishTariffInformation', rtds: true, fields: [...PROVIDER_EVENT, u32('issuerTariffId'), utc('startTime'), map8('tariffTypeChargingScheme'), octets('tariffLabel'), u8('numberOfPriceTiersInUse'), u8('numberOfBlockThresholdsInUse'), enum8('unitOfMeasure'), u16('currency'), map8('priceTrailingDigit'), u32('standingCharge'), u8('tierBlockMode'), u24('blockThresholdMultiplier'), u24('blockThresholdDivisor')] },
  { clusterId: PRICE, direction: S2C, commandId: 0x05, name: 'PublishPriceMatrix', rtds: true, fields: [...PROVIDER_EVENT, utc('startTime'), u32('issuerTariffId'), u8('commandIndex'), u8('totalNumberOfCommands'), map8('subPayloadControl'), rest('prices', [u8('tierBlockId'), u32('price')])] },
  { clusterId: PRICE, direction: S2C, commandId: 0x06, name: 'PublishBlockThresholds', rtds: true, fields: [...PROVIDER_EVENT, utc('startTime'), u32('issuerTariffId'), u8('commandIndex'), u8('totalNumberOfCommands'), map8('subPayloadControl'), rest('tiers', [u8('tierNumberOfBlockThresholds'), { name: 'blockThresholds', type: 'list', item: [{ name: 'threshold', type: 'uint48' }], count: { field: 'tierNumberOfBlockThresholds', mask: 0x0f } }])] },
  { clusterId: PRICE, direction: S2C, commandId: 0x09, name: 'PublishBillingPeriod', rtds: true, fields: [...PROVIDER_EVENT, utc('billingPeriodStartTime'), u24('billingPeriodDuration'), map8('billingPeriodDurationType'), map8('tariffType')] },
  { clusterId: PRICE, direction: C2S, commandId: 0x0b, name: 'GetBillingPeriod', rtds: true, fields: [utc('earliestStartTime'), u32('minIssuerEventId'), u8('numberOfCommands'), map8('tariffType')] },
  // Metering cluster
  { clusterId: METERING, direction: C2S, commandId: 0x06, name: 'GetSnapshot', rtds: true, fields: [...SNAPSHOT_REQUEST] },
  { clusterId: METERING, direction: C2S, commandId: 0x07, name: 'StartSampling', rtds: true, fields: [u32('issuerEventId'), utc('startSamplingTime'), enum8('sampleType'), u16('sampleRequestInterval'), u16('maxNumberOfSamples')] },
  { clusterId: METERING, direction: C2S, commandId: 0x08, name: 'GetSampledData', rtds: true, fields: [u16('sampleId'), utc('earliestSampleTime'), enum8('sampleType'), u16('numberOfSamples')] },
  { clusterId: METERING, direction: C2S, commandId: 0x0b, name: 'ChangeSupply', rtds: true, fields: [...PROVIDER_EVENT, utc('requestDateTime'), utc('implementationDateTime'), enum8('proposedSupplyStatus'), map8('supplyControlBits')] },
  { clusterId: METERING, direction: C2S, commandId: 0x0d, name: 'SetSupplyStatus', rtds: true, fields: [u32('issuerEventId'), enum8('supplyTamperState'), enum8('supplyDepletionState'), enum8('supplyUncontrolledFlowState'), enum8('loadLimitSupplyState')] },
  { clusterId: METERING, direction: C2S, commandId: 0x0e, name: 'SetUncontrolledFlowThreshold', rtds: true, fields: [...PROVIDER_EVENT, u16('uncontrolledFlowThreshold'), enum8('unitOfMeasure'), u16('multiplier'), u16('divisor'), u8('stabilisationPeriod'), u16('measurementPeriod')] },
  { clusterId: METERING, direction: S2C, commandId: 0x0c, name: 'SupplyStatusResponse', rtds: true, fields: [...PROVIDER_EVENT, utc('implementationDateTime'), enum8('supplyStatus')] },
  { clusterId: METERING, direction: S2C, commandId: 0x0d, name: 'StartSamplingResponse', rtds: true, fields: [u16('sampleId')] },
  // Messaging cluster
  { clusterId: MESSAGING, direction: S2C, commandId: 0x00, name: 'DisplayMessage', rtds: true, fields: [u32('messageId'), map8('messageControl'), utc('startTime'), u16('durationInMinutes'), text('message'), { name: 'extendedMessageControl', type: 'bitmap8', optional: true }] },
  // Prepayment cluster
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x02, name: 'ChangeDebt', rtds: true, fields: [u32('issuerEventId'), octets('debtLabel'), u32('debtAmount'), enum8('debtRecoveryMethod'), enum8('debtAmountType'), utc('debtRecoveryStartTime'), u16('debtRecoveryCollectionTime'), enum8('debtRecoveryFrequency'), u32('debtRecoveryAmount'), u16('debtRecoveryBalancePercentage')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x03, name: 'EmergencyCreditSetup', rtds: true, fields: [u32('issuerEventId'), utc('startTime'), u32('emergencyCreditLimit'), u32('emergencyCreditThreshold')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x04, name: 'ConsumerTopUp', rtds: true, fields: [enum8('originatingDevice'), octets('topUpCode')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x05, name: 'CreditAdjustment', rtds: true, fields: [u32('issuerEventId'), utc('startTime'), enum8('creditAdjustmentType'), i32('creditAdjustmentValue')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x06, name: 'ChangePaymentMode', rtds: true, fields: [...PROVIDER_EVENT, utc('implementationDateTime'), map16('proposedPaymentControlConfiguration'), i32('cutOffValue')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x07, name: 'GetPrepaySnapshot', rtds: true, fields: [...SNAPSHOT_REQUEST] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x08, name: 'GetTopUpLog', rtds: true, fields: [utc('latestEndTime'), u8('numberOfRecords')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x09, name: 'SetLowCreditWarningLevel', rtds: true, fields: [u32('lowCreditWarningLevel')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x0a, name: 'GetDebtRepaymentLog', rtds: true, fields: [utc('latestEndTime'), u8('numberOfDebts'), enum8('debtType')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x0b, name: 'SetMaximumCreditLimit', rtds: true, fields: [...PROVIDER_EVENT, utc('implementationDateTime'), u32('maximumCreditLevel'), u32('maximumCreditPerTopUp')] },
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x0c, name: 'SetOverallDebtCap', rtds: true, fields: [...PROVIDER_EVENT, utc('implementationDateTime'), i32('overallDebtCap')] },
  { clusterId: PREPAYMENT, direction: S2C, commandId: 0x02, name: 'ChangePaymentModeResponse', rtds: true, fields: [map8('friendlyCredit'), u32('friendlyCreditCalendarId'), u32('emergencyCreditLimit'), u32('emergencyCreditThreshold')] },
  { clusterId: PREPAYMENT, direction: S2C, commandId: 0x03, name: 'ConsumerTopUpResponse', rtds: true, fields: [enum8('resultType'), i32('topUpValue'), enum8('sourceOfTopUp'), i32('creditRemaining')] },
  { clusterId: PREPAYMENT, direction: S2C, commandId: 0x05, name: 'PublishTopUpLog', rtds: true, fields: [u8('commandIndex'), u8('totalNumberOfCommands'), rest('topUps', [octets('topUpCode'), i32('topUpAmount'), utc('topUpTime')])] },
  // Calendar cluster (GBCS 11.2)
  { clusterId: CALENDAR, direction: S2C, commandId: 0x00, name: 'PublishCalendar', rtds: true, fields: [...CALENDAR_IDS, utc('startTime'), enum8('calendarType'), u8('calendarTimeReference'), octets('calendarName'), u8('numberOfSeasons'), u8('numberOfWeekProfiles'), u8('numberOfDayProfiles')] },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x01, name: 'PublishDayProfile', rtds: true, fields: [...CALENDAR_IDS, u8('dayId'), u8('totalNumberOfScheduleEntries'), u8('commandIndex'), u8('totalNumberOfCommands'), enum8('calendarType'), rest('scheduleEntries', [u16('startTimeMinutes'), u8('priceTier')])] },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x02, name: 'PublishWeekProfile', rtds: true, fields: [...CALENDAR_IDS, u8('weekId'), u8('dayIdRefMonday'), u8('dayIdRefTuesday'), u8('dayIdRefWednesday'), u8('dayIdRefThursday'), u8('dayIdRefFriday'), u8('dayIdRefSaturday'), u8('dayIdRefSunday')] },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x03, name: 'PublishSeasons', rtds: true, fields: [...CALENDAR_IDS, u8('commandIndex'), u8('totalNumberOfCommands'), rest('seasons', [{ name: 'seasonStartDate', type: 'date' }, u8('weekIdRef')])] },
  { clusterId: CALENDAR, direction: S2C, commandId: 0x04, name: 'PublishSpecialDays', rtds: true, fields: [...CALENDAR_IDS, utc('startTime'), enum8('calendarType'), u8('totalNumberOfSpecialDays'), u8('commandIndex'), u8('totalNumberOfCommands'), rest('specialDays', SPECIAL_DAY)] },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x01, name: 'GetDayProfiles', rtds: true, fields: [u32('providerId'), u32('issuerCalendarId'), u8('startDayId'), u8('numberOfDays')] },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x02, name: 'GetWeekProfiles', rtds: true, fields: [u32('providerId'), u32('issuerCalendarId'), u8('startWeekId'), u8('numberOfWeeks')] },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x03, name: 'GetSeasons', rtds: true, fields: [u32('providerId'), u32('issuerCalendarId')] },
  { clusterId: CALENDAR, direction: C2S, commandId: 0x04, name: 'GetSpecialDays', rtds: true, fields: [utc('startTime'), u8('numberOfEvents'), enum8('calendarType'), u32('providerId'), u32('issuerCalendarId')] },
  // Device Management cluster
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x00, name: 'PublishChangeOfTenancy', rtds: true, fields: [...PROVIDER_EVENT, map8('tariffType'), utc('implementationDateTime'), map32('proposedTenancyChangeControl')] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x01, name: 'PublishChangeOfSupplier', rtds: true, fields: [u32('currentProviderId'), u32('issuerEventId'), map8('tariffType'), u32('proposedProviderId'), utc('providerChangeImplementationTime'), map32('providerChangeControl'), octets('proposedProviderName'), octets('proposedProviderContactDetails')] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x02, name: 'RequestNewPasswordResponse', rtds: true, fields: [u32('issuerEventId'), utc('implementationDateTime'), u16('durationInMinutes'), enum8('passwordType'), octets('password')] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x03, name: 'UpdateSiteID', rtds: true, fields: [u32('issuerEventId'), utc('siteIdTime'), u32('providerId'), octets('siteId')] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x04, name: 'SetEventConfiguration', rtds: true, fields: [u32('issuerEventId'), utc('startDateTime'), map8('eventConfiguration'), enum8('configurationControl'), u8('numberOfEvents'), rest('eventIds', [u16('eventId')])] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x05, name: 'GetEventConfiguration', rtds: true, fields: [u16('eventId')] },
  { clusterId: DEVICE_MANAGEMENT, direction: S2C, commandId: 0x06, name: 'UpdateCIN', rtds: true, fields: [u32('issuerEventId'), utc('implementationTime'), u32('providerId'), octets('customerIdNumber')] },
  { clusterId: DEVICE_MANAGEMENT, direction: C2S, commandId: 0x04, name: 'ReportEventConfiguration', rtds: true, fields: [u8('commandIndex'), u8('totalNumberOfCommands'), rest('events', [u16('eventId'), map8('eventConfiguration')])] },
  // Events cluster
  { clusterId: EVENTS, direction: C2S, commandId: 0x00, name: 'GetEventLog', rtds: true, fields: [u8('eventControlLogId'), u16('eventId'), utc('startTime'), utc('endTime'), u8('numberOfEvents'), u16('eventOffset')] },
  { clusterId: EVENTS, direction: C2S, commandId: 0x01, name: 'ClearEventLogRequest', rtds: true, fields: [u8('logId')] },
  { clusterId: EVENTS, direction: S2C, commandId: 0x01, name: 'PublishEventLog', rtds: true, fields: [u16('totalNumberOfMatchingEvents'), u8('commandIndex'), u8('totalNumberOfCommands'), map8('logPayloadControl'), rest('events', [u8('logId'), u16('eventId'), utc('eventTime'), octets('eventData')])] },
  { clusterId: EVENTS, direction: S2C, commandId: 0x02, name: 'ClearEventLogResponse', rtds: true, fields: [map8('clearedEventsLogs')] },
  // Commands GBCS names that the RTDS set never carries in clear (ZSE 1.4 layouts, unverified).
  { clusterId: PREPAYMENT, direction: C2S, commandId: 0x00, name: 'SelectAvailableEmergencyCredit', rtds: false, fields: [utc('commandIssueDateTime'), enum8('originatingDevice')] },
  { clusterId: PRICE, direction: C2S, commandId: 0x00, name: 'GetCurrentPrice', rtds: false, fields: [map8('commandOptions')] },
  // GetProfile reads the GSME / GPF consumption profile (GCS17 half-hourly, GCS61 daily): channel 0 = consumption delivered.
  { clusterId: METERING, direction: C2S, commandId: 0x00, name: 'GetProfile', rtds: false, fields: [enum8('intervalChannel'), utc('endTime'), u8('numberOfPeriods')] },
  { clusterId: METERING, direction: S2C, commandId: 0x00, name: 'GetProfileResponse', rtds: false, fields: [utc('endTime'), enum8('status'), enum8('profileIntervalPeriod'), u8('numberOfPeriodsDelivered'), rest('intervals', [u24('interval')])] },
  // Encrypted in every RTDS occurrence (GBCS 4.5): named, layout not verifiable here.
  { clusterId: METERING, direction: S2C, commandId: 0x06, name: 'PublishSnapshot', rtds: false },
  { clusterId: METERING, direction: S2C, commandId: 0x07, name: 'GetSampledDataResponse', rtds: false },
  { clusterId: PREPAYMENT, direction: S2C, commandId: 0x01, name: 'PublishPrepaySnapshot', rtds: false },
  { clusterId: PREPAYMENT, direction: S2C, commandId: 0x06, name: 'PublishDebtLog', rtds: false },
];

const BY_KEY = new Map<string, ZclCommandRow>(ZCL_COMMANDS.map((c) => [commandKey(c.clusterId, c.direction, c.commandId), c]));

function commandKey(clusterId: number, direction: ZclDirection, commandId: number): string {
  return `${clusterId}/${direction}/${commandId}`;
}

export function zclCommandRow(clusterId: number, direction: ZclDirection, commandId: number): ZclCommandRow | undefined {
  return BY_KEY.get(commandKey(clusterId, direction, commandId));
}
