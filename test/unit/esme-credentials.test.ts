// Security-credential use cases on the ESME (GBCS 4.1, 7; devices 1.1, R.12), driven through the
// head-end with the trust-anchor cells installed by LOCAL TRUST_ANCHOR from test-PKI certificates
// (the device parses each certificate for its subject, key id and key usage): CS02a / CS02f list
// the cells of the roles asked for, CS03A1 / CS04AC join and unjoin HAN devices in the device log
// with the GBCS 7 outcome codes, and malformed ASN.1 is refused whole (cause 8). 8.5_CS02bACBByACB
// is the one critical use case whose command travels MAC-only (GBCS 4.1 exception), modelled as
// the unsignedCommand flag of the use-case table (gbcs/tables/message-codes.ts, generated into
// assembly/generated/use-cases.ts): the ESME then checks the MAC only, while every other critical
// command without a signature is still refused with BAD_SIGNATURE before anything runs.
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../gbcs/message-build.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { parseCertificate } from '../../gbcs/keys/x509.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { KEYSTORE_DIR } from '../gbcs/reference-data.js';
import { deviceLogEntryInput, refusalRuleInput, trustAnchorInput } from '../../host/local-inputs.js';
import { ACB_EUI, NETWORK_OPERATOR_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';
import { accessRequest, code, deliverLocal, i32, SEND_AFTER_MS, t, type World } from '../helpers/esme-access.js';

function unsigned(world: World, originator: string, messageCode: number, content: Uint8Array, counter = 0x600n): Uint8Array {
  return buildCommand({ originator, recipient: esmeEui(0), counter, messageCode, content }, { security: world.headEnd.security, sign: false }).bytes;
}
const deliver = (world: World, bytes: Uint8Array) => world.firmware.deliverMessage(0, 'WAN', bytes, world.nowMs + SEND_AFTER_MS);

describe('8.5_CS02bACBByACB: a critical use case with a MAC-only command (GBCS 4.1)', () => {
  it('the use-case table flags 0x0104 and no other code as critical with an unsigned command', () => {
    const flagged = MESSAGE_CODES.filter((r) => 'unsignedCommand' in r && r.unsignedCommand === true);
    expect(flagged.map((r) => [r.code, r.useCase, r.critical])).toEqual([[0x0104, 'CS02b', true]]);
  });

  it('an unsigned CS02b ACB-by-ACB passes the signature check; an unsigned ECS04a is BAD_SIGNATURE and changes nothing', () => {
    const world = createEsmeWorld();
    const ecs04a = accessRequest(0x600n, [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: i32(1000) }]);
    expect(deliver(world, unsigned(world, SUPPLIER_EUI, code('ECS04a'), ecs04a))).toBe(Status.BAD_SIGNATURE);
    const cs02b = Uint8Array.of(0x30, 0x00); // reaches the payload stage, whose verdict is not this test's subject
    expect(deliver(world, unsigned(world, ACB_EUI, 0x0104, cs02b, 0x601n))).not.toBe(Status.BAD_SIGNATURE);
  });
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const ski = (world: World, eui: string, usage: 'ds' | 'ka') => hex(parseCertificate(world.keys.certificateDer(eui, usage)).subjectKeyId!);

/** Sends an ASN.1 command (signed when the use case is critical); returns the status and the answer's content. */
function sendAsn1(world: World, originator: string, messageCode: number, content: Uint8Array, atMs = world.nowMs + SEND_AFTER_MS) {
  const command = world.headEnd.buildCommand(originator, esmeEui(0), messageCode, () => content);
  const status = world.firmware.deliverMessage(0, 'WAN', command.bytes, atMs);
  const answer = world.firmware.drainOutbox().map((m) => parseEnvelope(m.bytes)).find((e) => e.cra === 2);
  return { status, content: answer === undefined ? '' : hex(answer.content) };
}

function installSupplierAndOperator(world: World): void {
  for (const [role, eui, usage, seq] of [[2, SUPPLIER_EUI, 'ds', 0], [2, SUPPLIER_EUI, 'ka', 0], [3, NETWORK_OPERATOR_EUI, 'ds', 1]] as const) {
    expect(deliverLocal(world, trustAnchorInput(role, 0, seq, world.keys.certificateDer(eui, usage)))).toBe(Status.OK);
  }
}

const CS02A = 0x0008;
const CS02F = 0x011b;
const CS03A1 = 0x000d;
const CS04AC = 0x000f;
/** A DER SEQUENCE (short lengths only) of hex parts. */
const seq = (...parts: string[]) => {
  const body = parts.join('');
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
};
/** {requester {role 4, KA}, roles [...]} as RTDS 6.24.1 sends it. */
const detailsRequest = (...roles: number[]) =>
  bytes(seq(seq('020104', '03020308'), seq(...roles.map((r) => `0201${r.toString(16).padStart(2, '0')}`))));

describe('6.24.1_CS02a / CS02f Provide security credential details (GBCS 7, R.12)', () => {
  it('lists the cells of each role asked for: usage, subject EUI, key id, and the role\'s sequence number', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const reply = sendAsn1(world, ACB_EUI, CS02A, detailsRequest(2, 3, 6));
    expect(reply.status).toBe(Status.OK);
    const cellOf = (usage: string, eui: string, keyUsage: 'ds' | 'ka') => seq(usage, `0408${eui}`, `0408${ski(world, eui, keyUsage)}`);
    const supplier = seq('020102', '0A0100', '020100', seq(cellOf('03020780', SUPPLIER_EUI, 'ds'), cellOf('03020308', SUPPLIER_EUI, 'ka')));
    const operator = seq('020103', '0A0100', '020101', seq(cellOf('03020780', NETWORK_OPERATOR_EUI, 'ds')));
    expect(reply.content).toBe(seq(supplier, operator, seq('020106', '0A0119')).toUpperCase());
  });

  it('CS02f answers 127 for a role without cells where CS02a answers 25 (RTDS 6.24.1 / NA_CS02aSignature ERROR)', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    expect(sendAsn1(world, ACB_EUI, CS02F, detailsRequest(5)).content).toBe('300830060201050A017F');
    expect(sendAsn1(world, ACB_EUI, CS02A, detailsRequest(5)).content).toBe('300830060201050A0119');
  });

  it('CS02f reports only the supplier (2) and load controller (8) roles: the network operator\'s cells answer 127 there, not in CS02a', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    expect(sendAsn1(world, ACB_EUI, CS02F, detailsRequest(3)).content).toBe('300830060201030A017F');
    expect(sendAsn1(world, ACB_EUI, CS02A, detailsRequest(3)).content).toContain('0201030A0100020101');
  });

  it('a response of 128 bytes or more uses the 82 hh ll length form, as the reference device does', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const content = sendAsn1(world, ACB_EUI, CS02A, detailsRequest(2, 3, 2)).content;
    expect(content.slice(0, 4)).toBe('3082');
    expect(parseInt(content.slice(4, 8), 16)).toBe(content.length / 2 - 4);
  });

  it('malformed content (trailing bytes, not a SEQUENCE, a negative role) is refused whole with BAD_PAYLOAD', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    for (const content of [bytes('300B300702010403020308300002'), bytes('0201FF'), bytes('300E300702010403020308300302 01FF')]) {
      expect(sendAsn1(world, ACB_EUI, CS02A, content).status).toBe(Status.BAD_PAYLOAD);
    }
  });

  it('every truncation and single-byte corruption of a CS02a / CS03A1 content answers OK or BAD_PAYLOAD, never traps', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    for (const [messageCode, valid] of [[CS02A, detailsRequest(2, 3)], [CS03A1, bytes('3010020100040800DB12345678909A020104')]] as const) {
      const variants: Uint8Array[] = [];
      for (let n = 0; n < valid.length; n++) variants.push(valid.subarray(0, n));
      for (let i = 0; i < valid.length; i++) for (const v of [0x00, 0x7f, 0x80, 0x84, 0xff]) variants.push(valid.map((b, j) => (j === i ? v : b)));
      for (const content of variants) {
        const originator = messageCode === CS02A ? ACB_EUI : SUPPLIER_EUI;
        expect([Status.OK, Status.BAD_PAYLOAD]).toContain(sendAsn1(world, originator, messageCode, content).status);
      }
    }
  });

  it('TRUST_ANCHOR refuses a certificate that does not parse and a 17th cell, changing nothing', () => {
    const world = createEsmeWorld();
    const der = world.keys.certificateDer(SUPPLIER_EUI, 'ds');
    expect(deliverLocal(world, trustAnchorInput(2, 0, 0, der.subarray(0, der.length - 1)))).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, trustAnchorInput(16, 0, 0, der))).toBe(Status.BAD_INPUT);
    for (let role = 0; role < 8; role++) {
      expect(deliverLocal(world, trustAnchorInput(role, 0, 0, der))).toBe(Status.OK);
      expect(deliverLocal(world, trustAnchorInput(role, 0, 0, world.keys.certificateDer(SUPPLIER_EUI, 'ka')))).toBe(Status.OK);
    }
    expect(deliverLocal(world, trustAnchorInput(9, 0, 0, der))).toBe(Status.TABLE_FULL);
    expect(deliverLocal(world, trustAnchorInput(7, 0, 3, der))).toBe(Status.OK); // replacing a cell needs no room
  });
});

describe('8.7.1_CS03A1 Method A join and 8.8.1_CS04AC unjoin (GBCS 7, R.6)', () => {
  const join = (eui: string, deviceType: number, method = 0) => bytes(`30100201${method.toString(16).padStart(2, '0')}0408${eui}0201${deviceType.toString(16).padStart(2, '0')}`);
  const unjoin = (eui: string) => bytes(`0408${eui}`);

  it('joins a new device (0), rejoins it as the same type (0), refuses another type (3) and an unknown method (2)', () => {
    const world = createEsmeWorld();
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB12345678909A', 4)).content).toBe('020100');
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB12345678909A', 4)).content).toBe('020100');
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB12345678909A', 5)).content).toBe('020103');
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB12345678909B', 5, 7)).content).toBe('020102');
  });

  it('answers 4 when the device log is full (8 entries) and unjoins: 0 for a logged device, then 1', () => {
    const world = createEsmeWorld();
    for (let i = 0; i < 8; i++) expect(deliverLocal(world, deviceLogEntryInput(`00DB1234567890${(0x90 + i).toString(16).toUpperCase()}`, 5))).toBe(Status.OK);
    expect(deliverLocal(world, deviceLogEntryInput('00DB123456789099', 5))).toBe(Status.TABLE_FULL);
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB123456789099', 4)).content).toBe('020104');
    expect(sendAsn1(world, SUPPLIER_EUI, CS04AC, unjoin('00DB123456789093')).content).toBe('020100');
    expect(sendAsn1(world, SUPPLIER_EUI, CS04AC, unjoin('00DB123456789093')).content).toBe('020101');
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB123456789099', 4)).content).toBe('020100');
  });

  it('a device type outside GBCS 7 (0-6) or a short EUI is malformed: BAD_PAYLOAD, nothing joined', () => {
    const world = createEsmeWorld();
    expect(sendAsn1(world, SUPPLIER_EUI, CS03A1, join('00DB12345678909A', 7)).status).toBe(Status.BAD_PAYLOAD);
    expect(sendAsn1(world, SUPPLIER_EUI, CS04AC, bytes('040700DB12345678909A'.slice(0, 18))).status).toBe(Status.BAD_PAYLOAD);
    expect(sendAsn1(world, SUPPLIER_EUI, CS04AC, unjoin('00DB12345678909A')).content).toBe('020101');
  });
});

/** A DER element of any length. */
const der = (tag: number, body: string) => {
  const n = body.length / 2;
  const length = n < 0x80 ? n.toString(16).padStart(2, '0') : `82${n.toString(16).padStart(4, '0')}`; // the reference form
  return `${tag.toString(16).padStart(2, '0')}${length}${body}`;
};
const SEQ = (...parts: string[]) => der(0x30, parts.join(''));
const CS02B_SUPPLIER_BY_SUPPLIER = 0x0102;
const OTHER_SUPPLIER_KEY = '90B3D51F30010009'; // a key pair of the test PKI the new certificate is issued for

describe('6.15.1_CS02bSupplierBySupplier Update security credentials (GBCS 7, R.6, R.12)', () => {
  /** {control {mode 2, [1] 1, [2] {2, DS}, [3] counter, [4] 0, [5] {{0, 0}}}, replacements, {issuing authority}, [time]} */
  function cs02b(world: World, counter: bigint, replacements: [string, string][], time?: string): Uint8Array {
    const control = SEQ('020102', '810101', der(0xa2, '02010203020780'), der(0x83, counter.toString(16).padStart(4, '0')), '840100', der(0xa5, SEQ('020100', '020100')));
    const list = SEQ(...replacements.map(([certificate, cell]) => SEQ(certificate, cell)));
    const authority = SEQ(hex(world.keys.caCertificateDer()));
    return bytes(SEQ(control, list, authority, time === undefined ? '' : der(0x18, Buffer.from(time, 'latin1').toString('hex'))));
  }
  const DS_CELL = SEQ('020102', '03020780');
  const KA_CELL = SEQ('020102', '03020308');
  const newDs = (world: World) => hex(world.keys.certificateDer(SUPPLIER_EUI, 'ds', world.keys.publicKey(OTHER_SUPPLIER_KEY, 'ds')));
  const newDsKeyId = (world: World) => hex(parseCertificate(world.keys.certificateDer(SUPPLIER_EUI, 'ds', world.keys.publicKey(OTHER_SUPPLIER_KEY, 'ds'))).subjectKeyId!);
  const supplierCells = (world: World, atMs?: number) => sendAsn1(world, ACB_EUI, CS02A, detailsRequest(2), atMs).content;
  const AFTER_EXECUTION_MS = Date.UTC(2031, 0, 1);

  it('IMMEDIATE: replaces the DS cell (outcome 0, old and new subject and key id) and refuses a KA certificate of another issuer (10, unchanged)', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const foreignIssuer = hex(KeyStore.loadDir(KEYSTORE_DIR).certificate(SUPPLIER_EUI, 'ka')!.der); // issued by the RTDS authority Z1
    const reply = sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, cs02b(world, 0x3e8n, [[newDs(world), DS_CELL], [foreignIssuer, KA_CELL]]));
    expect(reply.status).toBe(Status.OK);
    const oldDs = ski(world, SUPPLIER_EUI, 'ds');
    const oldKa = ski(world, SUPPLIER_EUI, 'ka');
    const outcome = (cell: string, code: string, oldId: string, newId: string) => SEQ(cell, `0A01${code}`, `0408${SUPPLIER_EUI}`, `0408${oldId}`, `0408${SUPPLIER_EUI}`, `0408${newId}`);
    const result = SEQ('020203E8', '020102', SEQ(SEQ('020102', '020100', SEQ(SEQ('020100', '020100')))), SEQ(outcome(DS_CELL, '00', oldDs, newDsKeyId(world)), outcome(KA_CELL, '0A', oldKa, oldKa)));
    expect(reply.content).toBe(SEQ('0500', result).toUpperCase());
    expect(supplierCells(world)).toContain(newDsKeyId(world));
    expect(supplierCells(world)).not.toContain(oldDs);
  });

  it('FUTURE_DATED: answers 30 02 05 00, changes nothing until the execution time, then applies and sends the signed 0x8F66 alert (0x00CB)', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const reply = sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, cs02b(world, 0x3e9n, [[newDs(world), DS_CELL]], '20300115090000Z'));
    expect(reply.content).toBe('30020500');
    expect(supplierCells(world)).toContain(ski(world, SUPPLIER_EUI, 'ds'));
    expect(world.firmware.advanceTime(0, Date.UTC(2030, 0, 15, 8, 59, 59))).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toEqual([]);
    expect(world.firmware.advanceTime(0, Date.UTC(2030, 0, 15, 9))).toBe(Status.OK);
    const alerts = world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes));
    expect(alerts).toHaveLength(1);
    const envelope = alerts[0]!.envelope;
    expect([envelope.cra, envelope.otherInfo.messageCode, envelope.recipient]).toEqual([3, 0x00cb, SUPPLIER_EUI]);
    expect(alerts[0]!.security.signatureValid).toBe(true);
    expect(hex(envelope.content)).toContain(`0203008F66${der(0x18, Buffer.from('20300115090000Z').toString('hex'))}`.toUpperCase());
    expect(supplierCells(world, AFTER_EXECUTION_MS)).toContain(newDsKeyId(world));
  });

  it('CANCELLATION (9999-12-31T23:59:59Z) drops the pending update: no alert, the cell unchanged', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    expect(sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, cs02b(world, 0x3e9n, [[newDs(world), DS_CELL]], '20300115090000Z')).content).toBe('30020500');
    expect(sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, cs02b(world, 0x3ean, [[newDs(world), DS_CELL]], '99991231235959Z')).content).toBe('30020500');
    expect(world.firmware.advanceTime(0, AFTER_EXECUTION_MS)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toEqual([]);
    expect(supplierCells(world, AFTER_EXECUTION_MS)).toContain(ski(world, SUPPLIER_EUI, 'ds'));
  });

  it('truncations and corruptions of a CS02b content answer OK or BAD_PAYLOAD, never trap (strided over 1.4 kB)', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const valid = cs02b(world, 0x3e8n, [[newDs(world), DS_CELL]], '20300115090000Z');
    for (let i = 0; i < valid.length; i += 7) {
      expect([Status.OK, Status.BAD_PAYLOAD]).toContain(sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, valid.subarray(0, i)).status);
      for (const v of [0x00, 0x84, 0xff]) {
        const corrupt = valid.map((b, j) => (j === i ? v : b));
        expect([Status.OK, Status.BAD_PAYLOAD]).toContain(sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, corrupt).status);
      }
    }
  });

  it('a CREDENTIALS refusal rule (device-side failure, R.6) fails every replacement with its outcome and changes no cell', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const rule = refusalRuleInput({ messageCode: CS02B_SUPPLIER_BY_SUPPLIER, kind: 'CREDENTIALS', target: { classId: 0, obis: '0-0:0.0.0.0', member: 0 }, result: 10 });
    expect(deliverLocal(world, rule)).toBe(Status.OK);
    const reply = sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, cs02b(world, 0x3e8n, [[newDs(world), DS_CELL]]));
    expect(reply.content).toContain(`0A010A0408${SUPPLIER_EUI}0408${ski(world, SUPPLIER_EUI, 'ds')}0408${SUPPLIER_EUI}0408${ski(world, SUPPLIER_EUI, 'ds')}`);
    expect(supplierCells(world)).toContain(ski(world, SUPPLIER_EUI, 'ds'));
  });

  it('a control without the originator counter, a cell usage that is neither DS nor KA, or a bad date is malformed: BAD_PAYLOAD', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const noCounter = bytes(SEQ(SEQ('020102'), SEQ(SEQ(newDs(world), DS_CELL))));
    const badUsage = cs02b(world, 0x3e8n, [[newDs(world), SEQ('020102', '03020001')]]);
    const badDate = cs02b(world, 0x3e8n, [[newDs(world), DS_CELL]], '20301315090000Z');
    for (const content of [noCounter, badUsage, badDate]) expect(sendAsn1(world, SUPPLIER_EUI, CS02B_SUPPLIER_BY_SUPPLIER, content).status).toBe(Status.BAD_PAYLOAD);
    expect(supplierCells(world)).toContain(ski(world, SUPPLIER_EUI, 'ds'));
  });
});

describe('6.15.2_CS02d Update device certificate (GBCS 7, R.6)', () => {
  const CS02D = 0x000b;
  it('answers 0 for its own certificate, 2 for another device\'s and 1 for one that does not parse', () => {
    const world = createEsmeWorld();
    expect(sendAsn1(world, SUPPLIER_EUI, CS02D, world.keys.certificateDer(esmeEui(0), 'ds')).content).toBe('020100');
    expect(sendAsn1(world, SUPPLIER_EUI, CS02D, world.keys.certificateDer(esmeEui(1), 'ds')).content).toBe('020102');
    const der = world.keys.certificateDer(esmeEui(0), 'ka');
    expect(sendAsn1(world, SUPPLIER_EUI, CS02D, der.subarray(0, der.length - 3)).content).toBe('020101');
  });
});

describe('NA_CS02aSignature: a bare signed (DF) command, authenticated by its signature alone (GBCS 4.1)', () => {
  const build = (world: World, counter: bigint, sign: boolean) => buildCommand(
    { originator: SUPPLIER_EUI, recipient: esmeEui(0), counter, messageCode: CS02A, content: detailsRequest(2) },
    { security: world.headEnd.security, sign, kind: 'general-signing' },
  ).bytes;

  it('is answered, and the answer is signed; a replayed counter is refused', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const command = build(world, 0x700n, true);
    expect(command[0]).toBe(0xdf);
    expect(deliver(world, command)).toBe(Status.OK);
    const [answer] = world.firmware.drainOutbox();
    expect(answer!.bytes[0]).toBe(0xdf);
    expect(world.headEnd.open(answer!.bytes).security.signatureValid).toBe(true);
    expect(deliver(world, command)).toBe(Status.COUNTER_REPLAYED);
  });

  it('without a signature (a PRECOMMAND: no signature field, BAD_ENVELOPE) or with a broken one (BAD_SIGNATURE) it is refused, nothing answered', () => {
    const world = createEsmeWorld();
    installSupplierAndOperator(world);
    const unsignedBytes = build(world, 0x700n, false);
    expect(deliver(world, unsignedBytes)).toBe(Status.BAD_ENVELOPE);
    const broken = build(world, 0x701n, true);
    broken[broken.length - 1]! ^= 1;
    expect(deliver(world, broken)).toBe(Status.BAD_SIGNATURE);
    expect(world.firmware.drainOutbox().filter((m) => parseEnvelope(m.bytes).cra === 2)).toEqual([]);
  });
});
