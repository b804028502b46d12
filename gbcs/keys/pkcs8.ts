// PKCS#8 (RFC 5208) wrapping an RFC 5915 ECPrivateKey on P-256: the format of the keystore's
// `.key` files (gbcs.md §0). We need the 32-byte scalar and, when present, the embedded public
// key (used to check a private key against its certificate without any EC arithmetic).

import { GbcsDecodeError } from '../errors.js';
import { DER_TAG, contextTag, derBitStringBytes, derChildren, derOid, derUnsignedInteger, expectTag, readDerWhole } from './der.js';
import { derBitString, derEncode, derOctetString, derOid as encodeOid, derSequence, derSmallInteger } from './der-writer.js';
import { OID } from './oids.js';

export interface Pkcs8Key {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array | undefined;
}

export function parsePkcs8(der: Uint8Array): Pkcs8Key {
  const outer = readDerWhole(der, DER_TAG.sequence, 'PrivateKeyInfo');
  const [version, algorithm, octets] = derChildren(outer);
  if (version === undefined || algorithm === undefined || octets === undefined) throw new GbcsDecodeError('truncated', 0, 'PrivateKeyInfo fields');
  if (derUnsignedInteger(version) !== 0n) throw new GbcsDecodeError('bad-value', version.offset, 'PKCS#8 version 0');
  const [algOid, curveOid] = derChildren(algorithm);
  if (algOid === undefined || derOid(algOid) !== OID.ecPublicKey) throw new GbcsDecodeError('bad-value', algorithm.offset, 'id-ecPublicKey');
  if (curveOid === undefined || derOid(curveOid) !== OID.prime256v1) throw new GbcsDecodeError('bad-value', algorithm.offset, 'prime256v1');
  expectTag(octets, DER_TAG.octetString, 'privateKey OCTET STRING');
  const ec = readDerWhole(octets.value, DER_TAG.sequence, 'ECPrivateKey');
  const [ecVersion, scalar, ...optional] = derChildren(ec);
  if (ecVersion === undefined || scalar === undefined) throw new GbcsDecodeError('truncated', ec.offset, 'ECPrivateKey fields');
  if (derUnsignedInteger(ecVersion) !== 1n) throw new GbcsDecodeError('bad-value', ecVersion.offset, 'ECPrivateKey version 1');
  expectTag(scalar, DER_TAG.octetString, 'privateKey scalar');
  if (scalar.value.length !== 32) throw new GbcsDecodeError('bad-value', scalar.offset, '32-byte P-256 scalar');
  const publicWrapper = optional.find((el) => el.tag === contextTag(1, true));
  const publicKey = publicWrapper === undefined ? undefined : derBitStringBytes(derChildren(publicWrapper)[0]!);
  return { privateKey: scalar.value.slice(), publicKey: publicKey?.slice() };
}

/** PKCS#8 DER of a P-256 key pair, in the same layout as the reference `.key` files. */
export function encodePkcs8(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const ecPrivateKey = derSequence(derSmallInteger(1), derOctetString(privateKey), derEncode(contextTag(1, true), derBitString(publicKey)));
  return derSequence(derSmallInteger(0), derSequence(encodeOid(OID.ecPublicKey), encodeOid(OID.prime256v1)), derOctetString(ecPrivateKey));
}
