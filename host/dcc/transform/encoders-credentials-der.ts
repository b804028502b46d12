import { derEncode, derSequence, derUnsigned } from '../../../gbcs/keys/der-writer.js';
import { MESSAGE_CODES, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import type { DuisRequest } from '../duis/request.js';

// The DER pieces the GBCS 7 credential and join commands share (gbcs.md 7): key usages, trust-anchor
// cell identifiers, remote-party roles, counters, execution date-times and certificates from the
// DUIS body (base64 DER).

const TAG_BIT_STRING = 0x03;
const TAG_GENERALIZED_TIME = 0x18;
const CONTEXT_PRIMITIVE = 0x80;
const CONTEXT_CONSTRUCTED = 0xa0;

/** GBCS 4.7 key usages as DER BIT STRING contents (unused bits, bits). */
export const KEY_USAGE = { ds: Uint8Array.of(0x07, 0x80), ka: Uint8Array.of(0x03, 0x08) } as const;
export type KeyUsageName = keyof typeof KEY_USAGE;

/** GBCS 7 remote-party roles by their DUIS RemotePartyRole names [T: Supplier, NetworkOperator, LoadController; the rest A]. */
export const REMOTE_PARTY_ROLE: Readonly<Record<string, number>> = {
  Root: 0, Recovery: 1, Supplier: 2, NetworkOperator: 3, AccessControlBroker: 4, TransitionalCoS: 5, WANProvider: 6, IssuingAuthority: 7, LoadController: 8,
};
export const ROLE_SUPPLIER = 2;
export const ROLE_NETWORK_OPERATOR = 3;
export const ROLE_ACB = 4;
export const ROLE_TRANSITIONAL_COS = 5;
export const ROLE_LOAD_CONTROLLER = 8;

/** DUIS CredentialType values (6.17, 6.24.2) [T]. */
export const CREDENTIAL_TYPE: Readonly<Record<string, KeyUsageName>> = { 'Digital Signature': 'ds', 'Key Agreement': 'ka' };

export const text = (r: DuisRequest, local: string): string | undefined => findTexts(r.body, local)[0];
export const texts = (r: DuisRequest, local: string): string[] => findTexts(r.body, local);

export const integer = (value: number | bigint): Uint8Array => derUnsigned(u64(BigInt(value)));
export const keyUsage = (usage: KeyUsageName): Uint8Array => derEncode(TAG_BIT_STRING, KEY_USAGE[usage]);
/** [n] IMPLICIT INTEGER (the CS02b control's counter and sequence numbers). */
export const contextInteger = (tag: number, value: number | bigint): Uint8Array => derEncode(CONTEXT_PRIMITIVE | tag, integer(value).subarray(2));
export const contextPrimitive = (tag: number, contents: Uint8Array): Uint8Array => derEncode(CONTEXT_PRIMITIVE | tag, contents);
export const contextConstructed = (tag: number, ...items: Uint8Array[]): Uint8Array => derEncode(CONTEXT_CONSTRUCTED | tag, ...items);

/** A trust-anchor cell identifier: SEQUENCE { INTEGER role, BIT STRING usage [, INTEGER cell id] } (gbcs.md 7, RTDS 6.15.1). */
export function cellIdentifier(role: number, usage: KeyUsageName, cellId = 0): Uint8Array {
  return derSequence(integer(role), keyUsage(usage), ...(cellId === 0 ? [] : [integer(cellId)]));
}

function u64(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 64n) throw new RangeError('a GBCS counter is an unsigned 64-bit number'); // RequestID counters are checked on parse
  const out = new Uint8Array(8);
  for (let i = 7, v = value; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** DUIS ExecutionDateTime meaning "cancel the pending one" (dcc.md 3.5) and its GBCS value (RTDS CANCELLATION: 9999-12-31T23:59:59Z). */
const DUIS_CANCELLATION = /^3000-12-31T00:00:00/;
const GBCS_CANCELLATION = '99991231235959Z';

/** GeneralizedTime YYYYMMDDHHMMSSZ of a DUIS ExecutionDateTime (GBCS 7). */
export function executionTime(duis: string): Uint8Array {
  const value = DUIS_CANCELLATION.test(duis) ? GBCS_CANCELLATION : new Date(duis).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return derEncode(TAG_GENERALIZED_TIME, new TextEncoder().encode(value));
}

/** A certificate the body carries (base64 DER). */
export function certificate(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
}

/** The command code of a GBCS use case (and title, where CS02b has one per replacement mode). */
export function commandCode(useCase: string, title?: string): { code: number; devices: readonly DeviceType[] } {
  const row = MESSAGE_CODES.find((r) => r.kind === 'command' && r.useCase === useCase && (title === undefined || r.title === title));
  if (!row) throw new RangeError(`no GBCS command code for ${useCase} ${title ?? ''}`); // table invariant
  return { code: row.code, devices: row.devices };
}

export { derSequence };
