// Proves that the payload codecs (gbcs/payload/) cover the whole RTDS 4.5.0 reference set: every
// one of the 1024 messages is opened with parseEnvelope, its content is decoded by decodePayload
// (kind chosen from the content), the kind agrees with the message-code table (GBCS 3), and
// encodePayload gives back the content byte for byte. Counts per kind, per DLMS APDU, per GBZ
// payload form and of named vs generic ASN.1 views are asserted so coverage cannot silently drop.
// Reference data comes from ../shared via test/gbcs/reference-data.ts; missing data fails.

import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { decodePayload, encodePayload, type DecodedPayload } from '../../gbcs/payload/index.js';
import { messageCodeRow } from '../../gbcs/tables/message-codes.js';
import { loadReferenceFiles, type ReferenceFile } from './reference-data.js';

interface Decoded {
  file: ReferenceFile;
  payload: DecodedPayload;
  content: Uint8Array;
}

function decodeAll(): Decoded[] {
  return loadReferenceFiles().map((file) => {
    const env = parseEnvelope(file.bytes);
    const row = messageCodeRow(env.otherInfo.messageCode);
    const payload = decodePayload(env.content, {
      messageCode: env.otherInfo.messageCode,
      cra: env.cra,
      ...(row === undefined ? {} : { useCase: row.useCase }),
    });
    return { file, payload, content: env.content };
  });
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

describe('GBCS payload codecs over the RTDS 4.5.0 reference set', () => {
  const all = decodeAll();

  it('decodes all 1024 reference contents: 614 DLMS, 276 GBZ, 134 ASN.1', () => {
    expect(all).toHaveLength(1024);
    const counts = { dlms: 0, gbz: 0, asn1: 0 };
    for (const d of all) counts[d.payload.kind]++;
    expect(counts).toEqual({ dlms: 614, gbz: 276, asn1: 134 });
  });

  it('re-encodes every content byte for byte', () => {
    const mismatches = all.filter((d) => hex(encodePayload(d.payload)) !== hex(d.content)).map((d) => d.file.name);
    expect(mismatches).toEqual([]);
  });

  it('chooses the payload kind the message-code table gives for every message code', () => {
    const disagreements = all
      .filter((d) => messageCodeRow(parseEnvelope(d.file.bytes).otherInfo.messageCode)?.payload !== d.payload.kind)
      .map((d) => d.file.name);
    expect(disagreements).toEqual([]);
  });

  it('splits DLMS into 317 access-requests, 242 access-responses, 55 data-notifications', () => {
    const counts: Record<string, number> = {};
    for (const d of all) if (d.payload.kind === 'dlms') counts[d.payload.body.apdu] = (counts[d.payload.body.apdu] ?? 0) + 1;
    expect(counts).toEqual({ 'access-request': 317, 'access-response': 242, 'data-notification': 55 });
  });

  it('names every COSEM descriptor of every access-request and every result code', () => {
    const unnamed: string[] = [];
    for (const d of all) {
      if (d.payload.kind !== 'dlms') continue;
      const body = d.payload.body;
      if (body.apdu === 'access-request') {
        for (const item of body.items) if (item.target.objectName === undefined || item.target.className === undefined) unnamed.push(`${d.file.name} ${item.target.classId}/${item.target.obis}`);
      } else if (body.apdu === 'access-response') {
        for (const item of body.items) if (item.resultName === undefined) unnamed.push(`${d.file.name} result ${item.result}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('names the alert of every DLMS data-notification (55) from the alert-code table', () => {
    const notes = all.flatMap((d) => (d.payload.kind === 'dlms' && d.payload.body.apdu === 'data-notification' ? [d.payload.body] : []));
    expect(notes).toHaveLength(55);
    expect(notes.filter((n) => n.alert?.alertName === undefined)).toEqual([]);
  });

  it('decodes every GBZ component to a named ZCL command, never to raw bytes', () => {
    const kinds: Record<string, number> = {};
    let alerts = 0;
    for (const d of all) {
      if (d.payload.kind !== 'gbz') continue;
      const body = d.payload.body;
      if (body.form === 'alert') {
        alerts++;
        expect(body.alertName, d.file.name).toBeDefined();
        continue;
      }
      for (const c of body.components) {
        kinds[c.payload.kind] = (kinds[c.payload.kind] ?? 0) + 1;
        expect(c.zcl.commandName, `${d.file.name} ${c.clusterId}/${c.zcl.commandId}`).toBeDefined();
        expect(c.clusterName, d.file.name).toBeDefined();
      }
    }
    expect(alerts).toBe(18);
    expect(kinds).toEqual({ command: 462, 'default-response': 262, 'read-attributes': 46, 'read-attributes-response': 34, ciphered: 21 });
  });

  // GBCS 15: 40 blocks in 32 messages. The walk skips the informational `alert` view, which
  // repeats the body items of the two ECS68 alerts.
  it('finds all 40 ciphered blocks of GBCS 4.5 (19 DLMS, 21 GBZ) as typed fields', () => {
    let dlms = 0;
    let gbz = 0;
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return;
      if ((v as { type?: string }).type === 'ciphered') dlms++;
      for (const [key, x] of Object.entries(v)) if (key !== 'alert') walk(x);
    };
    for (const d of all) {
      if (d.payload.kind === 'dlms') walk(d.payload.body);
      if (d.payload.kind === 'gbz' && d.payload.body.form === 'components') gbz += d.payload.body.components.filter((c) => c.payload.kind === 'ciphered').length;
    }
    expect({ dlms, gbz }).toEqual({ dlms: 19, gbz: 21 });
  });

  it('gives a named ASN.1 view for 100 of the 134 ASN.1 contents (CS02a/f and CS02b/g responses stay trees)', () => {
    const asn1 = all.flatMap((d) => (d.payload.kind === 'asn1' ? [d] : []));
    const named = asn1.filter((d) => d.payload.kind === 'asn1' && d.payload.body.named !== undefined);
    expect(asn1).toHaveLength(134);
    expect(named).toHaveLength(100);
    const generic = asn1.filter((d) => !named.includes(d)).map((d) => d.file.folder);
    expect(generic.every((f) => /CS02[abcfg]/.test(f))).toBe(true);
  });
});
