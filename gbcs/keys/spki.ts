// SubjectPublicKeyInfo for P-256 (RFC 5480): the only key type GBCS uses (GBCS 4.7). Read from
// certificates and from bare `BEGIN PUBLIC KEY` files (gbcs.md §0: fffffffffffffffe-ka.pem).

import { GbcsDecodeError } from '../errors.js';
import { DER_TAG, type DerElement, derBitStringBytes, derChildren, derOid, expectTag, readDerWhole } from './der.js';
import { derBitString, derOid as encodeOid, derSequence } from './der-writer.js';
import { OID } from './oids.js';

const P256_POINT_BYTES = 65;

/** The 65-byte uncompressed point of a P-256 SubjectPublicKeyInfo element. */
export function parseSpki(spki: DerElement): Uint8Array {
  expectTag(spki, DER_TAG.sequence, 'SubjectPublicKeyInfo');
  const [algorithm, key] = derChildren(spki);
  if (algorithm === undefined || key === undefined) throw new GbcsDecodeError('truncated', spki.offset, 'SubjectPublicKeyInfo fields');
  const [algOid, curveOid] = derChildren(algorithm);
  if (algOid === undefined || derOid(algOid) !== OID.ecPublicKey) throw new GbcsDecodeError('bad-value', algorithm.offset, 'id-ecPublicKey');
  if (curveOid === undefined || derOid(curveOid) !== OID.prime256v1) throw new GbcsDecodeError('bad-value', algorithm.offset, 'prime256v1 curve');
  const point = derBitStringBytes(key);
  if (point.length !== P256_POINT_BYTES || point[0] !== 0x04) throw new GbcsDecodeError('bad-value', key.offset, 'uncompressed P-256 point');
  return point;
}

export function parseSpkiDer(der: Uint8Array): Uint8Array {
  return parseSpki(readDerWhole(der, DER_TAG.sequence, 'SubjectPublicKeyInfo'));
}

export function encodeSpki(publicKey: Uint8Array): Uint8Array {
  return derSequence(derSequence(encodeOid(OID.ecPublicKey), encodeOid(OID.prime256v1)), derBitString(publicKey));
}
