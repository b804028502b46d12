// Payload codecs of GBCS Remote Party messages: DLMS (GBCS 5, 9), GBZ/ZCL (GBCS 6) and ASN.1
// (GBCS 7). The kind is chosen from the content: a DLMS APDU tag (D9/DA/0F), the GBZ profile id
// `01 09`, or an ASN.1 universal tag (SEQUENCE, INTEGER, OCTET STRING, NULL). Every decoder is
// bounded and throws GbcsDecodeError for malformed input; encodePayload(decodePayload(b)) === b.

import { GbcsDecodeError } from '../errors.js';
import { ZSE_PROFILE_ID } from '../tables/zcl.js';
import { decodeAsn1, encodeAsn1, type Asn1Payload } from './asn1.js';
import { decodeDlms, encodeDlms, type DlmsPayload } from './dlms.js';
import { dlmsApduByTag } from './dlms-tags.js';
import { decodeGbz, encodeGbz, type GbzPayload } from './gbz.js';

export type { Asn1Payload, Asn1Named } from './asn1.js';
export type { AxdrData, AxdrTypeDescription } from './axdr.js';
export type { CipheredBlock } from './ciphered.js';
export type { DerNode } from './der.js';
export type { DlmsPayload } from './dlms.js';
export type { AccessRequest, AccessRequestItem } from './dlms-request.js';
export type { AccessResponse, AccessResponseItem } from './dlms-response.js';
export type { DataNotification, DlmsAlertView } from './dlms-notification.js';
export type { GbzPayload, GbzComponent, GbzComponents, ZclPayload } from './gbz.js';
export type { GbzAlert, GbzAlertData } from './gbz-alert.js';

/** Largest payload accepted. The envelope's content length is at most 64 KiB (3-byte A-XDR
 * length capped by the envelope codec); RTDS maximum is 1765 bytes (CS02b). 16 KiB bounds every
 * GBCS payload including a full CS02b certificate set. */
export const PAYLOAD_BYTES_MAX = 16384;

export type DecodedPayload =
  | { readonly kind: 'dlms'; readonly body: DlmsPayload }
  | { readonly kind: 'gbz'; readonly body: GbzPayload }
  | { readonly kind: 'asn1'; readonly body: Asn1Payload };

export type PayloadKind = DecodedPayload['kind'];

export interface PayloadContext {
  readonly messageCode: number;
  readonly cra: 1 | 2 | 3;
  readonly useCase?: string;
}

/** ASN.1 universal tags a GBCS 7 payload starts with. */
const ASN1_FIRST_BYTES = [0x30, 0x02, 0x04, 0x05] as const;
const PROFILE_ID_HIGH = ZSE_PROFILE_ID >> 8;
const PROFILE_ID_LOW = ZSE_PROFILE_ID & 0xff;

/** Which codec a content belongs to, from its first bytes (GBCS 5, 6.1, 7). */
export function payloadKindOf(content: Uint8Array): PayloadKind | undefined {
  const first = content[0];
  if (first === undefined) return undefined;
  if (first === PROFILE_ID_HIGH && content[1] === PROFILE_ID_LOW) return 'gbz';
  if (dlmsApduByTag(first) !== undefined) return 'dlms';
  if ((ASN1_FIRST_BYTES as readonly number[]).includes(first)) return 'asn1';
  return undefined;
}

export function decodePayload(content: Uint8Array, ctx: PayloadContext): DecodedPayload {
  if (content.length > PAYLOAD_BYTES_MAX) {
    throw new GbcsDecodeError('length-exceeds-max', 0, `payload <= ${PAYLOAD_BYTES_MAX} bytes`, ctx.useCase);
  }
  const kind = payloadKindOf(content);
  try {
    switch (kind) {
      case 'dlms':
        return { kind, body: decodeDlms(content, ctx.useCase) };
      case 'gbz':
        // GBCS 6.1: GBZ alerts are told apart from commands/responses by CRA = 3.
        return { kind, body: decodeGbz(content, { alert: ctx.cra === 3 }) };
      case 'asn1':
        return { kind, body: decodeAsn1(content, ctx) };
      case undefined:
        throw new GbcsDecodeError(content.length === 0 ? 'truncated' : 'bad-tag', 0, 'DLMS APDU, GBZ profile 01 09 or ASN.1 tag', ctx.useCase);
    }
  } catch (err) {
    // Attach the use case to errors raised below this layer, which do not know it.
    if (err instanceof GbcsDecodeError && err.useCase === undefined && ctx.useCase !== undefined) {
      throw new GbcsDecodeError(err.reason, err.offset, err.expected, ctx.useCase);
    }
    throw err;
  }
}

export function encodePayload(p: DecodedPayload): Uint8Array {
  switch (p.kind) {
    case 'dlms':
      return encodeDlms(p.body);
    case 'gbz':
      return encodeGbz(p.body);
    case 'asn1':
      return encodeAsn1(p.body);
  }
}
