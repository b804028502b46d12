// Proves the GBCS envelope layer (gbcs/envelope.ts, GBCS 1 and 2) against the 1024 RTDS 4.5.0
// reference messages: every file parses to the end, its kind matches its file name (counts as
// GBCS 0: 403 COMMAND, 138 PRECOMMAND, 403 RESPONSE, 80 ALERT), it maps to a named use case
// (GBCS 3 + catalogue, GBCS 0 join rule), and re-encodes to the same bytes. Worked examples of
// GBCS 13 pin field values. The negative space: each *_MAX at max and max + 1, and every
// GbcsDecodeError reason the envelope and message layers can produce.

import { describe, expect, it } from 'vitest';
import {
  CIPHERED_CONTENT_BYTES_MAX,
  CONTENT_BYTES_MAX,
  LENGTH_FIELD_BYTES_MAX,
  OTHER_INFO_BYTES_MAX,
  encodeEnvelope,
  parseEnvelope,
  type GbcsEnvelope,
} from '../../gbcs/envelope.js';
import { GbcsDecodeError, type GbcsDecodeReason } from '../../gbcs/errors.js';
import { decodeMessage } from '../../gbcs/message.js';
import { MESSAGE_CODES, messageCodeRow } from '../../gbcs/tables/message-codes.js';
import { USE_CASE_ENTRIES_MAX, UseCaseCatalogue } from '../../gbcs/tables/use-case-catalogue.js';
import { ConfigError } from '../../gbcs/errors.js';
import { loadReferenceFiles, loadUseCaseCatalogue, referenceFile } from './reference-data.js';

const files = loadReferenceFiles();
const catalogue = loadUseCaseCatalogue();

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

function decodeError(fn: () => unknown): GbcsDecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GbcsDecodeError) return error;
    throw error;
  }
  throw new Error('expected a GbcsDecodeError, but decoding succeeded');
}

/** A-XDR length written by the test itself (any form, including ones the codec rejects). */
function axdrLength(n: number, bytes = n < 0x80 ? 0 : n <= 0xff ? 1 : n <= 0xffff ? 2 : 3): number[] {
  if (bytes === 0) return [n];
  const out = [0x80 + bytes];
  for (let i = bytes - 1; i >= 0; i--) out.push(Math.floor(n / 256 ** i) % 256);
  return out;
}

/** A bare general-signing APDU built without the codec's checks, to feed it out-of-range values. */
function rawSigning(o: { cra?: number; otherInfo?: number[]; content: number[] | Uint8Array; sig?: number[] | null }): Uint8Array {
  const head = [0xdf, 0x09, o.cra ?? 2, 0, 0, 0, 0, 0, 0, 0x04, 0xb0, 0x08, 0x00, 0xdb, 0x12, 0x34, 0x56, 0x78, 0x90, 0xa0];
  head.push(0x08, 0x90, 0xb3, 0xd5, 0x1f, 0x30, 0x02, 0x00, 0x00, 0x00);
  const otherInfo = o.otherInfo ?? [0x00, 0x26];
  const sig = o.sig === undefined ? [0x00] : o.sig === null ? [] : o.sig;
  return Uint8Array.from([...head, ...axdrLength(otherInfo.length), ...otherInfo, ...axdrLength(o.content.length), ...o.content, ...sig]);
}

/** Wraps raw APDU bytes in a general-ciphering envelope with a zero MAC (the parser does not check MACs). */
function rawCiphering(apdu: Uint8Array, lengthBytes?: number): Uint8Array {
  const inner = apdu.length + 5 + 12;
  return Uint8Array.from([0xdd, 0, 0, 0, 0, 0, 0, ...axdrLength(inner, lengthBytes), 0x11, 0, 0, 0, 0, ...apdu, ...new Array(12).fill(0)]);
}

describe('all RTDS 4.5.0 reference messages', () => {
  it('parse to the last byte, one envelope per file, kinds as in GBCS 0', () => {
    const counts: Record<string, number> = { COMMAND: 0, PRECOMMAND: 0, RESPONSE: 0, ALERT: 0 };
    const envelopes: Record<string, number> = {};
    for (const file of files) {
      const env = parseEnvelope(file.bytes);
      expect(env.messageType.toUpperCase(), file.name).toBe(file.kind);
      counts[file.kind]!++;
      envelopes[env.kind] = (envelopes[env.kind] ?? 0) + 1;
    }
    console.log(`parsed ${files.length} reference files:`, counts, envelopes);
    expect(files.length).toBe(1024);
    expect(counts).toEqual({ COMMAND: 403, PRECOMMAND: 138, RESPONSE: 403, ALERT: 80 });
    expect(envelopes).toEqual({ 'general-ciphering': 661, 'general-signing': 363 });
  });

  it('each maps to a GBCS 3 message code and a named use case', () => {
    const sources: Record<string, number> = {};
    const codes = new Set<number>();
    for (const file of files) {
      const decoded = decodeMessage(file.bytes, { catalogue });
      expect(decoded.useCase.name.length, file.name).toBeGreaterThan(0);
      sources[decoded.useCase.source] = (sources[decoded.useCase.source] ?? 0) + 1;
      codes.add(decoded.messageCode);
      expect(messageCodeRow(decoded.messageCode)?.inRtds, file.name).toBe(true);
    }
    console.log(`use-case names: ${JSON.stringify(sources)}; ${codes.size} distinct message codes`);
    expect(codes.size).toBe(187);
    expect(MESSAGE_CODES.filter((row) => row.inRtds).length).toBe(187);
  });

  // Data disagreeing with its folder (ARCHITECTURE.md: the data wins, the test records it): the
  // CS04B ERROR pair carries CS04AC's code 0x000F, not CS04B's 0x0010.
  const FOLDER_EXCEPTIONS: Record<string, string> = {
    CS04B_8_8_2_ERROR_COMMAND: 'CS04AC',
    CS04B_8_8_2_ERROR_RESPONSE: 'CS04AC',
  };

  it('each file name names the use case its message code maps to (or an alert of it)', () => {
    const exceptions: string[] = [];
    for (const file of files) {
      const decoded = decodeMessage(file.bytes, { catalogue });
      const folderUseCase = file.folder.split('_').slice(1).join('_');
      const row = decoded.codeRow;
      // Future-dated and CS02b/CS02g alerts live in the folder of the command they report on.
      if (row.kind === 'alert' && !folderUseCase.startsWith(row.useCase)) continue;
      const exception = FOLDER_EXCEPTIONS[file.name.replace(/\./g, '_')];
      if (exception !== undefined) {
        expect(row.useCase, file.name).toBe(exception);
        exceptions.push(file.name);
        continue;
      }
      expect(folderUseCase.toUpperCase().startsWith(row.useCase.toUpperCase()), `${file.folder}/${file.name} -> ${row.useCase}`).toBe(true);
    }
    expect(exceptions.length).toBe(Object.keys(FOLDER_EXCEPTIONS).length);
  });

  it('re-encode byte for byte from the parsed fields', () => {
    let same = 0;
    for (const file of files) {
      const env = parseEnvelope(file.bytes);
      expect(toHex(encodeEnvelope({ ...env, wire: undefined })), file.name).toBe(toHex(file.bytes));
      same++;
    }
    expect(same).toBe(1024);
  });
});

describe('use-case catalogue (GBCS 0 join rule)', () => {
  it('joins on the first word of Use Case Title: 207 ids, ECS25a/ECS25r variants distinct', () => {
    expect(catalogue.size).toBe(207);
    expect(catalogue.get('ECS25a1')?.source).toBe('catalogue');
    expect(catalogue.get('ECS25r2')?.source).toBe('catalogue');
  });

  it('falls back to the GBCS 3 table for the 11 RTDS ids the catalogue lacks', () => {
    const absent = ['ECS08', 'ECS26d', 'ECS26e', 'ECS26i', 'ECS35f', 'ECS47', 'ECS61a', 'GCS21d', 'GCS21e', 'GCS24', 'GCS60a'];
    for (const id of absent) {
      const entry = catalogue.get(id);
      expect(entry?.source, id).toBe('message-codes');
      expect(entry!.name.length).toBeGreaterThan(0);
    }
  });
});

describe('GBCS 13 worked examples', () => {
  it('E1 ECS17a_4.2 command: header fields', () => {
    const env = parseEnvelope(referenceFile('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND').bytes);
    expect(env.kind).toBe('general-ciphering');
    expect(env.cra).toBe(1);
    expect(env.transactionId).toBe(0x4b0n);
    expect(toHex(env.transactionIdBytes)).toBe('00000000000004B0');
    expect(env.originator).toBe('90B3D51F30020000');
    expect(env.recipient).toBe('00DB1234567890A0');
    expect(env.dateTime).toBeUndefined();
    expect(env.otherInfo).toEqual({ messageCode: 0x0026 });
    expect(env.content.length).toBe(52);
    expect(env.signature).toBeUndefined();
    expect(toHex(env.mac!)).toBe('ADA456685D50D0FBE4A1CA81');
  });

  it('E2 ECS17a_4.2 response: header date-time present', () => {
    const env = parseEnvelope(referenceFile('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE').bytes);
    expect(env.messageType).toBe('response');
    expect(toHex(env.dateTime!)).toBe('07DF0101FF000000008000FF');
  });

  it('E5 CCS02_8.11 command: 18-byte other-information via the ACB', () => {
    const env = parseEnvelope(referenceFile('8.11_CCS02', 'CCS02_8.11_SUCCESS_COMMAND').bytes);
    expect(env.originator).toBe('90B3D51F30000002');
    expect(env.otherInfo).toEqual({ messageCode: 0x0002, supplementaryRemotePartyId: '90B3D51F30010000', supplementaryRemotePartyCounter: 0x3ean });
  });

  it('E7 ECS70_6.11 PRECOMMAND: no signature field; E8 the signed command', () => {
    const pre = parseEnvelope(referenceFile('6.11_ECS70', 'ECS70_6.11_SUCCESS_PRECOMMAND').bytes);
    expect(pre.messageType).toBe('precommand');
    expect('signature' in pre).toBe(false);
    const cmd = parseEnvelope(referenceFile('6.11_ECS70', 'ECS70_6.11_SUCCESS_COMMAND').bytes);
    expect(cmd.signature!.length).toBe(64);
    expect(toHex(cmd.content)).toBe(toHex(pre.content));
  });

  it('ECS21b_4.14 URP command: other-information carries the Supplier KA certificate', () => {
    const env = parseEnvelope(referenceFile('4.14_ECS21b', 'ECS21b_4.14_URP_SUCCESS_COMMAND').bytes);
    expect(env.otherInfo.certificate!.length).toBe(424 - 18);
    expect(env.otherInfo.supplementaryRemotePartyId).toBe('90B3D51F30010000');
    const response = parseEnvelope(referenceFile('4.14_ECS21b', 'ECS21b_4.14_URP_SUCCESS_RESPONSE').bytes);
    expect(response.otherInfo.supplementaryOriginatorCounter).toBeTypeOf('bigint');
  });

  it('ECS200 alert: 10-byte other-information (supplementary remote party only)', () => {
    const file = files.find((f) => f.folder === 'NA_ECS200')!;
    const env = parseEnvelope(file.bytes);
    expect(Object.keys(env.otherInfo).sort()).toEqual(['messageCode', 'supplementaryRemotePartyId']);
  });
});

describe('maxima (STYLE.md: each *_MAX at max and max + 1)', () => {
  it(`CIPHERED_CONTENT_BYTES_MAX (${CIPHERED_CONTENT_BYTES_MAX}) and LENGTH_FIELD_BYTES_MAX (${LENGTH_FIELD_BYTES_MAX}): at max parses`, () => {
    const apdu = rawSigning({ content: new Uint8Array(CIPHERED_CONTENT_BYTES_MAX - 5 - 12 - 37) });
    const bytes = rawCiphering(apdu);
    expect(bytes[7]).toBe(0x80 + LENGTH_FIELD_BYTES_MAX);
    expect((bytes[8]! << 8) | bytes[9]!).toBe(CIPHERED_CONTENT_BYTES_MAX);
    expect(parseEnvelope(bytes).content.length).toBe(CIPHERED_CONTENT_BYTES_MAX - 54);
  });

  it('CIPHERED_CONTENT_BYTES_MAX + 1 (needs LENGTH_FIELD_BYTES_MAX + 1 length bytes): length-exceeds-max', () => {
    const apdu = rawSigning({ content: new Uint8Array(CIPHERED_CONTENT_BYTES_MAX + 1 - 5 - 12 - 37) });
    const error = decodeError(() => parseEnvelope(rawCiphering(apdu)));
    expect(error.reason).toBe('length-exceeds-max');
    expect(error.offset).toBe(7);
  });

  it(`CONTENT_BYTES_MAX (${CONTENT_BYTES_MAX}): at max parses, max + 1 is length-exceeds-max`, () => {
    expect(parseEnvelope(rawSigning({ content: new Uint8Array(CONTENT_BYTES_MAX) })).content.length).toBe(CONTENT_BYTES_MAX);
    expect(decodeError(() => parseEnvelope(rawSigning({ content: new Uint8Array(CONTENT_BYTES_MAX + 1) }))).reason).toBe('length-exceeds-max');
  });

  it(`OTHER_INFO_BYTES_MAX (${OTHER_INFO_BYTES_MAX}): at max parses, max + 1 is length-exceeds-max`, () => {
    // code, supplementary RP, supplementary counter, then a DER SEQUENCE `30 82 hi lo` filling the rest.
    const otherInfo = (total: number): number[] => {
      const body = total - 22;
      return [0x00, 0x34, ...hex('90B3D51F30010000'), 0, 0, 0, 0, 0, 0, 0x03, 0xe8, 0x30, 0x82, body >> 8, body & 0xff, ...new Array(body).fill(0)];
    };
    const atMax = otherInfo(OTHER_INFO_BYTES_MAX);
    expect(atMax.length).toBe(OTHER_INFO_BYTES_MAX);
    const env = parseEnvelope(rawSigning({ otherInfo: atMax, content: [0x05, 0x00] }));
    expect(env.otherInfo.certificate!.length).toBe(OTHER_INFO_BYTES_MAX - 18);
    const error = decodeError(() => parseEnvelope(rawSigning({ otherInfo: otherInfo(OTHER_INFO_BYTES_MAX + 1), content: [0x05, 0x00] })));
    expect(error.reason).toBe('length-exceeds-max');
  });

  it(`USE_CASE_ENTRIES_MAX (${USE_CASE_ENTRIES_MAX}): a catalogue of max entries loads, max + 1 is a ConfigError`, () => {
    const entries = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ 'Use Case Title': `X${i} test use case` }));
    expect(UseCaseCatalogue.fromJson(entries(USE_CASE_ENTRIES_MAX)).size).toBe(USE_CASE_ENTRIES_MAX);
    expect(() => UseCaseCatalogue.fromJson(entries(USE_CASE_ENTRIES_MAX + 1))).toThrow(ConfigError);
  });

  it('the encoder refuses what the decoder would refuse (content of CONTENT_BYTES_MAX + 1)', () => {
    const env = parseEnvelope(referenceFile('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND').bytes);
    const big: GbcsEnvelope = { ...env, content: new Uint8Array(CONTENT_BYTES_MAX + 1), wire: undefined };
    expect(decodeError(() => encodeEnvelope(big)).reason).toBe('length-exceeds-max');
  });
});

describe('every GbcsDecodeError reason', () => {
  const e1 = referenceFile('4.2_ECS17a', 'ECS17a_4.2_SUCCESS_COMMAND').bytes;
  const e9 = referenceFile('6.11_ECS70', 'ECS70_6.11_SUCCESS_RESPONSE').bytes;
  const patched = (bytes: Uint8Array, at: number, value: number): Uint8Array => {
    const copy = bytes.slice();
    copy[at] = value;
    return copy;
  };
  const cases: [GbcsDecodeReason, string, () => unknown][] = [
    ['truncated', 'empty input', () => parseEnvelope(new Uint8Array(0))],
    ['truncated', 'ECS17a command missing its last MAC byte', () => parseEnvelope(e1.subarray(0, e1.length - 1))],
    ['truncated', 'ECS70 response cut inside the signature', () => parseEnvelope(e9.subarray(0, e9.length - 10))],
    ['truncated', 'a response ending after its content (only PRECOMMANDs may)', () => parseEnvelope(rawSigning({ content: [0x02, 0x01, 0x00], sig: null }))],
    ['trailing-bytes', 'ECS17a command with one extra byte', () => parseEnvelope(Uint8Array.from([...e1, 0]))],
    ['trailing-bytes', 'ECS70 response with one extra byte', () => parseEnvelope(Uint8Array.from([...e9, 0]))],
    ['bad-tag', 'general-ciphering wrapping a non-DF APDU', () => parseEnvelope(patched(e1, 13, 0xde))],
    ['bad-length', 'transaction-id length 08', () => parseEnvelope(patched(e9, 1, 0x08))],
    ['bad-length', 'date-time length 05', () => parseEnvelope(patched(e9, 29, 0x05))],
    ['bad-length', 'signature length 3F', () => parseEnvelope(patched(e9, e9.length - 65, 0x3f))],
    ['bad-length', 'other-information of 3 bytes', () => parseEnvelope(rawSigning({ otherInfo: [0, 0x26, 0], content: [5, 0] }))],
    ['bad-length', 'non-minimal A-XDR length 81 05', () => parseEnvelope(rawCiphering(rawSigning({ content: [] }), 1).map((x, i) => (i === 7 ? 0x81 : x)).subarray(0))],
    ['length-exceeds-max', 'a 3-byte length field', () => parseEnvelope(Uint8Array.from([0xdd, 0, 0, 0, 0, 0, 0, 0x83, 1, 0, 0]))],
    ['unknown-envelope', 'DD 09 (GBT, GBCS 14 trap 17)', () => parseEnvelope(Uint8Array.from([0xdd, 0x09, 0, 0, 0, 0, 0]))],
    ['unknown-envelope', 'first byte 00', () => parseEnvelope(Uint8Array.from([0x00, 0x01]))],
    ['bad-value', 'CRA flag 04', () => parseEnvelope(patched(e9, 2, 0x04))],
    ['bad-value', 'security control 31 instead of 11', () => parseEnvelope(patched(e1, 8, 0x31))],
    ['bad-value', 'non-zero invocation counter', () => parseEnvelope(patched(e1, 12, 0x01))],
    ['bad-tag', 'URP certificate that is not a DER SEQUENCE', () => parseEnvelope(rawSigning({ otherInfo: [0, 0x34, ...new Array(16).fill(0), 0x31, 0x07, 0, 0, 0, 0, 0, 0, 0], content: [5, 0] }))],
    ['unknown-message-code', 'message code FFFF', () => decodeMessage(rawSigning({ otherInfo: [0xff, 0xff], content: [5, 0] }))],
  ];
  for (const [reason, what, fn] of cases) {
    it(`${reason}: ${what}`, () => {
      const error = decodeError(fn);
      expect(error.reason).toBe(reason);
      expect(error.offset).toBeGreaterThanOrEqual(0);
    });
  }

  it('covers every reason of GbcsDecodeReason that the envelope layer owns', () => {
    const produced = new Set(cases.map(([reason]) => reason));
    expect([...produced].sort()).toEqual(['bad-length', 'bad-tag', 'bad-value', 'length-exceeds-max', 'trailing-bytes', 'truncated', 'unknown-envelope', 'unknown-message-code']);
  });

  it('unknown-message-code reports the offset of the code (E1 ECS17a: byte 44)', () => {
    const bytes = e1.slice();
    bytes[44] = 0xff;
    bytes[45] = 0xff;
    expect(decodeError(() => decodeMessage(bytes)).offset).toBe(44);
  });
});
