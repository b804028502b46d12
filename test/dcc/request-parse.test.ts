// DUIS request structure (dcc.md 2.4 step 2, 3.1, 3.2): the structural checks that stand in for
// the XSD, each refusing with DuisXmlError 'schema' (or a size / well-formedness reason), and
// the parse bounds at max and max + 1.

import { describe, expect, it } from 'vitest';
import { parseDuisRequest } from '../../host/dcc/duis/request.js';
import { DuisXmlError } from '../../host/dcc/errors.js';
import { parseXmlDocument, XML_BYTES_MAX, XML_DEPTH_MAX } from '../../host/dcc/xml/xml-tree.js';
import { readTemplate } from './fixture.js';

const TEMPLATE = readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML');

function reason(text: string): string {
  try {
    parseDuisRequest(text);
    return 'ok';
  } catch (error) {
    if (!(error instanceof DuisXmlError)) throw error;
    return error.reason;
  }
}

describe('DUIS request structure', () => {
  it('accepts a template and reads its header', () => {
    const r = parseDuisRequest(TEMPLATE);
    expect([r.requestId.originator, r.requestId.target, r.requestId.counter, r.cv, r.serviceReference, r.srv]).toEqual([
      '90-B3-D5-1F-30-02-00-00', '00-DB-12-34-56-78-90-A0', 1200n, 1, '4.2', '4.2',
    ]);
  });

  it.each([
    ['schemaVersion 5.3', TEMPLATE.replace('schemaVersion="5.4"', 'schemaVersion="5.3"')],
    ['header fields out of order', TEMPLATE.replace(/(<sr:CommandVariant>1<\/sr:CommandVariant>)(\s*)(<sr:ServiceReference>4.2<\/sr:ServiceReference>)/, '$3$2$1')],
    ['ServiceReference not the SRV prefix', TEMPLATE.replace('<sr:ServiceReference>4.2<', '<sr:ServiceReference>4.1<')],
    ['CommandVariant 9', TEMPLATE.replace('<sr:CommandVariant>1<', '<sr:CommandVariant>9<')],
    ['a counter over 64 bits', TEMPLATE.replace(':1200<', ':18446744073709551616<')],
    ['a lower-case EUI', TEMPLATE.replace('90-B3-D5-1F-30-02-00-00:', '90-b3-d5-1f-30-02-00-00:')],
    ['two body elements', TEMPLATE.replace('</sr:Body>', '<sr:ReadInstantaneousExportRegisters/></sr:Body>')],
    ['no signature', TEMPLATE.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')],
    ['a body element of another SRV', TEMPLATE.replace(/ReadInstantaneousExportRegisters/g, 'ReadInstantaneousImportRegisters')],
  ])('refuses %s as a schema failure', (_name, text) => {
    expect(reason(text)).toBe('schema');
  });

  it('refuses malformed XML and any DOCTYPE', () => {
    expect(reason(TEMPLATE.replace('</sr:Header>', ''))).toBe('not-well-formed');
    expect(reason(`<!DOCTYPE x [<!ENTITY a "b">]>${TEMPLATE.replace(/^<\?xml[^>]*>/, '')}`)).toBe('doctype-forbidden');
  });

  it(`parses ${XML_DEPTH_MAX} levels of nesting and refuses ${XML_DEPTH_MAX + 1}`, () => {
    const nested = (depth: number): string => '<a>'.repeat(depth + 1) + '</a>'.repeat(depth + 1);
    expect(() => parseXmlDocument(nested(XML_DEPTH_MAX))).not.toThrow();
    expect(() => parseXmlDocument(nested(XML_DEPTH_MAX + 1))).toThrow(expect.objectContaining({ reason: 'too-deep' }));
  });

  it(`refuses a document over ${XML_BYTES_MAX} characters before parsing it`, () => {
    const padding = ' '.repeat(XML_BYTES_MAX - '<a></a>'.length);
    expect(() => parseXmlDocument(`<a>${padding}</a>`)).not.toThrow();
    expect(() => parseXmlDocument(`<a>${padding} </a>`)).toThrow(expect.objectContaining({ reason: 'too-large' }));
  });
});
