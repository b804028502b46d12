import { invokeIdBytes } from '../../head-end.js';

// DLMS access-request content as GBCS 5.1 / 5.2 lays it out for remote-party commands:
//   D9 | long-invoke-id-and-priority (4, from the originator counter, GBCS 2.1 rule 2) |
//   00 (no date-time) | n | n request specs (01 get / 02 set / 03 action, class id (2), OBIS (6),
//   attribute or method id, 04 get-with-selection adds selector + parameters) | n | n A-XDR data
//   (null-data 00 for a get).

const DLMS_ACCESS_REQUEST = 0xd9;
const NO_DATE_TIME = 0x00;
export const ACCESS_KIND = { get: 0x01, set: 0x02, action: 0x03, 'get-with-selection': 0x04 } as const;
/** GBCS access-requests carry < 64 items; more means a wrong table row. */
export const ACCESS_ITEMS_MAX = 64;

export const AXDR = {
  null: (): number[] => [0x00],
  boolean: (v: boolean): number[] => [0x03, v ? 0xff : 0x00],
  integer: (v: number): number[] => [0x0f, v & 0xff],
  unsigned: (v: number): number[] => [0x11, v & 0xff],
  longUnsigned: (v: number): number[] => [0x12, (v >> 8) & 0xff, v & 0xff],
  doubleLong: (v: number): number[] => [0x05, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff],
  octetString: (bytes: readonly number[]): number[] => {
    if (bytes.length > 0x7f) throw new RangeError('octet-string longer than 127 bytes needs a long length'); // invariant of our encoders
    return [0x09, bytes.length, ...bytes];
  },
  ascii: (text: string): number[] => AXDR.octetString([...Buffer.from(text, 'latin1')]),
};

export interface AccessItem {
  kind: keyof typeof ACCESS_KIND;
  classId: number;
  /** 'a-b:c.d.e.f' */
  obis: string;
  member: number;
  /** get-with-selection: access selector and its parameters, after the attribute id. */
  selection?: number[];
  data: number[];
}

export function obisBytes(obis: string): number[] {
  const parts = obis.split(/[-:.]/).map(Number);
  if (parts.length !== 6 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new RangeError(`bad OBIS '${obis}'`);
  return parts;
}

export function accessRequest(counter: bigint, items: readonly AccessItem[]): Uint8Array {
  if (items.length === 0 || items.length > ACCESS_ITEMS_MAX) throw new RangeError(`${items.length} access items`);
  const out = [DLMS_ACCESS_REQUEST, ...invokeIdBytes(counter), NO_DATE_TIME, items.length];
  for (const item of items) out.push(ACCESS_KIND[item.kind], (item.classId >> 8) & 0xff, item.classId & 0xff, ...obisBytes(item.obis), item.member, ...(item.selection ?? []));
  out.push(items.length);
  for (const item of items) out.push(...item.data);
  return Uint8Array.from(out);
}

export const get = (classId: number, obis: string, member: number): AccessItem => ({ kind: 'get', classId, obis, member, data: AXDR.null() });
export const set = (classId: number, obis: string, member: number, data: number[]): AccessItem => ({ kind: 'set', classId, obis, member, data });
export const action = (classId: number, obis: string, member: number, data: number[]): AccessItem => ({ kind: 'action', classId, obis, member, data });
