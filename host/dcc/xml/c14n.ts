import { DuisXmlError } from '../errors.js';
import { type XmlElement, type XmlNode, localName, namespacesIn, prefixOf } from './xml-tree.js';

// Exclusive XML Canonicalization 1.0 without comments (W3C xml-exc-c14n, the CanonicalizationMethod
// of every DUIS signature, dcc.md 3.4), over the tree of xml-tree.ts. Our own implementation:
// - a namespace declaration is output on an element only when the element or one of its
//   attributes visibly uses the prefix and the nearest output ancestor did not already declare
//   it with the same URI (exc-c14n 3);
// - namespace declarations sorted by prefix (default first), attributes by (namespace URI, local
//   name), unqualified attributes first (C14N 1.0 2.2);
// - comments dropped, empty elements written as start/end pairs, text and attribute values
//   escaped as C14N 1.0 2.3 says.
// The input is one element subtree; `inherited` holds the namespaces in scope at its parent
// (what exc-c14n needs to render a detached subtree such as ds:SignedInfo).
// Inclusive Canonical XML 1.0 (inclusiveC14n) differs only in the namespaces: every one in scope
// is output where the nearest output ancestor did not already declare it. XMLDSig converts the
// enveloped-signature transform's node-set to octets with it when no other canonicalization
// transform follows (XMLDSig 4.3.3.2), which is how DUIS references are digested.

/** Text node escaping (C14N 1.0 2.3). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Attribute value escaping (C14N 1.0 2.3). */
export function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

const isNamespaceDecl = (name: string): boolean => name === 'xmlns' || name.startsWith('xmlns:');

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Mode = 'exclusive' | 'inclusive';

function renderElement(el: XmlElement, inScope: ReadonlyMap<string, string>, rendered: ReadonlyMap<string, string>, out: string[], mode: Mode): void {
  const scope = namespacesIn(el, inScope);
  const plainAttrs = el.attrs.filter(([k]) => !isNamespaceDecl(k));
  const used = new Set<string>([prefixOf(el.name)]);
  for (const [k] of plainAttrs) if (prefixOf(k) !== '' && prefixOf(k) !== 'xml') used.add(prefixOf(k));
  if (mode === 'inclusive') for (const prefix of scope.keys()) if (prefix !== 'xml') used.add(prefix);
  const nextRendered = new Map(rendered);
  const decls: [string, string][] = [];
  for (const prefix of used) {
    const uri = scope.get(prefix);
    if (uri === undefined && prefix !== '') throw new DuisXmlError('schema', `undeclared namespace prefix '${prefix}'`);
    const value = uri ?? '';
    // The default namespace counts as rendered-empty at the apex, so xmlns="" appears only to undo a non-empty one.
    const already = prefix === '' ? (rendered.get('') ?? '') === value : rendered.get(prefix) === value;
    if (already) continue;
    decls.push([prefix, value]);
    nextRendered.set(prefix, value);
  }
  decls.sort((a, b) => compareCodeUnits(a[0], b[0]));
  const attrs = plainAttrs.map(([k, v]) => ({ uri: prefixOf(k) === '' ? '' : (scope.get(prefixOf(k)) ?? ''), local: localName(k), name: k, value: v }));
  attrs.sort((a, b) => compareCodeUnits(a.uri, b.uri) || compareCodeUnits(a.local, b.local));
  out.push('<', el.name);
  for (const [prefix, uri] of decls) out.push(prefix === '' ? ' xmlns="' : ` xmlns:${prefix}="`, escapeAttr(uri), '"');
  for (const a of attrs) out.push(' ', a.name, '="', escapeAttr(a.value), '"');
  out.push('>');
  renderChildren(el.children, scope, nextRendered, out, mode);
  out.push('</', el.name, '>');
}

function renderChildren(children: readonly XmlNode[], scope: ReadonlyMap<string, string>, rendered: ReadonlyMap<string, string>, out: string[], mode: Mode): void {
  for (const child of children) {
    if (child.kind === 'text') out.push(escapeText(child.text));
    else if (child.kind === 'element') renderElement(child, scope, rendered, out, mode);
    // comments: dropped (exc-c14n without comments)
  }
}

/** The exclusive canonical form of `el`, given the namespaces in scope at its parent. */
export function exclusiveC14n(el: XmlElement, inherited: ReadonlyMap<string, string> = new Map()): string {
  const out: string[] = [];
  renderElement(el, inherited, new Map(), out, 'exclusive');
  return out.join('');
}

/** The inclusive canonical form (C14N 1.0 without comments) of a document's root element. */
export function inclusiveC14n(root: XmlElement): string {
  const out: string[] = [];
  renderElement(root, new Map(), new Map(), out, 'inclusive');
  return out.join('');
}
