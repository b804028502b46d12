// Exclusive C14N and enveloped XMLDSig (dcc.md 3.4): canonical forms of hand-checked documents,
// every DUIS template re-signed with its originator's DS key verifies, and any change to the
// signed content, the signature or the named certificate is refused with a specific reason.

import { describe, expect, it } from 'vitest';
import { SignerDirectory } from '../../host/dcc/identities.js';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { DuisSignatureError } from '../../host/dcc/errors.js';
import { exclusiveC14n } from '../../host/dcc/xml/c14n.js';
import { parseXmlDocument } from '../../host/dcc/xml/xml-tree.js';
import { signerOf, verifyDocument } from '../../host/dcc/xml/xmldsig.js';
import { keystore, provider, readTemplate, templateNames } from './fixture.js';

const directory = new SignerDirectory(keystore, keystore.euis());
const resolve = (issuer: string, serial: bigint) => directory.resolve(issuer, serial);

function originatorOf(xml: string): string {
  return /<sr:RequestID>([0-9A-F-]+):/.exec(xml)![1]!.replace(/-/g, '');
}

describe('exclusive C14N', () => {
  it('renders only visibly used namespaces, sorts attributes, drops comments, expands empty elements', () => {
    const doc = parseXmlDocument(
      '<?xml version="1.0"?>\r\n<a:R xmlns:b="urn:b" xmlns:a="urn:a" z="1" a:y="2&amp;" b:x="&quot;"><!--c--><a:E/>\r\n<F xmlns="urn:f" q="\t"><G>1 &lt; 2 &gt; 0</G></F><a:H xmlns:a="urn:a"/></a:R>',
    );
    expect(exclusiveC14n(doc)).toBe(
      '<a:R xmlns:a="urn:a" xmlns:b="urn:b" z="1" a:y="2&amp;" b:x="&quot;"><a:E></a:E>\n<F xmlns="urn:f" q="&#x9;"><G>1 &lt; 2 &gt; 0</G></F><a:H></a:H></a:R>',
    );
  });

  it('renders a subtree with the namespaces it uses from its ancestors', () => {
    const doc = parseXmlDocument('<r:R xmlns:r="urn:r" xmlns:ds="urn:ds"><ds:S xmlns="urn:d"><ds:I a="1"/></ds:S></r:R>');
    const s = doc.children[0]!;
    if (s.kind !== 'element') throw new Error('element expected');
    expect(exclusiveC14n(s, new Map([['r', 'urn:r'], ['ds', 'urn:ds']]))).toBe('<ds:S xmlns:ds="urn:ds"><ds:I a="1"></ds:I></ds:S>');
  });
});

describe('XMLDSig over the DUIS templates', () => {
  const names = templateNames();

  it('the reference data has 297 templates, all with placeholder signatures that do not verify', () => {
    expect(names).toHaveLength(297);
    const root = parseXmlDocument(readTemplate(names[0]!));
    expect(signerOf(root).issuerName).toBe('CN=U1, OU=07');
    expect(() => verifyDocument(root, resolve, provider)).toThrow(DuisSignatureError);
  });

  it('every template re-signed with its originator DS key verifies and names the originator', () => {
    for (const name of names) {
      const xml = readTemplate(name);
      const eui = originatorOf(xml);
      const key = directory.signingKey(eui);
      expect(key, `${name}: DS key of ${eui}`).toBeDefined();
      const signed = prepareRequest(xml, key!, provider);
      expect(verifyDocument(parseXmlDocument(signed), resolve, provider).signerEui, name).toBe(eui);
      // RFC 6979: the same input signs to the same bytes.
      expect(prepareRequest(xml, key!, provider)).toBe(signed);
    }
  });

  it('refuses a changed body (digest-mismatch), a changed SignatureValue and an unknown certificate', () => {
    const xml = readTemplate(templateNames().find((n) => n.startsWith('ECS17b_4.1.1'))!);
    const key = directory.signingKey('90B3D51F30010000')!;
    const signed = prepareRequest(xml, key, provider);
    const reason = (text: string): string => {
      try {
        verifyDocument(parseXmlDocument(text), resolve, provider);
        return 'ok';
      } catch (error) {
        return (error as DuisSignatureError).reason;
      }
    };
    expect(reason(signed)).toBe('ok');
    expect(reason(signed.replace('<sr:CommandVariant>1<', '<sr:CommandVariant>2<'))).toBe('digest-mismatch');
    const value = /<ds:SignatureValue>([^<]+)</.exec(signed)![1]!;
    const flipped = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
    expect(reason(signed.replace(value, flipped))).toBe('signature-invalid');
    expect(reason(signed.replace(/<ds:X509SerialNumber>\d+</, '<ds:X509SerialNumber>1<'))).toBe('unknown-certificate');
    expect(reason(signed.replace('xmldsig-more#ecdsa-sha256', 'xmldsig-more#ecdsa-sha384'))).toBe('unsupported-algorithm');
  });
});
