// Encodes X.509 v3 certificates in the GBCS profile (GBCS 4.7), field for field in the order
// and encodings the reference keystore uses: device certificates with an empty subject and a
// critical SAN hardwareModuleName, organisation certificates with OU = role and
// x500UniqueIdentifier = EUI, critical keyUsage and certificatePolicies, 8-byte SKI/AKI,
// ecdsa-with-SHA256. Used by the test PKI; signing is delegated (deterministic RFC 6979).

import type { Bytes } from '../crypto/provider.js';
import { contextTag } from './der.js';
import {
  derBitString,
  derBoolean,
  derEncode,
  derOctetString,
  derOid,
  derPrintable,
  derSequence,
  derSet,
  derSmallInteger,
  derUnsigned,
  derUtf8,
} from './der-writer.js';
import { KEY_USAGE_DER, OID } from './oids.js';
import { encodeSpki } from './spki.js';

export type CertificateSubject =
  | { readonly kind: 'device'; readonly eui: Bytes }
  | { readonly kind: 'organisation'; readonly eui: Bytes; readonly role: number }
  | { readonly kind: 'ca'; readonly role: number; readonly commonName: string };

export interface CertificateFields {
  readonly serialNumber: Bytes;
  /** Issuer as OU (role, 2 digits) + CN, the reference organisation-certificate issuer shape. */
  readonly issuerRole: number;
  readonly issuerCommonName: string;
  /** UTCTime text 'YYMMDDHHMMSSZ'. */
  readonly notBefore: string;
  /** GeneralizedTime text 'YYYYMMDDHHMMSSZ'. */
  readonly notAfter: string;
  readonly subject: CertificateSubject;
  readonly publicKey: Bytes;
  readonly keyUsage: keyof typeof KEY_USAGE_DER;
  readonly subjectKeyId: Bytes;
  readonly authorityKeyId: Bytes;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const roleText = (role: number): string => String(role).padStart(2, '0');

function attribute(oid: string, value: Uint8Array): Uint8Array {
  return derSet(derSequence(derOid(oid), value));
}

function subjectName(subject: CertificateSubject): Uint8Array {
  switch (subject.kind) {
    case 'device':
      return derSequence(); // GBCS 4.7: empty subject, EUI only in the SAN
    case 'organisation':
      return derSequence(
        attribute(OID.organizationalUnitName, derUtf8(roleText(subject.role))),
        attribute(OID.x500UniqueIdentifier, derBitString(subject.eui)),
      );
    case 'ca':
      return derSequence(
        attribute(OID.organizationalUnitName, derPrintable(roleText(subject.role))),
        attribute(OID.commonName, derPrintable(subject.commonName)),
      );
  }
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? derSequence(derOid(oid), derBoolean(true), derOctetString(value)) : derSequence(derOid(oid), derOctetString(value));
}

function extensions(f: CertificateFields): Uint8Array {
  const list: Uint8Array[] = [
    extension(OID.keyUsage, true, derEncode(0x03, KEY_USAGE_DER[f.keyUsage])),
    extension(OID.subjectKeyIdentifier, false, derOctetString(f.subjectKeyId)),
  ];
  if (f.subject.kind === 'device') {
    const hardwareModule = derSequence(derOid(OID.gbcsDeviceHwType), derOctetString(f.subject.eui));
    const otherName = derEncode(contextTag(0, true), derOid(OID.hardwareModuleName), derEncode(contextTag(0, true), hardwareModule));
    list.push(extension(OID.subjectAltName, true, derSequence(otherName)));
  }
  if (f.subject.kind === 'ca') {
    list.push(extension(OID.basicConstraints, true, derSequence(derBoolean(true))));
  } else {
    const policy = f.subject.kind === 'device' ? OID.gbcsDevicePolicy : OID.gbcsOrganisationPolicy;
    list.push(extension(OID.certificatePolicies, true, derSequence(derSequence(derOid(policy)))));
  }
  list.push(extension(OID.authorityKeyIdentifier, false, derSequence(derEncode(contextTag(0, false), f.authorityKeyId))));
  return derEncode(contextTag(3, true), derSequence(...list));
}

/** The DER TBSCertificate. */
export function encodeTbsCertificate(f: CertificateFields): Uint8Array {
  const signatureAlgorithm = derSequence(derOid(OID.ecdsaWithSha256));
  const issuer = derSequence(
    attribute(OID.organizationalUnitName, derPrintable(roleText(f.issuerRole))),
    attribute(OID.commonName, derPrintable(f.issuerCommonName)),
  );
  const validity = derSequence(derEncode(0x17, ascii(f.notBefore)), derEncode(0x18, ascii(f.notAfter)));
  return derSequence(
    derEncode(contextTag(0, true), derSmallInteger(2)), // v3
    derUnsigned(f.serialNumber),
    signatureAlgorithm,
    issuer,
    validity,
    subjectName(f.subject),
    encodeSpki(f.publicKey),
    extensions(f),
  );
}

/** The signed certificate; `signRaw` returns a raw 64-byte r || s ECDSA P-256/SHA-256 signature of the TBS bytes. */
export function encodeCertificate(f: CertificateFields, signRaw: (tbs: Uint8Array) => Uint8Array): Uint8Array {
  const tbs = encodeTbsCertificate(f);
  const raw = signRaw(tbs);
  const sigDer = derSequence(derUnsigned(raw.subarray(0, 32)), derUnsigned(raw.subarray(32, 64)));
  return derSequence(tbs, derSequence(derOid(OID.ecdsaWithSha256)), derBitString(sigDer));
}
