// X.509 v3 certificate reader (RFC 5280) for the GBCS certificate profile (GBCS 4.7): P-256
// keys, ecdsa-with-SHA256, the extensions the reference keystore uses. Pure TypeScript over
// der.ts, so it runs in a browser; tests cross-check it against node:crypto's X509Certificate.

import { GbcsDecodeError } from '../errors.js';
import {
  DER_TAG,
  type DerElement,
  contextTag,
  derBitStringBytes,
  derChildren,
  derOid,
  derString,
  derUnsignedInteger,
  expectTag,
  readDer,
  readDerWhole,
} from './der.js';
import { KEY_USAGE_DER, OID } from './oids.js';
import { parseSpki } from './spki.js';

/** One attribute of a distinguished name; x500UniqueIdentifier keeps its BIT STRING bytes. */
export interface NameAttribute {
  readonly oid: string;
  readonly value: string | Uint8Array;
}

export type KeyUsageName = 'digitalSignature' | 'keyAgreement' | 'keyCertSign' | 'other';

export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** The signed TBSCertificate bytes. */
  readonly tbs: Uint8Array;
  readonly serialNumber: bigint;
  readonly issuer: readonly NameAttribute[];
  readonly subject: readonly NameAttribute[];
  /** Validity as written (UTCTime or GeneralizedTime text, e.g. '99991231235959Z'). */
  readonly notBefore: string;
  readonly notAfter: string;
  readonly publicKey: Uint8Array;
  readonly keyUsage: KeyUsageName | undefined;
  readonly subjectKeyId: Uint8Array | undefined;
  readonly authorityKeyId: Uint8Array | undefined;
  /** hwSerialNum of the SAN hardwareModuleName (device certificates, GBCS 4.7). */
  readonly hardwareModuleSerial: Uint8Array | undefined;
  readonly policies: readonly string[];
  /** ecdsa-with-SHA256 signature as raw r || s (64 bytes). */
  readonly signature: Uint8Array;
}

/** More extensions than any GBCS certificate has; bounds the extension loop. */
export const CERTIFICATE_EXTENSIONS_MAX = 16;

function parseName(el: DerElement): NameAttribute[] {
  expectTag(el, DER_TAG.sequence, 'Name');
  const attributes: NameAttribute[] = [];
  for (const rdn of derChildren(el)) {
    expectTag(rdn, DER_TAG.set, 'RelativeDistinguishedName');
    for (const atv of derChildren(rdn)) {
      expectTag(atv, DER_TAG.sequence, 'AttributeTypeAndValue');
      const [type, value] = derChildren(atv);
      if (type === undefined || value === undefined) throw new GbcsDecodeError('truncated', atv.offset, 'attribute type and value');
      const oid = derOid(type);
      attributes.push({ oid, value: value.tag === DER_TAG.bitString ? derBitStringBytes(value) : derString(value) });
    }
  }
  return attributes;
}

function keyUsageName(bits: Uint8Array): KeyUsageName {
  const same = (a: Uint8Array): boolean => a.length === bits.length && a.every((b, i) => b === bits[i]);
  if (same(KEY_USAGE_DER.digitalSignature)) return 'digitalSignature';
  if (same(KEY_USAGE_DER.keyAgreement)) return 'keyAgreement';
  if (same(KEY_USAGE_DER.keyCertSign)) return 'keyCertSign';
  return 'other';
}

/** hwSerialNum from SubjectAltName ::= SEQUENCE { [0] otherName { type-id, [0] { SEQ { hwType, hwSerialNum } } } }. */
function parseHardwareModuleSerial(san: DerElement): Uint8Array | undefined {
  for (const general of derChildren(san)) {
    if (general.tag !== contextTag(0, true)) continue;
    const [typeId, explicit] = derChildren(general);
    if (typeId === undefined || explicit === undefined || derOid(typeId) !== OID.hardwareModuleName) continue;
    const [hwModule] = derChildren(explicit);
    if (hwModule === undefined) throw new GbcsDecodeError('truncated', explicit.offset, 'HardwareModuleName');
    const [, serial] = derChildren(hwModule);
    if (serial === undefined) throw new GbcsDecodeError('truncated', hwModule.offset, 'hwSerialNum');
    expectTag(serial, DER_TAG.octetString, 'hwSerialNum');
    return serial.value;
  }
  return undefined;
}

interface Extensions {
  keyUsage?: KeyUsageName;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Uint8Array;
  hardwareModuleSerial?: Uint8Array;
  policies: string[];
}

function parseExtensions(wrapper: DerElement): Extensions {
  const out: Extensions = { policies: [] };
  const [list] = derChildren(wrapper);
  if (list === undefined) return out;
  const items = derChildren(list);
  if (items.length > CERTIFICATE_EXTENSIONS_MAX) {
    throw new GbcsDecodeError('length-exceeds-max', list.offset, `at most ${CERTIFICATE_EXTENSIONS_MAX} extensions`);
  }
  for (const ext of items) {
    const parts = derChildren(ext);
    const oid = derOid(parts[0]!);
    const octets = parts[parts.length - 1]!;
    expectTag(octets, DER_TAG.octetString, 'extnValue');
    const inner = readDer(octets.value);
    if (inner.bytes.length !== octets.value.length) throw new GbcsDecodeError('trailing-bytes', octets.offset, `end of extension ${oid}`);
    if (oid === OID.keyUsage) out.keyUsage = keyUsageName(derBitStringRaw(inner));
    else if (oid === OID.subjectKeyIdentifier) out.subjectKeyId = inner.value;
    else if (oid === OID.subjectAltName) out.hardwareModuleSerial = parseHardwareModuleSerial(inner);
    else if (oid === OID.authorityKeyIdentifier) out.authorityKeyId = derChildren(inner).find((c) => c.tag === contextTag(0, false))?.value;
    else if (oid === OID.certificatePolicies) out.policies = derChildren(inner).map((p) => derOid(derChildren(p)[0]!));
  }
  return out;
}

/** keyUsage BIT STRING contents including the unused-bits byte (compared as written). */
function derBitStringRaw(el: DerElement): Uint8Array {
  expectTag(el, DER_TAG.bitString, 'keyUsage BIT STRING');
  return el.value;
}

/** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } to raw 64-byte r || s. */
export function ecdsaDerToRaw(sigDer: Uint8Array): Uint8Array {
  const seq = readDerWhole(sigDer, DER_TAG.sequence, 'ECDSA-Sig-Value');
  const [r, s] = derChildren(seq);
  if (r === undefined || s === undefined) throw new GbcsDecodeError('truncated', seq.offset, 'r and s');
  const raw = new Uint8Array(64);
  for (const [i, el] of [r, s].entries()) {
    const v = derUnsignedInteger(el);
    if (v >> 256n !== 0n) throw new GbcsDecodeError('bad-value', el.offset, '256-bit r and s');
    for (let j = 31, x = v; j >= 0; j--, x >>= 8n) raw[32 * i + j] = Number(x & 0xffn);
  }
  return raw;
}

export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const cert = readDerWhole(der, DER_TAG.sequence, 'Certificate');
  const [tbs, sigAlg, sigValue] = derChildren(cert);
  if (tbs === undefined || sigAlg === undefined || sigValue === undefined) throw new GbcsDecodeError('truncated', 0, 'Certificate fields');
  expectTag(tbs, DER_TAG.sequence, 'TBSCertificate');
  if (derOid(derChildren(sigAlg)[0]!) !== OID.ecdsaWithSha256) throw new GbcsDecodeError('bad-value', sigAlg.offset, 'ecdsa-with-SHA256');
  const fields = derChildren(tbs);
  if (fields[0]?.tag !== contextTag(0, true)) throw new GbcsDecodeError('bad-tag', tbs.offset, 'X.509 v3 version field');
  const [, serial, , issuer, validity, subject, spki, ...rest] = fields;
  if (spki === undefined) throw new GbcsDecodeError('truncated', tbs.offset, 'TBSCertificate fields');
  const [notBefore, notAfter] = derChildren(validity!);
  const extensions = rest.find((f) => f.tag === contextTag(3, true));
  const ext: Extensions = extensions === undefined ? { policies: [] } : parseExtensions(extensions);
  return {
    der,
    tbs: tbs.bytes,
    serialNumber: derUnsignedInteger(serial!),
    issuer: parseName(issuer!),
    subject: parseName(subject!),
    notBefore: derString(notBefore!),
    notAfter: derString(notAfter!),
    publicKey: parseSpki(spki),
    keyUsage: ext.keyUsage,
    subjectKeyId: ext.subjectKeyId,
    authorityKeyId: ext.authorityKeyId,
    hardwareModuleSerial: ext.hardwareModuleSerial,
    policies: ext.policies,
    signature: ecdsaDerToRaw(derBitStringBytes(sigValue)),
  };
}
