import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import type { KeyLookup } from '../gbcs/keys/keystore.js';
import type { DeviceKeyring } from './secure-element.js';
import { MANUFACTURER_EUI, MANUFACTURER_KEY_SLOT } from './firmware-image.js';

// A device's secure-element contents drawn from a key lookup (the reference keystore, the
// test PKI, or both): its own KA and DS private keys, and the public keys of the parties in its
// trust store, by slot. Shared secrets are real P-256 ECDH, cached per slot (bounded by the
// trust store's size).

export class LookupKeyring implements DeviceKeyring {
  private readonly secrets = new Map<number, Uint8Array>();

  constructor(
    private readonly provider: CryptoProvider,
    private readonly keys: KeyLookup,
    private readonly deviceEui: string,
    /** EUIs of the trust-store entries, by key slot. */
    private readonly trustStore: readonly string[],
  ) {}

  sharedSecret(keySlot: number): Uint8Array | undefined {
    let secret = this.secrets.get(keySlot);
    if (secret) return secret;
    const party = this.trustStore[keySlot];
    const own = this.keys.privateKey(this.deviceEui, 'ka');
    const peer = party === undefined ? undefined : this.keys.publicKey(party, 'ka');
    if (!own || !peer) return undefined;
    secret = this.provider.ecdh(own, peer);
    this.secrets.set(keySlot, secret);
    return secret;
  }

  /** ECDH with the prepayment KA key (`pp-ka`) of trust-store entry keySlot: UTRN MACs (GBCS 10.2). */
  prepaymentSecret(keySlot: number): Uint8Array | undefined {
    const cached = this.secrets.get(-1 - keySlot);
    if (cached) return cached;
    const party = this.trustStore[keySlot];
    const own = this.keys.privateKey(this.deviceEui, 'ka');
    const peer = party === undefined ? undefined : this.keys.publicKey(party, 'pp-ka');
    if (!own || !peer) return undefined;
    const secret = this.provider.ecdh(own, peer);
    this.secrets.set(-1 - keySlot, secret); // negative keys: the pp-ka secrets, still one per slot
    return secret;
  }

  /** ECDH with a key carried in a command's certificate (ECS21b URP, GBCS 4.5); not cached. */
  sharedSecretWithKey(publicKey: Uint8Array): Uint8Array | undefined {
    const own = this.keys.privateKey(this.deviceEui, 'ka');
    return own ? this.provider.ecdh(own, publicKey) : undefined;
  }

  sign(message: Uint8Array): Uint8Array | undefined {
    const own = this.keys.privateKey(this.deviceEui, 'ds');
    return own ? this.provider.ecdsaSign(own, message) : undefined;
  }

  verify(keySlot: number, message: Uint8Array, signature: Uint8Array): boolean {
    // The manufacturer's key the device was built with (firmware images, devices 9), not a trust-store entry.
    const party = keySlot === MANUFACTURER_KEY_SLOT ? MANUFACTURER_EUI : this.trustStore[keySlot];
    const key = party === undefined ? undefined : this.keys.publicKey(party, 'ds');
    return key ? this.provider.ecdsaVerify(key, message, signature) : false;
  }
}
