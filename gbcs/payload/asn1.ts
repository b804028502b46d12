// ASN.1 (DER) payloads (GBCS 7): the TLV tree of der.ts plus, where GBCS 7 names the fields, a
// named view chosen by message code. The tree is what the encoder writes; `named` is
// informational and recomputed on decode. Shapes GBCS marks unverified (CS02a/b/g details,
// GCS28 field names) are named only as far as GBCS 7 and the RTDS data agree.

import { alertName } from '../tables/alert-codes.js';
import { decodeDer, encodeDer, type DerNode } from './der.js';

export type Asn1Named =
  | { readonly schema: 'join-request'; readonly joinMethodAndRole: number; readonly otherDeviceEui: Uint8Array; readonly otherDeviceType: number; readonly certificate?: DerNode }
  | { readonly schema: 'unjoin-request'; readonly otherDeviceEui: Uint8Array }
  | { readonly schema: 'outcome'; readonly outcome: number }
  | { readonly schema: 'null-request' }
  | { readonly schema: 'firmware-version-response'; readonly firmwareVersion: Uint8Array; readonly readResult: number }
  | { readonly schema: 'join-details-response'; readonly readResult: number; readonly devices: readonly { readonly eui: Uint8Array; readonly deviceType: number }[] }
  | { readonly schema: 'time-sync-request'; readonly validityStart: string; readonly validityEnd: string }
  | { readonly schema: 'time-sync-response'; readonly deviceTime: string; readonly outcome: number }
  | { readonly schema: 'alert'; readonly alertCode: number; readonly alertName?: string; readonly timestamp: string; readonly details: readonly DerNode[] }
  | { readonly schema: 'issue-credentials-request'; readonly keyUsage: Uint8Array }
  | { readonly schema: 'update-certificate-request'; readonly certificate: DerNode }
  | { readonly schema: 'update-credentials-request'; readonly credentialsReplacementMode: number; readonly authorisingRemotePartyControl: DerNode; readonly replacements: DerNode };

export interface Asn1Payload {
  readonly tree: DerNode;
  readonly named?: Asn1Named;
}

/** GBCS 7 use cases by message code (GBCS 3). */
const JOIN_CODES = [0x000d, 0x000e, 0x00ab, 0x00af] as const; // CS03A1, CS03B, CS03A2, CS03C
const UNJOIN_CODES = [0x000f, 0x0010] as const; // CS04AC, CS04B
const CS02C = 0x000a;
const CS02D = 0x000b;
const CS07 = 0x0013;
const CS08 = 0x0129;
const GCS28 = 0x007f;
const CS02B_CODES = [0x0100, 0x0101, 0x0102, 0x0103, 0x0104, 0x0105, 0x0106, 0x0107, 0x0108, 0x0109, 0x0124, 0x0125, 0x0126] as const;

const TAG = { integer: 2, bitString: 3, octetString: 4, null: 5, enumerated: 10, sequence: 16, generalizedTime: 24 } as const;

function is(n: DerNode | undefined, tagNumber: number): n is DerNode {
  return n !== undefined && n.tagClass === 'universal' && n.tagNumber === tagNumber;
}

/** INTEGER contents as a number (GBCS 7 INTEGERs are small codes and counters). */
function int(n: DerNode): number {
  const v = n.value ?? new Uint8Array(0);
  let x = v.length > 0 && (v[0] as number) >= 0x80 ? -1 : 0;
  for (const b of v) x = x * 256 + b;
  return x;
}

function text(n: DerNode): string {
  return String.fromCharCode(...(n.value ?? []));
}

function withName(n: DerNode, name: string): DerNode {
  return { ...n, name };
}

export function decodeAsn1(content: Uint8Array, ctx: { messageCode: number; cra: 1 | 2 | 3 }): Asn1Payload {
  const tree = decodeDer(content);
  const named = nameAsn1(tree, ctx);
  return named === undefined ? { tree } : { tree, named };
}

export function encodeAsn1(p: Asn1Payload): Uint8Array {
  return encodeDer(p.tree);
}

function nameAsn1(t: DerNode, ctx: { messageCode: number; cra: 1 | 2 | 3 }): Asn1Named | undefined {
  const c = t.children ?? [];
  const code = ctx.messageCode;
  if (ctx.cra === 3) {
    // CS09 / CS02b-g future-dated alerts: SEQUENCE { INTEGER alert code, GeneralizedTime, ... }.
    if (is(t, TAG.sequence) && is(c[0], TAG.integer) && is(c[1], TAG.generalizedTime)) {
      const alertCode = int(c[0]);
      const nm = alertName(alertCode);
      return { schema: 'alert', alertCode, ...(nm === undefined ? {} : { alertName: nm }), timestamp: text(c[1]), details: c.slice(2) };
    }
    return undefined;
  }
  // Every GBCS 7 response family answers failure (and most successes) with a bare INTEGER.
  if (ctx.cra === 2 && is(t, TAG.integer)) return { schema: 'outcome', outcome: int(t) };
  if (is(t, TAG.null) && ctx.cra === 1) return { schema: 'null-request' };
  if ((JOIN_CODES as readonly number[]).includes(code) && ctx.cra === 1 && is(t, TAG.sequence)) {
    if (is(c[0], TAG.integer) && is(c[1], TAG.octetString) && is(c[2], TAG.integer)) {
      const cert = c[3];
      return {
        schema: 'join-request',
        joinMethodAndRole: int(c[0]),
        otherDeviceEui: c[1].value ?? new Uint8Array(0),
        otherDeviceType: int(c[2]),
        ...(cert === undefined ? {} : { certificate: withName(cert, 'certificate') }),
      };
    }
  }
  if ((UNJOIN_CODES as readonly number[]).includes(code) && ctx.cra === 1 && is(t, TAG.octetString)) {
    return { schema: 'unjoin-request', otherDeviceEui: t.value ?? new Uint8Array(0) };
  }
  if (code === CS02C && ctx.cra === 1 && is(t, TAG.sequence) && is(c[0], TAG.bitString)) {
    return { schema: 'issue-credentials-request', keyUsage: c[0].value ?? new Uint8Array(0) };
  }
  if (code === CS02D && ctx.cra === 1 && is(t, TAG.sequence)) return { schema: 'update-certificate-request', certificate: withName(t, 'certificate') };
  if (code === CS08 && ctx.cra === 2 && is(c[0], TAG.octetString) && is(c[1], TAG.integer)) {
    return { schema: 'firmware-version-response', firmwareVersion: c[0].value ?? new Uint8Array(0), readResult: int(c[1]) };
  }
  if (code === CS07 && ctx.cra === 2 && is(t, TAG.sequence) && is(c[0], TAG.integer)) {
    const list = c[1]?.children ?? [];
    const devices = list
      .filter((d) => is(d.children?.[0], TAG.octetString) && is(d.children?.[1], TAG.integer))
      .map((d) => ({ eui: d.children?.[0]?.value ?? new Uint8Array(0), deviceType: int(d.children?.[1] as DerNode) }));
    return { schema: 'join-details-response', readResult: int(c[0]), devices };
  }
  if (code === GCS28 && is(t, TAG.sequence) && is(c[0], TAG.generalizedTime)) {
    if (ctx.cra === 1 && is(c[1], TAG.generalizedTime)) return { schema: 'time-sync-request', validityStart: text(c[0]), validityEnd: text(c[1]) };
    if (ctx.cra === 2 && is(c[1], TAG.integer)) return { schema: 'time-sync-response', deviceTime: text(c[0]), outcome: int(c[1]) };
  }
  if ((CS02B_CODES as readonly number[]).includes(code) && ctx.cra === 1 && is(t, TAG.sequence)) {
    const control = c[0];
    const mode = control?.children?.[0];
    if (is(control, TAG.sequence) && is(mode, TAG.integer) && c[1] !== undefined) {
      return {
        schema: 'update-credentials-request',
        credentialsReplacementMode: int(mode),
        authorisingRemotePartyControl: withName(control, 'authorisingRemotePartyControl'),
        replacements: withName(c[1], 'replacements'),
      };
    }
  }
  return undefined;
}
