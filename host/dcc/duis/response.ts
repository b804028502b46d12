import type { CryptoProvider } from '../../../gbcs/crypto/provider.js';
import { el, textEl, writeXmlDocument } from '../xml/xml-write.js';
import type { XmlElement } from '../xml/xml-tree.js';
import { DS_NS, signDocument, type SigningKey } from '../xml/xmldsig.js';
import { SR_NS } from './request.js';

// DUIS responses and alerts as dcc.md 5.2 writes them: namespace prefixes, element order and
// schemaVersion exactly as shown, ResponseDateTime in UTC with milliseconds, GBCSPayload base64
// without line breaks, signed by the DCC's XML signing key like a request (dcc.md 3.4).
// Two departures found against the DUIS 5.1 XSD and DCC Boxed's tooling (test/dcc/interop-duis.test.ts):
// documents are written without indentation (its signing tool drops whitespace-only text, so an
// indented document's signature fails there), and an acknowledgement or error still carries
// sr:Body/sr:ResponseMessage with ServiceReference and ServiceReferenceVariant when the SRV is
// known (the XSD requires a Body; dcc.md 5.2 shows none).

export type ResponseBody =
  | { kind: 'gbcs'; srv: string; payload: Uint8Array; wrapper?: 'PreCommand' | 'FutureDatedDeviceAlertMessage' }
  | { kind: 'xml'; srv: string; elements: XmlElement[] }
  | { kind: 'device-alert'; alertCode: number; payload: Uint8Array }
  | { kind: 'dcc-alert'; dccAlertCode: string; relatedRequestId?: string; deviceId?: string; detail: string };

export interface ResponseHeader {
  requestId: string;
  responseCode: string;
  responseDateTimeMs: number;
  /** The request's SRV, for the ResponseMessage of a response without data (I99, E codes). */
  srv?: string;
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
      const inner = body.wrapper ? el(`sr:${body.wrapper}`, [], [payload]) : payload;
      return el('sr:ResponseMessage', [], [textEl('sr:ServiceReference', serviceReference(body.srv)), textEl('sr:ServiceReferenceVariant', body.srv), inner]);
    }
    case 'xml':
      return el('sr:ResponseMessage', [], [textEl('sr:ServiceReference', serviceReference(body.srv)), textEl('sr:ServiceReferenceVariant', body.srv), ...body.elements]);
    case 'device-alert':
      return el('sr:DeviceAlertMessage', [], [
        textEl('sr:AlertCode', body.alertCode.toString(16).toUpperCase().padStart(4, '0')),
        textEl('sr:GBCSPayload', base64(body.payload)),
      ]);
    case 'dcc-alert': {
      const parts: XmlElement[] = [];
      if (body.relatedRequestId !== undefined) parts.push(textEl('sr:RelatedRequestID', body.relatedRequestId));
      if (body.deviceId !== undefined) parts.push(textEl('sr:DeviceID', body.deviceId));
      parts.push(textEl('sr:Detail', body.detail));
      return el('sr:DCCAlertMessage', [], [
        textEl('sr:DCCAlertCode', body.dccAlertCode),
        el('sr:DCCAlert', [], [el('sr:EmulatorAlert', [], parts)]),
      ]);
    }
  }
}

/** The unsigned response tree. */
export function responseTree(header: ResponseHeader, body: ResponseBody | undefined): XmlElement {
  const headerEl = el('sr:Header', [], [
    textEl('sr:RequestID', header.requestId),
    textEl('sr:ResponseID', header.requestId),
    textEl('sr:ResponseCode', header.responseCode),
    textEl('sr:ResponseDateTime', new Date(header.responseDateTimeMs).toISOString()),
  ]);
  const children: XmlElement[] = [headerEl];
  if (body) children.push(el('sr:Body', [], [bodyElement(body)]));
  else if (header.srv !== undefined) {
    children.push(el('sr:Body', [], [el('sr:ResponseMessage', [], [textEl('sr:ServiceReference', serviceReference(header.srv)), textEl('sr:ServiceReferenceVariant', header.srv)])]));
  }
  return el('sr:Response', [['xmlns:sr', SR_NS], ['xmlns:ds', DS_NS], ['schemaVersion', '5.4']], children);
}

/** A signed response document. */
export function responseDocument(header: ResponseHeader, body: ResponseBody | undefined, key: SigningKey, provider: CryptoProvider): string {
  const tree = responseTree(header, body);
  return writeXmlDocument(signDocument(tree, key, provider));
}
