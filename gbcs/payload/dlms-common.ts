// Pieces shared by the three DLMS APDUs (GBCS 5.1, 5.2, 9.1): the invoke-id, the optional
// date-time octet-string and the COSEM attribute/method descriptor.

import { GbcsDecodeError } from '../errors.js';
import { cosemClassName, obisObjectName } from '../tables/obis.js';
import { ByteReader, ByteWriter, keepLengthForm } from './bytes.js';
import { CLASS_ID_BYTES, INVOKE_ID_COUNTER_MASK, LONG_INVOKE_ID_BYTES, OBIS_BYTES } from './dlms-tags.js';

/** The APDU date-time is empty or a 12-byte DLMS date-time (GBCS 5.3); 12 is therefore the max. */
export const DLMS_APDU_DATE_TIME_BYTES_MAX = 12;
/** Most access-request/-response items in one APDU. RTDS maximum: 21 (ECS01a); GBCS commands stay
 * far below 100. Beyond it: 'length-exceeds-max'. */
export const DLMS_ITEMS_MAX = 128;

const OBIS_PATTERN = /^(\d{1,3})-(\d{1,3}):(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const OBIS_VALUE_MAX = 255;

/** COSEM object reference. `objectName`/`className` are looked up on decode from
 * gbcs/tables/obis.ts; they are informational and the encoder ignores them. */
export interface CosemTarget {
  readonly classId: number;
  /** OBIS in the spec's notation `A-B:C.D.E.F`, decimal (GBCS 5.5). */
  readonly obis: string;
  readonly className?: string;
  readonly objectName?: string;
}

export interface DlmsHeader {
  /** long-invoke-id-and-priority as a u32 (GBCS 2.1 rule 2). */
  readonly longInvokeIdAndPriority: number;
  /** APDU date-time octet-string contents; empty in every RTDS payload. */
  readonly dateTime: Uint8Array;
  readonly dateTimeLengthForm?: number;
}

/** The originator-counter bits an invoke-id carries (GBCS 2.1 rule 2). */
export function invokeIdCounterBits(longInvokeIdAndPriority: number): number {
  return longInvokeIdAndPriority & INVOKE_ID_COUNTER_MASK;
}

export function readDlmsHeader(r: ByteReader): DlmsHeader {
  const longInvokeIdAndPriority = r.uintBE(LONG_INVOKE_ID_BYTES, 'long-invoke-id-and-priority');
  const len = r.length(DLMS_APDU_DATE_TIME_BYTES_MAX, 'APDU date-time length');
  if (len.value !== 0 && len.value !== DLMS_APDU_DATE_TIME_BYTES_MAX) {
    throw new GbcsDecodeError('bad-length', r.offset - 1, 'APDU date-time of 0 or 12 bytes');
  }
  const dateTime = r.take(len.value, 'APDU date-time');
  return len.longFormBytes === undefined
    ? { longInvokeIdAndPriority, dateTime }
    : { longInvokeIdAndPriority, dateTime, dateTimeLengthForm: len.longFormBytes };
}

export function writeDlmsHeader(w: ByteWriter, h: DlmsHeader): void {
  w.uintBE(h.longInvokeIdAndPriority, LONG_INVOKE_ID_BYTES);
  w.length(keepLengthForm(h.dateTime.length, h.dateTimeLengthForm));
  w.bytes(h.dateTime);
}

/** Reads an A-XDR list count checked against DLMS_ITEMS_MAX. */
export function readItemCount(r: ByteReader, what: string): { value: number; longFormBytes?: number } {
  return r.length(DLMS_ITEMS_MAX, what);
}

export function readCosemTarget(r: ByteReader): CosemTarget {
  const classId = r.uintBE(CLASS_ID_BYTES, 'class-id');
  const obis = formatObis(r.take(OBIS_BYTES, 'OBIS code'));
  const className = cosemClassName(classId);
  const objectName = obisObjectName(obis);
  return {
    classId,
    obis,
    ...(className === undefined ? {} : { className }),
    ...(objectName === undefined ? {} : { objectName }),
  };
}

export function writeCosemTarget(w: ByteWriter, t: CosemTarget): void {
  w.uintBE(t.classId, CLASS_ID_BYTES);
  w.bytes(parseObis(t.obis));
}

export function formatObis(bytes: Uint8Array): string {
  const [a, b, c, d, e, f] = Array.from(bytes);
  return `${a}-${b}:${c}.${d}.${e}.${f}`;
}

/** Inverse of formatObis; throws on a malformed string (an encoder input error, not wire data). */
export function parseObis(obis: string): Uint8Array {
  const m = OBIS_PATTERN.exec(obis);
  if (m === null) throw new RangeError(`OBIS must be A-B:C.D.E.F, got ${obis}`);
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > OBIS_VALUE_MAX)) throw new RangeError(`OBIS group above 255 in ${obis}`);
  return Uint8Array.from(parts);
}
