// Profile-wide ZCL commands inside GBZ components (GBCS 6.2 "General"): Read Attributes,
// Read Attributes Response (type + value only when status = 00) and Default Response.

import { GbcsDecodeError } from '../errors.js';
import { zclStatusName } from '../tables/result-codes.js';
import { zclAttributeName, zclDataType } from '../tables/zcl.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { ZCL_LIST_ITEMS_MAX } from './zcl-fields.js';

export interface ZclAttributeRef {
  readonly attributeId: number;
  readonly attributeName?: string;
}

export type ZclAttributeValue = number | bigint | string | Uint8Array;

export interface ZclAttributeRecord extends ZclAttributeRef {
  readonly status: number;
  readonly statusName?: string;
  /** Present only when status = SUCCESS (GBCS 6.2). */
  readonly dataType?: number;
  readonly dataTypeName?: string;
  readonly value?: ZclAttributeValue;
}

export type ZclGeneralPayload =
  | { readonly kind: 'read-attributes'; readonly attributes: readonly ZclAttributeRef[] }
  | { readonly kind: 'read-attributes-response'; readonly records: readonly ZclAttributeRecord[] }
  | { readonly kind: 'default-response'; readonly commandId: number; readonly status: number; readonly statusName?: string };

export const ZCL_GENERAL_COMMAND_ID = { readAttributes: 0x00, readAttributesResponse: 0x01, defaultResponse: 0x0b } as const;

const ZCL_SUCCESS = 0x00;
const ATTRIBUTE_ID_BYTES = 2;
const LONG_VALUE_BYTES = 6; // beyond 6 bytes a ZCL integer no longer fits a safe JS number

function attributeRef(clusterId: number, attributeId: number): ZclAttributeRef {
  const name = zclAttributeName(clusterId, attributeId);
  return name === undefined ? { attributeId } : { attributeId, attributeName: name };
}

/** Decodes a general command payload, or returns undefined when the command id is not one of
 * the three GBCS uses (the caller keeps it raw). */
export function readZclGeneral(r: ByteReader, clusterId: number, commandId: number): ZclGeneralPayload | undefined {
  switch (commandId) {
    case ZCL_GENERAL_COMMAND_ID.readAttributes: {
      const attributes: ZclAttributeRef[] = [];
      for (let k = 0; k < ZCL_LIST_ITEMS_MAX && !r.atEnd(); k++) attributes.push(attributeRef(clusterId, r.uintLE(ATTRIBUTE_ID_BYTES, 'attribute id')));
      if (!r.atEnd()) throw new GbcsDecodeError('length-exceeds-max', r.offset, `<= ${ZCL_LIST_ITEMS_MAX} attribute ids`);
      return { kind: 'read-attributes', attributes };
    }
    case ZCL_GENERAL_COMMAND_ID.readAttributesResponse: {
      const records: ZclAttributeRecord[] = [];
      for (let k = 0; k < ZCL_LIST_ITEMS_MAX && !r.atEnd(); k++) records.push(readRecord(r, clusterId));
      if (!r.atEnd()) throw new GbcsDecodeError('length-exceeds-max', r.offset, `<= ${ZCL_LIST_ITEMS_MAX} attribute records`);
      return { kind: 'read-attributes-response', records };
    }
    case ZCL_GENERAL_COMMAND_ID.defaultResponse: {
      const responded = r.u8('default response command id');
      const status = r.u8('default response status');
      const statusName = zclStatusName(status);
      return { kind: 'default-response', commandId: responded, status, ...(statusName === undefined ? {} : { statusName }) };
    }
    default:
      return undefined;
  }
}

function readRecord(r: ByteReader, clusterId: number): ZclAttributeRecord {
  const ref = attributeRef(clusterId, r.uintLE(ATTRIBUTE_ID_BYTES, 'attribute id'));
  const status = r.u8('attribute status');
  const statusName = zclStatusName(status);
  const base = { ...ref, status, ...(statusName === undefined ? {} : { statusName }) };
  if (status !== ZCL_SUCCESS) return base;
  const typeAt = r.offset;
  const dataType = r.u8('attribute data type');
  const row = zclDataType(dataType);
  if (row === undefined) throw new GbcsDecodeError('bad-tag', typeAt, 'ZCL attribute data type (GBCS 6.2 table)');
  let value: ZclAttributeValue;
  if (row.size < 0) {
    const len = r.u8(`${row.name} length`);
    const bytes = r.take(len, row.name);
    value = row.name === 'character-string' ? String.fromCharCode(...bytes) : bytes;
  } else if (row.name === 'ieee-address') {
    value = r.take(row.size, row.name);
  } else if (row.size > LONG_VALUE_BYTES) {
    const bytes = r.take(row.size, row.name);
    let v = 0n;
    for (let k = bytes.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[k] as number);
    value = row.signed ? BigInt.asIntN(row.size * 8, v) : v;
  } else {
    const raw = r.uintLE(row.size, row.name);
    const span = 2 ** (row.size * 8);
    value = row.signed && raw >= span / 2 ? raw - span : raw;
  }
  return { ...base, dataType, dataTypeName: row.name, value };
}

export function writeZclGeneral(w: ByteWriter, p: ZclGeneralPayload): void {
  switch (p.kind) {
    case 'read-attributes':
      for (const a of p.attributes) w.uintLE(a.attributeId, ATTRIBUTE_ID_BYTES);
      return;
    case 'read-attributes-response':
      for (const rec of p.records) writeRecord(w, rec);
      return;
    case 'default-response':
      w.u8(p.commandId).u8(p.status);
      return;
  }
}

function writeRecord(w: ByteWriter, rec: ZclAttributeRecord): void {
  w.uintLE(rec.attributeId, ATTRIBUTE_ID_BYTES).u8(rec.status);
  if (rec.status !== ZCL_SUCCESS) return;
  const row = rec.dataType === undefined ? undefined : zclDataType(rec.dataType);
  if (row === undefined || rec.value === undefined) throw new RangeError('successful attribute record needs type and value');
  w.u8(row.typeId);
  const v = rec.value;
  if (typeof v === 'string') {
    w.u8(v.length);
    for (let k = 0; k < v.length; k++) w.u8(v.charCodeAt(k));
  } else if (v instanceof Uint8Array) {
    if (row.size < 0) w.u8(v.length);
    w.bytes(v);
  } else if (typeof v === 'bigint') {
    let rest = BigInt.asUintN(row.size * 8, v);
    for (let k = 0; k < row.size; k++) {
      w.u8(Number(rest & 0xffn));
      rest >>= 8n;
    }
  } else {
    const span = 2 ** (row.size * 8);
    w.uintLE(v < 0 ? v + span : v, row.size);
  }
}
