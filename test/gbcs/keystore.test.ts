// Proves that KeyStore loads the reference keystore (gbcs.md §0) completely and correctly: every
// certificate's fields as read by our own DER/X.509 reader agree with node:crypto's
// X509Certificate, every private key belongs to its certificate, EUIs are upper case, and each odd
// entry listed in gbcs.md §0 is handled (bare SPKI key, keys without certificate, a certificate
// naming another EUI, a shared public key). Also proves the error paths: a missing directory and a
// corrupt file give ConfigError naming the file, and a private key that contradicts its
// certificate is refused.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { toHex } from '../../gbcs/crypto/bytes.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { ConfigError } from '../../gbcs/errors.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { decodePem, encodePem } from '../../gbcs/keys/pem.js';
import { encodePkcs8, parsePkcs8 } from '../../gbcs/keys/pkcs8.js';
import { CERTIFICATE_EXTENSIONS_MAX, parseCertificate } from '../../gbcs/keys/x509.js';
import { DER_LENGTH_BYTES_MAX, readDer, readDerWhole } from '../../gbcs/keys/der.js';
import { derEncode, derSequence } from '../../gbcs/keys/der-writer.js';
import { GbcsDecodeError } from '../../gbcs/errors.js';

const KEYSTORE_URL = new URL('../../../shared/conformance/keystore/', import.meta.url);
if (!existsSync(KEYSTORE_URL)) {
  throw new Error(`reference data missing: expected ${fileURLToPath(KEYSTORE_URL)} (the read-only ../shared checkout)`);
}
const KEYSTORE_DIR = fileURLToPath(KEYSTORE_URL);
const files = readdirSync(KEYSTORE_DIR).sort();
const store = KeyStore.loadDir(KEYSTORE_DIR);
const provider = createNodeProvider();

const scratchDirs: string[] = [];
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keystore-test-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** EUI and usage from a reference file name, e.g. 90b3d51f30010000-pp-ka.key. */
function slotOf(name: string): { eui: string; usage: 'ds' | 'ka' | 'pp-ka' } {
  const m = /^([0-9a-f]{16})-(ds|ka|pp-ka)\./.exec(name)!;
  return { eui: m[1]!.toUpperCase(), usage: m[2] as 'ds' | 'ka' | 'pp-ka' };
}

describe('KeyStore.loadDir on the reference keystore', () => {
  it('holds one slot per (EUI, usage) in the directory and lists EUIs in upper case', () => {
    const slots = new Set(files.map((f) => { const s = slotOf(f); return `${s.eui}-${s.usage}`; }));
    expect(store.slots()).toEqual([...slots].sort());
    const euis = [...new Set(files.map((f) => slotOf(f).eui))].sort();
    expect(store.euis()).toEqual(euis);
    expect(store.euis().every((e) => /^[0-9A-F]{16}$/.test(e))).toBe(true);
  });

  it('reads every certificate as node:crypto X509Certificate does (public key, EUI, key usage, serial)', () => {
    let certificates = 0;
    for (const name of files.filter((f) => f.endsWith('.pem'))) {
      const text = readFileSync(join(KEYSTORE_DIR, name), 'latin1');
      if (!text.includes('BEGIN CERTIFICATE')) continue;
      const { eui, usage } = slotOf(name);
      const info = store.certificate(eui.toLowerCase(), usage)!;
      const x509 = new X509Certificate(text);
      const jwk = x509.publicKey.export({ format: 'jwk' });
      expect(toHex(info.publicKey), name).toBe(`04${Buffer.from(jwk.x!, 'base64url').toString('hex')}${Buffer.from(jwk.y!, 'base64url').toString('hex')}`.toUpperCase());
      expect(Buffer.from(info.der).equals(x509.raw), name).toBe(true);
      const parsed = parseCertificate(info.der);
      expect(parsed.serialNumber.toString(16).toUpperCase().padStart(32, '0'), name).toBe(x509.serialNumber.padStart(32, '0'));
      expect(info.keyUsage).toBe(usage === 'ds' ? 'digitalSignature' : 'keyAgreement');
      if (eui.startsWith('00DB')) {
        expect(info.role, name).toBeUndefined();
        expect(x509.subject ?? '').toBe('');
        expect(info.eui).toBe(eui);
      } else {
        expect(x509.subject, name).toContain(`OU=${String(info.role).padStart(2, '0')}`);
      }
      certificates++;
    }
    expect(certificates).toBe(files.filter((f) => f.endsWith('.pem')).length - 1); // all but the bare SPKI file
  });

  it('extracts the GBCS 4.7 identity fields of a device certificate and an organisation certificate', () => {
    const device = parseCertificate(store.certificate('00DB1234567890A0', 'ds')!.der);
    expect(toHex(device.hardwareModuleSerial!)).toBe('00DB1234567890A0');
    expect(device.subject).toEqual([]);
    expect(device.notAfter).toBe('99991231235959Z');
    expect(device.subjectKeyId?.length).toBe(8);
    expect(device.authorityKeyId?.length).toBe(8);
    const supplier = store.certificate('90B3D51F30010000', 'ka')!;
    expect(supplier).toMatchObject({ eui: '90B3D51F30010000', role: 2, usage: 'ka', keyUsage: 'keyAgreement' });
  });

  it('pairs every private key with its certificate (the key derives the certificate public key)', () => {
    let paired = 0;
    for (const name of files.filter((f) => f.endsWith('.key'))) {
      const { eui, usage } = slotOf(name);
      const priv = store.privateKey(eui, usage)!;
      expect(priv.length, name).toBe(32);
      const jwk = createPrivateKey(readFileSync(join(KEYSTORE_DIR, name))).export({ format: 'jwk' });
      expect(toHex(priv)).toBe(Buffer.from(jwk.d!, 'base64url').toString('hex').toUpperCase());
      const cert = store.certificate(eui, usage);
      if (cert === undefined) continue;
      expect(provider.publicKeyOf(priv), name).toEqual(cert.publicKey);
      paired++;
    }
    expect(paired).toBe(files.filter((f) => f.endsWith('.key')).length - 2); // the two keys without certificate
  });

  it('copes with every odd entry of gbcs.md §0', () => {
    // Bare SPKI public key: no certificate, but a public key.
    expect(store.certificate('FFFFFFFFFFFFFFFE', 'ka')).toBeUndefined();
    expect(store.publicKey('FFFFFFFFFFFFFFFE', 'ka')?.length).toBe(65);
    // Private keys with no certificate.
    for (const eui of ['123456789ABCDEF0', 'ABABABABABABABAB']) {
      expect(store.certificate(eui, 'ka')).toBeUndefined();
      expect(store.privateKey(eui, 'ka')?.length).toBe(32);
    }
    // Recovery and TransCoS have no KA pair.
    expect(store.certificate('90B3D51F30000001', 'ka')).toBeUndefined();
    expect(store.certificate('90B3D51F30000004', 'ka')).toBeUndefined();
    // WAN provider's KA file holds the second supplier's certificate (same public key).
    expect(store.certificate('90B3D51F30000007', 'ka')!.eui).toBe('90B3D51F30030000');
    expect(store.publicKey('90B3D51F30000007', 'ka')).toEqual(store.publicKey('90B3D51F30030000', 'ka'));
    const kinds = store.notes().map((n) => `${n.kind} ${n.slot}`);
    expect(kinds).toContain('certificate-names-other-eui 90B3D51F30000007-ka');
    expect(kinds).toContain('bare-public-key FFFFFFFFFFFFFFFE-ka');
    expect(kinds).toContain('public-key-shared 90B3D51F30030000-ka');
    expect(kinds).toContain('private-key-without-public-key ABABABABABABABAB-ka');
    // Prepayment KA slot is separate from the KA slot.
    expect(store.publicKey('90B3D51F30010000', 'pp-ka')).not.toEqual(store.publicKey('90B3D51F30010000', 'ka'));
  });

  it('answers unknown EUIs with undefined and refuses malformed EUI strings', () => {
    expect(store.certificate('00DB1234567890FF', 'ds')).toBeUndefined();
    expect(store.privateKey('00DB1234567890A0', 'ds')).toBeUndefined(); // device private keys are not supplied
    expect(() => store.certificate('00DB12', 'ds')).toThrow(RangeError);
  });
});

describe('KeyStore errors and programmatic entries', () => {
  it('throws ConfigError naming the directory when it does not exist', () => {
    const missing = join(tmpdir(), 'no-such-keystore-dir-7f3a');
    expect(() => KeyStore.loadDir(missing)).toThrow(ConfigError);
    expect(() => KeyStore.loadDir(missing)).toThrow(/no-such-keystore-dir-7f3a/);
  });

  it('throws ConfigError naming a corrupt certificate file', () => {
    const dir = scratchDir();
    const good = readFileSync(join(KEYSTORE_DIR, '00db1234567890a0-ka.pem'), 'latin1');
    writeFileSync(join(dir, '00db1234567890a0-ka.pem'), good);
    const der = decodePem(good).der.slice();
    der[200]! ^= 0xff; // inside the public key / extensions
    writeFileSync(join(dir, '00db1234567890a1-ds.pem'), encodePem('CERTIFICATE', der.subarray(0, 150)));
    let caught: unknown;
    try {
      KeyStore.loadDir(dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).reason).toBe('keystore-bad-file');
    expect((caught as Error).message).toContain('00db1234567890a1-ds.pem');
  });

  it('throws ConfigError for a file that is not PEM at all, and for a private key contradicting its certificate', () => {
    const dir = scratchDir();
    writeFileSync(join(dir, '90b3d51f30010000-ka.key'), 'not a key');
    expect(() => KeyStore.loadDir(dir)).toThrow(/90b3d51f30010000-ka\.key/);
    const dir2 = scratchDir();
    writeFileSync(join(dir2, '90b3d51f30010000-ka.pem'), readFileSync(join(KEYSTORE_DIR, '90b3d51f30010000-ka.pem')));
    writeFileSync(join(dir2, '90b3d51f30010000-ka.key'), readFileSync(join(KEYSTORE_DIR, '90b3d51f30020000-ka.key')));
    expect(() => KeyStore.loadDir(dir2)).toThrow(expect.objectContaining({ reason: 'keystore-key-mismatch' }));
  });

  it('accepts entries added in code and falls back to another lookup for unknown EUIs', () => {
    const priv = store.privateKey('90B3D51F30010000', 'ds')!;
    const cert = store.certificate('90B3D51F30010000', 'ds')!;
    const small = new KeyStore({ fallback: store });
    small.add({ eui: '90b3d51f30010000', usage: 'ds', certificate: cert, privateKey: priv });
    expect(small.euis()).toEqual(['90B3D51F30010000']);
    expect(small.privateKey('90B3D51F30010000', 'ds')).toEqual(priv);
    expect(small.certificate('00DB1234567890A0', 'ka')).toEqual(store.certificate('00DB1234567890A0', 'ka'));
  });

  it('round-trips PKCS#8 through our writer and reader, and node:crypto reads our PKCS#8', () => {
    const priv = store.privateKey('90B3D51F30020000', 'ka')!;
    const pub = store.publicKey('90B3D51F30020000', 'ka')!;
    const der = encodePkcs8(priv, pub);
    expect(parsePkcs8(der)).toEqual({ privateKey: priv, publicKey: pub });
    const jwk = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    expect(Buffer.from(jwk.d!, 'base64url').equals(Buffer.from(priv))).toBe(true);
    expect(decodePem(encodePem('PRIVATE KEY', der)).der).toEqual(der);
  });
});

describe('DER reader rejections (untrusted key files)', () => {
  const reasonOf = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(GbcsDecodeError);
      return (err as GbcsDecodeError).reason;
    }
    return undefined;
  };
  const refDer = store.certificate('00DB1234567890A0', 'ka')!.der;

  it('reports truncated input, trailing bytes and bad tags', () => {
    expect(reasonOf(() => parseCertificate(refDer.subarray(0, refDer.length - 1)))).toBe('truncated');
    expect(reasonOf(() => parseCertificate(Uint8Array.from([...refDer, 0])))).toBe('trailing-bytes');
    expect(reasonOf(() => readDerWhole(Uint8Array.of(0x31, 0x00), 0x30, 'SEQUENCE'))).toBe('bad-tag');
  });

  it(`accepts length fields of ${DER_LENGTH_BYTES_MAX} bytes and refuses ${DER_LENGTH_BYTES_MAX + 1}, and non-minimal lengths`, () => {
    const fourByteLength = Uint8Array.of(0x04, 0x84, 0x00, 0x00, 0x01, 0x00, ...new Uint8Array(256));
    expect(reasonOf(() => readDer(fourByteLength))).toBe('bad-length'); // leading zero length byte: not minimal
    expect(readDer(Uint8Array.of(0x04, 0x82, 0x01, 0x00, ...new Uint8Array(256))).value.length).toBe(256);
    expect(reasonOf(() => readDer(Uint8Array.of(0x04, 0x84, 0x01, 0x00, 0x00, 0x00)))).toBe('truncated'); // 4 bytes: read, content missing
    expect(reasonOf(() => readDer(Uint8Array.of(0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00)))).toBe('bad-length');
    expect(reasonOf(() => readDer(Uint8Array.of(0x04, 0x81, 0x05, 1, 2, 3, 4, 5)))).toBe('bad-length'); // 81 for < 0x80
  });

  it(`reads ${CERTIFICATE_EXTENSIONS_MAX} extensions and refuses ${CERTIFICATE_EXTENSIONS_MAX + 1}`, () => {
    // Rebuild the reference certificate with its extension list padded by repeats of its first extension.
    const withExtensions = (count: number): Uint8Array => {
      const cert = readDer(refDer);
      const [tbs, alg, sig] = [...childrenOf(cert)];
      const fields = [...childrenOf(tbs!)];
      const wrapper = fields.pop()!;
      const list = [...childrenOf(childrenOf(wrapper)[0]!)];
      while (list.length < count) list.push(list[0]!);
      const newTbs = derSequence(...fields.map((f) => f.bytes), derEncode(0xa3, derSequence(...list.map((e) => e.bytes))));
      return derSequence(newTbs, alg!.bytes, sig!.bytes);
    };
    expect(parseCertificate(withExtensions(CERTIFICATE_EXTENSIONS_MAX)).keyUsage).toBe('keyAgreement');
    expect(reasonOf(() => parseCertificate(withExtensions(CERTIFICATE_EXTENSIONS_MAX + 1)))).toBe('length-exceeds-max');
  });
});

function childrenOf(el: ReturnType<typeof readDer>): ReturnType<typeof readDer>[] {
  const out: ReturnType<typeof readDer>[] = [];
  for (let at = 0; at < el.value.length; ) {
    const child = readDer(el.value, at);
    out.push(child);
    at += child.bytes.length;
  }
  return out;
}
