// Message-level security of GBCS remote-party messages: which key pair MACs a message and who
// signs it (GBCS 4.1), the MAC itself (GBCS 4.2 KDF + 4.3 GMAC) and the signature (GBCS 4.4).
// The rules, verified on all 1024 RTDS files:
// - commands (CRA 1) are MACed by the DCC Access Control Broker: Z = ECDH(ACB KA, device KA),
//   while the KDF and the IV use the *header originator* (GBCS 4.1, 14 trap 1);
// - responses and alerts (CRA 2, 3): Z = ECDH(recipient KA, device KA) (GBCS 4.1);
// - HAN-only PPMID -> meter messages use device-to-device keys, which the keystore does not
//   hold (GBCS 14 trap 18); the emulator's devices key them as every MAC here, with Z = ECDH
//   between the originator's and the recipient's own KA keys (assembly/han-devices/han-message.ts),
//   so a key store holding either device's KA private key verifies them;
// - a signature is always made with the DS key of the header originator: the remote party for
//   commands, the device for responses and alerts (GBCS 4.4).
// Z is symmetric, so each pair is tried both ways round: organisation private x device public
// (what the reference keystore allows) and device private x organisation public (what an
// emulated device with its own keys does).

import { bytesToHex, euiToBytes, encodeGeneralSigning, type GbcsEnvelope } from './envelope.js';
import { GbcsSecurityError } from './errors.js';
import { deriveGbcsKey } from './crypto/gbcs-kdf.js';
import { gbcsMessageMac } from './crypto/gbcs-gcm.js';
import { equalBytesConstantTime } from './crypto/bytes.js';
import type { CryptoProvider } from './crypto/provider.js';
import { messageCodeRow } from './tables/message-codes.js';

export type KeyUsage = 'ds' | 'ka' | 'pp-ka';

/** What security needs from a key store; gbcs/keys/keystore.ts's KeyStore satisfies it. */
export interface SecurityKeys {
  certificate(eui: string, usage: KeyUsage): { readonly publicKey: Uint8Array } | undefined;
  privateKey(eui: string, usage: KeyUsage): Uint8Array | undefined;
}

/** The DCC Access Control Broker of the RTDS test estate (GBCS 0, role 4). */
export const ACB_EUI_RTDS = '90B3D51F30000002';

/** ECDH results kept per security context; one per (party, device) pair (ARCHITECTURE.md). When
 *  full the oldest inserted pair is dropped, which only costs a recomputation. */
export const SHARED_SECRET_CACHE_MAX = 4096;

export interface SecurityOptions {
  keystore: SecurityKeys;
  provider: CryptoProvider;
  /** EUI of the Access Control Broker whose KA key MACs every command; RTDS: ACB_EUI_RTDS. */
  accessControlBroker?: string;
}

/** Keys, provider and a bounded cache of shared secrets, reused across messages. */
export class SecurityContext {
  readonly keystore: SecurityKeys;
  readonly provider: CryptoProvider;
  readonly accessControlBroker: string;
  readonly #secrets = new Map<string, Uint8Array | null>();

  constructor(options: SecurityOptions) {
    this.keystore = options.keystore;
    this.provider = options.provider;
    this.accessControlBroker = (options.accessControlBroker ?? ACB_EUI_RTDS).toUpperCase();
  }

  /** Z = ECDH between the KA keys of two parties, whichever private key is known; null if neither. */
  sharedSecret(euiA: string, euiB: string): Uint8Array | null {
    const id = euiA < euiB ? `${euiA}:${euiB}` : `${euiB}:${euiA}`;
    const cached = this.#secrets.get(id);
    if (cached !== undefined) return cached;
    const z = this.#computeSharedSecret(euiA, euiB) ?? this.#computeSharedSecret(euiB, euiA);
    if (this.#secrets.size >= SHARED_SECRET_CACHE_MAX) this.#secrets.delete(this.#secrets.keys().next().value!);
    this.#secrets.set(id, z);
    return z;
  }

  #computeSharedSecret(privateEui: string, publicEui: string): Uint8Array | null {
    const privateKey = this.keystore.privateKey(privateEui, 'ka');
    const certificate = this.keystore.certificate(publicEui, 'ka');
    if (!privateKey || !certificate) return null;
    return this.provider.ecdh(privateKey, certificate.publicKey);
  }
}

export function toSecurityContext(options: SecurityOptions | SecurityContext): SecurityContext {
  return options instanceof SecurityContext ? options : new SecurityContext(options);
}

/** The two parties whose KA keys MAC this message (GBCS 4.1). */
export function macKeyParties(env: GbcsEnvelope, ctx: SecurityContext): [string, string] {
  if (messageCodeRow(env.otherInfo.messageCode)?.hanOnly) return [env.originator, env.recipient];
  if (env.cra === 1) return [ctx.accessControlBroker, env.recipient];
  return [env.recipient, env.originator];
}

/** The AES-128 MAC key of the message (GBCS 4.2 with CRA' = CRA); GbcsSecurityError('missing-key'). */
export function messageMacKey(env: GbcsEnvelope, ctx: SecurityContext): Uint8Array {
  const [a, b] = macKeyParties(env, ctx);
  const z = ctx.sharedSecret(a, b);
  if (!z) throw new GbcsSecurityError('missing-key', `no KA private key for ${a} or ${b} to MAC a CRA ${env.cra} message`);
  return deriveGbcsKey(ctx.provider, z, eui(env, 'originator'), env.cra, env.transactionIdBytes, eui(env, 'recipient'));
}

/** The 12-byte MAC over a general-signing APDU (GBCS 4.3); the APDU is encoded when not given. */
export function computeMac(env: GbcsEnvelope, ctx: SecurityContext, apdu?: Uint8Array): Uint8Array {
  return gbcsMessageMac(ctx.provider, messageMacKey(env, ctx), eui(env, 'originator'), apdu ?? apduOf(env));
}

/** Throws GbcsSecurityError 'bad-mac' (or 'missing-key') unless the envelope's MAC verifies. */
export function verifyMac(env: GbcsEnvelope, ctx: SecurityContext): void {
  if (!env.mac) throw new GbcsSecurityError('bad-mac', 'a general-signing envelope carries no MAC');
  const expected = computeMac(env, ctx, env.wire?.apdu);
  if (!equalBytesConstantTime(expected, env.mac)) {
    throw new GbcsSecurityError('bad-mac', `MAC of ${describe(env)} does not verify`);
  }
}

/** The bytes a signature covers: after `DF` through the last content byte (GBCS 4.4). */
export function signedBytesOf(env: GbcsEnvelope): Uint8Array {
  if (env.wire) return env.wire.signedBytes;
  const unsigned: GbcsEnvelope = { ...env, messageType: 'precommand', signature: undefined, wire: undefined };
  return encodeGeneralSigning(unsigned).subarray(1);
}

/** Throws GbcsSecurityError 'bad-signature' (or 'missing-key') unless the signature verifies. */
export function verifySignature(env: GbcsEnvelope, ctx: SecurityContext): void {
  if (!env.signature) throw new GbcsSecurityError('bad-signature', `${describe(env)} carries no signature`);
  const certificate = ctx.keystore.certificate(env.originator, 'ds');
  if (!certificate) throw new GbcsSecurityError('missing-key', `no DS certificate for signer ${env.originator}`);
  if (!ctx.provider.ecdsaVerify(certificate.publicKey, signedBytesOf(env), env.signature)) {
    throw new GbcsSecurityError('bad-signature', `signature of ${describe(env)} by ${env.originator} does not verify`);
  }
}

/** Deterministic (RFC 6979) signature by the header originator's DS key (GBCS 4.4). */
export function signEnvelope(env: GbcsEnvelope, ctx: SecurityContext): GbcsEnvelope {
  const privateKey = ctx.keystore.privateKey(env.originator, 'ds');
  if (!privateKey) throw new GbcsSecurityError('missing-key', `no DS private key for signer ${env.originator}`);
  const messageType = env.messageType === 'precommand' ? 'command' : env.messageType;
  const unsigned: GbcsEnvelope = { ...env, messageType, signature: undefined, wire: undefined };
  return { ...unsigned, signature: ctx.provider.ecdsaSign(privateKey, signedBytesOf(unsigned)) };
}

export interface SecurityStatus {
  /** true/false when the message carries a MAC and the keys are known; null otherwise. */
  macValid: boolean | null;
  signatureValid: boolean | null;
  /** Why a value is null or false (missing key, absent field, mismatch). */
  macNote?: string;
  signatureNote?: string;
  /** Ciphered payload blocks (GBCS 4.5): true all decrypted, false one failed, null keys
   *  missing; absent when the payload has none or was not decoded. */
  decryptValid?: boolean | null;
  decryptNote?: string;
}

/** Checks both protections without throwing for bad ones (GBCS 4.1). */
export function checkSecurity(env: GbcsEnvelope, ctx: SecurityContext): SecurityStatus {
  const status: SecurityStatus = { macValid: null, signatureValid: null };
  if (!env.mac) status.macNote = 'no MAC (general-signing envelope)';
  else [status.macValid, status.macNote] = outcome(() => verifyMac(env, ctx));
  if (!env.signature) status.signatureNote = env.messageType === 'precommand' ? 'PRECOMMAND: no signature field' : 'unsigned (signature length 00)';
  else [status.signatureValid, status.signatureNote] = outcome(() => verifySignature(env, ctx));
  return status;
}

function outcome(check: () => void): [boolean | null, string | undefined] {
  try {
    check();
    return [true, undefined];
  } catch (error) {
    if (!(error instanceof GbcsSecurityError)) throw error;
    return [error.reason === 'missing-key' ? null : false, error.message];
  }
}

/** Throws the first GbcsSecurityError of a message whose MAC or signature is present and wrong. */
export function assertSecure(status: SecurityStatus): void {
  if (status.macValid === false) throw new GbcsSecurityError('bad-mac', status.macNote ?? 'MAC does not verify');
  if (status.signatureValid === false) throw new GbcsSecurityError('bad-signature', status.signatureNote ?? 'signature does not verify');
}

function apduOf(env: GbcsEnvelope): Uint8Array {
  return encodeGeneralSigning(env);
}

function eui(env: GbcsEnvelope, which: 'originator' | 'recipient'): Uint8Array {
  return env.wire ? env.wire[which] : euiToBytes(env[which]);
}

function describe(env: GbcsEnvelope): string {
  return `${env.messageType} 0x${env.otherInfo.messageCode.toString(16).padStart(4, '0').toUpperCase()} ctr ${bytesToHex(env.transactionIdBytes)}`;
}
