import { encodePayload } from '../../../gbcs/payload/index.js';
import type { GbzComponent, ZclPayload } from '../../../gbcs/payload/gbz.js';
import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { GBZ_COMMAND_USE_CASES, type GbzComponentSpec, type GbzField } from '../tables/gbz-command-use-cases.js';
import { childByLocalName, childElements, localName, type XmlElement } from '../xml/xml-tree.js';
import { zclTime } from './encoders-gbz.js';
import type { EncoderRow } from './types.js';

// Encoder rows of tables/gbz-command-use-cases.ts: each spec row becomes one or more GBZ
// components, numbered in order (ZCL sequence number = position, GBCS 6.1), the last one flagged.

const GBZ_PROFILE_ID = 0x0109;
const FC_READ_ATTRIBUTES = 0x00;
const FC_CLIENT_COMMAND = 0x01;
const CONTROL_LAST = 0x01;
const CONTROL_FROM_DATE_TIME = 0x10;
/** DUIS 'open end' (3000-12-31) is ZCL's 'no end' 0xFFFFFFFE (RTDS GCS15e). */
const OPEN_END = 0xffff_fffe;
const OPEN_END_YEAR = '3000-';
/** A GBZ payload carries < 64 components; more means a wrong table row. */
const COMPONENTS_MAX = 63;

function zclTimeOf(r: DuisRequest, local: string): number {
  const at = findTexts(r.body, local)[0] ?? '';
  return at.startsWith(OPEN_END_YEAR) ? OPEN_END : zclTime(Date.parse(at));
}

/** The text of a 'Parent/Child' path below the service element. */
function elementText(r: DuisRequest, path: string): string {
  const [first, ...rest] = path.split('/');
  let scope: XmlElement | undefined = r.body;
  if (rest.length > 0) scope = childByLocalName(r.body, first!);
  return scope ? (findTexts(scope, rest.length > 0 ? rest.join('/') : first!)[0] ?? '') : '';
}

function value(field: GbzField, r: DuisRequest, offset: number, nowMs: number): number | Uint8Array {
  if (typeof field === 'number') return field;
  if (field === 'offset') return offset;
  if (field === 'now') return zclTime(nowMs);
  if (field === 'empty') return new Uint8Array(0);
  if ('element' in field) {
    const text = elementText(r, field.element);
    return field.map ? (field.map[text] ?? 0) : Number(text);
  }
  return zclTimeOf(r, field.zclTimeOf);
}

function components(spec: GbzComponentSpec, r: DuisRequest, nowMs: number): Omit<GbzComponent, 'control' | 'zcl'>[] {
  return Array.from({ length: spec.repeat ?? 1 }, (_, offset) => {
    const payload = spec.read
      ? { kind: 'read-attributes', attributes: spec.read.map((attributeId) => ({ attributeId })) }
      : { kind: 'command', fields: Object.fromEntries(Object.entries(spec.fields ?? {}).map(([k, f]) => [k, value(f, r, offset, nowMs)])) };
    return { clusterId: spec.cluster, payload: payload as unknown as ZclPayload, ...(spec.from === undefined ? {} : { fromDateTime: Number(value(spec.from, r, offset, nowMs)) }) };
  });
}

function build(specs: readonly GbzComponentSpec[], r: DuisRequest, nowMs: number): Uint8Array {
  const flat = specs.flatMap((spec) => components(spec, r, nowMs).map((c) => ({ spec, c })));
  if (flat.length > COMPONENTS_MAX) throw new RangeError(`${flat.length} GBZ components`); // table invariant
  const list: GbzComponent[] = flat.map(({ spec, c }, i) => ({
    ...c,
    control: (spec.from === undefined ? 0 : CONTROL_FROM_DATE_TIME) | (i === flat.length - 1 ? CONTROL_LAST : 0),
    zcl: spec.read ? { frameControl: FC_READ_ATTRIBUTES, sequenceNumber: i, commandId: 0 } : { frameControl: FC_CLIENT_COMMAND, sequenceNumber: i, commandId: spec.commandId ?? 0 },
  }));
  return encodePayload({ kind: 'gbz', body: { form: 'components', profileId: GBZ_PROFILE_ID, components: list } } as never);
}

function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

export const GBZ_TABLE_ENCODERS: readonly EncoderRow[] = GBZ_COMMAND_USE_CASES.map((uc) => {
  const messageCode = commandCode(uc.useCase);
  const row: EncoderRow = { useCase: uc.useCase, srv: uc.srv, deviceTypes: ['GSME', 'GPF'], encode: (i) => ({ messageCode, content: build(uc.components, i.request, i.nowMs) }) };
  const { under } = uc;
  return under ? { ...row, matches: (r) => childElements(r.body).some((p) => localName(p.name) === under[0] && childElements(p).some((c) => localName(c.name) === under[1])) } : row;
});
