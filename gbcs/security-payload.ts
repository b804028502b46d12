// Payload encryption (GBCS 4.5): sensitive values inside responses and alerts travel as ciphered
// blocks (`31 00000000 <ct> <tag>`), which the payload codecs lift into CipheredBlock fields.
// This file finds those blocks in any decoded payload tree and decrypts them.
// Key: GBCS 4.2 with CRA' = 4, Z = ECDH(device KA, remote party KA); the remote party (ECDH peer
// and KDF recipient) is the supplementary remote party whenever other-information names one,
// else the header recipient; the KDF counter is the supplementary originator counter of the
// 26-byte form, else the header counter. IV = device EUI || 00000000, AAD = 31 (GBCS 14 trap 11).

import { euiToBytes, u64ToBytes, type GbcsEnvelope } from './envelope.js';
import { GbcsSecurityError } from './errors.js';
import { deriveGbcsKey, GBCS_CRA } from './crypto/gbcs-kdf.js';
import { decryptGbcsPayload } from './crypto/gbcs-gcm.js';
import type { SecurityContext } from './security.js';

/** A ciphered block as the payload codecs expose it (gbcs/payload/ciphered.ts). */
interface CipheredBlockShape {
  readonly securityHeader: { readonly securityControl: number; readonly invocationCounter: number };
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

export interface DecryptedBlock {
  /** Where the block sits in the payload tree, e.g. `body.items[0].data.block`. */
  readonly path: string;
  readonly plaintext: Uint8Array;
}

/** Ciphered blocks per message: RTDS has at most 4 (GCS15b, GBCS 4.5); more is refused. */
export const CIPHERED_BLOCKS_MAX = 64;
/** Depth of the payload tree walked looking for blocks (payload trees are shallow). */
export const PAYLOAD_TREE_DEPTH_MAX = 32;

function isCipheredBlock(value: object): value is CipheredBlockShape {
  const v = value as Partial<CipheredBlockShape>;
  return v.ciphertext instanceof Uint8Array && v.tag instanceof Uint8Array && typeof v.securityHeader === 'object' && v.securityHeader !== null;
}

/** Every ciphered block of a decoded payload, in document order. */
export function findCipheredBlocks(payload: unknown): { path: string; block: CipheredBlockShape }[] {
  const found: { path: string; block: CipheredBlockShape }[] = [];
  // Codecs may expose one block twice (e.g. the DLMS alert view of ECS68); count it once.
  const seen = new Set<object>();
  const walk = (value: unknown, path: string, depth: number): void => {
    if (typeof value !== 'object' || value === null || value instanceof Uint8Array || depth > PAYLOAD_TREE_DEPTH_MAX) return;
    if (isCipheredBlock(value)) {
      if (seen.has(value)) return;
      seen.add(value);
      if (found.length >= CIPHERED_BLOCKS_MAX) throw new GbcsSecurityError('decrypt-failed', `more than ${CIPHERED_BLOCKS_MAX} ciphered blocks`);
      found.push({ path, block: value });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
    else for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key, depth + 1);
  };
  walk(payload, '', 0);
  return found;
}

/** The remote party whose KA key encrypts the payload of this message (GBCS 4.5). */
export function payloadRemoteParty(env: GbcsEnvelope): string {
  return env.otherInfo.supplementaryRemotePartyId ?? (env.cra === 1 ? env.originator : env.recipient);
}

/** The AES-128 key of the message's ciphered blocks (GBCS 4.5); GbcsSecurityError('missing-key'). */
export function payloadEncryptionKey(env: GbcsEnvelope, ctx: SecurityContext): Uint8Array {
  const device = env.cra === 1 ? env.recipient : env.originator;
  const party = payloadRemoteParty(env);
  const z = ctx.sharedSecret(device, party);
  if (!z) throw new GbcsSecurityError('missing-key', `no KA private key for ${device} or ${party} to decrypt the payload`);
  const counter = env.otherInfo.supplementaryOriginatorCounter !== undefined
    ? u64ToBytes(env.otherInfo.supplementaryOriginatorCounter)
    : env.transactionIdBytes;
  return deriveGbcsKey(ctx.provider, z, euiToBytes(device), GBCS_CRA.payloadEncryption, counter, euiToBytes(party));
}

/** Decrypts every ciphered block; throws GbcsSecurityError 'decrypt-failed' on a bad tag. */
export function decryptPayloadBlocks(env: GbcsEnvelope, payload: unknown, ctx: SecurityContext): DecryptedBlock[] {
  const blocks = findCipheredBlocks(payload);
  if (blocks.length === 0) return [];
  const key = payloadEncryptionKey(env, ctx);
  const device = euiToBytes(env.cra === 1 ? env.recipient : env.originator);
  return blocks.map(({ path, block }) => {
    const joined = new Uint8Array(block.ciphertext.length + block.tag.length);
    joined.set(block.ciphertext);
    joined.set(block.tag, block.ciphertext.length);
    return { path, plaintext: decryptGbcsPayload(ctx.provider, key, device, joined) };
  });
}
