import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import { bytesToHex, parseEnvelope, SIGNATURE_BYTES, type GbcsEnvelope } from '../../gbcs/envelope.js';
import { decodePayload, type DecodedPayload } from '../../gbcs/payload/index.js';

// Grading one message a device produced against one reference RESPONSE / ALERT (issue 5).
// Levels are cumulative: an exact file is also structural and accepted.
//   accepted   the device processed the command: same CRA, message code, transaction id
//              (originator counter), originator and recipient as the reference (GBCS 2.1).
//   structural same decoded payload shape: the same result codes and the same data types item by
//              item; values and A-XDR array lengths may differ (GBCS 5.2, 5.3, 6, 7).
//   exact      byte-identical, MAC included (GBCS 4.3: deterministic, so reproducible); for a
//              signed bare `DF` message identical up to the 64 signature bytes, and the signature
//              valid under the device's test-PKI DS key (RTDS signatures use a random k, GBCS 4.4).

export const LEVELS = ['none', 'accepted', 'structural', 'exact'] as const;
export type Level = (typeof LEVELS)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export interface Grade {
  level: Level;
  detail: string;
}

export interface GradeOptions {
  provider: CryptoProvider;
  /** The producing device's DS public key (65 bytes), for signed messages. */
  deviceSigningKey: Uint8Array;
}

/** Header fields 'accepted' compares; the first that differs is named. */
export function acceptedMismatch(produced: GbcsEnvelope, reference: GbcsEnvelope): string | undefined {
  if (produced.cra !== reference.cra) return `CRA ${produced.cra}, reference ${reference.cra}`;
  if (produced.otherInfo.messageCode !== reference.otherInfo.messageCode) {
    return `message code 0x${hex4(produced.otherInfo.messageCode)}, reference 0x${hex4(reference.otherInfo.messageCode)}`;
  }
  if (produced.transactionId !== reference.transactionId) {
    return `transaction id 0x${produced.transactionId.toString(16)}, reference 0x${reference.transactionId.toString(16)}`;
  }
  if (produced.originator !== reference.originator) return `originator ${produced.originator}, reference ${reference.originator}`;
  if (produced.recipient !== reference.recipient) return `recipient ${produced.recipient}, reference ${reference.recipient}`;
  return undefined;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** Grades a produced message against a reference message. Throws only EmulatorErrors (bad input). */
export function gradeMessage(produced: Uint8Array, reference: Uint8Array, options: GradeOptions): Grade {
  const mine = parseEnvelope(produced);
  const theirs = parseEnvelope(reference);
  const header = acceptedMismatch(mine, theirs);
  if (header !== undefined) return { level: 'none', detail: `not the reference message: ${header}` };
  const structure = structuralMismatch(mine, theirs);
  if (structure !== undefined) return { level: 'accepted', detail: structure };
  const exact = exactMismatch(produced, reference, mine, options);
  if (exact !== undefined) return { level: 'structural', detail: exact };
  return { level: 'exact', detail: mine.signature ? 'identical up to the signature, which verifies' : 'byte-identical' };
}

/** Why two messages (already 'accepted') are not structurally equal; undefined when they are. */
export function structuralMismatch(mine: GbcsEnvelope, theirs: GbcsEnvelope): string | undefined {
  const ctx = { messageCode: theirs.otherInfo.messageCode, cra: theirs.cra };
  const a = decodePayload(mine.content, ctx);
  const b = decodePayload(theirs.content, ctx);
  if (a.kind !== b.kind) return `payload ${a.kind}, reference ${b.kind}`;
  return shapeMismatch(payloadBody(a), payloadBody(b), a.kind);
}

function payloadBody(p: DecodedPayload): unknown {
  return p.body;
}

function exactMismatch(produced: Uint8Array, reference: Uint8Array, mine: GbcsEnvelope, options: GradeOptions): string | undefined {
  const signed = mine.signature !== undefined && mine.mac === undefined;
  const compared = signed ? produced.length - SIGNATURE_BYTES : produced.length;
  if (produced.length !== reference.length) return `length ${produced.length}, reference ${reference.length}`;
  for (let i = 0; i < compared; i++) {
    if (produced[i] !== reference[i]) {
      const what = mine.mac !== undefined && i >= produced.length - mine.mac.length ? ' (MAC)' : '';
      return `first differing byte at offset ${i}${what}: ${bytesToHex(produced.subarray(i, i + 8))}…, reference ${bytesToHex(reference.subarray(i, i + 8))}…`;
    }
  }
  if (signed) {
    const ok = options.provider.ecdsaVerify(options.deviceSigningKey, mine.wire!.signedBytes, mine.signature!);
    if (!ok) return 'identical up to the signature, but the signature does not verify under the device DS key';
  }
  return undefined;
}

// ---- shape comparison ------------------------------------------------------------------------

/** Keys that are informational (derived from values by the decoders) or encoding forms. */
const IGNORED_KEY = /(?:Name$|^name$|LengthForm$|^lengthForm$|^named$|^alert$)/;
/** Keys whose values are part of the structure: type tags and result codes (GBCS 5.2, 6, 7, 8). */
const STRUCTURAL_VALUE_KEYS = new Set([
  'type', 'kind', 'apdu', 'form', 'schema', 'result', 'status', 'outcome', 'readResult',
  'tagClass', 'tagNumber', 'constructed', 'clusterId', 'commandId', 'accessSelector',
]);
/** Deepest object nesting compared (A-XDR allows 16 levels, GBZ/DER wrap a few more). */
const SHAPE_DEPTH_MAX = 64;

/**
 * The first difference in shape between two decoded payloads, as a path; undefined when equal.
 * Values may differ except under STRUCTURAL_VALUE_KEYS; the element count of an A-XDR array or
 * compact-array may differ (every element must still have the other side's element type), every
 * other list (DLMS items, structure fields, GBZ components, DER children) must match in length.
 */
export function shapeMismatch(a: unknown, b: unknown, path = '', depth = 0): string | undefined {
  if (depth > SHAPE_DEPTH_MAX) throw new RangeError(`payload nesting deeper than ${SHAPE_DEPTH_MAX} at ${path}`); // decoders bound depth
  const kindA = valueKind(a);
  const kindB = valueKind(b);
  if (kindA !== kindB) return `${path || '/'}: ${kindA}, reference ${kindB}`;
  if (kindA === 'list') return listMismatch(a as unknown[], b as unknown[], path, depth, false);
  if (kindA !== 'object') return undefined; // a value: may differ
  const objA = a as Record<string, unknown>;
  const objB = b as Record<string, unknown>;
  // Type tags and result codes first, so a report names the cause (a refused item), not its effect (no data).
  const keys = [...new Set([...Object.keys(objA), ...Object.keys(objB)])]
    .filter((k) => !IGNORED_KEY.test(k))
    .sort((x, y) => Number(STRUCTURAL_VALUE_KEYS.has(y)) - Number(STRUCTURAL_VALUE_KEYS.has(x)) || (x < y ? -1 : x > y ? 1 : 0));
  const elastic = objB.type === 'array' || objB.type === 'compact-array';
  for (const key of keys) {
    const at = `${path}/${key}`;
    if (!(key in objA) || !(key in objB)) return `${at}: ${key in objA ? 'present' : 'absent'}, reference ${key in objB ? 'present' : 'absent'}`;
    const va = objA[key];
    const vb = objB[key];
    if (STRUCTURAL_VALUE_KEYS.has(key) && valueKind(va) !== 'object' && valueKind(va) !== 'list') {
      if (va !== vb) return `${at}: ${String(va)}, reference ${String(vb)}`;
      continue;
    }
    const inner = Array.isArray(va) && Array.isArray(vb) && elastic && (key === 'items' || key === 'elements')
      ? listMismatch(va, vb, at, depth, true)
      : shapeMismatch(va, vb, at, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function listMismatch(a: unknown[], b: unknown[], path: string, depth: number, elastic: boolean): string | undefined {
  if (!elastic) {
    if (a.length !== b.length) return `${path || '/'}: ${a.length} items, reference ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const m = shapeMismatch(a[i], b[i], `${path}[${i}]`, depth + 1);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  // An A-XDR array: every element on either side must have the type of the other side's first.
  if (a.length === 0 || b.length === 0) return undefined;
  for (let i = 0; i < a.length; i++) {
    const m = shapeMismatch(a[i], b[0], `${path}[${i}]`, depth + 1);
    if (m !== undefined) return m;
  }
  for (let i = 1; i < b.length; i++) {
    const m = shapeMismatch(a[0], b[i], `${path}[${i}]`, depth + 1);
    if (m !== undefined) return m;
  }
  return undefined;
}

type ValueKind = 'list' | 'object' | 'bytes' | 'number' | 'bigint' | 'string' | 'boolean' | 'undefined' | 'null';

function valueKind(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Uint8Array) return 'bytes';
  const t = typeof v;
  if (t === 'object') return 'object';
  if (t === 'number' || t === 'bigint' || t === 'string' || t === 'boolean' || t === 'undefined') return t;
  throw new RangeError(`unexpected ${t} in a decoded payload`); // decoders produce plain data only
}
