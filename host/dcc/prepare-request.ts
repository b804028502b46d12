import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import { childByLocalName, childElements, localName, parseXmlDocument, textOf, type XmlElement, type XmlNode } from './xml/xml-tree.js';
import { signDocument, type SigningKey } from './xml/xmldsig.js';
import { writeXmlDocument } from './xml/xml-write.js';

// Preparing a DUIS request as a real User's tooling does (dcc.md 3.2, 3.5, DCC Boxed signing
// tooling [K]): set a fresh originator counter, move execution dates into the run's time, and
// sign with the User's DS key. Used by the template walk and by clients of the library; the
// DCC side never calls it.

/** The 3000-12-31 cancellation value is kept as is (dcc.md 3.5). */
export const CANCELLATION_DATE_TIME = '3000-12-31T00:00:00.00Z';

export interface PrepareOptions {
  /** Replaces the RequestID's counter. */
  counter?: bigint;
  /** Replaces the RequestID (whole text); wins over `counter`. */
  requestId?: string;
  /** Replaces CommandVariant. */
  cv?: number;
  /** Maps each date-time element's value (ExecutionDateTime and other xs:dateTime fields); the
   *  cancellation value is never passed. */
  redate?: (value: string, elementName: string) => string;
  /** Replaces the body (CV 5-7 send sr:SignedPreCommand). */
  body?: XmlElement;
  /** The same as `body`, given as XML text. */
  bodyXml?: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

function mapTree(node: XmlNode, fn: (el: XmlElement) => XmlElement | undefined, depth: number): XmlNode {
  if (node.kind !== 'element' || depth > 64) return node;
  const replaced = fn(node);
  if (replaced) return replaced;
  return { ...node, children: node.children.map((c) => mapTree(c, fn, depth + 1)) };
}

function withText(el: XmlElement, value: string): XmlElement {
  return { ...el, children: [{ kind: 'text', text: value }] };
}

/** Applies the options to a parsed request (no signing). */
export function rewriteRequest(root: XmlElement, options: PrepareOptions): XmlElement {
  const opts = options.bodyXml === undefined ? options : { ...options, body: parseXmlDocument(options.bodyXml) };
  return mapTree(root, (el) => {
    const local = localName(el.name);
    const value = textOf(el).trim();
    if (local === 'RequestID' && (opts.requestId !== undefined || opts.counter !== undefined)) {
      const next = opts.requestId ?? value.split(':').slice(0, 2).concat(String(opts.counter)).join(':');
      return withText(el, next);
    }
    if (local === 'CommandVariant' && opts.cv !== undefined) return withText(el, String(opts.cv));
    if (local === 'Body' && opts.body !== undefined) {
      const first = el.children.findIndex((c) => c.kind === 'element');
      return { ...el, children: el.children.map((c, i) => (i === first ? opts.body! : c)) };
    }
    if (opts.redate && childElements(el).length === 0 && DATE_TIME.test(value) && value !== CANCELLATION_DATE_TIME) {
      return withText(el, opts.redate(value, local));
    }
    return undefined;
  }, 0) as XmlElement;
}

/** Rewrites and signs a request text; returns the new document text. */
export function prepareRequest(text: string, key: SigningKey, provider: CryptoProvider, opts: PrepareOptions = {}): string {
  const root = rewriteRequest(parseXmlDocument(text), opts);
  return writeXmlDocument(signDocument(root, key, provider));
}

/** The RequestID text of a request document. */
export function requestIdOf(root: XmlElement): string | undefined {
  const header = childByLocalName(root, 'Header');
  const id = header ? childByLocalName(header, 'RequestID') : undefined;
  return id ? textOf(id).trim() : undefined;
}
