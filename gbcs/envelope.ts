// The GBCS envelope and grouping header (GBCS 1, 2): the DLMS general-ciphering wrapper
// (`DD 00…`, MAC only) around a general-signing APDU (`DF 09…`), or a bare general-signing APDU.
// parseEnvelope never allocates for payload bytes (content, signature, MAC are views into the
// input) and checks every length read from the wire against a named *_MAX before using it, so
// hostile input ends in a GbcsDecodeError, never a TypeError or a hang.
// Lengths are accepted only in their minimal A-XDR form (the RTDS data has no other), which is
// what makes decode -> encode byte-exact for every input we accept.

import { GbcsDecodeError } from './errors.js';

export type EnvelopeKind = 'general-ciphering' | 'general-signing';
/** CRA flag of the grouping header (GBCS 2.1): 1 command, 2 response, 3 alert. */
export type Cra = 1 | 2 | 3;
export type MessageType = 'command' | 'precommand' | 'response' | 'alert';

// ---- wire constants (GBCS 1.1, 1.2) ---------------------------------------------------------
export const GENERAL_CIPHERING_TAG = 0xdd;
export const GENERAL_SIGNING_TAG = 0xdf;
/** Five empty octet strings (transaction-id, originator/recipient titles, date-time, other-info) + key-info absent. */
export const GENERAL_CIPHERING_EMPTY_FIELDS = 6;
/** Security control: authentication only, suite 0 (GBCS 1.1). */
export const SECURITY_CONTROL_AUTH_ONLY = 0x11;
export const INVOCATION_COUNTER_BYTES = 4;
export const SECURITY_HEADER_BYTES = 1 + INVOCATION_COUNTER_BYTES;
export const MAC_BYTES = 12; // GBCS 4.3: first 12 bytes of the GCM tag
export const TRANSACTION_ID_BYTES = 9; // CRA flag + 8-byte originator counter
export const COUNTER_BYTES = 8;
export const EUI_BYTES = 8;
export const DATE_TIME_BYTES = 12; // DLMS date-time (GBCS 1.2)
export const SIGNATURE_BYTES = 64; // raw r || s (GBCS 4.4)
export const MESSAGE_CODE_BYTES = 2;
/** Other-information sizes (GBCS 2.2): code; + supp RP id; + supp RP counter; + supp originator counter. */
export const OTHER_INFO_CODE_ONLY = MESSAGE_CODE_BYTES;
export const OTHER_INFO_WITH_SUPP_RP = OTHER_INFO_CODE_ONLY + EUI_BYTES;
export const OTHER_INFO_WITH_SUPP_COUNTER = OTHER_INFO_WITH_SUPP_RP + COUNTER_BYTES;
export const OTHER_INFO_WITH_SUPP_ORIGINATOR_COUNTER = OTHER_INFO_WITH_SUPP_COUNTER + COUNTER_BYTES;
/** A-XDR / DER: a first length byte >= 0x80 says how many length bytes follow. */
export const LONG_LENGTH_FLAG = 0x80;
export const DER_SEQUENCE_TAG = 0x30;
const CRA_MIN = 1;
const CRA_MAX = 3;

// ---- maxima (STYLE.md "Bounds on everything"); every one is enforced before bytes are used ----
/** Length bytes after `0x80+n`: the data uses n = 1 and 2 (GBCS 0); n > 2 is 'length-exceeds-max'. */
export const LENGTH_FIELD_BYTES_MAX = 2;
/** Ciphered-content of the general-ciphering wrapper: largest value a 2-byte length can carry.
 *  RTDS peaks at 1,416 (ECS01a); CS02b credential updates reach ~4 kB (GBCS 7). */
export const CIPHERED_CONTENT_BYTES_MAX = 0xffff;
/** Payload content of the grouping header, same reasoning as CIPHERED_CONTENT_BYTES_MAX. */
export const CONTENT_BYTES_MAX = 0xffff;
/** Other-information: 26 bytes of fixed fields plus, for URP commands, one X.509 KA certificate
 *  (424 bytes in RTDS, GBCS 2.2); 2 KiB leaves room for any P-256 certificate. */
export const OTHER_INFO_BYTES_MAX = 2048;

/** Other-information block (GBCS 2.2). */
export interface OtherInformation {
  messageCode: number;
  supplementaryRemotePartyId?: string;
  supplementaryRemotePartyCounter?: bigint;
  /** 26-byte form only (ECS21b URP response). */
  supplementaryOriginatorCounter?: bigint;
  /** >26-byte form only (ECS21b URP command): DER X.509 KA certificate of the supplementary RP. */
  certificate?: Uint8Array;
}

export interface GbcsEnvelope {
  kind: EnvelopeKind;
  cra: Cra;
  messageType: MessageType;
  /** The originator counter (GBCS 2.1); `originatorCounter` is the same value under its spec name. */
  transactionId: bigint;
  originatorCounter: bigint;
  /** The 8 counter bytes as on the wire. */
  transactionIdBytes: Uint8Array;
  /** EUI-64 as 16 upper-case hex digits. */
  originator: string;
  recipient: string;
  /** The 12-byte DLMS date-time, or undefined when the header carries the empty string `00`. */
  dateTime: Uint8Array | undefined;
  otherInfo: OtherInformation;
  content: Uint8Array;
  /** undefined = signature-length `00`; the property is absent for PRECOMMANDs, which have no field. */
  signature?: Uint8Array | undefined;
  /** The 12-byte GMAC of a general-ciphering envelope. */
  mac?: Uint8Array;
  /** Views into the parsed input, set by parseEnvelope (GBCS 4.3, 4.4); encodeEnvelope ignores them. */
  wire?: EnvelopeWire;
}

export interface EnvelopeWire {
  /** The general-signing APDU from `DF` through the signature: the MAC's AAD after its prefix. */
  apdu: Uint8Array;
  /** From the byte after `DF` through the last content byte: what the signature covers. */
  signedBytes: Uint8Array;
  /** The 8 EUI bytes of the originator and recipient system titles. */
  originator: Uint8Array;
  recipient: Uint8Array;
  /** Offset of the message code in the parsed input (for error reports). */
  messageCodeOffset: number;
}

// ---- small helpers -----------------------------------------------------------------------

const HEX_DIGITS = '0123456789ABCDEF';

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_DIGITS[bytes[i]! >> 4]! + HEX_DIGITS[bytes[i]! & 15]!;
  return out;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // '0'..'9'
  const lower = code | 0x20; // ASCII case fold
  if (lower >= 97 && lower <= 102) return lower - 87; // 'a'..'f'
  return -1;
}

/** Parses an EUI-64 given as 16 hex digits (either case). Hot in build paths, so no regex. */
export function euiToBytes(eui: string): Uint8Array {
  const out = new Uint8Array(EUI_BYTES);
  let bad = eui.length !== 2 * EUI_BYTES;
  for (let i = 0; i < EUI_BYTES && !bad; i++) {
    const hi = hexDigit(eui.charCodeAt(2 * i));
    const lo = hexDigit(eui.charCodeAt(2 * i + 1));
    bad = hi < 0 || lo < 0;
    out[i] = (hi << 4) | lo;
  }
  if (bad) throw new GbcsDecodeError('bad-value', -1, `EUI-64 as 16 hex digits, got '${eui}'`);
  return out;
}

export function readU64(bytes: Uint8Array, offset: number): bigint {
  let v = 0n;
  for (let i = 0; i < COUNTER_BYTES; i++) v = (v << 8n) | BigInt(bytes[offset + i]!);
  return v;
}

export function u64ToBytes(value: bigint): Uint8Array {
  if (value < 0n || value > 0xffff_ffff_ffff_ffffn) throw new GbcsDecodeError('bad-value', -1, 'counter in 0..2^64-1');
  const out = new Uint8Array(COUNTER_BYTES);
  let v = value;
  for (let i = COUNTER_BYTES - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Bounded cursor over untrusted bytes; every read checks `end` first. */
class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  need(count: number, expected: string): void {
    if (count > this.end - this.pos) throw new GbcsDecodeError('truncated', this.end, expected);
  }

  u8(expected: string): number {
    this.need(1, expected);
    return this.bytes[this.pos++]!;
  }

  take(count: number, expected: string): Uint8Array {
    this.need(count, expected);
    const view = this.bytes.subarray(this.pos, this.pos + count);
    this.pos += count;
    return view;
  }

  /** Minimal-form A-XDR length (GBCS 0), checked against `max` before it is returned. */
  length(max: number, expected: string): number {
    const at = this.pos;
    const first = this.u8(expected);
    if (first < LONG_LENGTH_FLAG) return checkMax(first, max, at, expected);
    const count = first - LONG_LENGTH_FLAG;
    if (count === 0 || count > LENGTH_FIELD_BYTES_MAX) {
      throw new GbcsDecodeError('length-exceeds-max', at, `${expected}: at most ${LENGTH_FIELD_BYTES_MAX} length bytes`);
    }
    this.need(count, expected);
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 256 + this.bytes[this.pos++]!;
    // Minimal form only: 0x81 for 0x80..0xFF, 0x82 for 0x100..0xFFFF (GBCS 0).
    if (value < (count === 1 ? LONG_LENGTH_FLAG : 1 << (8 * (count - 1)))) {
      throw new GbcsDecodeError('bad-length', at, `${expected}: minimal length encoding`);
    }
    return checkMax(value, max, at, expected);
  }
}

function checkMax(value: number, max: number, at: number, expected: string): number {
  if (value > max) throw new GbcsDecodeError('length-exceeds-max', at, `${expected} <= ${max}, got ${value}`);
  return value;
}

// ---- decoding ----------------------------------------------------------------------------

/** Parses one complete GBCS message (GBCS 1). Throws GbcsDecodeError on anything else. */
export function parseEnvelope(bytes: Uint8Array): GbcsEnvelope {
  if (bytes.length === 0) throw new GbcsDecodeError('truncated', 0, 'envelope tag');
  const tag = bytes[0]!;
  if (tag === GENERAL_SIGNING_TAG) return parseGeneralSigning(new Reader(bytes, 0, bytes.length), 'general-signing');
  if (tag !== GENERAL_CIPHERING_TAG) throw new GbcsDecodeError('unknown-envelope', 0, 'DD (general-ciphering) or DF (general-signing)');
  return parseGeneralCiphering(bytes);
}

// GBCS 1.1: DD, six 00 bytes, length, 11 00000000, general-signing APDU, 12-byte MAC.
function parseGeneralCiphering(bytes: Uint8Array): GbcsEnvelope {
  const r = new Reader(bytes, 1, bytes.length);
  for (let i = 0; i < GENERAL_CIPHERING_EMPTY_FIELDS; i++) {
    // DD 09 … (GBT) and any non-empty field are not GBCS remote-party envelopes (GBCS 14 trap 17).
    if (r.u8('empty general-ciphering field') !== 0) throw new GbcsDecodeError('unknown-envelope', r.pos - 1, 'DD 00 00 00 00 00 00');
  }
  const lengthAt = r.pos;
  const cipheredBytes = r.length(CIPHERED_CONTENT_BYTES_MAX, 'ciphered-content length');
  const declaredEnd = r.pos + cipheredBytes;
  if (declaredEnd > bytes.length) throw new GbcsDecodeError('truncated', bytes.length, `${cipheredBytes} bytes of ciphered-content`);
  if (declaredEnd < bytes.length) throw new GbcsDecodeError('trailing-bytes', declaredEnd, 'end of message');
  if (cipheredBytes < SECURITY_HEADER_BYTES + MAC_BYTES + 1) {
    throw new GbcsDecodeError('bad-length', lengthAt, 'ciphered-content of security header, APDU and MAC');
  }
  const scAt = r.pos;
  if (r.u8('security control') !== SECURITY_CONTROL_AUTH_ONLY) throw new GbcsDecodeError('bad-value', scAt, 'security control 11 (authentication only)');
  for (let i = 0; i < INVOCATION_COUNTER_BYTES; i++) {
    if (r.u8('invocation counter') !== 0) throw new GbcsDecodeError('bad-value', r.pos - 1, 'invocation counter 00000000 (GBCS 1.1)');
  }
  const macAt = bytes.length - MAC_BYTES;
  const inner = new Reader(bytes, r.pos, macAt);
  if (inner.u8('general-signing tag') !== GENERAL_SIGNING_TAG) throw new GbcsDecodeError('bad-tag', inner.pos - 1, 'DF (general-signing)');
  inner.pos--;
  const env = parseGeneralSigning(inner, 'general-ciphering');
  env.mac = bytes.subarray(macAt);
  return env;
}

// GBCS 1.2: the grouping header, content and (unless PRECOMMAND) signature, ending exactly at r.end.
function parseGeneralSigning(r: Reader, kind: EnvelopeKind): GbcsEnvelope {
  const apduStart = r.pos;
  if (r.u8('general-signing tag') !== GENERAL_SIGNING_TAG) throw new GbcsDecodeError('bad-tag', apduStart, 'DF (general-signing)');
  expectLength(r, TRANSACTION_ID_BYTES, 'transaction-id length 9');
  const craAt = r.pos;
  const craByte = r.u8('CRA flag');
  if (craByte < CRA_MIN || craByte > CRA_MAX) throw new GbcsDecodeError('bad-value', craAt, 'CRA flag 1, 2 or 3');
  const cra = craByte as Cra;
  const transactionIdBytes = r.take(COUNTER_BYTES, 'originator counter');
  const counter = readU64(transactionIdBytes, 0);
  expectLength(r, EUI_BYTES, 'originator-system-title length 8');
  const originatorBytes = r.take(EUI_BYTES, 'originator system title');
  expectLength(r, EUI_BYTES, 'recipient-system-title length 8');
  const recipientBytes = r.take(EUI_BYTES, 'recipient system title');
  const originator = bytesToHex(originatorBytes);
  const recipient = bytesToHex(recipientBytes);
  const dateTime = parseDateTime(r);
  const messageCodeOffset = otherInformationStart(r);
  const otherInfo = parseOtherInformation(r);
  const contentBytes = r.length(CONTENT_BYTES_MAX, 'content length');
  const content = r.take(contentBytes, `${contentBytes} content bytes`);
  const signedBytes = r.bytes.subarray(apduStart + 1, r.pos);

  const env: GbcsEnvelope = {
    kind, cra, messageType: 'command', transactionId: counter, originatorCounter: counter, transactionIdBytes,
    originator, recipient, dateTime, otherInfo, content,
  };
  if (r.pos === r.end) {
    // GBCS 1.2 / 14 trap 4: only a bare PRECOMMAND ends right after its content.
    if (kind !== 'general-signing' || cra !== 1) throw new GbcsDecodeError('truncated', r.pos, 'signature length');
    env.messageType = 'precommand';
  } else {
    env.messageType = cra === 1 ? 'command' : cra === 2 ? 'response' : 'alert';
    const sigAt = r.pos;
    const sigBytes = r.u8('signature length');
    if (sigBytes === SIGNATURE_BYTES) env.signature = r.take(SIGNATURE_BYTES, '64-byte signature');
    else if (sigBytes === 0) env.signature = undefined;
    else throw new GbcsDecodeError('bad-length', sigAt, 'signature length 00 or 40');
    if (r.pos !== r.end) throw new GbcsDecodeError('trailing-bytes', r.pos, kind === 'general-ciphering' ? 'MAC' : 'end of message');
  }
  env.wire = { apdu: r.bytes.subarray(apduStart, r.pos), signedBytes, originator: originatorBytes, recipient: recipientBytes, messageCodeOffset };
  return env;
}

function expectLength(r: Reader, value: number, expected: string): void {
  const at = r.pos;
  if (r.u8(expected) !== value) throw new GbcsDecodeError('bad-length', at, expected);
}

function parseDateTime(r: Reader): Uint8Array | undefined {
  const at = r.pos;
  const count = r.u8('date-time length');
  if (count === 0) return undefined;
  if (count !== DATE_TIME_BYTES) throw new GbcsDecodeError('bad-length', at, 'date-time length 00 or 0C');
  return r.take(DATE_TIME_BYTES, 'date-time');
}

/** Where the other-information bytes start, i.e. after their length field (read without consuming). */
function otherInformationStart(r: Reader): number {
  const peek = new Reader(r.bytes, r.pos, r.end);
  peek.length(OTHER_INFO_BYTES_MAX, 'other-information length');
  return peek.pos;
}

// GBCS 2.2: the forms 2, 10, 18, 26 and >26 (certificate) bytes; nothing else is accepted.
function parseOtherInformation(r: Reader): OtherInformation {
  const at = r.pos;
  const count = r.length(OTHER_INFO_BYTES_MAX, 'other-information length');
  const start = r.pos;
  const b = r.take(count, `${count} other-information bytes`);
  const known = count === OTHER_INFO_CODE_ONLY || count === OTHER_INFO_WITH_SUPP_RP || count === OTHER_INFO_WITH_SUPP_COUNTER || count >= OTHER_INFO_WITH_SUPP_ORIGINATOR_COUNTER;
  if (!known) throw new GbcsDecodeError('bad-length', at, 'other-information of 2, 10, 18, 26 or more bytes');
  const info: OtherInformation = { messageCode: (b[0]! << 8) | b[1]! };
  if (count >= OTHER_INFO_WITH_SUPP_RP) info.supplementaryRemotePartyId = bytesToHex(b.subarray(OTHER_INFO_CODE_ONLY, OTHER_INFO_WITH_SUPP_RP));
  if (count >= OTHER_INFO_WITH_SUPP_COUNTER) info.supplementaryRemotePartyCounter = readU64(b, OTHER_INFO_WITH_SUPP_RP);
  if (count === OTHER_INFO_WITH_SUPP_ORIGINATOR_COUNTER) info.supplementaryOriginatorCounter = readU64(b, OTHER_INFO_WITH_SUPP_COUNTER);
  if (count > OTHER_INFO_WITH_SUPP_ORIGINATOR_COUNTER) {
    const cert = b.subarray(OTHER_INFO_WITH_SUPP_COUNTER);
    checkDerSequence(cert, start + OTHER_INFO_WITH_SUPP_COUNTER);
    info.certificate = cert;
  }
  return info;
}

/** The certificate must be exactly one minimal-length DER SEQUENCE (GBCS 2.2, 4.7). */
function checkDerSequence(der: Uint8Array, offset: number): void {
  const r = new Reader(der, 0, der.length);
  if (r.u8('certificate SEQUENCE') !== DER_SEQUENCE_TAG) throw new GbcsDecodeError('bad-tag', offset, 'DER SEQUENCE (30) certificate');
  const count = r.length(OTHER_INFO_BYTES_MAX, 'certificate length');
  if (r.pos + count !== der.length) throw new GbcsDecodeError('bad-length', offset, 'certificate filling the other-information');
}

// ---- encoding ----------------------------------------------------------------------------

/** Minimal A-XDR length bytes (GBCS 0). */
export function encodeLength(value: number, max: number, what: string): number[] {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new GbcsDecodeError('length-exceeds-max', -1, `${what} <= ${max}, got ${value}`);
  if (value < LONG_LENGTH_FLAG) return [value];
  if (value <= 0xff) return [LONG_LENGTH_FLAG + 1, value];
  return [LONG_LENGTH_FLAG + 2, value >> 8, value & 0xff];
}

export function encodeOtherInformation(info: OtherInformation): Uint8Array {
  if (!Number.isInteger(info.messageCode) || info.messageCode < 0 || info.messageCode > 0xffff) {
    throw new GbcsDecodeError('bad-value', -1, 'message code in 0..0xFFFF');
  }
  const parts: number[] = [info.messageCode >> 8, info.messageCode & 0xff];
  const hasRp = info.supplementaryRemotePartyId !== undefined;
  const hasCounter = info.supplementaryRemotePartyCounter !== undefined;
  const hasOrig = info.supplementaryOriginatorCounter !== undefined;
  const hasCert = info.certificate !== undefined;
  // GBCS 2.2: each form extends the previous one, so a later field requires the earlier ones.
  if ((hasCounter && !hasRp) || ((hasOrig || hasCert) && !hasCounter) || (hasOrig && hasCert)) {
    throw new GbcsDecodeError('bad-value', -1, 'other-information fields in GBCS 2.2 order');
  }
  if (hasRp) parts.push(...euiToBytes(info.supplementaryRemotePartyId!));
  if (hasCounter) parts.push(...u64ToBytes(info.supplementaryRemotePartyCounter!));
  if (hasOrig) parts.push(...u64ToBytes(info.supplementaryOriginatorCounter!));
  if (hasCert) parts.push(...info.certificate!);
  return Uint8Array.from(parts);
}

/** The general-signing APDU (GBCS 1.2): `DF` … content, then the signature field unless PRECOMMAND. */
export function encodeGeneralSigning(env: GbcsEnvelope): Uint8Array {
  const counter = env.transactionIdBytes.length === COUNTER_BYTES && readU64(env.transactionIdBytes, 0) === env.transactionId
    ? env.transactionIdBytes
    : u64ToBytes(env.transactionId);
  const otherInfo = encodeOtherInformation(env.otherInfo);
  if (env.dateTime !== undefined && env.dateTime.length !== DATE_TIME_BYTES) throw new GbcsDecodeError('bad-length', -1, 'date-time of 12 bytes');
  if (env.signature !== undefined && env.signature.length !== SIGNATURE_BYTES) throw new GbcsDecodeError('bad-length', -1, 'signature of 64 bytes');
  const isPrecommand = env.messageType === 'precommand';
  if (isPrecommand && env.signature !== undefined) throw new GbcsDecodeError('bad-value', -1, 'PRECOMMAND without signature');
  const otherInfoLength = encodeLength(otherInfo.length, OTHER_INFO_BYTES_MAX, 'other-information');
  const contentLength = encodeLength(env.content.length, CONTENT_BYTES_MAX, 'content');
  const headerBytes = 2 + TRANSACTION_ID_BYTES + 2 * (1 + EUI_BYTES) + 1 + (env.dateTime ? DATE_TIME_BYTES : 0);
  const total = headerBytes + otherInfoLength.length + otherInfo.length + contentLength.length + env.content.length
    + (isPrecommand ? 0 : 1 + (env.signature ? SIGNATURE_BYTES : 0));
  const out = new Uint8Array(total);
  let p = 0;
  out[p++] = GENERAL_SIGNING_TAG;
  out[p++] = TRANSACTION_ID_BYTES;
  out[p++] = env.cra;
  out.set(counter, p); p += COUNTER_BYTES;
  out[p++] = EUI_BYTES;
  out.set(euiToBytes(env.originator), p); p += EUI_BYTES;
  out[p++] = EUI_BYTES;
  out.set(euiToBytes(env.recipient), p); p += EUI_BYTES;
  if (env.dateTime) {
    out[p++] = DATE_TIME_BYTES;
    out.set(env.dateTime, p); p += DATE_TIME_BYTES;
  } else {
    out[p++] = 0;
  }
  out.set(otherInfoLength, p); p += otherInfoLength.length;
  out.set(otherInfo, p); p += otherInfo.length;
  out.set(contentLength, p); p += contentLength.length;
  out.set(env.content, p); p += env.content.length;
  if (!isPrecommand) {
    out[p++] = env.signature ? SIGNATURE_BYTES : 0;
    if (env.signature) { out.set(env.signature, p); p += SIGNATURE_BYTES; }
  }
  return out;
}

/** Wraps a general-signing APDU and its MAC in the general-ciphering envelope (GBCS 1.1). */
export function wrapGeneralCiphering(apdu: Uint8Array, mac: Uint8Array): Uint8Array {
  if (mac.length !== MAC_BYTES) throw new GbcsDecodeError('bad-length', -1, 'MAC of 12 bytes');
  const cipheredLength = encodeLength(SECURITY_HEADER_BYTES + apdu.length + MAC_BYTES, CIPHERED_CONTENT_BYTES_MAX, 'ciphered-content');
  const out = new Uint8Array(1 + GENERAL_CIPHERING_EMPTY_FIELDS + cipheredLength.length + SECURITY_HEADER_BYTES + apdu.length + MAC_BYTES);
  let p = 0;
  out[p++] = GENERAL_CIPHERING_TAG;
  p += GENERAL_CIPHERING_EMPTY_FIELDS;
  out.set(cipheredLength, p); p += cipheredLength.length;
  out[p++] = SECURITY_CONTROL_AUTH_ONLY;
  p += INVOCATION_COUNTER_BYTES;
  out.set(apdu, p); p += apdu.length;
  out.set(mac, p);
  return out;
}

/** Encodes an envelope as given (the MAC is taken from `env.mac`; security.ts computes it). */
export function encodeEnvelope(env: GbcsEnvelope): Uint8Array {
  const apdu = encodeGeneralSigning(env);
  if (env.kind === 'general-signing') return apdu;
  if (env.messageType === 'precommand') throw new GbcsDecodeError('bad-value', -1, 'PRECOMMANDs are bare general-signing APDUs');
  if (!env.mac) throw new GbcsDecodeError('bad-value', -1, 'a 12-byte MAC for general-ciphering');
  return wrapGeneralCiphering(apdu, env.mac);
}
