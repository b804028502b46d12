import { GbcsDecodeError } from '../gbcs/errors.js';
import { zclDataType } from '../gbcs/tables/zcl.js';

// The raw components of a GBZ payload (GBCS 6.1), for host code that needs the bytes of each
// ZCL payload as sent (profiles preloaded from reference responses, refusal rules derived from
// them); gbcs/payload/gbz.ts decodes fields, this keeps bytes. A ciphered payload (GBCS 4.5) is
// returned as its ciphered block; `cipheredIndex` numbers them in message order.

export interface RawGbzComponent {
  control: number;
  clusterId: number;
  frameControl: number;
  sequence: number;
  commandId: number;
  payload: Uint8Array;
  /** Index among the message's ciphered components, when this one is ciphered. */
  cipheredIndex?: number;
}

const COMPONENTS_MAX = 64;

export function rawGbzComponents(content: Uint8Array): RawGbzComponent[] {
  const fail = (at: number, what: string) => new GbcsDecodeError('truncated', at, what);
  if (content.length < 3 || content[0] !== 0x01 || content[1] !== 0x09) throw new GbcsDecodeError('bad-value', 0, 'GBZ profile id 0x0109');
  const count = content[2]!;
  if (count > COMPONENTS_MAX) throw new GbcsDecodeError('length-exceeds-max', 2, `<= ${COMPONENTS_MAX} GBZ components`);
  const out: RawGbzComponent[] = [];
  let p = 3;
  let ciphered = 0;
  for (let i = 0; i < count; i++) {
    if (p + 5 > content.length) throw fail(p, 'GBZ component header');
    const control = content[p]!;
    const clusterId = (content[p + 1]! << 8) | content[p + 2]!;
    const end = p + 5 + ((content[p + 3]! << 8) | content[p + 4]!);
    if (end > content.length) throw fail(p, 'GBZ component');
    let q = p + 5;
    if (control & 0x10) q += 4;
    const encrypted = (control & 0x02) !== 0;
    if (encrypted) q += 2;
    if (q + 3 > end) throw fail(q, 'ZCL header');
    const component: RawGbzComponent = {
      control, clusterId, frameControl: content[q]!, sequence: content[q + 1]!, commandId: content[q + 2]!, payload: content.subarray(q + 3, end),
    };
    if (encrypted) component.cipheredIndex = ciphered++;
    out.push(component);
    p = end;
  }
  return out;
}

/** Read Attributes Response records: id, status, and the typed value (type id + value) when the status is 0. */
export function readResponseRecords(payload: Uint8Array): { attributeId: number; status: number; typed?: Uint8Array }[] {
  const records: { attributeId: number; status: number; typed?: Uint8Array }[] = [];
  let p = 0;
  while (p + 3 <= payload.length) {
    const attributeId = payload[p]! | (payload[p + 1]! << 8);
    const status = payload[p + 2]!;
    p += 3;
    if (status !== 0) {
      records.push({ attributeId, status });
      continue;
    }
    const size = typedSize(payload, p);
    if (size === undefined) break;
    records.push({ attributeId, status, typed: payload.subarray(p, p + size) });
    p += size;
  }
  return records;
}

function typedSize(b: Uint8Array, p: number): number | undefined {
  const type = b[p];
  if (type === undefined) return undefined;
  const row = zclDataType(type);
  if (row === undefined) return undefined;
  const size = row.size < 0 ? (p + 1 < b.length ? 1 + b[p + 1]! : undefined) : row.size;
  return size === undefined || p + 1 + size > b.length ? undefined : 1 + size;
}
