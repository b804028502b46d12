import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DuisXmlError } from '../errors.js';

// A DUIS document as a small ordered tree: elements keep their attributes in document order and
// their children (elements, text, comments) in order, so exclusive C14N (c14n.ts) and the
// enveloped-signature transform can work on exactly what was sent. fast-xml-parser (the chosen
// dependency, ARCHITECTURE.md) does the parsing; this file only reshapes its preserveOrder output.

/** Largest request body we parse: the 11.1 firmware template is the biggest DUIS request
 *  (a base64 image); 8 MiB leaves room for real images. Larger bodies are refused unparsed. */
export const XML_BYTES_MAX = 8 * 1024 * 1024;
/** Deepest element nesting accepted: DUIS bodies nest < 12 levels; refusing deeper input bounds recursion. */
export const XML_DEPTH_MAX = 64;
/** Nodes in one document: the largest template has a few hundred. */
export const XML_NODES_MAX = 100_000;

export interface XmlElement {
  readonly kind: 'element';
  /** Qualified name as written, e.g. 'sr:Request'. */
  readonly name: string;
  /** Attributes (namespace declarations included) in document order. */
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlNode[];
}
export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}
export interface XmlComment {
  readonly kind: 'comment';
  readonly text: string;
}
export type XmlNode = XmlElement | XmlText | XmlComment;

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  commentPropName: '#comment',
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as const;

type RawNode = Record<string, unknown>;

function convert(raw: RawNode, depth: number, budget: { nodes: number }): XmlNode {
  if (--budget.nodes < 0) throw new DuisXmlError('too-many-nodes', `more than ${XML_NODES_MAX} nodes`);
  if (depth > XML_DEPTH_MAX) throw new DuisXmlError('too-deep', `nesting deeper than ${XML_DEPTH_MAX}`);
  if ('#text' in raw) return { kind: 'text', text: String(raw['#text']) };
  if ('#comment' in raw) {
    const inner = raw['#comment'] as RawNode[];
    return { kind: 'comment', text: inner.map((n) => String(n['#text'] ?? '')).join('') };
  }
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (name === undefined) throw new DuisXmlError('not-well-formed', 'empty node');
  const attrObject = (raw[':@'] ?? {}) as Record<string, unknown>;
  const attrs = Object.entries(attrObject).map(([k, v]) => [k, String(v)] as const);
  const children = (raw[name] as RawNode[]).map((child) => convert(child, depth + 1, budget));
  return { kind: 'element', name, attrs, children: mergeText(children) };
}

/** The parser may split text around entities; C14N needs one text node per run. */
function mergeText(nodes: XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + node.text };
    else out.push(node);
  }
  return out;
}

/** What a character reference that would read as markup becomes (the parser decodes these five). */
const MARKUP_REFERENCES: Readonly<Record<string, string>> = { '<': '&lt;', '&': '&amp;', '"': '&quot;', "'": '&apos;', '>': '&gt;' };
/** CDATA sections and comments keep character references as written. */
const VERBATIM = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;

/**
 * Decodes character references (&#13; &#xD;) after line-end normalisation, as XML 1.0 4.1 says,
 * since fast-xml-parser decodes only the five named ones: Apache Santuario (DCC Boxed's signing
 * tool) writes a CR as &#13; inside long SignatureValue texts. Not valid characters: not-well-formed.
 */
function decodeCharacterReferences(text: string): string {
  return text
    .split(VERBATIM)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));/g, (_, hex: string | undefined, dec: string | undefined) => {
            const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
            const legal = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
            if (!legal) throw new DuisXmlError('not-well-formed', `character reference to U+${code.toString(16).toUpperCase()}`);
            const char = String.fromCodePoint(code);
            return MARKUP_REFERENCES[char] ?? char;
          }),
    )
    .join('');
}

/** Parses a document and returns its root element; DuisXmlError when it is not well-formed. */
export function parseXmlDocument(input: string): XmlElement {
  if (input.length > XML_BYTES_MAX) throw new DuisXmlError('too-large', `${input.length} characters, at most ${XML_BYTES_MAX}`);
  // XML 1.0 2.11: a parser normalises line ends to LF before anything else sees the text.
  const text = decodeCharacterReferences(input.replace(/\r\n?/g, '\n'));
  // A DTD could define entities (billion laughs, external entities); DUIS never has one.
  if (/<!DOCTYPE/i.test(text)) throw new DuisXmlError('doctype-forbidden', 'a DOCTYPE declaration');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new DuisXmlError('not-well-formed', `${valid.err.msg} (line ${valid.err.line})`);
  const raw = new XMLParser(PARSER_OPTIONS).parse(text) as RawNode[];
  const budget = { nodes: XML_NODES_MAX };
  const roots = raw.map((node) => convert(node, 0, budget)).filter((n): n is XmlElement => n.kind === 'element');
  if (roots.length !== 1) throw new DuisXmlError('not-well-formed', `${roots.length} root elements`);
  return roots[0]!;
}

/** Local part of a qualified name. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon);
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** The first child element with this local name. */
export function childByLocalName(el: XmlElement, local: string): XmlElement | undefined {
  return childElements(el).find((c) => localName(c.name) === local);
}

/** The concatenated text of an element's direct text children. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

export function attrOf(el: XmlElement, name: string): string | undefined {
  return el.attrs.find(([k]) => k === name)?.[1];
}

/** In-scope namespace declarations of an element given its ancestors' (prefix '' = default). */
export function namespacesIn(el: XmlElement, inherited: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(inherited);
  for (const [k, v] of el.attrs) {
    if (k === 'xmlns') out.set('', v);
    else if (k.startsWith('xmlns:')) out.set(k.slice(6), v);
  }
  return out;
}
