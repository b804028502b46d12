// The GBCS view of a certificate (GBCS 4.7): whose it is (EUI-64), what it is for, and its key.
// Devices carry the EUI in the SAN hardwareModuleName and have an empty subject; organisations
// carry it as x500UniqueIdentifier (BIT STRING) with their role in OU.

import { toHex } from '../crypto/bytes.js';
import { GbcsDecodeError } from '../errors.js';
import { OID } from './oids.js';
import { type ParsedCertificate, parseCertificate } from './x509.js';

export type KeyUsageSlot = 'ds' | 'ka' | 'pp-ka';

export interface CertificateInfo {
  /** The EUI-64 the certificate names, 16 upper-case hex digits. */
  readonly eui: string;
  readonly usage: KeyUsageSlot;
  /** Organisation role from OU (GBCS 4.7: 2 Supplier, 3 Network Operator, 4 ACB, ...); absent for devices. */
  readonly role?: number;
  /** 65-byte uncompressed P-256 point. */
  readonly publicKey: Uint8Array;
  readonly der: Uint8Array;
  readonly keyUsage: 'digitalSignature' | 'keyAgreement';
}

const EUI_BYTES = 8;

/** Upper-case, validated EUI string; throws RangeError otherwise. */
export function normaliseEui(eui: string): string {
  if (!/^[0-9a-fA-F]{16}$/.test(eui)) throw new RangeError(`EUI must be 16 hex digits, got '${eui}'`);
  return eui.toUpperCase();
}

function certificateEui(cert: ParsedCertificate): string {
  if (cert.hardwareModuleSerial !== undefined) {
    if (cert.hardwareModuleSerial.length !== EUI_BYTES) throw new GbcsDecodeError('bad-value', 0, '8-byte hwSerialNum EUI');
    return toHex(cert.hardwareModuleSerial);
  }
  const unique = cert.subject.find((a) => a.oid === OID.x500UniqueIdentifier)?.value;
  if (unique instanceof Uint8Array && unique.length === EUI_BYTES) return toHex(unique);
  throw new GbcsDecodeError('bad-value', 0, 'an EUI-64 in SAN hardwareModuleName or subject x500UniqueIdentifier');
}

function certificateRole(cert: ParsedCertificate): number | undefined {
  const ou = cert.subject.find((a) => a.oid === OID.organizationalUnitName)?.value;
  if (typeof ou !== 'string') return undefined;
  if (!/^[0-9]{1,3}$/.test(ou)) throw new GbcsDecodeError('bad-value', 0, `numeric OU role, got '${ou}'`);
  return Number.parseInt(ou, 10);
}

/**
 * CertificateInfo of a DER certificate used in slot `usage`. Throws GbcsDecodeError when the
 * certificate is malformed, names no EUI, or its key usage does not fit the slot (a DS slot needs
 * digitalSignature, KA and prepayment-KA slots need keyAgreement).
 */
export function certificateInfoFromDer(der: Uint8Array, usage: KeyUsageSlot): CertificateInfo {
  const cert = parseCertificate(der);
  const wanted = usage === 'ds' ? 'digitalSignature' : 'keyAgreement';
  if (cert.keyUsage !== wanted) throw new GbcsDecodeError('bad-value', 0, `keyUsage ${wanted} for a '${usage}' certificate, got ${String(cert.keyUsage)}`);
  const role = certificateRole(cert);
  const base = { eui: certificateEui(cert), usage, publicKey: cert.publicKey, der, keyUsage: wanted } as const;
  return role === undefined ? base : { ...base, role };
}
