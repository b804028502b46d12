// DLMS date-time (12 bytes, GBCS 5.3) as named fields. Wildcards (`FF`, `FFFF`) stay as their
// raw numbers, so the view is lossless and `encodeDlmsDateTime(decodeDlmsDateTime(b))` equals b.

import { GbcsDecodeError } from '../errors.js';
import { ByteReader, ByteWriter } from './bytes.js';

export const DLMS_DATE_TIME_BYTES = 12;
/** GBCS 5.3: deviation `80 00` = not specified. */
export const DEVIATION_NOT_SPECIFIED = -0x8000;

export interface DlmsDateTime {
  readonly year: number;
  readonly month: number;
  readonly dayOfMonth: number;
  /** 1 = Monday; 0xFF = not specified. */
  readonly dayOfWeek: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly hundredths: number;
  /** Minutes from local time to UTC, i16; DEVIATION_NOT_SPECIFIED when absent. */
  readonly deviation: number;
  readonly clockStatus: number;
}

const I16_SPAN = 0x10000;
const I16_MAX = 0x7fff;

export function decodeDlmsDateTime(bytes: Uint8Array, base = 0): DlmsDateTime {
  if (bytes.length !== DLMS_DATE_TIME_BYTES) {
    throw new GbcsDecodeError('bad-length', base, `${DLMS_DATE_TIME_BYTES}-byte DLMS date-time`);
  }
  const r = new ByteReader(bytes);
  const year = r.uintBE(2, 'year');
  const month = r.u8('month');
  const dayOfMonth = r.u8('day of month');
  const dayOfWeek = r.u8('day of week');
  const hour = r.u8('hour');
  const minute = r.u8('minute');
  const second = r.u8('second');
  const hundredths = r.u8('hundredths');
  const rawDeviation = r.uintBE(2, 'deviation');
  const clockStatus = r.u8('clock status');
  const deviation = rawDeviation > I16_MAX ? rawDeviation - I16_SPAN : rawDeviation;
  return { year, month, dayOfMonth, dayOfWeek, hour, minute, second, hundredths, deviation, clockStatus };
}

export function encodeDlmsDateTime(t: DlmsDateTime): Uint8Array {
  return new ByteWriter()
    .uintBE(t.year, 2)
    .u8(t.month)
    .u8(t.dayOfMonth)
    .u8(t.dayOfWeek)
    .u8(t.hour)
    .u8(t.minute)
    .u8(t.second)
    .u8(t.hundredths)
    .uintBE(t.deviation < 0 ? t.deviation + I16_SPAN : t.deviation, 2)
    .u8(t.clockStatus)
    .finish();
}
