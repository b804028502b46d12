import { ROLE } from '../status.js';
import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import type { TestPki } from '../../gbcs/keys/test-pki.js';
import type { TrustAnchor } from '../provisioning.js';
import { TRUST_STORE_MAX } from '../provisioning.js';
import type { DeviceKeyring } from '../secure-element.js';
import { MANUFACTURER_EUI, MANUFACTURER_KEY_SLOT } from '../firmware-image.js';

// The secure element of an emulated device that stands in for a reference device (RTDS
// 00DB1234567890A0…A6). The reference keystore holds only the devices' certificates, never their
// private keys, but it does hold the organisations' private keys, and
//   ECDH(device KA private, organisation KA public) = ECDH(organisation KA private, device KA public)
// (ARCHITECTURE.md "Key trick", GBCS 4.2/4.3). So sharedSecret() computes the right-hand side and
// the emulated device produces exactly the MACs and ciphertexts the reference device produced.
// Signatures cannot be reproduced that way (no device DS private key, and RTDS signatures use a
// random k, GBCS 4.4), so the device signs with a DS key from our deterministic test PKI and the
// conformance grading verifies with that key's certificate instead of comparing bytes.

/** Seed of the test PKI that issues the reference devices' DS keys. Fixed so that every run
 *  signs identically (ARCHITECTURE.md principle 1); the value has no meaning beyond that. */
export const REFERENCE_TEST_PKI_SEED = 0x5e7_5a11n;


/**
 * The trust store of every reference device: the organisations of gbcs.md §0 "Test identities".
 * Entry i is secure-element key slot i (host/provisioning.ts). Recovery and TransCoS have no KA
 * key pair in the keystore, so key agreement with them fails (no MAC), as it would on a real
 * device; their DS keys still verify signatures (CS02a/CS02b recovery variants).
 */
export const REFERENCE_PARTIES: readonly TrustAnchor[] = [
  { eui: '90B3D51F30010000', role: ROLE.SUPPLIER },
  { eui: '90B3D51F30020000', role: ROLE.NETWORK_OPERATOR },
  { eui: '90B3D51F30000002', role: ROLE.ACB },
  { eui: '90B3D51F30000001', role: ROLE.RECOVERY },
  { eui: '90B3D51F30000004', role: ROLE.TRANSCOS },
  { eui: '90B3D51F30000007', role: ROLE.WAN_PROVIDER },
  { eui: '90B3D51F30010008', role: ROLE.TEST_PARTY },
  { eui: '90B3D51F30030000', role: ROLE.SUPPLIER }, // second supplier (keystore only)
];
if (REFERENCE_PARTIES.length > TRUST_STORE_MAX) throw new Error('REFERENCE_PARTIES exceeds TRUST_STORE_MAX'); // table invariant

export class ReferenceKeyring implements DeviceKeyring {
  /** Bounded by the trust store: one secret per key slot at most. */
  private readonly secrets = new Map<number, Uint8Array>();

  constructor(
    private readonly provider: CryptoProvider,
    /** The reference keystore: organisation private keys, device and organisation certificates. */
    private readonly keystore: KeyLookup,
    /** Issues the device's DS key (the reference one is not supplied). */
    private readonly pki: TestPki,
    private readonly deviceEui: string,
    private readonly parties: readonly TrustAnchor[] = REFERENCE_PARTIES,
  ) {}

  sharedSecret(keySlot: number): Uint8Array | undefined {
    const cached = this.secrets.get(keySlot);
    if (cached) return cached;
    const party = this.parties[keySlot];
    if (party === undefined) return undefined;
    const organisationKey = this.keystore.privateKey(party.eui, 'ka');
    const deviceKey = this.keystore.publicKey(this.deviceEui, 'ka');
    if (!organisationKey || !deviceKey) return undefined;
    const secret = this.provider.ecdh(organisationKey, deviceKey);
    this.secrets.set(keySlot, secret);
    return secret;
  }

  /** UTRN MACs (GBCS 10.2) use the organisation's prepayment KA key (`pp-ka`); same trick as above. */
  prepaymentSecret(keySlot: number): Uint8Array | undefined {
    const cached = this.secrets.get(-1 - keySlot);
    if (cached) return cached;
    const party = this.parties[keySlot];
    if (party === undefined) return undefined;
    const organisationKey = this.keystore.privateKey(party.eui, 'pp-ka');
    const deviceKey = this.keystore.publicKey(this.deviceEui, 'ka');
    if (!organisationKey || !deviceKey) return undefined;
    const secret = this.provider.ecdh(organisationKey, deviceKey);
    this.secrets.set(-1 - keySlot, secret);
    return secret;
  }

  /**
   * ECS21b URP (GBCS 4.5): the key comes from a certificate the command carried. Without the
   * device's private key the trick above works only for an organisation whose private key the
   * keystore holds: the carried key must be one of theirs (in RTDS it is the Supplier's KA key).
   */
  sharedSecretWithKey(publicKey: Uint8Array): Uint8Array | undefined {
    const deviceKey = this.keystore.publicKey(this.deviceEui, 'ka');
    for (const party of this.parties) {
      const known = this.keystore.publicKey(party.eui, 'ka');
      if (!known || !deviceKey || !bytesEqual(known, publicKey)) continue;
      const organisationKey = this.keystore.privateKey(party.eui, 'ka');
      return organisationKey ? this.provider.ecdh(organisationKey, deviceKey) : undefined;
    }
    return undefined;
  }

  sign(message: Uint8Array): Uint8Array | undefined {
    return this.provider.ecdsaSign(this.pki.privateKey(this.deviceEui, 'ds'), message);
  }

  verify(keySlot: number, message: Uint8Array, signature: Uint8Array): boolean {
    // Firmware images (devices 9): the manufacturer's key the emulated device was built with, from the test PKI.
    if (keySlot === MANUFACTURER_KEY_SLOT) return this.provider.ecdsaVerify(this.pki.publicKey(MANUFACTURER_EUI, 'ds'), message, signature);
    const party = this.parties[keySlot];
    const key = party === undefined ? undefined : this.keystore.publicKey(party.eui, 'ds');
    return key ? this.provider.ecdsaVerify(key, message, signature) : false;
  }

  /** The public DS key a verifier of this device's signatures uses (its test-PKI certificate's key). */
  signingPublicKey(): Uint8Array {
    return this.pki.publicKey(this.deviceEui, 'ds');
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
