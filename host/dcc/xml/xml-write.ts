import { escapeAttr, escapeText } from './c14n.js';
import type { XmlElement, XmlNode } from './xml-tree.js';

// Writes a tree back as XML text, keeping attribute order, namespace declarations and comments
// as they are (unlike C14N). Used to emit signed requests and responses: parsing the output gives
// the same tree, so a signature computed over the tree verifies over the text.

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function writeNode(node: XmlNode, out: string[]): void {
  if (node.kind === 'text') {
    out.push(escapeText(node.text));
    return;
  }
  if (node.kind === 'comment') {
    out.push('<!--', node.text, '-->');
    return;
  }
  out.push('<', node.name);
  for (const [k, v] of node.attrs) out.push(' ', k, '="', escapeAttr(v), '"');
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of node.children) writeNode(child, out);
  out.push('</', node.name, '>');
}

/** The document text: XML declaration, LF, root element. */
export function writeXmlDocument(root: XmlElement): string {
  const out: string[] = [XML_DECLARATION, '\n'];
  writeNode(root, out);
  out.push('\n');
  return out.join('');
}

/** Builders for generated documents (responses, signatures). */
export function el(name: string, attrs: readonly (readonly [string, string])[], children: readonly XmlNode[]): XmlElement {
  return { kind: 'element', name, attrs, children };
}

export function textEl(name: string, text: string): XmlElement {
  return { kind: 'element', name, attrs: [], children: [{ kind: 'text', text }] };
}

export function text(value: string): XmlNode {
  return { kind: 'text', text: value };
}

/** Children indented for readability: each element on its own line at `depth` two-space steps. */
export function indented(children: readonly XmlElement[], depth: number): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of children) out.push(text('\n' + '  '.repeat(depth)), child);
  out.push(text('\n' + '  '.repeat(depth - 1)));
  return out;
}
