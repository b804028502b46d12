import { ConfigError } from '../gbcs/errors.js';
import { MESSAGE_CODES } from '../gbcs/tables/message-codes.js';
import { ITEM_KIND, type ItemKind, type RefusalRule } from './local-inputs.js';

// Refusal rules as users write them (issue 5 point 4, ARCHITECTURE.md principle 6):
//   USECASE:KIND:class/OBIS/member:result     e.g. ECS17a:GET:3/1-0:4.8.0.255/2:1
// USECASE is a GBCS use-case id (or * for every use case), KIND one of GET, SET, ACTION, result
// the DLMS data-access-result / action-result to answer (GBCS 5.2; the reference ESME uses 1).

const RULE = /^([A-Za-z0-9]+|\*):(GET|SET|ACTION):(\d+)\/(\d+-\d+:\d+\.\d+\.\d+\.\d+)\/(\d+):(\d+)$/;

export function parseRefusalRule(text: string): RefusalRule {
  const m = RULE.exec(text.trim());
  if (!m) throw new ConfigError('bad-refusal-rule', `'${text}' is not USECASE:GET|SET|ACTION:class/OBIS/member:result (e.g. ECS17a:GET:3/1-0:4.8.0.255/2:1)`);
  const [, useCase, kind, classId, obis, member, result] = m;
  let messageCode = 0;
  if (useCase !== '*') {
    const row = MESSAGE_CODES.find((r) => r.useCase.toLowerCase() === useCase!.toLowerCase() && r.kind === 'command');
    if (!row) throw new ConfigError('bad-refusal-rule', `unknown use case '${useCase}' in '${text}'`);
    messageCode = row.code;
  }
  const numbers = [Number(classId), Number(member), Number(result)];
  if (numbers[0]! > 0xffff || numbers[1]! > 0xff || numbers[2]! > 0xff) throw new ConfigError('bad-refusal-rule', `class must fit 16 bits, member and result 8 bits in '${text}'`);
  if (!(kind! in ITEM_KIND)) throw new ConfigError('bad-refusal-rule', `unknown kind '${kind}'`);
  return { messageCode, kind: kind as ItemKind, target: { classId: numbers[0]!, obis: obis!, member: numbers[1]! }, result: numbers[2]! };
}
