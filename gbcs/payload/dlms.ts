// DLMS/COSEM payloads (GBCS 5): the first content byte selects access-request (`D9`),
// access-response (`DA`) or data-notification (`0F`). One entry point each way; the APDU codecs
// live in dlms-request.ts, dlms-response.ts and dlms-notification.ts.

import { GbcsDecodeError } from '../errors.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { readDataNotification, writeDataNotification, type DataNotification } from './dlms-notification.js';
import { readAccessRequest, writeAccessRequest, type AccessRequest } from './dlms-request.js';
import { readAccessResponse, writeAccessResponse, type AccessResponse } from './dlms-response.js';
import { dlmsApduByTag } from './dlms-tags.js';

export type DlmsPayload = AccessRequest | AccessResponse | DataNotification;

/** Decodes a complete DLMS payload; trailing bytes are an error. */
export function decodeDlms(content: Uint8Array, useCase?: string): DlmsPayload {
  const r = new ByteReader(content);
  const tag = r.u8('DLMS APDU tag');
  const apdu = dlmsApduByTag(tag);
  let out: DlmsPayload;
  switch (apdu) {
    case 'access-request':
      out = readAccessRequest(r);
      break;
    case 'access-response':
      out = readAccessResponse(r);
      break;
    case 'data-notification':
      out = readDataNotification(r);
      break;
    case undefined:
      throw new GbcsDecodeError('bad-tag', 0, 'DLMS APDU D9, DA or 0F', useCase);
  }
  r.finish('DLMS APDU');
  return out;
}

export function encodeDlms(p: DlmsPayload): Uint8Array {
  const w = new ByteWriter();
  switch (p.apdu) {
    case 'access-request':
      writeAccessRequest(w, p);
      break;
    case 'access-response':
      writeAccessResponse(w, p);
      break;
    case 'data-notification':
      writeDataNotification(w, p);
      break;
  }
  return w.finish();
}
