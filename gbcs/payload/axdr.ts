// A-XDR "Data" (GBCS 5.3) as a typed tree, decoded and encoded byte for byte. Non-minimal length
// forms are kept on the node (`lengthForm`) so a decoded tree re-encodes to the same bytes.
// Compact-arrays (tag 0x13, used by every log/profile read and in the decrypted protected reads)
// keep their type-description and their untagged contents as ordinary nodes.

import { GbcsDecodeError } from '../errors.js';
import { ByteReader, ByteWriter, keepLengthForm } from './bytes.js';
import { decodeCiphered, encodeCiphered, looksCiphered, type CipheredBlock } from './ciphered.js';
import {
  axdrRowByName,
  axdrRowByTag,
  type AxdrBigIntName,
  type AxdrBytesName,
  type AxdrIntName,
  type AxdrNoneName,
  type AxdrRawName,
  type AxdrTagRow,
} from './axdr-types.js';

/** Most elements in one array / structure / compact-array. Largest in RTDS: 80 price-matrix
 * slots, 64 TOU x block registers, 49 profile entries; 1024 leaves room for a full day of
 * half-hour profiles for several channels. Beyond it: 'length-exceeds-max'. */
export const AXDR_ELEMENTS_MAX = 1024;
/** Longest octet-/visible-/utf8-string. Largest in RTDS is a protected-read ciphertext under
 * 1.5 KiB; GBCS payloads never exceed the 4 KiB of a CS02b certificate set. */
export const AXDR_STRING_BYTES_MAX = 4096;
/** Longest bit-string in bits (RTDS: 512-bit event behaviour masks, GBCS ECS25a). */
export const AXDR_BIT_STRING_BITS_MAX = 4096;
/** Longest compact-array contents in bytes (RTDS: 392-byte voltage profile, 1.3 KiB decrypted
 * logs); 16 KiB bounds a full protected log read. */
export const AXDR_COMPACT_CONTENTS_BYTES_MAX = 16384;
/** Deepest nesting of arrays/structures (RTDS: 5, the tariff price matrix). */
export const AXDR_DEPTH_MAX = 16;

const BITS_PER_BYTE = 8;
const BOOLEAN_TRUE = 0xff; // RTDS writes TRUE as FF (e.g. currency unit `03 FF`, GBCS 11.1)
const BOOLEAN_FALSE = 0x00;

export type AxdrData =
  | { type: AxdrNoneName }
  | { type: 'array' | 'structure'; items: AxdrData[]; lengthForm?: number }
  | { type: 'boolean'; value: boolean; raw?: number }
  | { type: 'bit-string'; bitCount: number; value: Uint8Array; lengthForm?: number }
  | { type: AxdrIntName; value: number }
  | { type: AxdrBigIntName; value: bigint }
  | { type: AxdrBytesName; value: Uint8Array; lengthForm?: number }
  | { type: 'visible-string'; value: string; lengthForm?: number }
  | { type: AxdrRawName; value: Uint8Array }
  | { type: 'compact-array'; description: AxdrTypeDescription; elements: AxdrData[]; lengthForm?: number }
  /** An octet-string holding a GBCS 4.5 ciphered block, lifted into its fields (the message layer
   * decrypts it). Encodes as the octet-string it came from. */
  | { type: 'ciphered'; block: CipheredBlock; lengthForm?: number };

/** Compact-array type-description (IEC 62056-6-2): simple types by tag; arrays carry a u16
 * element count; structures an A-XDR-length count followed by one description per field. */
export type AxdrTypeDescription =
  | { type: 'array'; count: number; element: AxdrTypeDescription }
  | { type: 'structure'; fields: AxdrTypeDescription[]; lengthForm?: number }
  | { type: Exclude<AxdrTagRow['name'], 'array' | 'structure' | 'compact-array'> };

const TYPE_DESC_ARRAY_COUNT_BYTES = 2;

function rowAt(r: ByteReader, what: string): AxdrTagRow {
  const at = r.offset;
  const tag = r.u8(what);
  const row = axdrRowByTag(tag);
  if (row === undefined) throw new GbcsDecodeError('bad-tag', at, `A-XDR data tag (${what})`);
  return row;
}

function depthGuard(depth: number, at: number): void {
  if (depth > AXDR_DEPTH_MAX) throw new GbcsDecodeError('length-exceeds-max', at, `A-XDR nesting <= ${AXDR_DEPTH_MAX}`);
}

/** Decodes one tagged A-XDR Data item at the reader's position. */
export function readAxdr(r: ByteReader, depth = 0): AxdrData {
  depthGuard(depth, r.offset);
  const row = rowAt(r, 'Data');
  if (row.name === 'compact-array') {
    const description = readTypeDescription(r, depth + 1);
    return readCompactContents(r, description, depth);
  }
  return readValue(r, row, depth);
}

/** The value part of a Data item whose type is known (tagged: after the tag; compact: always). */
function readValue(r: ByteReader, row: AxdrTagRow, depth: number, compact?: AxdrTypeDescription): AxdrData {
  switch (row.kind) {
    case 'none':
      return { type: row.name } as AxdrData;
    case 'container':
      return readContainer(r, row.name as 'array' | 'structure', depth, compact);
    case 'boolean': {
      const raw = r.u8('boolean');
      if (raw === BOOLEAN_FALSE || raw === BOOLEAN_TRUE) return { type: 'boolean', value: raw !== BOOLEAN_FALSE };
      return { type: 'boolean', value: true, raw };
    }
    case 'bits': {
      const len = r.length(AXDR_BIT_STRING_BITS_MAX, 'bit-string bit count');
      const bytes = r.take(Math.ceil(len.value / BITS_PER_BYTE), 'bit-string bits');
      return withForm({ type: 'bit-string', bitCount: len.value, value: bytes }, len.longFormBytes);
    }
    case 'int': {
      const raw = r.uintBE(row.size, row.name);
      const span = 2 ** (row.size * BITS_PER_BYTE);
      const value = raw >= span / 2 && row.name !== 'bcd' ? raw - span : raw;
      return { type: row.name, value } as AxdrData;
    }
    case 'uint':
      return { type: row.name, value: r.uintBE(row.size, row.name) } as AxdrData;
    case 'bigint':
      return { type: 'long64', value: BigInt.asIntN(64, r.u64BE('long64')) };
    case 'biguint':
      return { type: 'long64-unsigned', value: r.u64BE('long64-unsigned') };
    case 'bytes': {
      const len = r.length(AXDR_STRING_BYTES_MAX, row.name);
      const at = r.offset;
      const value = r.take(len.value, row.name);
      if (row.name === 'octet-string' && looksCiphered(value)) {
        return withForm({ type: 'ciphered', block: decodeCiphered(value, at) }, len.longFormBytes);
      }
      return withForm({ type: row.name, value } as AxdrData, len.longFormBytes);
    }
    case 'text': {
      const len = r.length(AXDR_STRING_BYTES_MAX, 'visible-string');
      const bytes = r.take(len.value, 'visible-string');
      return withForm({ type: 'visible-string', value: latin1(bytes) }, len.longFormBytes);
    }
    case 'raw':
      return { type: row.name, value: r.take(row.size, row.name) } as AxdrData;
    case 'compact':
      // A compact-array inside a compact-array's description is not allowed (IEC 62056-6-2).
      throw new GbcsDecodeError('bad-tag', r.offset, 'simple type inside compact-array description');
  }
}

function readContainer(
  r: ByteReader,
  name: 'array' | 'structure',
  depth: number,
  compact?: AxdrTypeDescription,
): AxdrData {
  if (compact !== undefined) {
    // Untagged compact contents: the element count comes from the type-description.
    const descs =
      compact.type === 'array'
        ? Array.from({ length: compact.count }, () => compact.element)
        : compact.type === 'structure'
          ? compact.fields
          : [];
    const items = descs.map((d) => readCompactElement(r, d, depth + 1));
    return { type: name, items };
  }
  const count = r.length(AXDR_ELEMENTS_MAX, `${name} element count`);
  const items: AxdrData[] = [];
  for (let k = 0; k < count.value; k++) items.push(readAxdr(r, depth + 1));
  return withForm({ type: name, items }, count.longFormBytes);
}

function readTypeDescription(r: ByteReader, depth: number): AxdrTypeDescription {
  depthGuard(depth, r.offset);
  const row = rowAt(r, 'compact-array type-description');
  if (row.name === 'array') {
    const count = r.uintBE(TYPE_DESC_ARRAY_COUNT_BYTES, 'type-description array count');
    if (count > AXDR_ELEMENTS_MAX) {
      throw new GbcsDecodeError('length-exceeds-max', r.offset - TYPE_DESC_ARRAY_COUNT_BYTES, `array count <= ${AXDR_ELEMENTS_MAX}`);
    }
    return { type: 'array', count, element: readTypeDescription(r, depth + 1) };
  }
  if (row.name === 'structure') {
    const count = r.length(AXDR_ELEMENTS_MAX, 'type-description structure count');
    const fields: AxdrTypeDescription[] = [];
    for (let k = 0; k < count.value; k++) fields.push(readTypeDescription(r, depth + 1));
    return withForm({ type: 'structure', fields }, count.longFormBytes);
  }
  if (row.name === 'compact-array') {
    throw new GbcsDecodeError('bad-tag', r.offset - 1, 'compact-array type-description element');
  }
  return { type: row.name };
}

function readCompactContents(r: ByteReader, description: AxdrTypeDescription, depth: number): AxdrData {
  const len = r.length(AXDR_COMPACT_CONTENTS_BYTES_MAX, 'compact-array contents length');
  const body = r.sub(len.value, 'compact-array contents');
  const elements: AxdrData[] = [];
  for (let k = 0; k < AXDR_ELEMENTS_MAX && !body.atEnd(); k++) elements.push(readCompactElement(body, description, depth + 1));
  if (!body.atEnd()) {
    throw new GbcsDecodeError('length-exceeds-max', body.offset, `compact-array elements <= ${AXDR_ELEMENTS_MAX}`);
  }
  return withForm({ type: 'compact-array', description, elements }, len.longFormBytes);
}

function readCompactElement(r: ByteReader, d: AxdrTypeDescription, depth: number): AxdrData {
  depthGuard(depth, r.offset);
  return readValue(r, axdrRowByName(d.type), depth, d);
}

// ---------------------------------------------------------------------------------------------

/** Encodes one tagged Data item. */
export function writeAxdr(w: ByteWriter, d: AxdrData): void {
  if (d.type === 'compact-array') {
    w.u8(axdrRowByName('compact-array').tag);
    writeTypeDescription(w, d.description);
    const body = new ByteWriter();
    for (const e of d.elements) writeValue(body, e, d.description);
    const bytes = body.finish();
    w.length(keepLengthForm(bytes.length, d.lengthForm));
    w.bytes(bytes);
    return;
  }
  w.u8(axdrRowByName(d.type === 'ciphered' ? 'octet-string' : d.type).tag);
  writeValue(w, d);
}

function writeValue(w: ByteWriter, d: AxdrData, compact?: AxdrTypeDescription): void {
  if (d.type === 'ciphered') {
    const bytes = encodeCiphered(d.block);
    w.length(keepLengthForm(bytes.length, d.lengthForm));
    w.bytes(bytes);
    return;
  }
  const row = axdrRowByName(d.type);
  switch (d.type) {
    case 'array':
    case 'structure': {
      if (compact === undefined) w.length(keepLengthForm(d.items.length, d.lengthForm));
      d.items.forEach((item, k) => {
        if (compact === undefined) writeAxdr(w, item);
        else writeValue(w, item, compact.type === 'array' ? compact.element : compact.type === 'structure' ? compact.fields[k] : undefined);
      });
      return;
    }
    case 'boolean':
      w.u8(d.raw ?? (d.value ? BOOLEAN_TRUE : BOOLEAN_FALSE));
      return;
    case 'bit-string':
      w.length(keepLengthForm(d.bitCount, d.lengthForm));
      w.bytes(d.value);
      return;
    case 'long64':
    case 'long64-unsigned':
      w.u64BE(d.value);
      return;
    case 'octet-string':
    case 'utf8-string':
      w.length(keepLengthForm(d.value.length, d.lengthForm));
      w.bytes(d.value);
      return;
    case 'visible-string':
      w.length(keepLengthForm(d.value.length, d.lengthForm));
      w.bytes(fromLatin1(d.value));
      return;
    case 'compact-array':
      throw new Error('compact-array cannot be nested in compact contents'); // encoder input invariant
    default:
      if ('value' in d && d.value instanceof Uint8Array) w.bytes(d.value);
      else if ('value' in d && typeof d.value === 'number') {
        const span = 2 ** (row.size * BITS_PER_BYTE);
        w.uintBE(d.value < 0 ? d.value + span : d.value, row.size);
      }
  }
}

function writeTypeDescription(w: ByteWriter, d: AxdrTypeDescription): void {
  w.u8(axdrRowByName(d.type).tag);
  if (d.type === 'array') {
    w.uintBE(d.count, TYPE_DESC_ARRAY_COUNT_BYTES);
    writeTypeDescription(w, d.element);
  } else if (d.type === 'structure') {
    w.length(keepLengthForm(d.fields.length, d.lengthForm));
    for (const f of d.fields) writeTypeDescription(w, f);
  }
}

// ---------------------------------------------------------------------------------------------

/** Decodes a complete byte string holding exactly one Data item. */
export function decodeAxdr(bytes: Uint8Array): AxdrData {
  const r = new ByteReader(bytes);
  const d = readAxdr(r);
  r.finish('A-XDR Data');
  return d;
}

export function encodeAxdr(d: AxdrData): Uint8Array {
  const w = new ByteWriter();
  writeAxdr(w, d);
  return w.finish();
}

function withForm<T extends object>(node: T, form: number | undefined): T {
  return form === undefined ? node : { ...node, lengthForm: form };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) out[k] = s.charCodeAt(k) & 0xff;
  return out;
}
