import { parseEnvelope } from '../../gbcs/envelope.js';
import { decodePayload } from '../../gbcs/payload/index.js';
import type { AccessRequestKind } from '../../gbcs/payload/dlms-tags.js';
import { DATA_ACCESS_RESULTS } from '../../gbcs/tables/result-codes.js';
import type { ItemKind, RefusalRule } from '../local-inputs.js';
import { deriveGbzRefusalRules, type GbzDecryptKeys } from './gbz-refusals.js';

// Device-level refusals derived from a reference ERROR response (issue 5, ARCHITECTURE.md
// principle 6). Most RTDS ERROR commands are byte-identical to their SUCCESS twins (devices.md
// 11.6 "Cause of the ERROR variants", Appendix R.6): the reference device refused one item
// itself. The response says which: break-on-error gives the failing item its own result and
// every later item 250 (devices.md 1.3 "Multi-item commands"). So the first item whose result is
// neither success nor other-reason names the command item (same index) the device refused, with
// that result; a rule on that item reproduces the ERROR response on an emulated device.

const SUCCESS = code('success');
const OTHER_REASON = code('other-reason');

function code(name: (typeof DATA_ACCESS_RESULTS)[number]['name']): number {
  return DATA_ACCESS_RESULTS.find((r) => r.name === name)!.code;
}

/** DLMS request kinds as the firmware's refusal rules name them (selective access is still a GET / SET). */
const RULE_KIND: Readonly<Record<AccessRequestKind, ItemKind>> = {
  get: 'GET',
  'get-with-selection': 'GET',
  set: 'SET',
  'set-with-selection': 'SET',
  action: 'ACTION',
};

export interface DerivedRefusals {
  rules: RefusalRule[];
  /** Why no rule was derived (a non-DLMS payload, no failing item, a mismatched command). */
  note?: string;
}

/**
 * The refusal rules that make a device answer `command` as `response` does. Only DLMS payloads
 * carry per-item results (GBCS 5.2); GBZ and ASN.1 refusals are not derived (note says so).
 * Throws GbcsDecodeError when either message does not decode.
 */
export function deriveRefusalRules(command: Uint8Array, response: Uint8Array, keys?: GbzDecryptKeys): DerivedRefusals {
  const commandEnvelope = parseEnvelope(command);
  const responseEnvelope = parseEnvelope(response);
  const messageCode = commandEnvelope.otherInfo.messageCode;
  const request = decodePayload(commandEnvelope.content, { messageCode, cra: commandEnvelope.cra });
  const answer = decodePayload(responseEnvelope.content, { messageCode, cra: responseEnvelope.cra });
  if (request.kind === 'gbz' && answer.kind === 'gbz') return deriveGbzRefusalRules(command, response, keys); // devices.md 6.4
  if (request.kind !== 'dlms' || answer.kind !== 'dlms') {
    return { rules: [], note: `no refusal rule for a payload of kind ${answer.kind} (only DLMS items carry results)` };
  }
  if (request.body.apdu !== 'access-request' || answer.body.apdu !== 'access-response') {
    return { rules: [], note: `no refusal rule: ${request.body.apdu} answered by ${answer.body.apdu}` };
  }
  const index = answer.body.items.findIndex((item) => item.result !== SUCCESS && item.result !== OTHER_REASON);
  if (index < 0) return { rules: [], note: 'no refusal rule: every item succeeded or was skipped' };
  const item = request.body.items[index];
  if (item === undefined) {
    return { rules: [], note: `no refusal rule: response item ${index + 1} has no command item (command has ${request.body.items.length})` };
  }
  const rule: RefusalRule = {
    messageCode,
    kind: RULE_KIND[item.kind],
    target: { classId: item.target.classId, obis: item.target.obis, member: item.member },
    result: answer.body.items[index]!.result,
  };
  return { rules: [rule] };
}

/** 'ACTION 112/0-0:19.10.0.255/m1 -> 1', for reports. */
export function describeRule(rule: RefusalRule): string {
  const member = rule.kind === 'ACTION' ? `m${rule.target.member}` : rule.kind === 'COMPONENT' ? `c${rule.target.member}` : `a${rule.target.member}`;
  return `${rule.kind} ${rule.target.classId}/${rule.target.obis}/${member} -> ${rule.result}`;
}
