// A-XDR data tags (GBCS 5.3, IEC 62056-6-2 "Data"), as one table: the decoder, the encoder and
// the compact-array type descriptions all read it; logic never spells a tag in hex.

export const AXDR_TAGS = [
  { tag: 0x00, name: 'null-data', size: 0, kind: 'none' },
  { tag: 0x01, name: 'array', size: -1, kind: 'container' },
  { tag: 0x02, name: 'structure', size: -1, kind: 'container' },
  { tag: 0x03, name: 'boolean', size: 1, kind: 'boolean' },
  { tag: 0x04, name: 'bit-string', size: -1, kind: 'bits' },
  { tag: 0x05, name: 'double-long', size: 4, kind: 'int' },
  { tag: 0x06, name: 'double-long-unsigned', size: 4, kind: 'uint' },
  { tag: 0x09, name: 'octet-string', size: -1, kind: 'bytes' },
  { tag: 0x0a, name: 'visible-string', size: -1, kind: 'text' },
  { tag: 0x0c, name: 'utf8-string', size: -1, kind: 'bytes' },
  { tag: 0x0d, name: 'bcd', size: 1, kind: 'int' },
  { tag: 0x0f, name: 'integer', size: 1, kind: 'int' },
  { tag: 0x10, name: 'long', size: 2, kind: 'int' },
  { tag: 0x11, name: 'unsigned', size: 1, kind: 'uint' },
  { tag: 0x12, name: 'long-unsigned', size: 2, kind: 'uint' },
  { tag: 0x13, name: 'compact-array', size: -1, kind: 'compact' },
  { tag: 0x14, name: 'long64', size: 8, kind: 'bigint' },
  { tag: 0x15, name: 'long64-unsigned', size: 8, kind: 'biguint' },
  { tag: 0x16, name: 'enum', size: 1, kind: 'uint' },
  { tag: 0x17, name: 'float32', size: 4, kind: 'raw' },
  { tag: 0x18, name: 'float64', size: 8, kind: 'raw' },
  { tag: 0x19, name: 'date-time', size: 12, kind: 'raw' },
  { tag: 0x1a, name: 'date', size: 5, kind: 'raw' },
  { tag: 0x1b, name: 'time', size: 4, kind: 'raw' },
  { tag: 0xff, name: 'dont-care', size: 0, kind: 'none' },
] as const;

export type AxdrTagRow = (typeof AXDR_TAGS)[number];
export type AxdrTypeName = AxdrTagRow['name'];
type RowOfKind<K extends AxdrTagRow['kind']> = Extract<AxdrTagRow, { kind: K }>;
export type AxdrIntName = RowOfKind<'int' | 'uint'>['name'];
export type AxdrBigIntName = RowOfKind<'bigint' | 'biguint'>['name'];
export type AxdrRawName = RowOfKind<'raw'>['name'];
export type AxdrNoneName = RowOfKind<'none'>['name'];
export type AxdrBytesName = RowOfKind<'bytes'>['name'];

const BY_TAG = new Map<number, AxdrTagRow>(AXDR_TAGS.map((row) => [row.tag, row]));
const BY_NAME = new Map<AxdrTypeName, AxdrTagRow>(AXDR_TAGS.map((row) => [row.name, row]));

export function axdrRowByTag(tag: number): AxdrTagRow | undefined {
  return BY_TAG.get(tag);
}

export function axdrRowByName(name: AxdrTypeName): AxdrTagRow {
  const row = BY_NAME.get(name);
  if (row === undefined) throw new Error(`A-XDR table has no row for ${name}`); // table invariant
  return row;
}

export const AXDR_TAG = {
  nullData: axdrRowByName('null-data').tag,
  array: axdrRowByName('array').tag,
  structure: axdrRowByName('structure').tag,
  octetString: axdrRowByName('octet-string').tag,
  longUnsigned: axdrRowByName('long-unsigned').tag,
} as const;
