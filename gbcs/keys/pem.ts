// PEM armour (RFC 7468) without node:buffer, so key files can be read in a browser too.

import { GbcsDecodeError } from '../errors.js';

export type PemLabel = 'CERTIFICATE' | 'PUBLIC KEY' | 'PRIVATE KEY';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decodes the first PEM block; returns its label and DER bytes. */
export function decodePem(text: string): { label: string; der: Uint8Array } {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (match === null) throw new GbcsDecodeError('bad-tag', 0, 'a PEM block (-----BEGIN ...----- / -----END ...-----)');
  const body = match[2]!.replace(/\s+/g, '');
  const unpadded = body.replace(/=+$/, '');
  if (body.length % 4 !== 0 || body.length - unpadded.length > 2) throw new GbcsDecodeError('bad-length', 0, 'base64 in groups of 4');
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let bits = 0;
  let bitCount = 0;
  let at = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const v = B64_INDEX.get(unpadded[i]!);
    if (v === undefined) throw new GbcsDecodeError('bad-value', i, 'a base64 character');
    bits = (bits << 6) | v;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[at++] = (bits >> bitCount) & 0xff;
    }
  }
  return { label: match[1]!, der: out };
}

export function encodePem(label: PemLabel, der: Uint8Array): string {
  let b64 = '';
  for (let i = 0; i < der.length; i += 3) {
    const n = (der[i]! << 16) | ((der[i + 1] ?? 0) << 8) | (der[i + 2] ?? 0);
    const chars = [B64[n >> 18]!, B64[(n >> 12) & 63]!, B64[(n >> 6) & 63]!, B64[n & 63]!];
    const kept = i + 2 < der.length ? 4 : i + 1 < der.length ? 3 : 2;
    b64 += chars.slice(0, kept).join('') + '='.repeat(4 - kept);
  }
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
