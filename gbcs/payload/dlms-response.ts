// DLMS access-response (`DA`, GBCS 5.2): invoke-id echo, empty date-time, optional echo of the
// request specifications (absent in every RTDS response), N data items, N result specs. The
// decoded form zips data item k with result k; results are named from gbcs/tables/result-codes.ts.

import { GbcsDecodeError } from '../errors.js';
import { actionResultName, dataAccessResultName } from '../tables/result-codes.js';
import { readAxdr, writeAxdr, type AxdrData } from './axdr.js';
import { ByteReader, ByteWriter, keepLengthForm } from './bytes.js';
import { readDlmsHeader, readItemCount, writeDlmsHeader, type DlmsHeader } from './dlms-common.js';
import { readRequestSpec, writeRequestSpec, type AccessRequestItem } from './dlms-request.js';
import {
  ACCESS_RESPONSE_KINDS,
  AXDR_OPTIONAL_ABSENT,
  AXDR_OPTIONAL_PRESENT,
  dlmsApduTag,
  type AccessResponseKind,
} from './dlms-tags.js';

export interface AccessResponseItem {
  readonly kind: AccessResponseKind;
  /** data-access-result (get/set) or action-result (action), GBCS 5.2. */
  readonly result: number;
  /** Informational name of `result`; ignored by the encoder. */
  readonly resultName?: string;
  /** GET value, ACTION return value (protected reads: a ciphered block), or null-data. */
  readonly data: AxdrData;
}

export interface AccessResponse extends DlmsHeader {
  readonly apdu: 'access-response';
  readonly requestSpecs?: readonly Omit<AccessRequestItem, 'data'>[];
  readonly items: readonly AccessResponseItem[];
  readonly dataCountLengthForm?: number;
  readonly resultCountLengthForm?: number;
  readonly specCountLengthForm?: number;
}

export function readAccessResponse(r: ByteReader): AccessResponse {
  const header = readDlmsHeader(r);
  const flagAt = r.offset;
  const flag = r.u8('access-request-specification OPTIONAL flag');
  let requestSpecs: Omit<AccessRequestItem, 'data'>[] | undefined;
  let specCountLengthForm: number | undefined;
  if (flag === AXDR_OPTIONAL_PRESENT) {
    const specCount = readItemCount(r, 'echoed specification count');
    specCountLengthForm = specCount.longFormBytes;
    requestSpecs = [];
    for (let k = 0; k < specCount.value; k++) requestSpecs.push(readRequestSpec(r));
  } else if (flag !== AXDR_OPTIONAL_ABSENT) {
    throw new GbcsDecodeError('bad-value', flagAt, 'OPTIONAL flag 00 or 01');
  }
  const dataCount = readItemCount(r, 'access-response-list-of-data count');
  const data: AxdrData[] = [];
  for (let k = 0; k < dataCount.value; k++) data.push(readAxdr(r));
  const resultsAt = r.offset;
  const resultCount = readItemCount(r, 'access-response-specification count');
  if (resultCount.value !== dataCount.value) {
    throw new GbcsDecodeError('bad-value', resultsAt, `${dataCount.value} response specifications (one per data item)`);
  }
  const items = data.map((d): AccessResponseItem => readResultSpec(r, d));
  return {
    apdu: 'access-response',
    ...header,
    ...(requestSpecs === undefined ? {} : { requestSpecs }),
    items,
    ...(dataCount.longFormBytes === undefined ? {} : { dataCountLengthForm: dataCount.longFormBytes }),
    ...(resultCount.longFormBytes === undefined ? {} : { resultCountLengthForm: resultCount.longFormBytes }),
    ...(specCountLengthForm === undefined ? {} : { specCountLengthForm }),
  };
}

function readResultSpec(r: ByteReader, data: AxdrData): AccessResponseItem {
  const at = r.offset;
  const tag = r.u8('access-response-specification tag');
  const row = ACCESS_RESPONSE_KINDS.find((k) => k.tag === tag);
  if (row === undefined) throw new GbcsDecodeError('bad-tag', at, 'access-response-specification 1..3');
  const result = r.u8(row.resultTable === 'action' ? 'action-result' : 'data-access-result');
  const resultName = row.resultTable === 'action' ? actionResultName(result) : dataAccessResultName(result);
  return { kind: row.kind, result, ...(resultName === undefined ? {} : { resultName }), data };
}

export function writeAccessResponse(w: ByteWriter, a: AccessResponse): void {
  w.u8(dlmsApduTag('access-response'));
  writeDlmsHeader(w, a);
  if (a.requestSpecs === undefined) w.u8(AXDR_OPTIONAL_ABSENT);
  else {
    w.u8(AXDR_OPTIONAL_PRESENT);
    w.length(keepLengthForm(a.requestSpecs.length, a.specCountLengthForm));
    for (const s of a.requestSpecs) writeRequestSpec(w, s);
  }
  w.length(keepLengthForm(a.items.length, a.dataCountLengthForm));
  for (const item of a.items) writeAxdr(w, item.data);
  w.length(keepLengthForm(a.items.length, a.resultCountLengthForm));
  for (const item of a.items) {
    const row = ACCESS_RESPONSE_KINDS.find((k) => k.kind === item.kind);
    if (row === undefined) throw new RangeError(`unknown access-response kind ${item.kind}`); // encoder input
    w.u8(row.tag).u8(item.result);
  }
}
