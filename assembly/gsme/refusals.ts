import { device, refusalRule } from '../device/context';
import { ZCL_SUCCESS } from '../gbz/response';

// Device-level refusals of GBZ components (fault injection, ARCHITECTURE.md principle 6; the
// ERROR and NOT_FOUND variants of the reference data, devices 6.4). A LOCAL REFUSAL_RULE of kind
// COMPONENT names the message code (0 = any), the cluster (classId), the command id (member) and
// an attribute id in the last two OBIS bytes (FFFF = the whole component) and, in OBIS byte 3, the
// 1-based position of the component in the command (0 = any position: a command repeating one
// cluster command, like GCS04's three Publish Block Periods, refuses only the one named); its
// result is the ZCL status to answer (C0 refusal, 8B nothing found).

export const RULE_KIND_COMPONENT: u8 = 4;
/** Commands whose refusal is a data answer, not a Default Response (ZSE; RTDS ERROR variants):
 *  StartSampling answers StartSamplingResponse sample id FFFF (GCS31), ClearEventLog answers
 *  ClearEventLogResponse with no log cleared, 00 (CS11). Key cluster << 8 | command id. */
const START_SAMPLING: u32 = 0x070207;
const CLEAR_EVENT_LOG: u32 = 0x070901;
const WHOLE_COMPONENT: u32 = 0xffff;
const READ_ATTRIBUTES: u32 = 0x00;

function ruleFor(slot: u32, messageCode: u32, componentIndex: u32, clusterId: u32, commandId: u32, attributeId: u32): u8 {
  const d = device(slot);
  for (let i: u32 = 0; i < d.refusalRuleCount; i++) {
    const rule = refusalRule(slot, i);
    const position = rule.obisHigh & 0xff;
    if (rule.kind == RULE_KIND_COMPONENT && (rule.messageCode == 0 || <u32>rule.messageCode == messageCode) &&
      (position == 0 || position == componentIndex + 1) &&
      <u32>rule.classId == clusterId && <u32>rule.member == commandId && <u32>rule.obisLow == attributeId) return rule.result;
  }
  return ZCL_SUCCESS;
}

/** The status a rule imposes on the whole component at componentIndex (0-based), or ZCL_SUCCESS. */
export function componentRefusal(slot: u32, messageCode: u32, componentIndex: u32, clusterId: u32, commandId: u32): u8 {
  return ruleFor(slot, messageCode, componentIndex, clusterId, commandId, WHOLE_COMPONENT);
}

/** The status a rule imposes on one attribute of the Read Attributes at componentIndex, or ZCL_SUCCESS. */
export function attributeRefusal(slot: u32, messageCode: u32, componentIndex: u32, clusterId: u32, attributeId: u32): u8 {
  return ruleFor(slot, messageCode, componentIndex, clusterId, READ_ATTRIBUTES, attributeId);
}

/**
 * The data answer of a refused component whose refusal is answered in data (START_SAMPLING: two
 * FF bytes; CLEAR_EVENT_LOG: one 00 byte): byteCount << 8 | fill byte, or 0 when it has none.
 */
export function refusalAnswer(clusterId: u32, commandId: u32): u32 {
  const key = (clusterId << 8) | commandId;
  if (key == START_SAMPLING) return (2 << 8) | 0xff;
  if (key == CLEAR_EVENT_LOG) return (1 << 8) | 0x00;
  return 0;
}
