// Encoders of the LOCAL-channel inputs only a GSME or GPF understands (assembly/gsme/local-input.ts),
// little-endian host formats like the common ones of host/local-inputs.ts:
//
//   48 SET_ZCL_ATTRIBUTE  cluster u16 | attribute u16 | ZCL type id u8 | value (LE; strings: length + bytes):
//                         an attribute of the ZCL state as a Read Attributes Response carries it (GBCS 6.2)
//   49 SET_GBZ_RECORD     cluster u16 | command id u8 | payload: the last payload of that Publish… command
//                         (e.g. PublishBillingPeriod, answered to GetBillingPeriod)
//   50 SET_GBZ_LOG        cluster u16 | answer command id u8 | entry index u8 | answer payload: one log
//                         entry as the log read answers it (snapshots, top-up / debt logs, event log…)
//   51 SET_GSME_STATE     next sample id u16 | friendly credit u8 | friendly credit calendar id u32
//   52 SET_MIRROR_SYNC    clock status u8 | data obtained at: UTC seconds f64 (0 = none): the header
//                         date-time and time-reliability of the mirror reads GCS13b/GCS14/GCS60a
//                         (gbcs.md 1.2; 00 current, 04 taken at a GSME wake, 02 doubtful)
//   53 GAS_CONSUMPTION    volume u32 dm3 that flowed since the last one (GSME only): priced through
//                         the conversion factor and calorific value and charged by the GSME's
//                         prepayment ledger (assembly/gsme/prepayment.ts, devices.md 4.16); no gas
//                         flows, and nothing is charged, while the valve is not open (ENABLED)
//
// Device-level refusals of GBZ components use the common REFUSAL_RULE input with kind 4 COMPONENT:
// class id = cluster, member = command id, OBIS bytes 4-5 = attribute id (FFFF = whole component),
// result = ZCL status (C0 refusal, 8B nothing found); see assembly/gsme/refusals.ts.

export const GSME_LOCAL_INPUT = {
  SET_ZCL_ATTRIBUTE: 48,
  SET_GBZ_RECORD: 49,
  SET_GBZ_LOG: 50,
  SET_GSME_STATE: 51,
  SET_MIRROR_SYNC: 52,
  GAS_CONSUMPTION: 53,
} as const;

/** The largest volume one GAS_CONSUMPTION input may carry (assembly/gsme/prepayment.ts GAS_DM3_MAX): 1 000 m3. */
export const GAS_CONSUMPTION_DM3_MAX = 1_000_000;

/** Gas that flowed since the last input, in dm3 (an integer 0..GAS_CONSUMPTION_DM3_MAX; larger is refused BAD_INPUT). */
export function gasConsumptionInput(dm3: number): Uint8Array {
  const bytes = new Uint8Array(5);
  bytes[0] = GSME_LOCAL_INPUT.GAS_CONSUMPTION;
  new DataView(bytes.buffer).setUint32(1, dm3 >>> 0, true);
  return bytes;
}

/** Clock-status values of the mirror reads' header date-time (gbcs.md 1.2, devices.md 6.3). */
export const MIRROR_CLOCK_STATUS = { CURRENT: 0x00, DOUBTFUL: 0x02, AT_GSME_WAKE: 0x04 } as const;

const REFUSAL_RULE = 3;
const KIND_COMPONENT = 4;
export const WHOLE_COMPONENT = 0xffff;

/** A GBZ component refusal: the device answers that component (or that attribute of a Read Attributes) with `status`. */
export interface GbzRefusalRule {
  messageCode: number;
  clusterId: number;
  commandId: number;
  /** WHOLE_COMPONENT, or the attribute of a Read Attributes. */
  attributeId: number;
  status: number;
}

function header(kind: number, bodyBytes: number, clusterId: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(3 + bodyBytes);
  const view = new DataView(bytes.buffer);
  bytes[0] = kind;
  view.setUint16(1, clusterId, true);
  return { bytes, view };
}

/** typedValue = ZCL type id followed by the value bytes (LE; strings with their length byte). */
export function setZclAttributeInput(clusterId: number, attributeId: number, typedValue: Uint8Array): Uint8Array {
  const { bytes, view } = header(GSME_LOCAL_INPUT.SET_ZCL_ATTRIBUTE, 2 + typedValue.length, clusterId);
  view.setUint16(3, attributeId, true);
  bytes.set(typedValue, 5);
  return bytes;
}

export function setGbzRecordInput(clusterId: number, commandId: number, payload: Uint8Array): Uint8Array {
  const { bytes } = header(GSME_LOCAL_INPUT.SET_GBZ_RECORD, 1 + payload.length, clusterId);
  bytes[3] = commandId;
  bytes.set(payload, 4);
  return bytes;
}

export function setGbzLogInput(clusterId: number, answerCommandId: number, entryIndex: number, payload: Uint8Array): Uint8Array {
  const { bytes } = header(GSME_LOCAL_INPUT.SET_GBZ_LOG, 2 + payload.length, clusterId);
  bytes[3] = answerCommandId;
  bytes[4] = entryIndex;
  bytes.set(payload, 5);
  return bytes;
}

export function setGsmeStateInput(nextSampleId: number, friendlyCredit: number, friendlyCreditCalendarId: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  bytes[0] = GSME_LOCAL_INPUT.SET_GSME_STATE;
  view.setUint16(1, nextSampleId, true);
  bytes[3] = friendlyCredit;
  view.setUint32(4, friendlyCreditCalendarId, true);
  return bytes;
}

/** When the mirror's data were obtained (UTC ms, undefined = none: the device clock) and the clock status the mirror reads carry. */
export function setMirrorSyncInput(clockStatus: number, obtainedAtMs: number | undefined): Uint8Array {
  const bytes = new Uint8Array(10);
  const view = new DataView(bytes.buffer);
  bytes[0] = GSME_LOCAL_INPUT.SET_MIRROR_SYNC;
  bytes[1] = clockStatus;
  view.setFloat64(2, obtainedAtMs === undefined ? 0 : Math.floor(obtainedAtMs / 1000), true);
  return bytes;
}

/** The common REFUSAL_RULE input (host/local-inputs.ts layout) of kind COMPONENT. */
export function gbzRefusalRuleInput(rule: GbzRefusalRule): Uint8Array {
  const bytes = new Uint8Array(14);
  const view = new DataView(bytes.buffer);
  bytes[0] = REFUSAL_RULE;
  view.setUint16(1, rule.messageCode, true);
  bytes[3] = KIND_COMPONENT;
  view.setUint16(4, rule.clusterId, true);
  bytes[10] = rule.attributeId >> 8; // OBIS bytes 4-5, big-endian like OBIS
  bytes[11] = rule.attributeId & 0xff;
  bytes[12] = rule.commandId;
  bytes[13] = rule.status;
  return bytes;
}
