// ZigBee Smart Energy (ZCL) numbers used by GBZ payloads (GBCS 6.1-6.3), as data: clusters,
// attribute ids per cluster, attribute data types and the profile-wide commands. Command layouts
// of the cluster-specific commands live in gbcs/payload/zcl-commands.ts.

/** GBCS 6.1: every GBZ payload starts with the Smart Energy profile id. */
export const ZSE_PROFILE_ID = 0x0109;

export const ZCL_CLUSTERS = [
  { clusterId: 0x0000, name: 'Basic' },
  { clusterId: 0x0700, name: 'Price' },
  { clusterId: 0x0702, name: 'Metering' },
  { clusterId: 0x0703, name: 'Messaging' },
  { clusterId: 0x0705, name: 'Prepayment' },
  { clusterId: 0x0707, name: 'Calendar' },
  { clusterId: 0x0708, name: 'Device Management' },
  { clusterId: 0x0709, name: 'Events' },
] as const;

export type ZclClusterName = (typeof ZCL_CLUSTERS)[number]['name'];

/** Attributes named in GBCS 6.2 plus those the RTDS Read Attributes commands ask for (names from
 * ZSE 1.4 where GBCS 6.2 gives none). */
export const ZCL_ATTRIBUTES = [
  { clusterId: 0x0000, attributeId: 0x0003, name: 'HWVersion' },
  { clusterId: 0x0000, attributeId: 0x0004, name: 'ManufacturerName' },
  { clusterId: 0x0000, attributeId: 0x0005, name: 'ModelIdentifier' },
  { clusterId: 0x0700, attributeId: 0x0100, name: 'Block1Threshold' },
  { clusterId: 0x0700, attributeId: 0x0101, name: 'Block2Threshold' },
  { clusterId: 0x0700, attributeId: 0x0102, name: 'Block3Threshold' },
  { clusterId: 0x0700, attributeId: 0x0202, name: 'ThresholdMultiplier' },
  { clusterId: 0x0700, attributeId: 0x0203, name: 'ThresholdDivisor' },
  { clusterId: 0x0700, attributeId: 0x0301, name: 'StandingCharge' },
  { clusterId: 0x0700, attributeId: 0x0302, name: 'ConversionFactor' },
  { clusterId: 0x0700, attributeId: 0x0303, name: 'ConversionFactorTrailingDigit' },
  { clusterId: 0x0700, attributeId: 0x0304, name: 'CalorificValue' },
  { clusterId: 0x0700, attributeId: 0x0305, name: 'CalorificValueUnit' },
  { clusterId: 0x0700, attributeId: 0x0306, name: 'CalorificValueTrailingDigit' },
  { clusterId: 0x0700, attributeId: 0x0400, name: 'NoTierBlock1Price' },
  { clusterId: 0x0700, attributeId: 0x0401, name: 'NoTierBlock2Price' },
  { clusterId: 0x0700, attributeId: 0x0402, name: 'NoTierBlock3Price' },
  { clusterId: 0x0700, attributeId: 0x0403, name: 'NoTierBlock4Price' },
  { clusterId: 0x0700, attributeId: 0x0410, name: 'Tier1Block1Price' },
  { clusterId: 0x0700, attributeId: 0x0420, name: 'Tier2Block1Price' },
  { clusterId: 0x0700, attributeId: 0x0430, name: 'Tier3Block1Price' },
  { clusterId: 0x0700, attributeId: 0x0440, name: 'Tier4Block1Price' },
  { clusterId: 0x0700, attributeId: 0x0615, name: 'UnitOfMeasure' },
  { clusterId: 0x0700, attributeId: 0x0616, name: 'Currency' },
  { clusterId: 0x0700, attributeId: 0x0617, name: 'PriceTrailingDigit' },
  { clusterId: 0x0702, attributeId: 0x0000, name: 'CurrentSummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0014, name: 'SupplyStatus' },
  { clusterId: 0x0702, attributeId: 0x0100, name: 'CurrentTier1SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0102, name: 'CurrentTier2SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0104, name: 'CurrentTier3SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0106, name: 'CurrentTier4SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0205, name: 'RemainingBatteryLifeInDays' },
  { clusterId: 0x0702, attributeId: 0x0300, name: 'UnitOfMeasure' },
  { clusterId: 0x0702, attributeId: 0x0301, name: 'Multiplier' },
  { clusterId: 0x0702, attributeId: 0x0302, name: 'Divisor' },
  { clusterId: 0x0702, attributeId: 0x0307, name: 'SiteID' },
  { clusterId: 0x0702, attributeId: 0x0607, name: 'SupplyTamperState' },
  { clusterId: 0x0702, attributeId: 0x0608, name: 'SupplyDepletionState' },
  { clusterId: 0x0702, attributeId: 0x0700, name: 'CurrentNoTierBlock1SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0701, name: 'CurrentNoTierBlock2SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0702, name: 'CurrentNoTierBlock3SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0703, name: 'CurrentNoTierBlock4SummationDelivered' },
  { clusterId: 0x0702, attributeId: 0x0a00, name: 'BillToDateDelivered' },
  { clusterId: 0x0702, attributeId: 0x0b10, name: 'UncontrolledFlowThreshold' },
  { clusterId: 0x0702, attributeId: 0x0b11, name: 'UncontrolledFlowThresholdUnitOfMeasure' },
  { clusterId: 0x0702, attributeId: 0x0b12, name: 'UncontrolledFlowMultiplier' },
  { clusterId: 0x0702, attributeId: 0x0b13, name: 'UncontrolledFlowDivisor' },
  { clusterId: 0x0702, attributeId: 0x0b14, name: 'FlowStabilisationPeriod' },
  { clusterId: 0x0702, attributeId: 0x0b15, name: 'FlowMeasurementPeriod' },
  { clusterId: 0x0705, attributeId: 0x0000, name: 'PaymentControlConfiguration' },
  { clusterId: 0x0705, attributeId: 0x0001, name: 'CreditRemaining' },
  { clusterId: 0x0705, attributeId: 0x0002, name: 'EmergencyCreditRemaining' },
  { clusterId: 0x0705, attributeId: 0x0005, name: 'AccumulatedDebt' },
  { clusterId: 0x0705, attributeId: 0x0006, name: 'OverallDebtCap' },
  { clusterId: 0x0705, attributeId: 0x0010, name: 'EmergencyCreditLimitAllowance' },
  { clusterId: 0x0705, attributeId: 0x0011, name: 'EmergencyCreditThreshold' },
  { clusterId: 0x0705, attributeId: 0x0021, name: 'MaxCreditLimit' },
  { clusterId: 0x0705, attributeId: 0x0022, name: 'MaxCreditPerTopUp' },
  { clusterId: 0x0705, attributeId: 0x0031, name: 'LowCreditWarningLevel' },
  { clusterId: 0x0705, attributeId: 0x0040, name: 'CutOffValue' },
  { clusterId: 0x0705, attributeId: 0x0211, name: 'DebtAmount1' },
  { clusterId: 0x0705, attributeId: 0x0216, name: 'DebtRecoveryFrequency1' },
  { clusterId: 0x0705, attributeId: 0x0217, name: 'DebtRecoveryAmount1' },
  { clusterId: 0x0705, attributeId: 0x0221, name: 'DebtAmount2' },
  { clusterId: 0x0705, attributeId: 0x0226, name: 'DebtRecoveryFrequency2' },
  { clusterId: 0x0705, attributeId: 0x0227, name: 'DebtRecoveryAmount2' },
  { clusterId: 0x0705, attributeId: 0x0231, name: 'DebtAmount3' },
  { clusterId: 0x0705, attributeId: 0x0239, name: 'DebtRecoveryBalancePercentage3' },
] as const;

/** ZCL attribute data types (GBCS 6.2 table; sizes in bytes, -1 = 1-byte length prefix). */
export const ZCL_DATA_TYPES = [
  { typeId: 0x08, name: 'data8', size: 1, signed: false },
  { typeId: 0x10, name: 'boolean', size: 1, signed: false },
  { typeId: 0x18, name: 'bitmap8', size: 1, signed: false },
  { typeId: 0x19, name: 'bitmap16', size: 2, signed: false },
  { typeId: 0x1b, name: 'bitmap32', size: 4, signed: false },
  { typeId: 0x20, name: 'uint8', size: 1, signed: false },
  { typeId: 0x21, name: 'uint16', size: 2, signed: false },
  { typeId: 0x22, name: 'uint24', size: 3, signed: false },
  { typeId: 0x23, name: 'uint32', size: 4, signed: false },
  { typeId: 0x24, name: 'uint40', size: 5, signed: false },
  { typeId: 0x25, name: 'uint48', size: 6, signed: false },
  { typeId: 0x26, name: 'uint56', size: 7, signed: false },
  { typeId: 0x27, name: 'uint64', size: 8, signed: false },
  { typeId: 0x28, name: 'int8', size: 1, signed: true },
  { typeId: 0x29, name: 'int16', size: 2, signed: true },
  { typeId: 0x2a, name: 'int24', size: 3, signed: true },
  { typeId: 0x2b, name: 'int32', size: 4, signed: true },
  { typeId: 0x2c, name: 'int40', size: 5, signed: true },
  { typeId: 0x2d, name: 'int48', size: 6, signed: true },
  { typeId: 0x2e, name: 'int56', size: 7, signed: true },
  { typeId: 0x2f, name: 'int64', size: 8, signed: true },
  { typeId: 0x30, name: 'enum8', size: 1, signed: false },
  { typeId: 0x31, name: 'enum16', size: 2, signed: false },
  { typeId: 0x41, name: 'octet-string', size: -1, signed: false },
  { typeId: 0x42, name: 'character-string', size: -1, signed: false },
  { typeId: 0xe2, name: 'utc-time', size: 4, signed: false },
  { typeId: 0xf0, name: 'ieee-address', size: 8, signed: false },
] as const;

export type ZclDataTypeRow = (typeof ZCL_DATA_TYPES)[number];

/** Profile-wide (general) commands used in GBZ (GBCS 6.2 "General"). */
export const ZCL_GENERAL_COMMANDS = [
  { commandId: 0x00, name: 'ReadAttributes' },
  { commandId: 0x01, name: 'ReadAttributesResponse' },
  { commandId: 0x0b, name: 'DefaultResponse' },
] as const;

/** ZCL frame control bits (GBCS 6.1: "test the direction with bit 3 and the frame type with
 * bits 0-1; never compare the whole byte"). */
export const ZCL_FRAME_TYPE_MASK = 0x03;
export const ZCL_FRAME_TYPE_PROFILE_WIDE = 0x00;
export const ZCL_FRAME_TYPE_CLUSTER_SPECIFIC = 0x01;
export const ZCL_DIRECTION_SERVER_TO_CLIENT = 0x08;

const CLUSTER_BY_ID = new Map<number, string>(ZCL_CLUSTERS.map((c) => [c.clusterId, c.name]));
const ATTRIBUTE_BY_KEY = new Map<number, string>(ZCL_ATTRIBUTES.map((a) => [a.clusterId * 0x10000 + a.attributeId, a.name]));
const TYPE_BY_ID = new Map<number, ZclDataTypeRow>(ZCL_DATA_TYPES.map((t) => [t.typeId, t]));
const GENERAL_BY_ID = new Map<number, string>(ZCL_GENERAL_COMMANDS.map((c) => [c.commandId, c.name]));

export function zclClusterName(clusterId: number): string | undefined {
  return CLUSTER_BY_ID.get(clusterId);
}

export function zclAttributeName(clusterId: number, attributeId: number): string | undefined {
  return ATTRIBUTE_BY_KEY.get(clusterId * 0x10000 + attributeId);
}

export function zclDataType(typeId: number): ZclDataTypeRow | undefined {
  return TYPE_BY_ID.get(typeId);
}

export function zclGeneralCommandName(commandId: number): string | undefined {
  return GENERAL_BY_ID.get(commandId);
}
