// Proves the deterministic test PKI (ARCHITECTURE.md principle 5): the same seed gives
// byte-identical keys and certificates (on both providers), another seed gives others;
// node:crypto's X509Certificate parses every issued certificate and verifies it against the CA
// public key; the issued certificates have the reference keystore's shape (GBCS 4.7), checked by
// reading a reference certificate and an issued one with our own reader and comparing field by
// field; and an issued entry works in a KeyStore (directly and as a fallback for any EUI).

import { X509Certificate, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { bytesToBigInt, toHex } from '../../gbcs/crypto/bytes.js';
import { createNobleProvider } from '../../gbcs/crypto/noble-provider.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { P256_N } from '../../gbcs/crypto/p256.js';
import { DER_TAG, derChildren, derOid, readDerWhole } from '../../gbcs/keys/der.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { encodeSpki } from '../../gbcs/keys/spki.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { parseCertificate } from '../../gbcs/keys/x509.js';

const KEYSTORE_URL = new URL('../../../shared/conformance/keystore/', import.meta.url);
if (!existsSync(KEYSTORE_URL)) {
  throw new Error(`reference data missing: expected ${fileURLToPath(KEYSTORE_URL)} (the read-only ../shared checkout)`);
}
const reference = KeyStore.loadDir(fileURLToPath(KEYSTORE_URL));
const node = createNodeProvider();
const SEED = 0x5eed_2024n;
const SUPPLIER = '90B3D51F30010000';
const organisations = [{ eui: SUPPLIER, role: 2 }];
const pki = new TestPki(SEED, node, { organisations });
const caKey = createPublicKey({ key: Buffer.from(encodeSpki(pki.caPublicKey)), format: 'der', type: 'spki' });

/** Extension OIDs with their critical flag, in certificate order. */
function extensionShape(der: Uint8Array): string[] {
  const tbs = derChildren(readDerWhole(der, DER_TAG.sequence, 'Certificate'))[0]!;
  const wrapper = derChildren(tbs).find((el) => el.tag === 0xa3)!;
  return derChildren(derChildren(wrapper)[0]!).map((ext) => {
    const parts = derChildren(ext);
    return `${derOid(parts[0]!)}${parts.length === 3 ? ' critical' : ''}`;
  });
}

/** The fields our reader extracts that define the GBCS 4.7 format (everything but the key-specific bytes). */
function formatOf(der: Uint8Array): object {
  const c = parseCertificate(der);
  return {
    subject: c.subject.map((a) => `${a.oid}=${typeof a.value === 'string' ? a.value : toHex(a.value)}`),
    keyUsage: c.keyUsage,
    hardwareModuleSerial: c.hardwareModuleSerial === undefined ? undefined : toHex(c.hardwareModuleSerial),
    policies: c.policies,
    subjectKeyIdBytes: c.subjectKeyId?.length,
    authorityKeyIdBytes: c.authorityKeyId?.length,
    extensions: extensionShape(der),
  };
}

describe('TestPki determinism', () => {
  it('gives byte-identical keys and certificates for the same seed, on both providers', () => {
    const again = new TestPki(SEED, node, { organisations });
    const onNoble = new TestPki(SEED, createNobleProvider(), { organisations });
    for (const [eui, usage] of [['00DB000000000001', 'ds'], ['00DB000000000001', 'ka'], [SUPPLIER, 'pp-ka']] as const) {
      const der = pki.certificateDer(eui, usage);
      expect(toHex(again.certificateDer(eui, usage))).toBe(toHex(der));
      expect(toHex(onNoble.certificateDer(eui, usage))).toBe(toHex(der));
      expect(again.privateKey(eui, usage)).toEqual(pki.privateKey(eui, usage));
    }
    expect(toHex(onNoble.caCertificateDer())).toBe(toHex(pki.caCertificateDer()));
  });

  it('derives different in-range keys for another seed, EUI or usage', () => {
    const other = new TestPki(SEED + 1n, node);
    const keys = [
      pki.privateKey('00DB000000000001', 'ds'),
      pki.privateKey('00DB000000000001', 'ka'),
      pki.privateKey('00DB000000000002', 'ds'),
      other.privateKey('00DB000000000001', 'ds'),
      pki.privateKey('00db000000000001', 'pp-ka'),
    ];
    expect(new Set(keys.map(toHex)).size).toBe(keys.length);
    for (const k of keys) {
      const d = bytesToBigInt(k);
      expect(d >= 1n && d < P256_N).toBe(true);
    }
    expect(toHex(other.caPublicKey)).not.toBe(toHex(pki.caPublicKey));
    expect(pki.privateKey('00db000000000001', 'ds')).toEqual(keys[0]); // EUI case does not matter
  });
});

describe('TestPki certificates', () => {
  it('are parsed by node:crypto X509Certificate and verify against the CA public key', () => {
    const ca = new X509Certificate(Buffer.from(pki.caCertificateDer()));
    expect(ca.verify(caKey)).toBe(true);
    expect(ca.ca).toBe(true);
    for (let i = 0; i < 20; i++) {
      const eui = `00DB${i.toString(16).toUpperCase().padStart(12, '0')}`;
      for (const usage of ['ds', 'ka'] as const) {
        const cert = new X509Certificate(Buffer.from(pki.certificateDer(eui, usage)));
        expect(cert.verify(caKey), `${eui}-${usage}`).toBe(true);
        expect(cert.checkIssued(ca)).toBe(true);
        expect(cert.validTo).toBe('Dec 31 23:59:59 9999 GMT');
        const jwk = cert.publicKey.export({ format: 'jwk' });
        expect(Buffer.from(jwk.x!, 'base64url').equals(Buffer.from(pki.publicKey(eui, usage).subarray(1, 33)))).toBe(true);
      }
    }
    const org = new X509Certificate(Buffer.from(pki.certificateDer(SUPPLIER, 'ds')));
    expect(org.verify(caKey)).toBe(true);
    expect(org.subject).toContain('OU=02');
    const tampered = pki.certificateDer('00DB000000000001', 'ds').slice();
    tampered[120]! ^= 0x01; // inside the TBS
    expect(() => new X509Certificate(Buffer.from(tampered)).verify(caKey)).not.toThrow();
    expect(new X509Certificate(Buffer.from(tampered)).verify(caKey)).toBe(false);
  });

  it('have the reference device certificate format (our reader on 00DB1234567890A0-ds vs an issued one)', () => {
    for (const usage of ['ds', 'ka'] as const) {
      const ref = reference.certificate('00DB1234567890A0', usage)!;
      const issued = pki.certificate('00DB1234567890A0', usage);
      expect(formatOf(issued.der)).toEqual(formatOf(ref.der));
      expect(issued).toMatchObject({ eui: ref.eui, usage: ref.usage, keyUsage: ref.keyUsage });
      expect(issued.role).toBe(ref.role);
      expect(parseCertificate(issued.der).notAfter).toBe(parseCertificate(ref.der).notAfter);
    }
  });

  it('have the reference organisation certificate format (our reader on 90B3D51F30010000-ka / -pp-ka vs issued)', () => {
    for (const usage of ['ka', 'pp-ka'] as const) {
      const ref = reference.certificate(SUPPLIER, usage)!;
      const issued = pki.certificate(SUPPLIER, usage);
      expect(formatOf(issued.der)).toEqual(formatOf(ref.der));
      expect(issued).toMatchObject({ eui: ref.eui, usage, keyUsage: ref.keyUsage, role: 2 });
    }
  });

  it('name the CA as issuer and carry its key id as AKI', () => {
    const ca = parseCertificate(pki.caCertificateDer());
    const leaf = parseCertificate(pki.certificateDer('00DB000000000009', 'ka'));
    expect(leaf.issuer).toEqual(ca.subject);
    expect(leaf.authorityKeyId).toEqual(ca.subjectKeyId);
    expect(node.ecdsaVerify(pki.caPublicKey, leaf.tbs, leaf.signature)).toBe(true);
  });
});

describe('TestPki with KeyStore', () => {
  it('produces entries a KeyStore accepts, whose keys sign and agree', () => {
    const store = new KeyStore();
    for (const usage of ['ds', 'ka'] as const) store.add(pki.entry('00DB0000000000AA', usage));
    store.add(pki.entry(SUPPLIER, 'ka'));
    expect(store.euis()).toEqual(['00DB0000000000AA', SUPPLIER]);
    const ds = store.privateKey('00DB0000000000AA', 'ds')!;
    const message = new TextEncoder().encode('GBCS 4.4 signed bytes');
    expect(node.ecdsaVerify(store.certificate('00DB0000000000AA', 'ds')!.publicKey, message, node.ecdsaSign(ds, message))).toBe(true);
    const deviceSide = node.ecdh(store.privateKey('00DB0000000000AA', 'ka')!, store.publicKey(SUPPLIER, 'ka')!);
    const supplierSide = node.ecdh(store.privateKey(SUPPLIER, 'ka')!, store.publicKey('00DB0000000000AA', 'ka')!);
    expect(deviceSide).toEqual(supplierSide);
  });

  it('serves any EUI as the fallback of the reference store, without shadowing reference entries', () => {
    const store = KeyStore.loadDir(fileURLToPath(KEYSTORE_URL), { fallback: pki });
    expect(store.certificate('00DB1234567890A0', 'ka')).toEqual(reference.certificate('00DB1234567890A0', 'ka'));
    expect(store.privateKey('00DB1234567890A0', 'ka')).toBeUndefined(); // reference device: key not supplied, not invented
    const far = '00DB00000F423F00'; // a device of a million-device fleet
    expect(store.certificate(far, 'ds')!.eui).toBe(far);
    expect(store.privateKey(far, 'ds')).toEqual(pki.privateKey(far, 'ds'));
  });
});
