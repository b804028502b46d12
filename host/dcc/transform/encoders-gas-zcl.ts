import { encodePayload } from '../../../gbcs/payload/index.js';
import type { GbzComponent, ZclPayload } from '../../../gbcs/payload/gbz.js';
import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';
import { attrOf, childByLocalName, childElements, localName, textOf, type XmlElement } from '../xml/xml-tree.js';
import { zclTime } from './encoders-gbz.js';
import type { EncoderRow, TransformInput } from './types.js';

// What the gas encoders (encoders-gas-*.ts) share: GBZ components (GBCS 6.1: sequence number =
// position, the last one flagged, control bit 4 when a from-date-time rides in the extended
// header), the activation time of a device future-dated command (GBCS 9.3) and body look-ups.

const GBZ_PROFILE_ID = 0x0109;
const CONTROL_LAST = 0x01;
const CONTROL_FROM_DATE_TIME = 0x10;
/** ZCL frame control: cluster-specific, client to server (Metering, Prepayment commands) or server to client (Publish…), default response disabled (0x08 bit). */
export const FC = { toServer: 0x01, publish: 0x09, readAttributes: 0x00 } as const;
export const CLUSTER = { basic: 0x0000, price: 0x0700, metering: 0x0702, prepayment: 0x0705, calendar: 0x0707, deviceManagement: 0x0708 } as const;
export const GAS: readonly DeviceType[] = ['GSME'];
/** DUIS 'cancel the pending change' (ExecutionDateTime in 3000). */
const CANCEL_YEAR = '3000-';
/**
 * ZCL cancellation times as the reference commands carry them (RTDS GCS01a, GCS05 CANCELLATION):
 * 0xFFFFFFFE in the Calendar cluster and the price matrix / block thresholds, 0xFFFFFFFF in
 * PublishTariffInformation and the Prepayment cluster.
 */
export const CANCEL = { calendar: 0xffff_fffe, immediate: 0xffff_ffff } as const;

export interface ComponentSpec {
  clusterId: number;
  frameControl: number;
  commandId: number;
  fields?: Record<string, unknown>;
  /** Read Attributes of these ids (frame control 0x00, command 0). */
  read?: readonly number[];
  fromDateTime?: number;
}

export function gbzPayload(specs: readonly ComponentSpec[]): Uint8Array {
  const components: GbzComponent[] = specs.map((s, i) => ({
    control: (s.fromDateTime === undefined ? 0 : CONTROL_FROM_DATE_TIME) | (i === specs.length - 1 ? CONTROL_LAST : 0),
    clusterId: s.clusterId,
    ...(s.fromDateTime === undefined ? {} : { fromDateTime: s.fromDateTime }),
    zcl: { frameControl: s.frameControl, sequenceNumber: i, commandId: s.commandId },
    payload: (s.read ? { kind: 'read-attributes', attributes: s.read.map((attributeId) => ({ attributeId })) } : { kind: 'command', fields: s.fields ?? {} }) as unknown as ZclPayload,
  }));
  return encodePayload({ kind: 'gbz', body: { form: 'components', profileId: GBZ_PROFILE_ID, components } } as never);
}

export function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

/** An encoder row of a GBZ use case (the code of `code`, default the use case's own). */
export function gasRow(useCase: string, srv: string, build: (i: TransformInput) => Uint8Array, extra: Partial<EncoderRow> & { code?: string } = {}): EncoderRow {
  const { code, ...rest } = extra;
  const messageCode = commandCode(code ?? useCase);
  return { useCase, srv, deviceTypes: GAS, encode: (input) => ({ messageCode, content: build(input) }), ...rest };
}

export const text = (scope: XmlElement, local: string): string => findTexts(scope, local)[0] ?? '';
export const bodyText = (r: DuisRequest, local: string): string => text(r.body, local);
export const numberOf = (scope: XmlElement, local: string): number => Number(text(scope, local));
export const ascii = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'latin1'));

/** Every element below `scope` (any depth) whose local name is `local`, in document order. */
export function elementsNamed(scope: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of childElements(scope)) {
    if (localName(child.name) === local) out.push(child);
    else elementsNamed(child, local, out);
  }
  return out;
}

/** The `index="n"` children named `local`, ordered by index, as numbers. */
export function indexedNumbers(scope: XmlElement, local: string): number[] {
  return elementsNamed(scope, local)
    .map((el) => ({ index: Number(attrOf(el, 'index') ?? 0), value: Number(textOf(el).trim()) }))
    .sort((a, b) => a.index - b.index)
    .map((e) => e.value);
}

export const child = (scope: XmlElement, local: string): XmlElement | undefined => childByLocalName(scope, local) ?? elementsNamed(scope, local)[0];

/** Device future-dated activation (GBCS 9.3): 0 now, the ZCL time of ExecutionDateTime, or the given cancellation value. */
export function activationTime(r: DuisRequest, cancel: number): number {
  const at = bodyText(r, 'ExecutionDateTime');
  if (at === '') return 0;
  return at.startsWith(CANCEL_YEAR) ? cancel : zclTime(Date.parse(at));
}

export { zclTime };
