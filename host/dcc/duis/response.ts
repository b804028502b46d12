import type { CryptoProvider } from '../../../gbcs/crypto/provider.js';
import { el, indented, text, textEl, writeXmlDocument } from '../xml/xml-write.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { DS_NS, signDocument, type SigningKey } from '../xml/xmldsig.js';
import { SR_NS } from './request.js';

// DUIS responses and alerts as dcc.md 5.2 writes them: namespace prefixes, element order and
// schemaVersion exactly as shown, ResponseDateTime in UTC with milliseconds, GBCSPayload base64
// without line breaks, signed by the DCC's XML signing key like a request (dcc.md 3.4).

export type ResponseBody =
  | { kind: 'gbcs'; srv: string; payload: Uint8Array; wrapper?: 'PreCommand' | 'FutureDatedDeviceAlertMessage' }
  | { kind: 'xml'; srv: string; elements: XmlElement[] }
  | { kind: 'device-alert'; alertCode: number; payload: Uint8Array }
  | { kind: 'dcc-alert'; dccAlertCode: string; relatedRequestId?: string; deviceId?: string; detail: string };

export interface ResponseHeader {
  requestId: string;
  responseCode: string;
  responseDateTimeMs: number;
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function serviceReference(srv: string): string {
  return srv.split('.').slice(0, 2).join('.');
}

function bodyElement(body: ResponseBody): XmlElement {
  switch (body.kind) {
    case 'gbcs': {
      const payload = textEl('sr:GBCSPayload', base64(body.payload));
      const inner = body.wrapper ? el(`sr:${body.wrapper}`, [], indented([payload], 5)) : payload;
      return el('sr:ResponseMessage', [], indented([textEl('sr:ServiceReference', serviceReference(body.srv)), textEl('sr:ServiceReferenceVariant', body.srv), inner], 3));
    }
    case 'xml':
      return el('sr:ResponseMessage', [], indented([textEl('sr:ServiceReference', serviceReference(body.srv)), textEl('sr:ServiceReferenceVariant', body.srv), ...body.elements], 3));
    case 'device-alert':
      return el('sr:DeviceAlertMessage', [], indented([
        textEl('sr:AlertCode', body.alertCode.toString(16).toUpperCase().padStart(4, '0')),
        textEl('sr:GBCSPayload', base64(body.payload)),
      ], 3));
    case 'dcc-alert': {
      const parts: XmlElement[] = [];
      if (body.relatedRequestId !== undefined) parts.push(textEl('sr:RelatedRequestID', body.relatedRequestId));
      if (body.deviceId !== undefined) parts.push(textEl('sr:DeviceID', body.deviceId));
      parts.push(textEl('sr:Detail', body.detail));
      return el('sr:DCCAlertMessage', [], indented([
        textEl('sr:DCCAlertCode', body.dccAlertCode),
        el('sr:DCCAlert', [], indented([el('sr:EmulatorAlert', [], indented(parts, 5))], 4)),
      ], 3));
    }
  }
}

/** The unsigned response tree. */
export function responseTree(header: ResponseHeader, body: ResponseBody | undefined): XmlElement {
  const headerEl = el('sr:Header', [], indented([
    textEl('sr:RequestID', header.requestId),
    textEl('sr:ResponseID', header.requestId),
    textEl('sr:ResponseCode', header.responseCode),
    textEl('sr:ResponseDateTime', new Date(header.responseDateTimeMs).toISOString()),
  ], 2));
  const children: XmlElement[] = [headerEl];
  if (body) children.push(el('sr:Body', [], indented([bodyElement(body)], 2)));
  return el('sr:Response', [['xmlns:sr', SR_NS], ['xmlns:ds', DS_NS], ['schemaVersion', '5.4']], [...indented(children, 1).slice(0, -1), text('\n')]);
}

/** A signed response document. */
export function responseDocument(header: ResponseHeader, body: ResponseBody | undefined, key: SigningKey, provider: CryptoProvider): string {
  const tree = responseTree(header, body);
  const signed = signDocument(tree, key, provider);
  // signDocument appends the signature after the last child; keep the closing tag on its own line.
  return writeXmlDocument(signed);
}
