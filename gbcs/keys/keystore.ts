// Certificates and private keys by (EUI, usage): the reference keystore directory
// (gbcs.md §0, files `<eui>-<ds|ka|pp-ka>.<pem|key>`) and entries added in code (the test PKI).
// Copes with the reference store's odd entries: a bare SPKI public key with no certificate
// (fffffffffffffffe-ka.pem), private keys with no certificate (123456789abcdef0-ka.key,
// abababababababab-ka.key), a certificate whose subject names another EUI than its file
// (90b3d51f30000007-ka.pem holds 90B3D51F30030000's KA certificate) and two files sharing one
// public key. Lookups are by the FILE's EUI, which is how GBCS messages address parties; the
// certificate's own EUI stays in CertificateInfo.eui and the difference is listed in notes().

import { toHex } from '../crypto/bytes.js';
import { ConfigError, EmulatorError, GbcsDecodeError } from '../errors.js';
import { type CertificateInfo, type KeyUsageSlot, certificateInfoFromDer, normaliseEui } from './certificate-info.js';
import { decodePem } from './pem.js';
import { parsePkcs8 } from './pkcs8.js';
import { parseSpkiDer } from './spki.js';

export type { CertificateInfo, KeyUsageSlot } from './certificate-info.js';

/** Anything that answers key lookups: a KeyStore, or the test PKI issuing on demand. */
export interface KeyLookup {
  certificate(eui: string, usage: KeyUsageSlot): CertificateInfo | undefined;
  privateKey(eui: string, usage: KeyUsageSlot): Uint8Array | undefined;
  /** The public key of the slot: from its certificate, or a bare public key when there is no certificate. */
  publicKey(eui: string, usage: KeyUsageSlot): Uint8Array | undefined;
}

/** What one slot holds; any part may be missing (see the file comment). */
export interface KeyStoreEntry {
  readonly eui: string;
  readonly usage: KeyUsageSlot;
  readonly certificate?: CertificateInfo;
  /** Bare public key (only when there is no certificate). */
  readonly publicKey?: Uint8Array;
  readonly privateKey?: Uint8Array;
}

export type KeyStoreNoteKind =
  | 'certificate-names-other-eui'
  | 'bare-public-key'
  | 'private-key-without-public-key'
  | 'public-key-shared'
  | 'ignored-file';

/** An oddity of the loaded data that is accepted, not an error; tests and tools can list them. */
export interface KeyStoreNote {
  readonly kind: KeyStoreNoteKind;
  readonly slot: string;
  readonly detail: string;
}

/** Files we read from one directory: the reference store has 435; 100k leaves room for big test stores while bounding a mistaken path. */
export const KEYSTORE_FILES_MAX = 100_000;

const FILE_NAME = /^([0-9a-fA-F]{16})-(ds|ka|pp-ka)\.(pem|key)$/;

interface MutableEntry {
  certificate?: CertificateInfo;
  publicKey?: Uint8Array;
  privateKey?: Uint8Array;
  embeddedPublicKey?: Uint8Array;
}

const slotKey = (eui: string, usage: KeyUsageSlot): string => `${normaliseEui(eui)}-${usage}`;
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export class KeyStore implements KeyLookup {
  readonly #entries = new Map<string, MutableEntry>();
  readonly #notes: KeyStoreNote[] = [];
  readonly #fallback: KeyLookup | undefined;

  /** `fallback` answers lookups this store has no entry for (e.g. a TestPki for every other device). */
  constructor(options: { fallback?: KeyLookup } = {}) {
    this.#fallback = options.fallback;
  }

  /** Reads every `<eui>-<usage>.<pem|key>` file of a directory (Node only). */
  static loadDir(dir: string, options: { fallback?: KeyLookup } = {}): KeyStore {
    // process.getBuiltinModule (Node >= 20.16) instead of a static `node:fs` import keeps this
    // module loadable in a browser bundle, where only fromFiles() is used.
    const fs = process.getBuiltinModule('node:fs');
    const path = process.getBuiltinModule('node:path');
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch (err) {
      throw new ConfigError('keystore-dir-unreadable', `cannot read key store directory '${dir}': ${(err as Error).message}`);
    }
    if (names.length > KEYSTORE_FILES_MAX) throw new ConfigError('keystore-too-many-files', `'${dir}' has ${names.length} files, at most ${KEYSTORE_FILES_MAX}`);
    const files = names
      .filter((name) => fs.statSync(path.join(dir, name)).isFile())
      .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'latin1') }));
    return KeyStore.fromFiles(files, { ...options, where: dir });
  }

  /** Builds a store from file names and contents; works anywhere (no file system needed). */
  static fromFiles(files: Iterable<{ name: string; text: string }>, options: { fallback?: KeyLookup; where?: string } = {}): KeyStore {
    const store = new KeyStore(options);
    for (const { name, text } of files) {
      const match = FILE_NAME.exec(name);
      if (match === null) {
        store.#notes.push({ kind: 'ignored-file', slot: name, detail: 'file name is not <eui>-<ds|ka|pp-ka>.<pem|key>' });
        continue;
      }
      const [, eui, usage, ext] = match as unknown as [string, string, KeyUsageSlot, 'pem' | 'key'];
      try {
        store.#loadFile(eui, usage, ext, text);
      } catch (err) {
        if (err instanceof ConfigError || !(err instanceof EmulatorError || err instanceof RangeError)) throw err;
        const where = options.where === undefined ? name : `${options.where}/${name}`;
        throw new ConfigError('keystore-bad-file', `${where}: ${err.message}`);
      }
    }
    store.#noteSharedPublicKeys();
    return store;
  }

  #loadFile(eui: string, usage: KeyUsageSlot, ext: 'pem' | 'key', text: string): void {
    const { label, der } = decodePem(text);
    if (ext === 'key') {
      if (label !== 'PRIVATE KEY') throw new GbcsDecodeError('bad-tag', 0, `PEM label PRIVATE KEY, got ${label}`);
      const key = parsePkcs8(der);
      this.#add(eui, usage, { privateKey: key.privateKey, embeddedPublicKey: key.publicKey });
    } else if (label === 'CERTIFICATE') {
      this.#add(eui, usage, { certificate: certificateInfoFromDer(der, usage) });
    } else if (label === 'PUBLIC KEY') {
      this.#add(eui, usage, { publicKey: parseSpkiDer(der) });
    } else {
      throw new GbcsDecodeError('bad-tag', 0, `PEM label CERTIFICATE or PUBLIC KEY, got ${label}`);
    }
  }

  /** Adds (or completes) a slot; throws ConfigError if a private key contradicts the slot's public key. */
  add(entry: KeyStoreEntry): void {
    const part: MutableEntry = {};
    if (entry.certificate !== undefined) part.certificate = entry.certificate;
    if (entry.publicKey !== undefined) part.publicKey = entry.publicKey;
    if (entry.privateKey !== undefined) part.privateKey = entry.privateKey;
    this.#add(entry.eui, entry.usage, part);
  }

  #add(eui: string, usage: KeyUsageSlot, part: MutableEntry): void {
    const key = slotKey(eui, usage);
    const entry = this.#entries.get(key) ?? {};
    Object.assign(entry, part);
    const slotPublic = entry.certificate?.publicKey ?? entry.publicKey;
    if (slotPublic !== undefined && entry.embeddedPublicKey !== undefined && !sameBytes(slotPublic, entry.embeddedPublicKey)) {
      throw new ConfigError('keystore-key-mismatch', `${key}: private key does not belong to the slot's public key`);
    }
    this.#entries.set(key, entry);
    if (part.certificate !== undefined && part.certificate.eui !== normaliseEui(eui)) {
      this.#notes.push({ kind: 'certificate-names-other-eui', slot: key, detail: `certificate names ${part.certificate.eui}` });
    }
    if (part.publicKey !== undefined) this.#notes.push({ kind: 'bare-public-key', slot: key, detail: 'public key without certificate' });
  }

  #noteSharedPublicKeys(): void {
    const byKey = new Map<string, string[]>();
    for (const [slot, entry] of this.#entries) {
      const pub = entry.certificate?.publicKey ?? entry.publicKey;
      if (pub === undefined) {
        this.#notes.push({ kind: 'private-key-without-public-key', slot, detail: 'private key only' });
        continue;
      }
      const hex = toHex(pub);
      byKey.set(hex, [...(byKey.get(hex) ?? []), slot]);
    }
    for (const slots of byKey.values()) {
      if (slots.length > 1) for (const slot of slots) this.#notes.push({ kind: 'public-key-shared', slot, detail: `same public key as ${slots.filter((s) => s !== slot).join(', ')}` });
    }
  }

  certificate(eui: string, usage: KeyUsageSlot): CertificateInfo | undefined {
    const entry = this.#entries.get(slotKey(eui, usage));
    return entry !== undefined ? entry.certificate : this.#fallback?.certificate(eui, usage);
  }

  privateKey(eui: string, usage: KeyUsageSlot): Uint8Array | undefined {
    const entry = this.#entries.get(slotKey(eui, usage));
    return entry !== undefined ? entry.privateKey?.slice() : this.#fallback?.privateKey(eui, usage);
  }

  publicKey(eui: string, usage: KeyUsageSlot): Uint8Array | undefined {
    const entry = this.#entries.get(slotKey(eui, usage));
    if (entry === undefined) return this.#fallback?.publicKey(eui, usage);
    return (entry.certificate?.publicKey ?? entry.publicKey ?? entry.embeddedPublicKey)?.slice();
  }

  /** EUIs with at least one slot in this store (not the fallback), sorted, upper-case. */
  euis(): string[] {
    return [...new Set([...this.#entries.keys()].map((k) => k.slice(0, 16)))].sort();
  }

  /** Slots held, as `<EUI>-<usage>`, sorted. */
  slots(): string[] {
    return [...this.#entries.keys()].sort();
  }

  notes(): readonly KeyStoreNote[] {
    return this.#notes;
  }
}
