// ASN.1 DER/BER TLV tree (GBCS 7): tag class, constructed flag, tag number, and either children
// or primitive contents. Definite lengths only; a non-minimal length form (`82 00 CA`, seen in
// CS02b responses) is kept on the node so a decoded tree re-encodes byte for byte.

import { GbcsDecodeError } from '../errors.js';
import { ByteReader, ByteWriter, keepLengthForm } from './bytes.js';

/** Largest contents length of one TLV. RTDS maximum: 1765 bytes (CS02b command); GBCS 7 puts
 * CS02b at up to 4 KiB; 8 KiB leaves headroom for a full certificate set. */
export const DER_CONTENTS_BYTES_MAX = 8192;
/** Most children of one constructed node (RTDS: under 10; a certificate has < 20 extensions). */
export const DER_CHILDREN_MAX = 256;
/** Deepest nesting (an X.509 certificate inside CS02b is about 10 deep). */
export const DER_DEPTH_MAX = 24;
/** High-tag-number form: at most 4 continuation bytes (tag numbers below 2^28). */
export const DER_TAG_NUMBER_BYTES_MAX = 4;

export const DER_TAG_CLASSES = ['universal', 'application', 'context', 'private'] as const;
export type DerTagClass = (typeof DER_TAG_CLASSES)[number];

/** Universal tag numbers GBCS payloads use (X.680), for names in decoded trees. */
export const DER_UNIVERSAL_TAGS = [
  { tagNumber: 1, name: 'BOOLEAN' },
  { tagNumber: 2, name: 'INTEGER' },
  { tagNumber: 3, name: 'BIT STRING' },
  { tagNumber: 4, name: 'OCTET STRING' },
  { tagNumber: 5, name: 'NULL' },
  { tagNumber: 6, name: 'OBJECT IDENTIFIER' },
  { tagNumber: 10, name: 'ENUMERATED' },
  { tagNumber: 12, name: 'UTF8String' },
  { tagNumber: 16, name: 'SEQUENCE' },
  { tagNumber: 17, name: 'SET' },
  { tagNumber: 19, name: 'PrintableString' },
  { tagNumber: 22, name: 'IA5String' },
  { tagNumber: 23, name: 'UTCTime' },
  { tagNumber: 24, name: 'GeneralizedTime' },
] as const;

export interface DerNode {
  readonly tagClass: DerTagClass;
  readonly constructed: boolean;
  readonly tagNumber: number;
  /** Informational: universal type name, or a field name a GBCS schema gave the node. */
  readonly name?: string;
  readonly lengthForm?: number;
  /** Constructed nodes. */
  readonly children?: readonly DerNode[];
  /** Primitive nodes. */
  readonly value?: Uint8Array;
}

const CLASS_SHIFT = 6;
const CONSTRUCTED_BIT = 0x20;
const TAG_NUMBER_MASK = 0x1f;
const HIGH_TAG_NUMBER = 0x1f;
const CONTINUATION_BIT = 0x80;
const SEVEN_BITS = 0x7f;

const UNIVERSAL_NAMES = new Map<number, string>(DER_UNIVERSAL_TAGS.map((t) => [t.tagNumber, t.name]));

export function readDer(r: ByteReader, depth = 0): DerNode {
  const at = r.offset;
  if (depth > DER_DEPTH_MAX) throw new GbcsDecodeError('length-exceeds-max', at, `ASN.1 nesting <= ${DER_DEPTH_MAX}`);
  const first = r.u8('ASN.1 tag');
  const tagClass = DER_TAG_CLASSES[first >> CLASS_SHIFT] as DerTagClass;
  const constructed = (first & CONSTRUCTED_BIT) !== 0;
  let tagNumber = first & TAG_NUMBER_MASK;
  if (tagNumber === HIGH_TAG_NUMBER) {
    tagNumber = 0;
    let k = 0;
    for (; k < DER_TAG_NUMBER_BYTES_MAX; k++) {
      const b = r.u8('ASN.1 high tag number');
      tagNumber = tagNumber * (SEVEN_BITS + 1) + (b & SEVEN_BITS);
      if ((b & CONTINUATION_BIT) === 0) break;
    }
    if (k === DER_TAG_NUMBER_BYTES_MAX) throw new GbcsDecodeError('bad-tag', at, `tag number in <= ${DER_TAG_NUMBER_BYTES_MAX} bytes`);
  }
  const len = r.length(DER_CONTENTS_BYTES_MAX, 'ASN.1 length');
  const body = r.sub(len.value, 'ASN.1 contents');
  const name = tagClass === 'universal' ? UNIVERSAL_NAMES.get(tagNumber) : undefined;
  const head = {
    tagClass,
    constructed,
    tagNumber,
    ...(name === undefined ? {} : { name }),
    ...(len.longFormBytes === undefined ? {} : { lengthForm: len.longFormBytes }),
  };
  if (!constructed) return { ...head, value: body.take(body.remaining, 'ASN.1 primitive contents') };
  const children: DerNode[] = [];
  for (let k = 0; k < DER_CHILDREN_MAX && !body.atEnd(); k++) children.push(readDer(body, depth + 1));
  if (!body.atEnd()) throw new GbcsDecodeError('length-exceeds-max', body.offset, `<= ${DER_CHILDREN_MAX} ASN.1 children`);
  return { ...head, children };
}

export function writeDer(w: ByteWriter, n: DerNode): void {
  const classBits = DER_TAG_CLASSES.indexOf(n.tagClass) << CLASS_SHIFT;
  const cons = n.constructed ? CONSTRUCTED_BIT : 0;
  if (n.tagNumber < HIGH_TAG_NUMBER) w.u8(classBits | cons | n.tagNumber);
  else {
    w.u8(classBits | cons | HIGH_TAG_NUMBER);
    const groups: number[] = [];
    for (let v = n.tagNumber; groups.length === 0 || v > 0; v = Math.floor(v / (SEVEN_BITS + 1))) groups.unshift(v & SEVEN_BITS);
    groups.forEach((g, k) => w.u8(k < groups.length - 1 ? g | CONTINUATION_BIT : g));
  }
  let contents: Uint8Array;
  if (n.constructed) {
    const inner = new ByteWriter();
    for (const c of n.children ?? []) writeDer(inner, c);
    contents = inner.finish();
  } else contents = n.value ?? new Uint8Array(0);
  w.length(keepLengthForm(contents.length, n.lengthForm));
  w.bytes(contents);
}

export function decodeDer(bytes: Uint8Array): DerNode {
  const r = new ByteReader(bytes);
  const n = readDer(r);
  r.finish('ASN.1 payload');
  return n;
}

export function encodeDer(n: DerNode): Uint8Array {
  const w = new ByteWriter();
  writeDer(w, n);
  return w.finish();
}
