// DLMS data-notification (`0F`, GBCS 9.1): long-invoke-id (alert counter), empty date-time and a
// notification body. Device alerts carry structure{ long-unsigned alert code, octet-string(12)
// date-time, use-case items... }; that is exposed as a named, informational `alert` view while
// `body` stays the source the encoder writes.

import { alertName } from '../tables/alert-codes.js';
import { readAxdr, writeAxdr, type AxdrData } from './axdr.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { formatObis, readDlmsHeader, writeDlmsHeader, type DlmsHeader } from './dlms-common.js';
import { decodeDlmsDateTime, DLMS_DATE_TIME_BYTES, type DlmsDateTime } from './dlms-date-time.js';
import { CLASS_ID_BYTES, dlmsApduTag, OBIS_BYTES } from './dlms-tags.js';

/** GBCS 9.3: body of a future-dated execution alert (0x8F66/0x8F67), 19 bytes. */
export interface FutureDatedExecution {
  readonly messageCode: number;
  readonly originatorCounter: bigint;
  readonly classId: number;
  readonly obis: string;
  readonly attributeId: number;
}

export interface DlmsAlertView {
  readonly alertCode: number;
  readonly alertName?: string;
  readonly timestamp: DlmsDateTime;
  /** Use-case specific items after the timestamp (GBCS 9.1). */
  readonly details: readonly AxdrData[];
  readonly futureDated?: FutureDatedExecution;
}

export interface DataNotification extends DlmsHeader {
  readonly apdu: 'data-notification';
  readonly body: AxdrData;
  /** Informational; recomputed on decode, ignored by the encoder. */
  readonly alert?: DlmsAlertView;
}

const MESSAGE_CODE_BYTES = 2;
const COUNTER_BYTES = 8;
const FUTURE_DATED_BYTES = MESSAGE_CODE_BYTES + COUNTER_BYTES + CLASS_ID_BYTES + OBIS_BYTES + 1;

export function readDataNotification(r: ByteReader): DataNotification {
  const header = readDlmsHeader(r);
  const body = readAxdr(r);
  const alert = alertView(body);
  return { apdu: 'data-notification', ...header, body, ...(alert === undefined ? {} : { alert }) };
}

export function writeDataNotification(w: ByteWriter, n: DataNotification): void {
  w.u8(dlmsApduTag('data-notification'));
  writeDlmsHeader(w, n);
  writeAxdr(w, n.body);
}

function alertView(body: AxdrData): DlmsAlertView | undefined {
  if (body.type !== 'structure') return undefined;
  const [code, time, ...details] = body.items;
  if (code?.type !== 'long-unsigned' || time?.type !== 'octet-string') return undefined;
  if (time.value.length !== DLMS_DATE_TIME_BYTES) return undefined;
  const name = alertName(code.value);
  const first = details[0];
  const futureDated =
    first?.type === 'octet-string' && first.value.length === FUTURE_DATED_BYTES ? futureDatedView(first.value) : undefined;
  return {
    alertCode: code.value,
    ...(name === undefined ? {} : { alertName: name }),
    timestamp: decodeDlmsDateTime(time.value),
    details,
    ...(futureDated === undefined ? {} : { futureDated }),
  };
}

function futureDatedView(bytes: Uint8Array): FutureDatedExecution {
  const r = new ByteReader(bytes);
  const messageCode = r.uintBE(MESSAGE_CODE_BYTES, 'message code');
  const originatorCounter = r.u64BE('originator counter');
  const classId = r.uintBE(CLASS_ID_BYTES, 'class-id');
  const obis = formatObis(r.take(OBIS_BYTES, 'OBIS'));
  const attributeId = r.i8('attribute-id');
  return { messageCode, originatorCounter, classId, obis, attributeId };
}
