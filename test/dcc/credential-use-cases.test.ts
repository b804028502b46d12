// Security credentials and joins through the DCC (issue 9 point 3, dcc.md 4, 10.3; GBCS 7): the
// use cases without an RTDS reference, the role rules, and who originates and signs the commands
// the DCC sends on a User's behalf. Commands go to fresh emulated devices, whose answers are read.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { encodeEnvelope, parseEnvelope } from '../../gbcs/envelope.js';
import { decodeDer, type DerNode } from '../../gbcs/payload/der.js';
import { SecurityContext, signEnvelope, verifySignature } from '../../gbcs/security.js';
import { readHexFile } from '../../host/conformance/reference-files.js';
import { nextHeldRunMs, runDueHeld } from '../../host/dcc/dsp-scheduler.js';
import { EmulatedFleet } from '../../host/dcc/fleet-gateway.js';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, referenceEstate } from '../../host/dcc/reference-estate.js';
import { DccService, type Endpoint } from '../../host/dcc/service.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { keystore, provider, readTemplate, RTDS_DIR } from './fixture.js';
import { walkTemplate } from './template-walk.js';

const HOUR_MS = 3_600_000;
const NETWORK_OPERATOR_EUI = '90B3D51F30020000';
const ACB_EUI = '90B3D51F30000002';
const TRANSITIONAL_COS_EUI = '90B3D51F30000004';
const SUPPLIER_EUI = '90B3D51F30010000';
const security = new SecurityContext({ keystore, provider });

const hex = (n: DerNode | undefined): string => Buffer.from(n?.value ?? []).toString('hex');
const kids = (n: DerNode | undefined): readonly DerNode[] => n?.children ?? [];

/** Delivers a command to a fresh emulated device of the type and returns the response's DER tree. */
function answer(target: string, type: string, command: Uint8Array): DerNode {
  const fleet = new EmulatedFleet(provider, keystore);
  expect(fleet.addDevice(target, type, ESTATE_CLOCK_MS)).toBe(true);
  fleet.send(target, command, ESTATE_CLOCK_MS);
  const up: Uint8Array[] = [];
  while (fleet.step(ESTATE_CLOCK_MS + HOUR_MS, (b) => up.push(b)));
  const code = parseEnvelope(command).otherInfo.messageCode;
  const response = up.map((b) => parseEnvelope(b)).find((e) => e.cra === 2 && e.otherInfo.messageCode === code);
  expect(response, `a response with message code ${code.toString(16)}`).toBeDefined();
  return decodeDer(response!.content);
}

/** The per-cell results of a CS02b answer: SEQUENCE { NULL, SEQUENCE { counter, mode, details, SEQUENCE OF result } }. */
function cellResults(tree: DerNode): { role: string; usage: string; outcome: string; newSubject: string }[] {
  return kids(kids(kids(tree)[1])[3]).map((r) => ({ role: hex(kids(kids(r)[0])[0]), usage: hex(kids(kids(r)[0])[1]), outcome: hex(kids(r)[1]), newSubject: hex(kids(r)[4]).toUpperCase() }));
}

/** A fresh DCC on the reference estate that records what it sends. */
function dcc(): { service: DccService; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const service = new DccService({ keys: keystore, provider, clock: () => ESTATE_CLOCK_MS, encoders: ENCODERS, state: referenceEstate(), gateway: { send: (_d, bytes) => sent.push(bytes) } });
  return { service, sent };
}

function submit(service: DccService, xml: string, originator: string, endpoint: Endpoint, counter: bigint) {
  const key = service.signers.signingKey(originator)!;
  const redate = (): string => new Date(ESTATE_CLOCK_MS + HOUR_MS).toISOString().replace(/\.\d{3}Z$/, '.00Z');
  return service.handle(endpoint, prepareRequest(xml, key, provider, { counter, redate }));
}

/** A critical request as a User sends it: CV 4, the pre-command signed with its DS key, CV 5. */
function sendCritical(service: DccService, name: string, originator: string, counter: bigint): void {
  const key = service.signers.signingKey(originator)!;
  const request = prepareRequest(readTemplate(name), key, provider, { counter });
  const reply = service.handle('serviceT', request);
  const pre = new Uint8Array(Buffer.from(/<sr:GBCSPayload>([^<]*)</.exec(reply.body)![1]!, 'base64'));
  const signed = encodeEnvelope({ ...signEnvelope(parseEnvelope(pre), security), kind: 'general-signing' });
  const body = `<sr:SignedPreCommand xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:GBCSPayload>${Buffer.from(signed).toString('base64')}</sr:GBCSPayload></sr:SignedPreCommand>`;
  expect(service.handle('serviceS', prepareRequest(request, key, provider, { cv: 5, bodyXml: body })).code).toBe('I99');
}

const rtds = (folder: string, file: string): Uint8Array => readHexFile(join(RTDS_DIR, folder, file));
const ESME = '00-DB-12-34-56-78-90-A0';

describe('security credentials through the DCC', () => {
  it('CS02bNOByNO 6.15.1 (no reference): the network operator replaces its own DS and KA cells on the ESME', () => {
    const o = walkTemplate('CS02bNOByNO_6.15.1_SUCCESS_REQUEST_DUIS.XML', 7_000_001n);
    expect(o.cls).toBe('transformed-no-reference');
    const pre = parseEnvelope(o.produced!);
    expect([pre.messageType, pre.otherInfo.messageCode, pre.originator]).toEqual(['precommand', 0x0103, NETWORK_OPERATOR_EUI]);
    const [control, replacements] = kids(decodeDer(pre.content));
    // mode 3 (NO by NO), authorised by the NO's own DS cell, [3] = the command's counter, [4] floor 0.
    expect(kids(control).map((n) => `${n.tagClass}:${n.tagNumber}`)).toEqual(['universal:2', 'context:2', 'context:3', 'context:4']);
    expect(hex(kids(control)[0])).toBe('03');
    expect(kids(kids(control)[1]).map(hex)).toEqual(['03', '0780']);
    expect(BigInt(`0x${hex(kids(control)[2])}`)).toBe(pre.transactionId);
    expect(kids(replacements).map((r) => kids(kids(r)[1]).map(hex))).toEqual([['03', '0780'], ['03', '0308']]);
    // The User-signed command reaches a fresh ESME, which puts the NO's certificates in its NO cells.
    const results = cellResults(answer(o.target!, o.targetType!, o.delivered!));
    expect(results).toEqual([
      { role: '03', usage: '0780', outcome: '00', newSubject: NETWORK_OPERATOR_EUI },
      { role: '03', usage: '0308', outcome: '00', newSubject: NETWORK_OPERATOR_EUI },
    ]);
  });

  it('6.15.1 role rules: a supplier may not replace the network operator\'s cells, nor a network operator the supplier\'s', () => {
    const supplierAsNo = readTemplate('CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML').replace('<sr:RemotePartyRole>Supplier<', '<sr:RemotePartyRole>NetworkOperator<');
    const noAsSupplier = readTemplate('CS02bNOByNO_6.15.1_SUCCESS_REQUEST_DUIS.XML').replace('<sr:RemotePartyRole>NetworkOperator<', '<sr:RemotePartyRole>Supplier<');
    for (const [xml, originator] of [[supplierAsNo, SUPPLIER_EUI], [noAsSupplier, NETWORK_OPERATOR_EUI]] as const) {
      const { service, sent } = dcc();
      const reply = submit(service, xml, originator.toLowerCase(), 'serviceT', 7_000_010n);
      expect(reply.code).toBe('EX-NOT-SUPPORTED');
      expect(service.state.preCommands.size + sent.length).toBe(0);
    }
    // The unchanged supplier template is transformed.
    const { service } = dcc();
    expect(submit(service, readTemplate('CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML'), SUPPLIER_EUI.toLowerCase(), 'serviceT', 7_000_011n).code).toBe('I0');
  });

  it('CS02bSupplierByTransCoS 6.23: sent at once by the TransCoS party, signed by it, the execution date-time inside the command', () => {
    for (const [name, time] of [
      ['CS02bSupplierByTransCoS_6.23_FUTURE_DATED_SUCCESS_REQUEST_DUIS.XML', new Date(ESTATE_CLOCK_MS + HOUR_MS).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z')],
      ['CS02bSupplierByTransCoS_6.23_CANCELLATION_SUCCESS_REQUEST_DUIS.XML', '99991231235959Z'],
    ] as const) {
      const { service, sent } = dcc();
      expect(submit(service, readTemplate(name), SUPPLIER_EUI.toLowerCase(), 'serviceS', 7_000_020n).code).toBe('I99');
      expect(sent, 'not held by the DCC: the device keeps the date').toHaveLength(1);
      const env = parseEnvelope(sent[0]!);
      expect([env.originator, env.otherInfo.messageCode]).toEqual([TRANSITIONAL_COS_EUI, 0x0107]);
      expect(() => verifySignature(env, security)).not.toThrow();
      const tree = decodeDer(env.content);
      expect(Buffer.from(kids(tree).at(-1)!.value!).toString('latin1')).toBe(time);
      // The incoming supplier's cells, authorised by the TransCoS DS cell (role 5).
      expect(kids(kids(kids(tree)[0])[1]).map(hex)).toEqual(['05', '0780']);
      expect(kids(answer('00-DB-12-34-56-78-90-A0', 'ESME', sent[0]!)).map((n) => n.tagNumber)).toEqual([5]); // accepted for later
    }
  });

  it('CS02bSupplierBySupplierHandover 6.21: the ACB sends and signs the User\'s credentials; the GPF takes them', () => {
    const o = walkTemplate('CS02bSupplierBySupplierHandover_6.21_SUCCESS_REQUEST_DUIS.XML', 7_000_030n);
    const env = parseEnvelope(o.delivered!);
    expect([env.originator, env.otherInfo.messageCode]).toEqual([ACB_EUI, 0x0102]);
    expect(() => verifySignature(env, security)).not.toThrow();
    expect(cellResults(answer(o.target!, o.targetType!, o.delivered!)).map((r) => [r.role, r.outcome, r.newSubject])).toEqual([
      ['02', '00', SUPPLIER_EUI], ['02', '00', SUPPLIER_EUI], ['02', '00', SUPPLIER_EUI],
    ]);
  });

  it('CS02bACBByACB 8.5: the template\'s KeyAgreementCertificate holds a DS certificate (template data); the ESME refuses that cell', () => {
    const o = walkTemplate('CS02bACBByACB_8.5_SUCCESS_REQUEST_DUIS.XML', 7_000_040n);
    const env = parseEnvelope(o.delivered!);
    expect([env.originator, env.signature]).toEqual([ACB_EUI, undefined]); // MAC-only (GBCS 4.1 exception)
    expect(cellResults(answer(o.target!, o.targetType!, o.delivered!))).toEqual([{ role: '04', usage: '0308', outcome: '0a', newSubject: '0000000000000000' }]);
  });

  it('CS03A2NonCritical / CS03B / CS03CNonCritical 8.7.2: the ACB sends the join for the User (supplementary remote party), signing the critical GBCS use cases', () => {
    for (const [name, signed] of [['CS03A2NonCritical_8.7.2_SUCCESS_REQUEST_DUIS.XML', true], ['CS03B_8.7.2_SUCCESS_REQUEST_DUIS.XML', false], ['CS03CNonCritical_8.7.2_SUCCESS_REQUEST_DUIS.XML', true]] as const) {
      const o = walkTemplate(name, 7_000_050n);
      const env = parseEnvelope(o.delivered!);
      expect([env.originator, env.otherInfo.supplementaryRemotePartyId, env.otherInfo.supplementaryRemotePartyCounter], name).toEqual([ACB_EUI, SUPPLIER_EUI, env.transactionId]);
      expect(env.signature !== undefined, name).toBe(signed);
      if (signed) expect(() => verifySignature(env, security)).not.toThrow();
      expect(hex(answer(o.target!, o.targetType!, o.delivered!)), name).toBe('00'); // joined
    }
  });

  it('SR 8.5 Service Opt Out (dcc.md 9.3): the ESME\'s signed answer that every cell was replaced withdraws it', () => {
    const { service, sent } = dcc();
    // Counter 1300: the reference ESME's answer (RTDS 8.5 SUCCESS RESPONSE) repeats it.
    expect(submit(service, readTemplate('CS02bACBByACB_8.5_SUCCESS_REQUEST_DUIS.XML'), SUPPLIER_EUI.toLowerCase(), 'serviceS', 1300n).code).toBe('I99');
    expect(sent).toHaveLength(0); // held until its ExecutionDateTime (dcc.md 7.2)
    runDueHeld(service, nextHeldRunMs(service)!);
    expect(sent).toHaveLength(1);
    const response = rtds('8.5_CS02bACBByACB', 'CS02bACBByACB_8.5_SUCCESS_RESPONSE_GBCS.HEX');
    const forged = response.slice();
    forged[forged.length - 1]! ^= 1; // a signature that does not verify changes nothing
    service.onDeviceMessage(forged);
    expect(service.state.devices.get(ESME)!.status).toBe('Commissioned');
    expect(service.takeOutbound()).toHaveLength(1); // the answer still reaches the User
    const again = dcc();
    submit(again.service, readTemplate('CS02bACBByACB_8.5_SUCCESS_REQUEST_DUIS.XML'), SUPPLIER_EUI.toLowerCase(), 'serviceS', 1300n);
    runDueHeld(again.service, nextHeldRunMs(again.service)!);
    again.service.onDeviceMessage(response);
    expect(again.service.state.devices.get(ESME)!.status).toBe('Withdrawn');
  });

  it('CS02bSupplierBySupplier 6.15.1 on a Recovered ESME (dcc.md 9.3): Commissioned once every cell is replaced, not after a refused cell', () => {
    for (const [counter, file, status] of [[1003n, 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_ERROR_RESPONSE_GBCS.HEX', 'Recovered'], [1000n, 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_RESPONSE_GBCS.HEX', 'Commissioned']] as const) {
      const { service } = dcc();
      service.state.devices.get(ESME)!.status = 'Recovered';
      sendCritical(service, 'CS02bSupplierBySupplier_6.15.1_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML', SUPPLIER_EUI.toLowerCase(), counter);
      service.onDeviceMessage(rtds('6.15.1_CS02bSupplierBySupplier', file));
      expect(service.takeOutbound().map((o) => o.requestId), file).toHaveLength(1);
      expect(service.state.devices.get(ESME)!.status, file).toBe(status);
    }
  });
});
