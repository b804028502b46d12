// The project's deterministic test PKI (ARCHITECTURE.md principle 5): every device, user and
// organisation that is not a reference identity gets a P-256 key pair derived from
// (seed, EUI, usage) and an X.509 certificate in the reference keystore's format (GBCS 4.7),
// issued on demand by a seeded CA and signed with deterministic ECDSA (RFC 6979). Same seed,
// same bytes; no files, and nothing stored per EUI, so a million devices cost nothing until
// their keys are asked for.
//
// Derivation: seedKey = SHA-256("gbcs-test-pki/v1" || seed as 32 bytes BE); a scalar is
// (HMAC(seedKey, label || 00) || HMAC(seedKey, label || 01)) mod (n - 1) + 1, 512 bits reduced
// so the bias is below 2^-256. Labels: "key/<EUI>/<usage>", "serial/<EUI>/<usage>", "ca".

import { BoundedCache } from '../crypto/bounded-cache.js';
import { bigIntToBytes, bytesToBigInt, concatBytes, fromHex } from '../crypto/bytes.js';
import { hmacSha256 } from '../crypto/hmac-sha256.js';
import { P256_N, P256_SCALAR_BYTES } from '../crypto/p256.js';
import type { Bytes, CryptoProvider } from '../crypto/provider.js';
import { type CertificateInfo, type KeyUsageSlot, certificateInfoFromDer, normaliseEui } from './certificate-info.js';
import { type CertificateFields, type CertificateSubject, encodeCertificate } from './certificate-writer.js';
import type { KeyLookup, KeyStoreEntry } from './keystore.js';

/** GBCS 4.7 OU roles used by the test PKI's own certificates. */
export const ROLE_ISSUING_AUTHORITY = 7;
export const TEST_PKI_CA_COMMON_NAME = 'TESTPKI';
/** Fixed validity: the reference device certificates' notAfter, also used for organisations so virtual time never expires a test certificate. */
export const TEST_PKI_NOT_BEFORE = '150101000000Z';
export const TEST_PKI_NOT_AFTER = '99991231235959Z';
const KEY_ID_BYTES = 8;
const SERIAL_BYTES = 16;
const DOMAIN = new TextEncoder().encode('gbcs-test-pki/v1');

export interface TestPkiOptions {
  /** EUIs that are organisations, with their OU role (GBCS 4.7); every other EUI is a device. */
  readonly organisations?: ReadonlyArray<{ readonly eui: string; readonly role: number }>;
}

/**
 * Keys and certificates kept per TestPki (everything is re-derivable, so this is only speed): a
 * premises or a fleet worker talks to a few thousand identities at a time; beyond the bound the
 * oldest entries are derived again when next needed.
 */
export const TEST_PKI_CACHE_MAX = 8192;

export class TestPki implements KeyLookup {
  readonly seed: bigint;
  readonly caPublicKey: Bytes;
  readonly #provider: CryptoProvider;
  readonly #seedKey: Bytes;
  readonly #caPrivateKey: Bytes;
  readonly #caKeyId: Bytes;
  readonly #roles: ReadonlyMap<string, number>;
  readonly #privateKeys = new BoundedCache<string, Bytes>(TEST_PKI_CACHE_MAX);
  readonly #publicKeys = new BoundedCache<string, Bytes>(TEST_PKI_CACHE_MAX);
  readonly #certificates = new BoundedCache<string, CertificateInfo>(TEST_PKI_CACHE_MAX);

  constructor(seed: number | bigint, provider: CryptoProvider, options: TestPkiOptions = {}) {
    const s = BigInt(seed);
    if (s < 0n || s >> 256n !== 0n) throw new RangeError('test PKI seed must be in [0, 2^256)');
    this.seed = s;
    this.#provider = provider;
    this.#seedKey = provider.sha256(concatBytes(DOMAIN, bigIntToBytes(s, 32)));
    this.#caPrivateKey = this.#scalar('ca');
    this.caPublicKey = provider.publicKeyOf(this.#caPrivateKey);
    this.#caKeyId = this.#keyId(this.caPublicKey);
    this.#roles = new Map((options.organisations ?? []).map((o) => [normaliseEui(o.eui), o.role]));
  }

  #prf(label: string, block: number): Bytes {
    return hmacSha256(this.#provider, this.#seedKey, concatBytes(new TextEncoder().encode(label), Uint8Array.of(block)));
  }

  #scalar(label: string): Bytes {
    const wide = bytesToBigInt(concatBytes(this.#prf(label, 0), this.#prf(label, 1)));
    return bigIntToBytes((wide % (P256_N - 1n)) + 1n, P256_SCALAR_BYTES);
  }

  /** 8-byte key identifier: the first 8 bytes of SHA-256 of the public key (reference key ids are 8 bytes). */
  #keyId(publicKey: Bytes): Bytes {
    return this.#provider.sha256(publicKey).slice(0, KEY_ID_BYTES);
  }

  /** The derived private scalar of (EUI, usage); defined for every EUI. */
  privateKey(eui: string, usage: KeyUsageSlot): Bytes {
    const id = `${normaliseEui(eui)}/${usage}`;
    let key = this.#privateKeys.get(id);
    if (!key) {
      key = this.#scalar(`key/${id}`);
      this.#privateKeys.set(id, key);
    }
    return key;
  }

  publicKey(eui: string, usage: KeyUsageSlot): Bytes {
    const id = `${normaliseEui(eui)}/${usage}`;
    let key = this.#publicKeys.get(id);
    if (!key) {
      key = this.#provider.publicKeyOf(this.privateKey(eui, usage));
      this.#publicKeys.set(id, key);
    }
    return key;
  }

  /** Issues (re-derives) the certificate of (EUI, usage); byte-identical on every call for the same seed. */
  certificate(eui: string, usage: KeyUsageSlot): CertificateInfo {
    const id = `${normaliseEui(eui)}/${usage}`;
    let info = this.#certificates.get(id);
    if (!info) {
      info = certificateInfoFromDer(this.certificateDer(eui, usage), usage);
      this.#certificates.set(id, info);
    }
    return info;
  }

  certificateDer(eui: string, usage: KeyUsageSlot, publicKey: Bytes = this.publicKey(eui, usage)): Bytes {
    const id = normaliseEui(eui);
    const role = this.#roles.get(id);
    const subject: CertificateSubject = role === undefined ? { kind: 'device', eui: fromHex(id) } : { kind: 'organisation', eui: fromHex(id), role };
    return this.#issue(subject, publicKey, usage === 'ds' ? 'digitalSignature' : 'keyAgreement', this.#serial(`serial/${id}/${usage}`));
  }

  /** A KeyStore entry (certificate and private key) for (EUI, usage). */
  entry(eui: string, usage: KeyUsageSlot): KeyStoreEntry {
    const privateKey = this.privateKey(eui, usage);
    const der = this.certificateDer(eui, usage, this.#provider.publicKeyOf(privateKey));
    return { eui: normaliseEui(eui), usage, certificate: certificateInfoFromDer(der, usage), privateKey };
  }

  /** The self-signed CA certificate (OU=07 Issuing Authority, CN=TESTPKI). */
  caCertificateDer(): Bytes {
    const subject: CertificateSubject = { kind: 'ca', role: ROLE_ISSUING_AUTHORITY, commonName: TEST_PKI_CA_COMMON_NAME };
    return this.#issue(subject, this.caPublicKey, 'keyCertSign', this.#serial('serial/ca'));
  }

  #serial(label: string): Bytes {
    const serial = this.#prf(label, 0).slice(0, SERIAL_BYTES);
    serial[0] = (serial[0]! & 0x3f) | 0x40; // positive, and always 16 bytes long in DER
    return serial;
  }

  #issue(subject: CertificateSubject, publicKey: Bytes, keyUsage: CertificateFields['keyUsage'], serialNumber: Bytes): Bytes {
    const fields: CertificateFields = {
      serialNumber,
      issuerRole: ROLE_ISSUING_AUTHORITY,
      issuerCommonName: TEST_PKI_CA_COMMON_NAME,
      notBefore: TEST_PKI_NOT_BEFORE,
      notAfter: TEST_PKI_NOT_AFTER,
      subject,
      publicKey,
      keyUsage,
      subjectKeyId: this.#keyId(publicKey),
      authorityKeyId: this.#caKeyId,
    };
    return encodeCertificate(fields, (tbs) => this.#provider.ecdsaSign(this.#caPrivateKey, tbs));
  }
}
