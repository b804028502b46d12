// Presenting a decoded message to people and programs: a JSON-safe summary (bigints as decimal
// strings, bytes as upper-case hex) and a human-readable dissection of header, security, use
// case and payload. Used by `smartmeter decode` and by tests that want to print a message.

import { bytesToHex } from './envelope.js';
import type { DecodedMessage } from './message.js';

/** One line of JSON per input (`smartmeter decode --json`). */
export interface MessageSummary {
  file?: string;
  ok: boolean;
  error: string | null;
  errorReason?: string;
  messageType: string | null;
  envelope?: string;
  useCase: string | null;
  useCaseName?: string;
  messageCode: string | null;
  transactionId: string | null;
  originator: string | null;
  recipient: string | null;
  macValid: boolean | null;
  signatureValid: boolean | null;
  macNote?: string;
  signatureNote?: string;
  decryptValid?: boolean | null;
  decrypted?: { path: string; plaintext: string }[];
  critical?: boolean;
  payloadKind?: string;
  dateTime?: string | null;
  otherInfo?: unknown;
  content?: string;
  payload?: unknown;
}

export function formatMessageCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Converts bigints to decimal strings and byte arrays to hex so JSON.stringify never throws. */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  // Payload trees are shallow (GBCS 5-7); the bound only stops a cyclic object.
  if (depth > JSON_DEPTH_MAX) return '[too deep]';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return bytesToHex(value);
  if (Array.isArray(value)) return value.map((item) => toJsonSafe(item, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonSafe(v, depth + 1)]));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJsonSafe(item, depth + 1);
    return out;
  }
  return value;
}

/** Nesting limit of toJsonSafe. */
export const JSON_DEPTH_MAX = 64;

export function summariseMessage(decoded: DecodedMessage<unknown>, file?: string): MessageSummary {
  const env = decoded.envelope;
  const summary: MessageSummary = {
    ...(file !== undefined ? { file } : {}),
    ok: true,
    error: null,
    messageType: decoded.messageType,
    envelope: env.kind,
    useCase: decoded.codeRow.useCase,
    useCaseName: decoded.useCase.name,
    messageCode: formatMessageCode(decoded.messageCode),
    transactionId: env.transactionId.toString(),
    originator: env.originator,
    recipient: env.recipient,
    macValid: decoded.security.macValid,
    signatureValid: decoded.security.signatureValid,
    critical: decoded.codeRow.critical,
    payloadKind: decoded.codeRow.payload,
    dateTime: env.dateTime ? bytesToHex(env.dateTime) : null,
    otherInfo: toJsonSafe(env.otherInfo),
    content: bytesToHex(env.content),
  };
  if (decoded.security.macNote) summary.macNote = decoded.security.macNote;
  if (decoded.security.signatureNote) summary.signatureNote = decoded.security.signatureNote;
  if (decoded.security.decryptValid !== undefined) summary.decryptValid = decoded.security.decryptValid;
  if (decoded.decrypted?.length) summary.decrypted = decoded.decrypted.map((b) => ({ path: b.path, plaintext: bytesToHex(b.plaintext) }));
  if (decoded.payload !== undefined) summary.payload = toJsonSafe(decoded.payload);
  return summary;
}

/** The summary of an input that failed to decode. */
export function failedSummary(error: unknown, file?: string): MessageSummary {
  const summary: MessageSummary = {
    ...(file !== undefined ? { file } : {}),
    ok: false,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    messageType: null,
    useCase: null,
    messageCode: null,
    transactionId: null,
    originator: null,
    recipient: null,
    macValid: null,
    signatureValid: null,
  };
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string') summary.errorReason = reason;
  return summary;
}

const status = (valid: boolean | null, note: string | undefined): string =>
  valid === true ? 'valid' : valid === false ? `INVALID (${note ?? ''})` : `not checked${note ? ` (${note})` : ''}`;

/** A human-readable dissection (header, security status, use case, payload fields). */
export function formatMessage(decoded: DecodedMessage<unknown>, title?: string): string {
  const env = decoded.envelope;
  const info = env.otherInfo;
  const lines: string[] = [];
  if (title) lines.push(`== ${title}`);
  lines.push(
    `use case      ${decoded.codeRow.useCase}  ${decoded.useCase.name}  (code ${formatMessageCode(decoded.messageCode)}, ${decoded.codeRow.critical ? 'critical' : 'non-critical'}, ${decoded.codeRow.payload})`,
    `message       ${decoded.messageType.toUpperCase()}  CRA ${env.cra}  in ${env.kind} envelope`,
    `counter       ${env.transactionId} (0x${bytesToHex(env.transactionIdBytes)})`,
    `originator    ${env.originator}`,
    `recipient     ${env.recipient}`,
    `date-time     ${env.dateTime ? bytesToHex(env.dateTime) : '(none)'}`,
  );
  if (info.supplementaryRemotePartyId) lines.push(`supp. RP      ${info.supplementaryRemotePartyId}`);
  if (info.supplementaryRemotePartyCounter !== undefined) lines.push(`supp. RP ctr  ${info.supplementaryRemotePartyCounter}`);
  if (info.supplementaryOriginatorCounter !== undefined) lines.push(`supp. orig    ${info.supplementaryOriginatorCounter}`);
  if (info.certificate) lines.push(`certificate   ${info.certificate.length} bytes (DER)`);
  lines.push(
    `MAC           ${env.mac ? bytesToHex(env.mac) : '(none)'}  ${env.mac ? status(decoded.security.macValid, decoded.security.macNote) : ''}`.trimEnd(),
    `signature     ${env.signature ? `${bytesToHex(env.signature.subarray(0, 8))}…` : env.messageType === 'precommand' ? '(no field: PRECOMMAND)' : '(none)'}  ${env.signature ? status(decoded.security.signatureValid, decoded.security.signatureNote) : ''}`.trimEnd(),
    `content       ${env.content.length} bytes  ${bytesToHex(env.content.subarray(0, CONTENT_PREVIEW_BYTES))}${env.content.length > CONTENT_PREVIEW_BYTES ? '…' : ''}`,
  );
  if (decoded.security.decryptValid !== undefined) {
    lines.push(`decryption    ${status(decoded.security.decryptValid ?? null, decoded.security.decryptNote)} (GBCS 4.5)`);
  }
  for (const block of decoded.decrypted ?? []) lines.push(`  ${block.path}: ${bytesToHex(block.plaintext)}`);
  if (decoded.payload !== undefined) {
    lines.push('payload');
    const json = JSON.stringify(toJsonSafe(decoded.payload), null, 2) ?? 'undefined';
    for (const line of json.split('\n')) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Bytes of content shown in the text dissection (the payload section shows the fields). */
export const CONTENT_PREVIEW_BYTES = 48;
