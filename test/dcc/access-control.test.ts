// DUIS request handling as a library (issue 9 point 1, dcc.md 2.4, 3.2, 5, 6, 14): each check of
// the access-control order fails with exactly its reaction (HTTP 400 or the DUIS code), the first
// failure wins, and a refused request changes nothing but the event log. Requests are templates
// prepared as a real User prepares them (re-signed with its DS key from the keystore). Scenario
// numbers refer to dcc.md 14.

import { describe, expect, it } from 'vitest';
import { parseEnvelope, encodeEnvelope } from '../../gbcs/envelope.js';
import { SecurityContext, signEnvelope } from '../../gbcs/security.js';
import { prepareRequest, type PrepareOptions } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, NETWORK_OPERATOR, OTHER_USER, referenceEstate, SUPPLIER } from '../../host/dcc/reference-estate.js';
import { DccService, type Endpoint } from '../../host/dcc/service.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { keystore, provider, readTemplate } from './fixture.js';

const ESME1 = '00-DB-12-34-56-78-90-A0';
const T_ECS17A = 'ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML';
const T_ECS17B = 'ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML';
const T_ECS04A = 'ECS04a_1.5_SUCCESS_REQUEST_DUIS.XML';
const T_ECS22B = 'ECS22b_4.8.1_SINGLE_SUCCESS_REQUEST_DUIS.XML';

function setup(mutate: (s: ReturnType<typeof referenceEstate>) => void = () => {}) {
  const state = referenceEstate();
  mutate(state);
  const sent: Uint8Array[] = [];
  const service = new DccService({ keys: keystore, provider, clock: () => ESTATE_CLOCK_MS, encoders: ENCODERS, state, gateway: { send: (_d, b) => sent.push(b) } });
  return { service, sent };
}

/** A template re-signed by `signer` (default: the RequestID's originator) with the options. */
function request(service: DccService, template: string, opts: PrepareOptions & { signer?: string } = {}): string {
  const xml = readTemplate(template);
  const id = opts.requestId ?? /<sr:RequestID>([^<]+)</.exec(xml)![1]!;
  const signer = (opts.signer ?? id.split(':')[0]!).replace(/-/g, '');
  return prepareRequest(xml, service.signers.signingKey(signer)!, provider, { ...opts, requestId: id });
}

/** Sends and checks that a refusal changed nothing but the event log. */
function refused(service: DccService, endpoint: Endpoint, xml: string) {
  const before = JSON.stringify({ ...service.state.toData(), events: [], eventSequence: 0 });
  const reply = service.handle(endpoint, xml);
  expect(JSON.stringify({ ...service.state.toData(), events: [], eventSequence: 0 })).toBe(before);
  return reply;
}

const codeOf = (body: string): string => /<sr:ResponseCode>([^<]+)</.exec(body)?.[1] ?? '';

describe('access control in the order of dcc.md 2.4', () => {
  it('#1-like: the network operator reads export registers (4.2, CV 1, the template originator): sync I99, one command to the device', () => {
    const { service, sent } = setup();
    const reply = service.handle('serviceS', request(service, T_ECS17A, { counter: 2000n }));
    expect([reply.httpStatus, reply.code, codeOf(reply.body)]).toEqual([200, 'I99', 'I99']);
    expect(sent).toHaveLength(1);
  });

  it('step 2: a malformed document or a wrong body element is HTTP 400 SchemaFailure', () => {
    const { service } = setup();
    expect(refused(service, 'serviceS', '<sr:Request>').httpStatus).toBe(400);
    const wrongBody = request(service, T_ECS17A).replace(/ReadInstantaneousExportRegisters/g, 'ReadInstantaneousImportRegisters');
    const reply = refused(service, 'serviceS', wrongBody);
    expect([reply.httpStatus, reply.code]).toEqual([400, 'SchemaFailure']);
  });

  it('#11 step 3: the raw template with its placeholder signature is HTTP 400 SignatureFailure', () => {
    const { service } = setup();
    const reply = refused(service, 'serviceS', readTemplate(T_ECS17A));
    expect([reply.httpStatus, reply.code]).toEqual([400, 'SignatureFailure']);
  });

  it('#6 step 1: a CV 8 request on the Transform URL is E13', () => {
    const { service } = setup();
    expect(refused(service, 'serviceT', request(service, '8.2_READ_INVENTORY_REQUEST_DUIS.XML')).code).toBe('E13');
  });

  it('#10 step 4: a reused counter is EX-COUNTER; a signer other than the originator too', () => {
    const { service } = setup();
    expect(service.handle('serviceS', request(service, T_ECS17A, { counter: 1000n })).code).toBe('I99');
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { counter: 1000n })).code).toBe('EX-COUNTER');
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { counter: 5000n, signer: NETWORK_OPERATOR })).code).toBe('EX-COUNTER');
  });

  it('step 5: an originator that is no User (a keystore identity without a User record) is E1', () => {
    const { service } = setup();
    const id = `90-B3-D5-1F-30-00-00-01:${ESME1}:1000`;
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { requestId: id })).code).toBe('E1');
  });

  it('#2 step 6: a role not eligible for the SRV is E2 (export supplier asks 4.1.1)', () => {
    const { service } = setup((s) => s.users.push({ userId: '90-B3-D5-1F-30-03-00-00', roles: ['ES'], status: 'Active' }));
    service.state.users.set(OTHER_USER, { userId: OTHER_USER, roles: ['ES'], status: 'Active' });
    expect(refused(service, 'serviceS', request(service, T_ECS17B, { requestId: `${OTHER_USER}:${ESME1}:1000` })).code).toBe('E2');
  });

  it('#15 step 7: a suspended supplier is E3', () => {
    const { service } = setup();
    service.state.users.get(SUPPLIER)!.suspensions = { nonOtherUserCore: true };
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { requestId: `${SUPPLIER}:${ESME1}:1000` })).code).toBe('E3');
  });

  it('#4 step 8: an unknown device is E19', () => {
    const { service } = setup();
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { requestId: `${SUPPLIER}:00-DB-12-34-56-78-90-FF:1000` })).code).toBe('E19');
  });

  it('step 9: an ESME SRV to the gas meter is E11', () => {
    const { service } = setup();
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { requestId: `${SUPPLIER}:00-DB-12-34-56-78-90-A1:1000` })).code).toBe('E11');
  });

  it('#5 step 10: a critical SRV with CV 1 is E12', () => {
    const { service } = setup();
    expect(refused(service, 'serviceS', request(service, T_ECS04A, { cv: 1 })).code).toBe('E12');
  });

  it('#3 step 11: a supplier not registered for the MPAN is E4', () => {
    const { service } = setup((s) => (s.registrations = s.registrations.filter((r) => r.role !== 'IS')));
    expect(refused(service, 'serviceS', request(service, T_ECS17A, { requestId: `${SUPPLIER}:${ESME1}:1000` })).code).toBe('E4');
  });

  it('#16 step 12: a Pending ESME is E5', () => {
    const { service } = setup();
    service.state.devices.get(ESME1)!.status = 'Pending';
    expect(refused(service, 'serviceS', request(service, T_ECS17A)).code).toBe('E5');
  });

  it('#13 step 14: an Other User without consent for the MPAN is E4', () => {
    const { service } = setup();
    expect(refused(service, 'serviceS', request(service, T_ECS22B, { requestId: `${OTHER_USER}:${ESME1}:1000` })).code).toBe('E4');
  });

  it('#32: an ExecutionDateTime a day in the past is EX-PAST-DATE; a year and a day ahead EX-FAR-DATE', () => {
    const { service } = setup();
    const at = (ms: number) => () => new Date(ms).toISOString();
    expect(refused(service, 'serviceS', request(service, 'ECS17b_4.1.1_DSP_FUTURE_DATED_REQUEST_DUIS.XML', { redate: at(ESTATE_CLOCK_MS - 86_400_000) })).code).toBe('EX-PAST-DATE');
    expect(refused(service, 'serviceS', request(service, 'ECS17b_4.1.1_DSP_FUTURE_DATED_REQUEST_DUIS.XML', { redate: at(ESTATE_CLOCK_MS + 366 * 86_400_000) })).code).toBe('EX-FAR-DATE');
  });

  it('the first failure wins: unknown device and bad CV together answer E19 (step 8 before 10)', () => {
    const { service } = setup();
    expect(refused(service, 'serviceS', request(service, T_ECS04A, { cv: 1, requestId: `${SUPPLIER}:00-DB-12-34-56-78-90-FF:1000` })).code).toBe('E19');
  });
});

describe('critical requests: transform, the User signs, send (dcc.md 6)', () => {
  function transformAndSign(service: DccService) {
    const cv4 = request(service, T_ECS04A, { counter: 3000n });
    const reply = service.handle('serviceT', cv4);
    expect(reply.code).toBe('I0');
    const preCommand = new Uint8Array(Buffer.from(/<sr:GBCSPayload>([^<]+)</.exec(reply.body)![1]!, 'base64'));
    const signed = encodeEnvelope({ ...signEnvelope(parseEnvelope(preCommand), new SecurityContext({ keystore, provider })), kind: 'general-signing' });
    const send = (payload: Uint8Array) =>
      prepareRequest(cv4, service.signers.signingKey('90B3D51F30010000')!, provider, {
        cv: 5,
        bodyXml: `<sr:SignedPreCommand xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:GBCSPayload>${Buffer.from(payload).toString('base64')}</sr:GBCSPayload></sr:SignedPreCommand>`,
      });
    return { signed, send };
  }

  it('#8: the signed pre-command with the same RequestID is I99 and reaches the device MACed', () => {
    const { service, sent } = setup();
    const { signed, send } = transformAndSign(service);
    expect(service.handle('serviceS', send(signed)).code).toBe('I99');
    expect(sent).toHaveLength(1);
    expect(parseEnvelope(sent[0]!).kind).toBe('general-ciphering');
    // Single use: the same pre-command again is a mismatch.
    expect(service.handle('serviceS', send(signed)).code).toBe('EX-PRECOMMAND-MISMATCH');
  });

  it('#9: one changed payload byte is EX-PRECOMMAND-MISMATCH and nothing is sent', () => {
    const { service, sent } = setup();
    const { signed, send } = transformAndSign(service);
    const changed = Uint8Array.from(signed);
    changed[changed.length - 70] ^= 0x01;
    expect(refused(service, 'serviceS', send(changed)).code).toBe('EX-PRECOMMAND-MISMATCH');
    expect(sent).toHaveLength(0);
  });
});

describe('the templates against the spec', () => {
  it('GCS18 (4.10 on a gas meter) is sent by the supplier ID, so GS is eligible for 4.10 (dcc.md 4 lists IS ED GT [K])', () => {
    expect(readTemplate('GCS18_4.10_SUCCESS_REQUEST_DUIS.XML')).toContain(`${SUPPLIER}:00-DB-12-34-56-78-90-A1`);
  });
});
