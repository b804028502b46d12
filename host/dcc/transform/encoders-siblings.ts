import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import type { DuisRequest } from '../duis/request.js';
import type { DeviceRecord } from '../inventory.js';
import { SIBLING_USE_CASES, type SiblingCondition, type SiblingItem, type SiblingUseCase } from '../tables/sibling-use-cases.js';
import { childElements, localName, type XmlElement } from '../xml/xml-tree.js';
import { accessRequest, action, AXDR, get, type AccessItem } from './dlms-request.js';
import type { EncoderRow, UseCaseEncoder } from './types.js';

// Encoder rows of the sibling use cases (tables/sibling-use-cases.ts), built over the rows of
// the older siblings and placed before them: a row serves a request when the older sibling would
// and the target's SMI record (or the body) meets the sibling's condition.

function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

/** 'major.minor' as a comparable number (4.0 -> 400, 3.2 -> 302). */
function versionRank(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 100 + minor;
}

export function siblingConditionHolds(when: SiblingCondition, request: DuisRequest, target: DeviceRecord | undefined): boolean {
  if ('esmeVariantHas' in when) return (target?.esmeVariant ?? '').includes(when.esmeVariantHas);
  if ('esmeVariantLacks' in when) return !(target?.esmeVariant ?? '').includes(when.esmeVariantLacks);
  if ('gbcsFrom' in when) return target?.gbcsVersion !== undefined && versionRank(target.gbcsVersion) >= versionRank(when.gbcsFrom);
  return hasDescendant(request.body, when.bodyHas, 0);
}

/** DUIS bodies nest a few levels below the service element. */
const BODY_DEPTH_MAX = 6;

function hasDescendant(el: XmlElement, local: string, depth: number): boolean {
  if (depth > BODY_DEPTH_MAX) return false;
  return childElements(el).some((c) => localName(c.name) === local || hasDescendant(c, local, depth + 1));
}

function item([kind, classId, obis, member]: SiblingItem): AccessItem {
  if (kind === 'get') return get(classId, obis, member);
  return action(classId, obis, member, kind === 'reset' ? AXDR.integer(0) : AXDR.null());
}

function encoderOf(sibling: SiblingUseCase, older: EncoderRow, own: EncoderRow | undefined): UseCaseEncoder {
  const messageCode = commandCode(sibling.useCase);
  const { content } = sibling;
  if (content === 'own') {
    if (!own) throw new RangeError(`${sibling.useCase} has no encoder row of its own`); // table invariant
    return own.encode;
  }
  if (content === 'same') return (input) => ({ messageCode, content: older.encode(input).content });
  return (input) => ({ messageCode, content: accessRequest(input.counter, content.map(item)) });
}

/** The sibling rows over `base` (every other encoder row), to be placed before it. */
export function siblingRows(base: readonly EncoderRow[]): EncoderRow[] {
  return SIBLING_USE_CASES.map((sibling): EncoderRow => {
    const older = base.find((r) => r.useCase === sibling.of);
    if (!older) throw new RangeError(`${sibling.useCase}: no encoder row for ${sibling.of}`); // table invariant
    const own = base.find((r) => r.useCase === sibling.useCase);
    return {
      ...older,
      useCase: sibling.useCase,
      matches: (request, deviceTypeOf, target) => (older.matches?.(request, deviceTypeOf, target) ?? true) && siblingConditionHolds(sibling.when, request, target),
      encode: encoderOf(sibling, older, own),
    };
  });
}
