// Interpreter for the ZCL command layouts of zcl-commands.ts: reads a cluster-specific payload
// into named fields and writes it back. ZCL fields are little-endian (GBCS 0, GBCS 14 trap 9).

import { GbcsDecodeError } from '../errors.js';
import { ByteReader, ByteWriter } from './bytes.js';
import type { ZclFieldSpec, ZclScalarType } from './zcl-commands.js';

/** Most repetitions of one ZCL list (price matrix slots, events, schedule entries). A GBZ
 * component is at most 64 KiB and the smallest list item is 1 byte, but RTDS lists stay below 40
 * items; 1024 bounds the loop well above any Smart Energy list. */
export const ZCL_LIST_ITEMS_MAX = 1024;

export interface ZclDate {
  readonly yearSince1900: number;
  readonly month: number;
  readonly dayOfMonth: number;
  readonly dayOfWeek: number;
}

export type ZclValue = number | string | Uint8Array | ZclDate | readonly ZclRecord[];
export type ZclRecord = { readonly [name: string]: ZclValue };

const SCALAR_SIZES: Record<Exclude<ZclScalarType, 'octet-string' | 'character-string' | 'date'>, number> = {
  uint8: 1,
  uint16: 2,
  uint24: 3,
  uint32: 4,
  uint48: 6,
  int32: 4,
  bitmap8: 1,
  bitmap16: 2,
  bitmap32: 4,
  enum8: 1,
  'utc-time': 4,
};
const INT32_SPAN = 2 ** 32;
const INT32_MAX = 2 ** 31 - 1;

export function readZclFields(r: ByteReader, specs: readonly ZclFieldSpec[]): ZclRecord {
  const out: Record<string, ZclValue> = {};
  for (const spec of specs) {
    if (spec.type !== 'list' && spec.optional === true && r.atEnd()) continue;
    out[spec.name] = readField(r, spec, out);
  }
  return out;
}

function readField(r: ByteReader, spec: ZclFieldSpec, record: Record<string, ZclValue>): ZclValue {
  switch (spec.type) {
    case 'list': {
      const items: ZclRecord[] = [];
      if (spec.count === 'rest') {
        for (let k = 0; k < ZCL_LIST_ITEMS_MAX && !r.atEnd(); k++) items.push(readZclFields(r, spec.item));
        if (!r.atEnd()) throw new GbcsDecodeError('length-exceeds-max', r.offset, `${spec.name}: <= ${ZCL_LIST_ITEMS_MAX} items`);
        return items;
      }
      const counter = record[spec.count.field];
      const count = typeof counter === 'number' ? counter & spec.count.mask : 0;
      for (let k = 0; k < count; k++) items.push(readZclFields(r, spec.item));
      return items;
    }
    case 'octet-string':
    case 'character-string': {
      const len = r.u8(`${spec.name} length`);
      const bytes = r.take(len, spec.name);
      return spec.type === 'octet-string' ? bytes : latin1(bytes);
    }
    case 'date':
      return {
        yearSince1900: r.u8(`${spec.name} year`),
        month: r.u8(`${spec.name} month`),
        dayOfMonth: r.u8(`${spec.name} day`),
        dayOfWeek: r.u8(`${spec.name} day of week`),
      };
    case 'int32': {
      const raw = r.uintLE(SCALAR_SIZES.int32, spec.name);
      return raw > INT32_MAX ? raw - INT32_SPAN : raw;
    }
    default:
      return r.uintLE(SCALAR_SIZES[spec.type], spec.name);
  }
}

export function writeZclFields(w: ByteWriter, specs: readonly ZclFieldSpec[], record: ZclRecord): void {
  for (const spec of specs) {
    const value = record[spec.name];
    if (value === undefined) {
      if (spec.type !== 'list' && spec.optional === true) continue;
      throw new RangeError(`ZCL field ${spec.name} missing`); // encoder input
    }
    writeField(w, spec, value);
  }
}

function writeField(w: ByteWriter, spec: ZclFieldSpec, value: ZclValue): void {
  switch (spec.type) {
    case 'list':
      for (const item of value as readonly ZclRecord[]) writeZclFields(w, spec.item, item);
      return;
    case 'octet-string':
      w.u8((value as Uint8Array).length).bytes(value as Uint8Array);
      return;
    case 'character-string': {
      const s = value as string;
      w.u8(s.length);
      for (let k = 0; k < s.length; k++) w.u8(s.charCodeAt(k));
      return;
    }
    case 'date': {
      const d = value as ZclDate;
      w.u8(d.yearSince1900).u8(d.month).u8(d.dayOfMonth).u8(d.dayOfWeek);
      return;
    }
    case 'int32': {
      const v = value as number;
      w.uintLE(v < 0 ? v + INT32_SPAN : v, SCALAR_SIZES.int32);
      return;
    }
    default:
      w.uintLE(value as number, SCALAR_SIZES[spec.type]);
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
