// The DCC endpoint (issue 9 point 4, dcc.md 3.3, 5.1): the HTTP paths on 127.0.0.1, the emulated
// estate behind them in virtual time advanced through POST /api/v1/clock/advance, responses
// delivered to the User's callback URL, and the retry policy (first POST + 5 retries at 1, 2, 4,
// 8, 16 s, then undelivered; dcc.md 14 #41). Every socket is loopback; two servers per test.

import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS } from '../../host/dcc/reference-estate.js';
import { createDccRuntime } from '../../host/dcc/server/create-runtime.js';
import { createDccHttpServer, httpPost } from '../../host/dcc/server/http-server.js';
import type { DccRuntime } from '../../host/dcc/server/runtime.js';
import { keystore, provider, readTemplate } from './fixture.js';
import { rawSignatureToDer } from '../../host/dcc/anomaly/der-signature.js';

interface Received {
  atClockMs: number;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((ok) => s.close(() => ok()))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** A User's callback receiver answering `status` to every POST. */
async function receiver(status: number, runtimeRef: { runtime?: DccRuntime }): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ atClockMs: runtimeRef.runtime?.clock.nowMs ?? -1, body });
      res.writeHead(status);
      res.end();
    });
  });
  return { url: `${await listen(server)}/callback`, received };
}

async function dcc(callbackStatus: number) {
  const ref: { runtime?: DccRuntime } = {};
  const user = await receiver(callbackStatus, ref);
  const runtime = createDccRuntime({ keys: keystore, provider, startMs: ESTATE_CLOCK_MS, post: httpPost(2_000), callbackUrl: user.url });
  ref.runtime = runtime;
  const { server } = createDccHttpServer(runtime, 'virtual');
  const base = await listen(server);
  return { runtime, base, user };
}

const ECS17A = (counter: bigint): string => {
  const xml = readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML');
  return prepareRequest(xml, { ...signingKeyOf('90B3D51F30020000') }, provider, { counter });
};

function signingKeyOf(eui: string) {
  const rt = createDccRuntime({ keys: keystore, provider, startMs: 0, post: async () => 'ok', fleet: false });
  return rt.service.signers.signingKey(eui)!;
}

const post = (url: string, body: string, contentType = 'application/xml') => fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body });
const advance = (base: string, ms: number) => post(`${base}/api/v1/clock/advance`, JSON.stringify({ ms }), 'application/json');

describe('smartmeter serve: DUIS over HTTP on loopback', () => {
  it('#1: CV 1 to /serviceS answers I99; after the clock advances the device response reaches the callback URL as I0', async () => {
    const { base, user } = await dcc(204);
    const reply = await post(`${base}/api/v1/serviceS`, ECS17A(2000n));
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('<sr:ResponseCode>I99</sr:ResponseCode>');
    expect(user.received).toHaveLength(0);
    const clock = await (await advance(base, 60_000)).json();
    expect(clock.nowMs).toBe(ESTATE_CLOCK_MS + 60_000);
    expect(user.received).toHaveLength(1);
    const body = user.received[0]!.body;
    expect(body).toContain('<sr:ResponseCode>I0</sr:ResponseCode>');
    expect(body).toContain('<sr:GBCSPayload>');
    expect(body).toContain(':2000</sr:RequestID>');
    // dcc.md 13.4: the response clock ran from acceptance to the first callback POST (2 x 5 s WAN).
    const pmr = await (await fetch(`${base}/api/v1/reports/pmr?period=2026-04`)).json();
    expect(pmr.cpm[0]).toMatchObject({ cpm: '1', n: 1, d: 1, achievedPct: '100.00', status: 'Target met' });
    expect(pmr.srv[0]).toMatchObject({ srv: '4.2', category: 'ON_DEMAND', p50S: '10.000' });
    expect(await (await fetch(`${base}/api/v1/reports/pmr?period=2026-04&format=md`)).text()).toContain('## CPM');
  });

  it('refuses a wrong method (405), a wrong content type (415), a CV on the wrong path (E13) and an unknown path (404)', async () => {
    const { base } = await dcc(204);
    expect((await fetch(`${base}/api/v1/serviceS`)).status).toBe(405);
    expect((await post(`${base}/api/v1/serviceS`, ECS17A(1n), 'text/plain')).status).toBe(415);
    expect(await (await post(`${base}/api/v1/serviceT`, ECS17A(2n))).text()).toContain('<sr:ResponseCode>E13</sr:ResponseCode>');
    expect((await fetch(`${base}/api/v1/nothing`)).status).toBe(404);
    const clock = await (await fetch(`${base}/api/v1/clock`)).json();
    expect(clock).toMatchObject({ nowMs: ESTATE_CLOCK_MS, mode: 'virtual' });
  });

  it('#41: a callback answering 500 gets the first POST and 5 retries 1, 2, 4, 8, 16 s apart, then is undelivered', async () => {
    const { base, user, runtime } = await dcc(500);
    await post(`${base}/api/v1/serviceS`, ECS17A(3000n));
    await advance(base, 120_000);
    expect(user.received).toHaveLength(6);
    const times = user.received.map((r) => r.atClockMs);
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(runtime.callbacks.records.at(-1)).toMatchObject({ outcome: 'undelivered', attempts: 6 });
  });

  it('#34 over HTTP: a signed threshold file (multipart) is accepted; the same file with a foreign signature is 400 with line 0', async () => {
    const { base } = await dcc(204);
    const file = 'UserID,UserRole,ServiceReferenceVariant,PeriodMinutes,MaxCount\n90-B3-D5-1F-30-01-00-00,IS,1.5,1440,2\n';
    const signature = (eui: string) => Buffer.from(rawSignatureToDer(provider.ecdsaSign(keystore.privateKey(eui, 'ds')!, new TextEncoder().encode(file)))).toString('base64');
    const upload = (sig: string) => {
      const form = new FormData();
      form.append('file', new Blob([file]), 'thresholds.csv');
      form.append('signature', sig);
      return fetch(`${base}/api/v1/anomaly-thresholds`, { method: 'POST', body: form });
    };
    const ok = await upload(signature('90B3D51F30010000'));
    expect([ok.status, await ok.json()]).toEqual([200, { accepted: 1 }]);
    const bad = await upload(signature('90B3D51F30020000'));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].line).toBe(0);
    expect((await fetch(`${base}/api/v1/anomaly/q-000009/release`, { method: 'POST' })).status).toBe(404);
  });

  it('dcc.md 5.1: a device that never answers gives an async E21 120 s after the command left', async () => {
    const ref: { runtime?: DccRuntime } = {};
    const user = await receiver(204, ref);
    const runtime = createDccRuntime({ keys: keystore, provider, startMs: ESTATE_CLOCK_MS, post: httpPost(2_000), callbackUrl: user.url, fleet: false });
    ref.runtime = runtime;
    const base = await listen(createDccHttpServer(runtime, 'virtual').server);
    await post(`${base}/api/v1/serviceS`, ECS17A(4000n));
    await advance(base, 119_999);
    expect(user.received).toHaveLength(0);
    await advance(base, 1);
    expect(user.received).toHaveLength(1);
    expect(user.received[0]!.body).toContain('<sr:ResponseCode>E21</sr:ResponseCode>');
    expect(user.received[0]!.atClockMs).toBe(ESTATE_CLOCK_MS + 120_000);
  });
});
