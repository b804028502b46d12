// Threshold anomaly detection (issue 9 point 5, dcc.md 11.2, 14 #33 #34): threshold files are
// parsed strictly and accepted only with the submitter's DER signature; counted requests (not CV
// 4) breaching MaxCount in a fixed window are quarantined (sync I99, DCC-ANOMALY alert), then
// released (processed) or deleted (EX-QUARANTINED), or expire after 24 h.

import { describe, expect, it } from 'vitest';
import { encodeEnvelope, parseEnvelope } from '../../gbcs/envelope.js';
import { SecurityContext, signEnvelope } from '../../gbcs/security.js';
import { expireQuarantines, resolveQuarantine, submitThresholds } from '../../host/dcc/anomaly/anomaly-service.js';
import { derSignatureToRaw, rawSignatureToDer } from '../../host/dcc/anomaly/der-signature.js';
import { windowStartMs } from '../../host/dcc/anomaly/detector.js';
import { parseThresholdCsv, THRESHOLD_HEADER, THRESHOLD_LINES_MAX } from '../../host/dcc/anomaly/thresholds-csv.js';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, referenceEstate, SUPPLIER } from '../../host/dcc/reference-estate.js';
import { DccService } from '../../host/dcc/service.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { keystore, provider, readTemplate } from './fixture.js';

const SUPPLIER_EUI = '90B3D51F30010000';
const csv = (...lines: string[]): string => [THRESHOLD_HEADER, ...lines].join('\n') + '\n';
const submitter = { userId: SUPPLIER, roles: ['IS', 'GS'] as const };

function sign(text: string, eui = SUPPLIER_EUI): string {
  const raw = provider.ecdsaSign(keystore.privateKey(eui, 'ds')!, new TextEncoder().encode(text));
  return Buffer.from(rawSignatureToDer(raw)).toString('base64');
}

function setup() {
  const clock = { nowMs: ESTATE_CLOCK_MS };
  const sent: Uint8Array[] = [];
  const service = new DccService({ keys: keystore, provider, clock: () => clock.nowMs, encoders: ENCODERS, state: referenceEstate(), gateway: { send: (_d, b) => sent.push(b) } });
  return { service, sent, clock };
}

/** One 1.5 ECS04a adjust-balance round: CV 4, the User signs, CV 5. Returns the CV 5 reply. */
function adjustBalance(service: DccService, counter: bigint) {
  const key = service.signers.signingKey(SUPPLIER_EUI)!;
  const cv4 = prepareRequest(readTemplate('ECS04a_1.5_SUCCESS_REQUEST_DUIS.XML'), key, provider, { counter });
  const pre = service.handle('serviceT', cv4);
  expect(pre.code).toBe('I0');
  const bytes = new Uint8Array(Buffer.from(/<sr:GBCSPayload>([^<]+)</.exec(pre.body)![1]!, 'base64'));
  const signed = encodeEnvelope({ ...signEnvelope(parseEnvelope(bytes), new SecurityContext({ keystore, provider })), kind: 'general-signing' });
  const body = `<sr:SignedPreCommand xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:GBCSPayload>${Buffer.from(signed).toString('base64')}</sr:GBCSPayload></sr:SignedPreCommand>`;
  return service.handle('serviceS', prepareRequest(cv4, key, provider, { cv: 5, bodyXml: body }));
}

describe('threshold files (dcc.md 11.2)', () => {
  it('accepts a valid file and refuses each kind of bad line, naming the line', () => {
    expect(parseThresholdCsv(csv(`${SUPPLIER},IS,1.6,1440,500`, `${SUPPLIER},GS,7.2,60,20`), { submitter })).toEqual({
      ok: true,
      rows: [
        { userId: SUPPLIER, role: 'IS', srv: '1.6', periodMinutes: 1440, maxCount: 500 },
        { userId: SUPPLIER, role: 'GS', srv: '7.2', periodMinutes: 60, maxCount: 20 },
      ],
    });
    const bad = parseThresholdCsv(csv(
      '90-B3-D5-1F-30-02-00-00,IS,1.6,1440,5', `${SUPPLIER},ED,1.6,1440,5`, `${SUPPLIER},IS,99.9,1440,5`, `${SUPPLIER},IS,1.6,0,5`,
      `${SUPPLIER},IS,1.6,10081,5`, `${SUPPLIER},IS,1.6,60,05`, `${SUPPLIER},IS,7.1,60,1`, `${SUPPLIER},IS,7.1,60,2`, '',
    ), { submitter });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 10]);
    expect(parseThresholdCsv('UserID,UserRole\n', { submitter })).toEqual({ ok: false, errors: [{ line: 1, reason: `header must be '${THRESHOLD_HEADER}'` }] });
  });

  it(`takes ${THRESHOLD_LINES_MAX} data lines and refuses ${THRESHOLD_LINES_MAX + 1}`, () => {
    // The DCC's own file (no submitter): one distinct User per line keeps (user, role, SRV) unique.
    const user = (i: number) => `00-00-00-00-00-00-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 0xff).toString(16).padStart(2, '0').toUpperCase()}`;
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `${user(i)},IS,1.6,1440,1`);
    expect(parseThresholdCsv(csv(...lines(THRESHOLD_LINES_MAX))).ok).toBe(true);
    expect(parseThresholdCsv(csv(...lines(THRESHOLD_LINES_MAX + 1)))).toEqual({ ok: false, errors: [{ line: 0, reason: `more than ${THRESHOLD_LINES_MAX} data lines` }] });
  });

  it('converts DER signatures to r || s and back, refusing trailing bytes', () => {
    const raw = provider.ecdsaSign(keystore.privateKey(SUPPLIER_EUI, 'ds')!, new Uint8Array([1, 2, 3]));
    const der = rawSignatureToDer(raw);
    expect(derSignatureToRaw(der)).toEqual(raw);
    expect(derSignatureToRaw(Uint8Array.from([...der, 0]))).toBeUndefined();
  });

  it('#34: a bad signature or a foreign UserID is refused with 400 and the previous set is kept', () => {
    const { service } = setup();
    const good = csv(`${SUPPLIER},IS,1.5,1440,2`);
    expect(submitThresholds(service, new TextEncoder().encode(good), sign(good))).toEqual({ httpStatus: 200, accepted: 1 });
    const other = csv(`${SUPPLIER},IS,1.5,1440,9`);
    expect(submitThresholds(service, new TextEncoder().encode(other), sign(good)).httpStatus).toBe(400);
    const foreign = csv(`${SUPPLIER},IS,1.5,1440,9`, '90-B3-D5-1F-30-02-00-00,ED,4.2,60,1');
    const result = submitThresholds(service, new TextEncoder().encode(foreign), sign(foreign));
    expect(result).toEqual({ httpStatus: 400, errors: [{ line: 3, reason: 'UserID 90-B3-D5-1F-30-02-00-00 is not the submitter' }] });
    expect(service.state.thresholds).toEqual([{ userId: SUPPLIER, role: 'IS', srv: '1.5', periodMinutes: 1440, maxCount: 2 }]);
  });
});

describe('quarantine (dcc.md 11.2, 14 #33)', () => {
  it('windows dividing a day start at 00:00 UTC; week windows start on Monday', () => {
    expect(new Date(windowStartMs(ESTATE_CLOCK_MS, 1440)).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(new Date(windowStartMs(ESTATE_CLOCK_MS, 10080)).toISOString()).toBe('2026-03-30T00:00:00.000Z'); // a Monday
  });

  it('the third signed pre-command of the day is quarantined (CV 4 not counted); release sends it, delete answers EX-QUARANTINED', () => {
    const { service, sent, clock } = setup();
    const file = csv(`${SUPPLIER},IS,1.5,1440,2`);
    submitThresholds(service, new TextEncoder().encode(file), sign(file));
    expect(adjustBalance(service, 100n).code).toBe('I99');
    expect(adjustBalance(service, 101n).code).toBe('I99');
    expect(sent).toHaveLength(2);
    service.takeOutbound();
    const third = adjustBalance(service, 102n);
    expect(third.code).toBe('I99');
    expect(sent).toHaveLength(2);
    const [alert] = service.takeOutbound();
    expect(alert!.xml).toContain('<sr:DCCAlertCode>DCC-ANOMALY</sr:DCCAlertCode>');
    expect(alert!.xml).toContain('quarantineId=q-000001; srv=1.5; window=2026-04-01T00:00:00Z/1440; count=3; maxCount=2');
    clock.nowMs += 60_000;
    expect(resolveQuarantine(service, 'q-000001', 'release')).toBe('released');
    expect(sent).toHaveLength(3);
    expect(resolveQuarantine(service, 'q-000001', 'release')).toBe('not-held');
    // The fourth is held too; deleting it answers EX-QUARANTINED asynchronously and sends nothing.
    expect(adjustBalance(service, 103n).code).toBe('I99');
    service.takeOutbound();
    expect(resolveQuarantine(service, 'q-000002', 'delete')).toBe('deleted');
    expect(service.takeOutbound()[0]!.xml).toContain('<sr:ResponseCode>EX-QUARANTINED</sr:ResponseCode>');
    expect(sent).toHaveLength(3);
  });

  it('an unresolved quarantine is deleted after 24 h', () => {
    const { service, clock } = setup();
    const file = csv(`${SUPPLIER},IS,1.5,1440,0`);
    submitThresholds(service, new TextEncoder().encode(file), sign(file));
    adjustBalance(service, 200n);
    service.takeOutbound();
    clock.nowMs += 86_400_000 - 1;
    expireQuarantines(service, clock.nowMs);
    expect(service.state.quarantines.get('q-000001')!.status).toBe('held');
    clock.nowMs += 1;
    expireQuarantines(service, clock.nowMs);
    expect(service.state.quarantines.get('q-000001')!.status).toBe('expired');
    expect(service.takeOutbound()[0]!.xml).toContain('EX-QUARANTINED');
  });
});
