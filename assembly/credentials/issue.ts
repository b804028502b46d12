import { SCRATCH_NEW_KEY } from '../scratch-map';
import { device } from '../device/context';
import { seGenerateKey, seSignWithNewKey } from '../platform';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { derBegin, derFinish, derOpen, derClose, derInteger, derRaw, derBits8, derByte, derCursor } from '../asn1/der-writer';
import { DER_SEQUENCE, DER_SET, DER_BIT_STRING, DER_OCTET_STRING, DER_CONTEXT_0, DER_INTEGER } from '../asn1/der';
import { storeU64BE } from '../bytes';

// CS02c Issue Security Credentials (GBCS 7; devices 1.1, R.12): the command names one key usage
// (SEQUENCE { BIT STRING }); the device has its secure element generate a new key pair for it and
// answers a PKCS#10 certification request for the new public key: empty subject, the usage and
// its EUI (SubjectAltName hardwareModuleName, GBCS 4.7) requested as extensions, signed with the
// new key. R.12: the reference answer holds fresh key material, so only its structure can match.
// A key-agreement request is refused with 3 [D: 6.17_CS02c ERROR asks for keyAgreement, 02 01 03].

const KEY_USAGE_DS: u8 = 0x80; // 03 02 07 80 digitalSignature
const KEY_USAGE_KA: u8 = 0x08; // 03 02 03 08 keyAgreement
const UNUSED_BITS_DS: u8 = 7;
const UNUSED_BITS_KA: u8 = 3;
const REFUSED_KEY_AGREEMENT: u64 = 3;
const USAGE_DS: u32 = 0; // secure-element key usage numbers (host/secure-element.ts)
const PUBLIC_KEY_BYTES: u32 = 65;
const SIGNATURE_BYTES: u32 = 64;
const PUBLIC_KEY_PTR: usize = SCRATCH_NEW_KEY;
const SIGNATURE_PTR: usize = SCRATCH_NEW_KEY + 72;
const EUI_PTR: usize = SCRATCH_NEW_KEY + 136;
const DER_SIGNATURE_PTR: usize = SCRATCH_NEW_KEY + 152; // up to 72 bytes

// DER constants of the request (RFC 2986, RFC 5480, RFC 5280), written once as data.
const SPKI_ALGORITHM: StaticArray<u8> = [ // SEQUENCE { id-ecPublicKey, prime256v1 }
  0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
];
const OID_EXTENSION_REQUEST: StaticArray<u8> = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e];
const KEY_USAGE_CRITICAL: StaticArray<u8> = [0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01, 0x01, 0xff]; // id-ce-keyUsage, critical
const SAN_CRITICAL: StaticArray<u8> = [0x06, 0x03, 0x55, 0x1d, 0x11, 0x01, 0x01, 0xff]; // id-ce-subjectAltName, critical
// GeneralNames { otherName hardwareModuleName (1.3.6.1.5.5.7.8.4) { hwType 1.2.826.0.1.8641679.1.2.2.1, hwSerialNum OCTET STRING(8) } }
const SAN_PREFIX: StaticArray<u8> = [
  0x30, 0x29, 0xa0, 0x27, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x04, 0xa0, 0x1b, 0x30, 0x19,
  0x06, 0x0d, 0x2a, 0x86, 0x3a, 0x00, 0x01, 0x84, 0x8f, 0xb9, 0x0f, 0x01, 0x02, 0x02, 0x01, 0x04, 0x08,
];
const ECDSA_WITH_SHA256: StaticArray<u8> = [0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];

/** Answers CS02c at CONTENT_BASE; returns its length or -1 (malformed request, or the secure element failed). */
export function issueCredentials(slot: u32, content: usize, end: usize): i32 {
  // SEQUENCE { BIT STRING (1 byte) }: exactly 30 04 03 02 uu bb
  if (end - content != 6 || load<u8>(content) != DER_SEQUENCE || load<u8>(content + 1) != 4 ||
    load<u8>(content + 2) != DER_BIT_STRING || load<u8>(content + 3) != 2) return -1;
  const unused = load<u8>(content + 4);
  const bits = load<u8>(content + 5);
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  if (unused == UNUSED_BITS_KA && bits == KEY_USAGE_KA) {
    derInteger(REFUSED_KEY_AGREEMENT);
    return finish();
  }
  if (unused != UNUSED_BITS_DS || bits != KEY_USAGE_DS) return -1;
  if (seGenerateKey(slot, USAGE_DS, PUBLIC_KEY_PTR) != 0) return -1;
  storeU64BE(EUI_PTR, device(slot).eui);
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES, true); // a PKCS#10 request is strict DER (minimal lengths)

  derOpen(DER_SEQUENCE); // CertificationRequest
  const info = derCursor(); // the signed bytes start here (the outer header is 4 bytes long until it closes)...
  derOpen(DER_SEQUENCE); // CertificationRequestInfo
  derInteger(0); // version
  derOpen(DER_SEQUENCE); // subject: empty (GBCS 4.7 device certificates)
  derClose();
  derOpen(DER_SEQUENCE); // SubjectPublicKeyInfo
  derRaw(changetype<usize>(SPKI_ALGORITHM), SPKI_ALGORITHM.length);
  bitString(PUBLIC_KEY_PTR, PUBLIC_KEY_BYTES);
  derClose();
  derOpen(DER_CONTEXT_0); // attributes
  derOpen(DER_SEQUENCE);
  derRaw(changetype<usize>(OID_EXTENSION_REQUEST), OID_EXTENSION_REQUEST.length);
  derOpen(DER_SET);
  derOpen(DER_SEQUENCE); // Extensions
  derOpen(DER_SEQUENCE); // keyUsage, as requested
  derRaw(changetype<usize>(KEY_USAGE_CRITICAL), KEY_USAGE_CRITICAL.length);
  derOpen(DER_OCTET_STRING);
  derBits8(unused, bits);
  derClose();
  derClose();
  derOpen(DER_SEQUENCE); // subjectAltName: the device's EUI
  derRaw(changetype<usize>(SAN_CRITICAL), SAN_CRITICAL.length);
  derOpen(DER_OCTET_STRING);
  derRaw(changetype<usize>(SAN_PREFIX), SAN_PREFIX.length);
  derRaw(EUI_PTR, 8);
  derClose();
  derClose();
  derClose(); // Extensions
  derClose(); // SET
  derClose(); // Attribute
  derClose(); // attributes
  derClose(); // CertificationRequestInfo
  const infoEnd = derCursor(); // ...and end here
  if (info == 0 || infoEnd == 0) return -1;
  // The request is signed with the NEW key (proof of possession, RFC 2986 section 3).
  if (seSignWithNewKey(slot, info, <u32>(infoEnd - info), SIGNATURE_PTR) != 0) return -1;
  derRaw(changetype<usize>(ECDSA_WITH_SHA256), ECDSA_WITH_SHA256.length);
  const signatureBytes = ecdsaDer(SIGNATURE_PTR, DER_SIGNATURE_PTR);
  bitString(DER_SIGNATURE_PTR, signatureBytes);
  derClose(); // CertificationRequest
  return finish();
}

function finish(): i32 {
  const written = derFinish();
  return written == 0 ? -1 : <i32>(written - CONTENT_BASE);
}

/** BIT STRING with no unused bits over [source, source + length). */
function bitString(source: usize, length: u32): void {
  derOpen(DER_BIT_STRING);
  derByte(0); // no unused bits
  derRaw(source, length);
  derClose();
}

/** ECDSA-Sig-Value DER (SEQUENCE { INTEGER r, INTEGER s }, RFC 5480) of a raw r || s; returns its length. */
function ecdsaDer(raw: usize, out: usize): u32 {
  let p = out + 2;
  p = derIntegerBytes(raw, p);
  p = derIntegerBytes(raw + 32, p);
  store<u8>(out, DER_SEQUENCE);
  store<u8>(out + 1, <u8>(p - out - 2));
  return <u32>(p - out);
}

/** Minimal DER INTEGER of a 32-byte unsigned big-endian number at src, written at p; returns the end. */
function derIntegerBytes(src: usize, p: usize): usize {
  let skip: u32 = 0;
  while (skip < 31 && load<u8>(src + skip) == 0) skip++;
  const pad: u32 = (load<u8>(src + skip) & 0x80) != 0 ? 1 : 0;
  const length = 32 - skip + pad;
  store<u8>(p, DER_INTEGER);
  store<u8>(p + 1, <u8>length);
  if (pad != 0) store<u8>(p + 2, 0);
  memory.copy(p + 2 + pad, src + skip, 32 - skip);
  return p + 2 + length;
}
