// A whole GBCS message: envelope (GBCS 1, 2) + use case (GBCS 3, catalogue) + payload (GBCS 5-7)
// + security status (GBCS 4). decodeMessage is what the CLI, the conformance tests and a
// head-end integrator call; encodeMessage rebuilds the bytes and recomputes the MAC from keys,
// which is how the round-trip suite proves the codec byte-exact against RTDS.

import { encodeEnvelope, encodeGeneralSigning, parseEnvelope, wrapGeneralCiphering, type GbcsEnvelope, type MessageType } from './envelope.js';
import { ConfigError, GbcsDecodeError, GbcsSecurityError } from './errors.js';
import type { CryptoProvider } from './crypto/provider.js';
import { messageCodeRow, type MessageCodeRow } from './tables/message-codes.js';
import { UseCaseCatalogue, type UseCaseEntry } from './tables/use-case-catalogue.js';
import {
  SecurityContext,
  assertSecure,
  checkSecurity,
  computeMac,
  type SecurityKeys,
  type SecurityStatus,
} from './security.js';
import { decryptPayloadBlocks, type DecryptedBlock } from './security-payload.js';

/** The payload codec (gbcs/payload/index.ts) as the message layer sees it. */
export interface PayloadCodec<P = unknown> {
  decodePayload(content: Uint8Array, ctx: { messageCode: number; cra: 1 | 2 | 3; useCase?: string }): P;
  encodePayload(payload: P): Uint8Array;
}

export interface MessageOptions<P = unknown> {
  keystore?: SecurityKeys;
  provider?: CryptoProvider;
  /** A context made once and reused keeps ECDH results across messages (faster). */
  security?: SecurityContext;
  catalogue?: UseCaseCatalogue;
  payloadCodec?: PayloadCodec<P>;
  /** 'throw' (default): a present but wrong MAC or signature throws GbcsSecurityError;
   *  'report': it is returned as macValid/signatureValid = false. */
  onSecurityFailure?: 'throw' | 'report';
  /** Decrypt ciphered payload blocks (GBCS 4.5) when keys and a codec are given; default true. */
  decryptPayload?: boolean;
}

export interface DecodedMessage<P = unknown> {
  envelope: GbcsEnvelope;
  messageType: MessageType;
  messageCode: number;
  codeRow: MessageCodeRow;
  useCase: UseCaseEntry;
  /** The decoded content when a payload codec was given; undefined otherwise. */
  payload: P | undefined;
  security: SecurityStatus;
  /** Plaintexts of the payload's ciphered blocks (GBCS 4.5), when a codec and keys were given. */
  decrypted: DecryptedBlock[] | undefined;
}

const NO_SECURITY: SecurityStatus = Object.freeze({
  macValid: null,
  signatureValid: null,
  macNote: 'no keystore given',
  signatureNote: 'no keystore given',
});

/** Builds the security context of the options, or undefined when no keys were given. */
export function securityContextOf(opts: MessageOptions<unknown>): SecurityContext | undefined {
  if (opts.security) return opts.security;
  if (!opts.keystore) return undefined;
  if (!opts.provider) throw new ConfigError('missing-crypto-provider', 'a keystore was given without a crypto provider');
  return new SecurityContext({ keystore: opts.keystore, provider: opts.provider });
}

/** Decodes and (given keys) authenticates one GBCS message. */
export function decodeMessage<P = unknown>(bytes: Uint8Array, opts: MessageOptions<P> = {}): DecodedMessage<P> {
  const envelope = parseEnvelope(bytes);
  const messageCode = envelope.otherInfo.messageCode;
  const codeRow = messageCodeRow(messageCode);
  if (!codeRow) {
    throw new GbcsDecodeError('unknown-message-code', envelope.wire!.messageCodeOffset, 'a message code of GBCS 3');
  }
  const useCase = (opts.catalogue ?? EMPTY_CATALOGUE).forMessageCode(messageCode)!;
  const ctx = securityContextOf(opts);
  const security = ctx ? checkSecurity(envelope, ctx) : { ...NO_SECURITY };
  if ((opts.onSecurityFailure ?? 'throw') === 'throw') assertSecure(security);
  let payload: P | undefined;
  if (opts.payloadCodec) {
    try {
      payload = opts.payloadCodec.decodePayload(envelope.content, { messageCode, cra: envelope.cra, useCase: codeRow.useCase });
    } catch (error) {
      if (error instanceof GbcsDecodeError && error.useCase === undefined) {
        throw new GbcsDecodeError(error.reason, error.offset, error.expected, codeRow.useCase);
      }
      throw error;
    }
  }
  let decrypted: DecryptedBlock[] | undefined;
  if (ctx && payload !== undefined && opts.decryptPayload !== false) {
    decrypted = decryptBlocks(envelope, payload, ctx, security, opts.onSecurityFailure ?? 'throw');
  }
  return { envelope, messageType: envelope.messageType, messageCode, codeRow, useCase, payload, security, decrypted };
}

// GBCS 4.5: a block that does not decrypt is a security failure like a bad MAC; missing keys
// leave the plaintext unknown (decryptValid null).
function decryptBlocks(env: GbcsEnvelope, payload: unknown, ctx: SecurityContext, security: SecurityStatus, mode: 'throw' | 'report'): DecryptedBlock[] | undefined {
  try {
    const blocks = decryptPayloadBlocks(env, payload, ctx);
    if (blocks.length > 0) security.decryptValid = true;
    return blocks;
  } catch (error) {
    if (!(error instanceof GbcsSecurityError) || (mode === 'throw' && error.reason !== 'missing-key')) throw error;
    security.decryptValid = error.reason === 'missing-key' ? null : false;
    security.decryptNote = error.message;
    return undefined;
  }
}

const EMPTY_CATALOGUE = UseCaseCatalogue.empty();

export interface EncodeOptions<P = unknown> extends MessageOptions<P> {
  /** 'payload' (default when a codec is given): re-encode the decoded payload; 'raw': reuse the content bytes. */
  content?: 'payload' | 'raw';
}

/**
 * Rebuilds the message bytes. The MAC is recomputed from the keys; it is copied from the decoded
 * envelope only for HAN-only messages (PCS01 PPMID -> GSME) whose device-to-device keys the
 * keystore cannot hold (GBCS 14 trap 18). The decoded signature is kept as it is (ECDSA in RTDS
 * used a random k, GBCS 4.4); call signEnvelope to make a new one.
 */
export function encodeMessage<P>(decoded: DecodedMessage<P>, opts: EncodeOptions<P> = {}): Uint8Array {
  const useCodec = opts.payloadCodec !== undefined && decoded.payload !== undefined && (opts.content ?? 'payload') === 'payload';
  const content = useCodec ? opts.payloadCodec!.encodePayload(decoded.payload as P) : decoded.envelope.content;
  const envelope: GbcsEnvelope = { ...decoded.envelope, content, wire: undefined };
  return protectAndEncode(envelope, opts);
}

/** Encodes an envelope, computing its MAC from keys when it is general-ciphering (GBCS 4.3). */
export function protectAndEncode(envelope: GbcsEnvelope, opts: MessageOptions<unknown>): Uint8Array {
  if (envelope.kind === 'general-signing') return encodeEnvelope(envelope);
  const ctx = securityContextOf(opts);
  const apdu = encodeGeneralSigning(envelope);
  let mac: Uint8Array;
  try {
    if (!ctx) throw new GbcsSecurityError('missing-key', 'no keystore given to compute the MAC');
    mac = computeMac(envelope, ctx, apdu);
  } catch (error) {
    const copyable = error instanceof GbcsSecurityError && error.reason === 'missing-key'
      && messageCodeRow(envelope.otherInfo.messageCode)?.hanOnly === true && envelope.mac !== undefined;
    if (!copyable) throw error;
    mac = envelope.mac!;
  }
  if (envelope.messageType === 'precommand') throw new GbcsDecodeError('bad-value', -1, 'PRECOMMANDs are bare general-signing APDUs');
  return wrapGeneralCiphering(apdu, mac);
}
