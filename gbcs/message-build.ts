// Building protected messages from parts: what a test author or a head-end needs to send a
// command, and what an emulated device needs to answer or alert. The envelope and protection
// follow GBCS 4.1: commands are MACed (by the ACB's key) and, if critical, signed by the
// originator; responses and alerts of critical use cases are bare signed general-signing APDUs,
// the others are MACed. Signing is deterministic (RFC 6979, ARCHITECTURE.md principle 1).

import {
  u64ToBytes,
  encodeEnvelope,
  type Cra,
  type EnvelopeKind,
  type GbcsEnvelope,
  type OtherInformation,
} from './envelope.js';
import { GbcsDecodeError } from './errors.js';
import { messageCodeRow } from './tables/message-codes.js';
import { signEnvelope } from './security.js';
import { protectAndEncode, securityContextOf, type MessageOptions } from './message.js';
import { ConfigError } from './errors.js';

export interface MessageParts {
  /** 1 command (default), 2 response, 3 alert (GBCS 2.1). */
  cra?: Cra;
  originator: string;
  recipient: string;
  /** Originator counter (GBCS 2.1, 4.6). */
  counter: bigint;
  messageCode: number;
  content: Uint8Array;
  /** 12-byte DLMS date-time for the responses that carry one (GBCS 1.2). */
  dateTime?: Uint8Array;
  /** Supplementary fields of the other-information block (GBCS 2.2). */
  supplementaryRemotePartyId?: string;
  supplementaryRemotePartyCounter?: bigint;
  supplementaryOriginatorCounter?: bigint;
  certificate?: Uint8Array;
}

export interface BuildOptions extends MessageOptions<unknown> {
  /** Sign with the originator's DS key; default: the use case is critical (GBCS 4.1). */
  sign?: boolean;
  /** Envelope; default per GBCS 4.1 (see the file comment). */
  kind?: EnvelopeKind;
}

export interface BuiltMessage {
  bytes: Uint8Array;
  envelope: GbcsEnvelope;
  /** For signed commands: the PRECOMMAND (unsigned body the DCC signs, GBCS 4.4). */
  precommand?: Uint8Array;
}

/** Makes the envelope fields of a message from its parts (no protection yet). */
export function envelopeFromParts(parts: MessageParts, kind: EnvelopeKind): GbcsEnvelope {
  const cra = parts.cra ?? 1;
  const otherInfo: OtherInformation = { messageCode: parts.messageCode };
  if (parts.supplementaryRemotePartyId !== undefined) otherInfo.supplementaryRemotePartyId = parts.supplementaryRemotePartyId.toUpperCase();
  if (parts.supplementaryRemotePartyCounter !== undefined) otherInfo.supplementaryRemotePartyCounter = parts.supplementaryRemotePartyCounter;
  if (parts.supplementaryOriginatorCounter !== undefined) otherInfo.supplementaryOriginatorCounter = parts.supplementaryOriginatorCounter;
  if (parts.certificate !== undefined) otherInfo.certificate = parts.certificate;
  return {
    kind,
    cra,
    messageType: cra === 1 ? 'command' : cra === 2 ? 'response' : 'alert',
    transactionId: parts.counter,
    originatorCounter: parts.counter,
    transactionIdBytes: u64ToBytes(parts.counter),
    originator: parts.originator.toUpperCase(),
    recipient: parts.recipient.toUpperCase(),
    dateTime: parts.dateTime,
    otherInfo,
    content: parts.content,
    signature: undefined,
  };
}

/** Builds, signs (when asked or critical) and MACs (general-ciphering) one message. */
export function buildMessage(parts: MessageParts, opts: BuildOptions): BuiltMessage {
  const row = messageCodeRow(parts.messageCode);
  if (!row) throw new GbcsDecodeError('unknown-message-code', -1, 'a message code of GBCS 3');
  const cra = parts.cra ?? 1;
  const sign = opts.sign ?? row.critical;
  // GBCS 4.1: commands always travel MACed; signed responses/alerts are bare general-signing.
  const kind = opts.kind ?? (cra === 1 || !sign ? 'general-ciphering' : 'general-signing');
  let envelope = envelopeFromParts(parts, kind);
  let precommand: Uint8Array | undefined;
  if (sign) {
    const ctx = securityContextOf(opts);
    if (!ctx) throw new ConfigError('missing-keystore', 'signing needs a keystore and a crypto provider');
    if (cra === 1) precommand = encodeEnvelope({ ...envelope, kind: 'general-signing', messageType: 'precommand' });
    envelope = signEnvelope(envelope, ctx);
  }
  const bytes = protectAndEncode(envelope, opts);
  return precommand ? { bytes, envelope, precommand } : { bytes, envelope };
}

/** A command from a remote party (GBCS 2.1): MACed, and signed when the use case is critical. */
export function buildCommand(parts: Omit<MessageParts, 'cra'>, opts: BuildOptions): BuiltMessage {
  return buildMessage({ ...parts, cra: 1 }, opts);
}

/**
 * The device's response to a command (GBCS 2.1 rule 1, GBCS 8 checklist): originator and
 * recipient swapped, counter and other-information copied, CRA 2.
 */
export function buildResponse(
  command: GbcsEnvelope,
  content: Uint8Array,
  opts: BuildOptions & { dateTime?: Uint8Array },
): BuiltMessage {
  const info = command.otherInfo;
  const parts: MessageParts = {
    cra: 2,
    originator: command.recipient,
    recipient: command.originator,
    counter: command.transactionId,
    messageCode: info.messageCode,
    content,
  };
  if (opts.dateTime !== undefined) parts.dateTime = opts.dateTime;
  if (info.supplementaryRemotePartyId !== undefined) parts.supplementaryRemotePartyId = info.supplementaryRemotePartyId;
  if (info.supplementaryRemotePartyCounter !== undefined) parts.supplementaryRemotePartyCounter = info.supplementaryRemotePartyCounter;
  if (info.supplementaryOriginatorCounter !== undefined) parts.supplementaryOriginatorCounter = info.supplementaryOriginatorCounter;
  return buildMessage(parts, opts);
}

/** Signs an existing command body (e.g. a PRECOMMAND) and wraps it MACed, as the DCC does (GBCS 4.4). */
export function signAndWrapCommand(precommand: GbcsEnvelope, opts: BuildOptions): BuiltMessage {
  const ctx = securityContextOf(opts);
  if (!ctx) throw new ConfigError('missing-keystore', 'signing needs a keystore and a crypto provider');
  const envelope = signEnvelope({ ...precommand, kind: 'general-ciphering', messageType: 'command', wire: undefined }, ctx);
  return { bytes: protectAndEncode(envelope, opts), envelope };
}
