// DLMS access-request (`D9`, GBCS 5.1): invoke-id, empty date-time, N access-request
// specifications (GET / SET / ACTION / GET-with-selection descriptors), then N data items. The
// decoded form zips each specification with its data item.

import { GbcsDecodeError } from '../errors.js';
import { readAxdr, writeAxdr, type AxdrData } from './axdr.js';
import { ByteReader, ByteWriter, keepLengthForm } from './bytes.js';
import {
  readCosemTarget,
  readDlmsHeader,
  readItemCount,
  writeCosemTarget,
  writeDlmsHeader,
  type CosemTarget,
  type DlmsHeader,
} from './dlms-common.js';
import { ACCESS_REQUEST_KINDS, dlmsApduTag, type AccessRequestKind } from './dlms-tags.js';

export interface AccessRequestItem {
  readonly kind: AccessRequestKind;
  readonly target: CosemTarget;
  /** attribute-id for get/set, method-id for action (i8, GBCS 5.1). */
  readonly member: number;
  /** Present only for the *-with-selection kinds (GBCS 5.1 "Selective access"). */
  readonly selection?: { readonly accessSelector: number; readonly accessParameters: AxdrData };
  /** The item's entry in the list-of-data: the SET value / ACTION parameter, null-data for GETs. */
  readonly data: AxdrData;
}

export interface AccessRequest extends DlmsHeader {
  readonly apdu: 'access-request';
  readonly items: readonly AccessRequestItem[];
  readonly specCountLengthForm?: number;
  readonly dataCountLengthForm?: number;
}

type SpecOnly = Omit<AccessRequestItem, 'data'>;

/** One access-request-specification (shared with the optional echo in access-response). */
export function readRequestSpec(r: ByteReader): SpecOnly {
  const at = r.offset;
  const tag = r.u8('access-request-specification tag');
  const row = ACCESS_REQUEST_KINDS.find((k) => k.tag === tag);
  if (row === undefined) throw new GbcsDecodeError('bad-tag', at, 'access-request-specification 1..5');
  const target = readCosemTarget(r);
  const member = r.i8(row.member === 'method' ? 'method-id' : 'attribute-id');
  if (!row.selective) return { kind: row.kind, target, member };
  const accessSelector = r.u8('access-selector');
  const accessParameters = readAxdr(r);
  return { kind: row.kind, target, member, selection: { accessSelector, accessParameters } };
}

export function writeRequestSpec(w: ByteWriter, s: SpecOnly): void {
  const row = ACCESS_REQUEST_KINDS.find((k) => k.kind === s.kind);
  if (row === undefined) throw new RangeError(`unknown access-request kind ${s.kind}`); // encoder input
  w.u8(row.tag);
  writeCosemTarget(w, s.target);
  w.u8(s.member);
  if (row.selective) {
    if (s.selection === undefined) throw new RangeError(`${s.kind} needs a selection`);
    w.u8(s.selection.accessSelector);
    writeAxdr(w, s.selection.accessParameters);
  }
}

/** Decodes the APDU after its `D9` tag. */
export function readAccessRequest(r: ByteReader): AccessRequest {
  const header = readDlmsHeader(r);
  const specCount = readItemCount(r, 'access-request-specification count');
  const specs: SpecOnly[] = [];
  for (let k = 0; k < specCount.value; k++) specs.push(readRequestSpec(r));
  const dataAt = r.offset;
  const dataCount = readItemCount(r, 'access-request-list-of-data count');
  // GBCS 5.1: M = N, one data item per specification.
  if (dataCount.value !== specCount.value) {
    throw new GbcsDecodeError('bad-value', dataAt, `${specCount.value} data items (one per specification)`);
  }
  const items = specs.map((spec) => ({ ...spec, data: readAxdr(r) }));
  return {
    apdu: 'access-request',
    ...header,
    items,
    ...(specCount.longFormBytes === undefined ? {} : { specCountLengthForm: specCount.longFormBytes }),
    ...(dataCount.longFormBytes === undefined ? {} : { dataCountLengthForm: dataCount.longFormBytes }),
  };
}

export function writeAccessRequest(w: ByteWriter, a: AccessRequest): void {
  w.u8(dlmsApduTag('access-request'));
  writeDlmsHeader(w, a);
  w.length(keepLengthForm(a.items.length, a.specCountLengthForm));
  for (const item of a.items) writeRequestSpec(w, item);
  w.length(keepLengthForm(a.items.length, a.dataCountLengthForm));
  for (const item of a.items) writeAxdr(w, item.data);
}
