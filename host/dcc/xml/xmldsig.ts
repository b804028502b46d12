import type { CryptoProvider } from '../../../gbcs/crypto/provider.js';
import { DuisSignatureError } from '../errors.js';
import { exclusiveC14n, inclusiveC14n } from './c14n.js';
import { el, textEl } from './xml-write.js';
import { type XmlElement, attrOf, childByLocalName, childElements, localName, namespacesIn, prefixOf, textOf } from './xml-tree.js';

// Enveloped XMLDSig as DUIS uses it (dcc.md 3.4): exclusive C14N, ECDSA P-256 with SHA-256, one
// Reference URI="" with the enveloped-signature transform, SHA-256 digest, KeyInfo naming the
// signing certificate by X509IssuerSerial. Our own code over c14n.ts; signing is deterministic
// (RFC 6979 in both crypto providers) so a re-signed template is the same bytes every run.
// The XMLDSig ECDSA signature value is the raw r || s pair (RFC 6931 2.3.6), base64.
// The Reference digest is over the inclusive canonical form when the enveloped-signature transform
// is the last one (XMLDSig 4.3.3.2: a node-set becomes octets by Canonical XML 1.0); the
// exclusive form only when an exc-c14n transform follows it. The ds:Signature we write has no
// whitespace inside: DCC Boxed's signing tool (Apache Santuario) drops whitespace-only text when it
// parses, so only compact signed XML verifies the same on both sides (test/dcc/interop-duis.test.ts).

export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const ALG = {
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

const RAW_SIGNATURE_BYTES = 64;

/** Who signed: the certificate named in KeyInfo (dcc.md 3.4). */
export interface SignerIdentity {
  /** X509IssuerName as written in KeyInfo (RFC 4514 text). */
  issuerName: string;
  serialNumber: bigint;
}

export interface SigningKey extends SignerIdentity {
  /** 32-byte P-256 private scalar. */
  privateKey: Uint8Array;
}

/** Resolves a KeyInfo X509IssuerSerial to the signer's EUI and DS public key. */
export type CertificateResolver = (issuerName: string, serialNumber: bigint) => { eui: string; publicKey: Uint8Array } | undefined;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function isSignature(node: XmlElement, scope: ReadonlyMap<string, string>): boolean {
  return localName(node.name) === 'Signature' && namespacesIn(node, scope).get(prefixOf(node.name)) === DS_NS;
}

/** Index in root.children of the enveloped ds:Signature, or -1. */
export function signatureIndex(root: XmlElement): number {
  const scope = namespacesIn(root, new Map());
  return root.children.findIndex((c) => c.kind === 'element' && isSignature(c, scope));
}

function withoutSignature(root: XmlElement, index: number): XmlElement {
  return { ...root, children: root.children.filter((_, i) => i !== index) };
}

/** SHA-256 of the canonical document with the signature removed (the enveloped-signature transform). */
function documentDigest(root: XmlElement, index: number, provider: CryptoProvider, canonical: 'inclusive' | 'exclusive'): Uint8Array {
  const body = index < 0 ? root : withoutSignature(root, index);
  return provider.sha256(utf8(canonical === 'inclusive' ? inclusiveC14n(body) : exclusiveC14n(body)));
}

function signedInfoElement(digest: Uint8Array): XmlElement {
  const alg = (name: string, algorithm: string): XmlElement => el(name, [['Algorithm', algorithm]], []);
  const reference = el('ds:Reference', [['URI', '']], [
    el('ds:Transforms', [], [alg('ds:Transform', ALG.enveloped)]),
    alg('ds:DigestMethod', ALG.sha256),
    textEl('ds:DigestValue', b64(digest)),
  ]);
  return el('ds:SignedInfo', [], [alg('ds:CanonicalizationMethod', ALG.excC14n), alg('ds:SignatureMethod', ALG.ecdsaSha256), reference]);
}

/**
 * Signs a document: removes any ds:Signature of the root, computes the digest, and puts a new
 * signature where the old one was (or last). The root must declare xmlns:ds (all DUIS messages do).
 */
export function signDocument(root: XmlElement, key: SigningKey, provider: CryptoProvider): XmlElement {
  const scope = namespacesIn(root, new Map());
  if (scope.get('ds') !== DS_NS) throw new DuisSignatureError('malformed', 'the root does not declare xmlns:ds');
  const old = signatureIndex(root);
  const base = old < 0 ? root : withoutSignature(root, old);
  const insertAt = old < 0 ? base.children.length : old;
  // The digest covers exactly the document that results, minus the signature element.
  const digest = documentDigest(base, -1, provider, 'inclusive');
  const signedInfo = signedInfoElement(digest);
  const signatureValue = provider.ecdsaSign(key.privateKey, utf8(exclusiveC14n(signedInfo, scope)));
  const keyInfo = el('ds:KeyInfo', [], [
    el('ds:X509Data', [], [el('ds:X509IssuerSerial', [], [textEl('ds:X509IssuerName', key.issuerName), textEl('ds:X509SerialNumber', key.serialNumber.toString())])]),
  ]);
  const signature = el('ds:Signature', [], [signedInfo, textEl('ds:SignatureValue', b64(signatureValue)), keyInfo]);
  const children = [...base.children];
  children.splice(insertAt, 0, signature);
  return { ...root, children };
}

function requireChild(parent: XmlElement, local: string): XmlElement {
  const child = childByLocalName(parent, local);
  if (!child) throw new DuisSignatureError('malformed', `no ds:${local} in ds:${localName(parent.name)}`);
  return child;
}

function requireAlgorithm(parent: XmlElement, local: string, expected: string): void {
  const algorithm = attrOf(requireChild(parent, local), 'Algorithm');
  if (algorithm !== expected) throw new DuisSignatureError('unsupported-algorithm', `${local} '${String(algorithm)}', expected '${expected}'`);
}

/** Reads the KeyInfo of a document's signature; DuisSignatureError if there is none. */
export function signerOf(root: XmlElement): SignerIdentity {
  const index = signatureIndex(root);
  if (index < 0) throw new DuisSignatureError('no-signature', 'no enveloped ds:Signature');
  const serial = requireChild(requireChild(requireChild(requireChild(root.children[index] as XmlElement, 'KeyInfo'), 'X509Data'), 'X509IssuerSerial'), 'X509SerialNumber');
  const issuer = requireChild(requireChild(requireChild(requireChild(root.children[index] as XmlElement, 'KeyInfo'), 'X509Data'), 'X509IssuerSerial'), 'X509IssuerName');
  const serialText = textOf(serial).trim();
  if (!/^[0-9]{1,60}$/.test(serialText)) throw new DuisSignatureError('malformed', `X509SerialNumber '${serialText}'`);
  return { issuerName: textOf(issuer).trim(), serialNumber: BigInt(serialText) };
}

/** Verifies the enveloped signature; returns the signer's EUI, or throws DuisSignatureError. */
export function verifyDocument(root: XmlElement, resolve: CertificateResolver, provider: CryptoProvider): { signerEui: string } {
  const index = signatureIndex(root);
  if (index < 0) throw new DuisSignatureError('no-signature', 'no enveloped ds:Signature');
  const signature = root.children[index] as XmlElement;
  const signedInfo = requireChild(signature, 'SignedInfo');
  requireAlgorithm(signedInfo, 'CanonicalizationMethod', ALG.excC14n);
  requireAlgorithm(signedInfo, 'SignatureMethod', ALG.ecdsaSha256);
  const references = childElements(signedInfo).filter((c) => localName(c.name) === 'Reference');
  if (references.length !== 1 || attrOf(references[0]!, 'URI') !== '') throw new DuisSignatureError('malformed', 'exactly one Reference URI=""');
  const reference = references[0]!;
  const transforms = childElements(requireChild(reference, 'Transforms')).map((t) => attrOf(t, 'Algorithm'));
  if (!transforms.includes(ALG.enveloped) || transforms.some((t) => t !== ALG.enveloped && t !== ALG.excC14n)) {
    throw new DuisSignatureError('unsupported-algorithm', `transforms ${transforms.join(', ')}`);
  }
  requireAlgorithm(reference, 'DigestMethod', ALG.sha256);
  const { issuerName, serialNumber } = signerOf(root);
  const signer = resolve(issuerName, serialNumber);
  if (!signer) throw new DuisSignatureError('unknown-certificate', `no certificate issued by '${issuerName}' with serial ${serialNumber}`);
  const digest = documentDigest(root, index, provider, transforms.at(-1) === ALG.excC14n ? 'exclusive' : 'inclusive');
  const claimed = fromB64(textOf(requireChild(reference, 'DigestValue')));
  if (b64(claimed) !== b64(digest)) throw new DuisSignatureError('digest-mismatch', 'the document does not match DigestValue');
  const value = fromB64(textOf(requireChild(signature, 'SignatureValue')));
  if (value.length !== RAW_SIGNATURE_BYTES) throw new DuisSignatureError('signature-invalid', `SignatureValue of ${value.length} bytes, expected r || s (64)`);
  const scope = namespacesIn(signature, namespacesIn(root, new Map()));
  if (!provider.ecdsaVerify(signer.publicKey, utf8(exclusiveC14n(signedInfo, scope)), value)) {
    throw new DuisSignatureError('signature-invalid', 'ECDSA verification failed');
  }
  return { signerEui: signer.eui };
}
