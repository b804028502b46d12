import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import { OID } from '../../gbcs/keys/oids.js';
import { parseCertificate, type NameAttribute } from '../../gbcs/keys/x509.js';
import type { SigningKey } from './xml/xmldsig.js';

// The DS certificates the DCC knows (Users' and its own), indexed by what a DUIS signature's
// KeyInfo names: X509IssuerName + X509SerialNumber (dcc.md 3.4). The issuer name is written as
// RFC 4514 text (most specific attribute first, ", " between attributes, as the templates'
// placeholder `CN=U1, OU=07` is); lookups compare it without spaces and case-insensitively.

/** Known signers; the reference keystore has 8 organisation DS keys, fleets add one per User. */
export const SIGNERS_MAX = 100_000;

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.commonName]: 'CN',
  [OID.organizationalUnitName]: 'OU',
  '2.5.4.10': 'O',
  '2.5.4.6': 'C',
};

/** RFC 4514 text of a distinguished name. */
export function rfc4514(name: readonly NameAttribute[]): string {
  return [...name]
    .reverse()
    .map((a) => `${SHORT_NAMES[a.oid] ?? a.oid}=${typeof a.value === 'string' ? a.value : '#' + Buffer.from(a.value).toString('hex')}`)
    .join(', ');
}

const normaliseName = (name: string): string => name.replace(/\s+/g, '').toUpperCase();

export interface Signer {
  /** 16 upper-case hex digits. */
  eui: string;
  issuerName: string;
  serialNumber: bigint;
  publicKey: Uint8Array;
  /** GBCS remote-party role from the certificate's OU (gbcs.md 4.7), undefined for devices. */
  certificateRole: number | undefined;
}

export class SignerDirectory {
  readonly #byKey = new Map<string, Signer>();
  readonly #byEui = new Map<string, Signer>();

  /** Indexes the DS certificates of `euis` found in `keys` (EUIs without one are skipped). */
  constructor(
    private readonly keys: KeyLookup,
    euis: Iterable<string>,
  ) {
    for (const eui of euis) {
      const info = keys.certificate(eui, 'ds');
      if (!info) continue;
      if (this.#byEui.size >= SIGNERS_MAX) throw new RangeError(`more than ${SIGNERS_MAX} signers`); // invariant: configuration too large
      const cert = parseCertificate(info.der);
      const signer: Signer = {
        eui: eui.toUpperCase(),
        issuerName: rfc4514(cert.issuer),
        serialNumber: cert.serialNumber,
        publicKey: info.publicKey,
        certificateRole: info.role,
      };
      this.#byKey.set(`${normaliseName(signer.issuerName)}#${signer.serialNumber}`, signer);
      this.#byEui.set(signer.eui, signer);
    }
  }

  resolve(issuerName: string, serialNumber: bigint): Signer | undefined {
    return this.#byKey.get(`${normaliseName(issuerName)}#${serialNumber}`);
  }

  byEui(eui: string): Signer | undefined {
    return this.#byEui.get(eui.toUpperCase());
  }

  /** The XML signing key of a signer whose DS private key the key lookup holds. */
  signingKey(eui: string): SigningKey | undefined {
    const signer = this.byEui(eui);
    const privateKey = this.keys.privateKey(eui, 'ds');
    if (!signer || !privateKey) return undefined;
    return { issuerName: signer.issuerName, serialNumber: signer.serialNumber, privateKey };
  }
}
