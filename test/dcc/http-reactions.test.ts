// Every refusal of dcc.md 2.4 and 5 through the HTTP endpoint (issue 9 point 2): the exact HTTP
// status, or HTTP 200 with the exact DUIS response code, and nothing changed but one event in the
// log (dcc.md 5.3: every rejection is logged). "Nothing changed" is read from the SQLite store file
// through a second connection (every table but the event log, the sequences document save its
// event counter, and the clock) and from the state in memory, and no callback is queued.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRequest, type PrepareOptions } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, NETWORK_OPERATOR, SUPPLIER } from '../../host/dcc/reference-estate.js';
import { createDccRuntime } from '../../host/dcc/server/create-runtime.js';
import { createDccHttpServer } from '../../host/dcc/server/http-server.js';
import type { DccRuntime } from '../../host/dcc/server/runtime.js';
import { SqliteStore } from '../../host/dcc/store-sqlite.js';
import { keystore, provider, readTemplate } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'dcc-reactions-'));
const path = join(dir, 'dcc.db');
let runtime: DccRuntime;
let store: SqliteStore;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  store = new SqliteStore(path);
  runtime = createDccRuntime({ keys: keystore, provider, startMs: ESTATE_CLOCK_MS, post: async () => 'ok', store, callbackUrl: 'http://127.0.0.1:9/callback' });
  const { server } = createDccHttpServer(runtime, 'virtual');
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  close = () => new Promise<void>((ok) => server.close(() => ok()));
});
afterAll(async () => {
  await close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ESME1 = '00-DB-12-34-56-78-90-A0';
const T_ECS17A = 'ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML';
const T_ECS04A = 'ECS04a_1.5_SUCCESS_REQUEST_DUIS.XML';
let counter = 50_000n;

/** A template prepared and signed by `signer` (default: its RequestID's originator), with a fresh counter unless given. */
function request(template: string, opts: PrepareOptions & { signer?: string; edit?: (xml: string) => string } = {}): string {
  const raw = opts.edit ? opts.edit(readTemplate(template)) : readTemplate(template);
  const originator = /<sr:RequestID>([0-9A-F-]+):/.exec(raw)![1]!;
  const signer = (opts.signer ?? (opts.requestId ?? originator).split(':')[0]!).replace(/-/g, '');
  return prepareRequest(raw, runtime.service.signers.signingKey(signer)!, provider, { counter: counter++, ...opts });
}

/** Every row of the store but the event log, as a second program reads the file. */
function storeRows(): Record<string, unknown[]> {
  const reader = new Database(path, { readonly: true });
  try {
    const tables = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'events' ORDER BY name").pluck().all() as string[];
    const rows = Object.fromEntries(tables.map((t) => [t, reader.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
    const withoutEventCounter = (r: { name: string; value: string }) => (r.name === 'sequences' ? { ...r, value: JSON.stringify({ ...JSON.parse(r.value), eventSequence: 0 }) } : r);
    rows.documents = (rows.documents as { name: string; value: string }[]).map(withoutEventCounter);
    rows.meta = (rows.meta as { key: string }[]).filter((r) => r.key !== 'clock_ms');
    return rows;
  } finally {
    reader.close();
  }
}

function eventsInFile(): { request_id: string | null; response_code: string | null }[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare('SELECT request_id, response_code FROM events ORDER BY seq').all() as { request_id: string | null; response_code: string | null }[];
  } finally {
    reader.close();
  }
}

const memory = () => JSON.stringify({ ...runtime.service.state.toData(), events: [], eventSequence: 0 });

async function post(path: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/api/v1/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body });
  return { status: res.status, text: await res.text() };
}

/** Sends a request that must be refused: returns the answer after checking it changed nothing but the log. */
async function refused(path: string, body: string, logged: string): Promise<{ status: number; text: string; code: string | undefined }> {
  const rowsBefore = storeRows();
  const memoryBefore = memory();
  const eventsBefore = eventsInFile().length;
  const waiting = runtime.callbacks.waiting();
  const answer = await post(path, body);
  expect(storeRows()).toEqual(rowsBefore);
  expect(memory()).toBe(memoryBefore);
  expect(runtime.callbacks.waiting()).toBe(waiting);
  const events = eventsInFile();
  expect(events.length).toBe(eventsBefore + 1);
  expect(events.at(-1)!.response_code).toBe(logged);
  return { ...answer, code: /<sr:ResponseCode>([^<]+)</.exec(answer.text)?.[1] };
}

describe('refusals over HTTP: the spec\'s reaction, nothing changed, one event logged', () => {
  it('accepted requests change the store (the check can fail): an ECS17a read is I99 and pends', async () => {
    const before = storeRows();
    const answer = await post('serviceS', request(T_ECS17A));
    expect([answer.status, /<sr:ResponseCode>([^<]+)</.exec(answer.text)?.[1]]).toEqual([200, 'I99']);
    expect(storeRows()).not.toEqual(before);
  });

  it('step 2, not well-formed: HTTP 400 SchemaFailure, no DUIS body', async () => {
    const r = await refused('serviceS', '<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway">', 'SchemaFailure');
    expect([r.status, r.text.split(':')[0]]).toEqual([400, 'SchemaFailure']);
  });

  it('step 2, a body element that does not match the SRV: HTTP 400 SchemaFailure', async () => {
    const r = await refused('serviceS', request(T_ECS17A, { edit: (x) => x.replace(/ReadInstantaneousExportRegisters/g, 'ReadInstantaneousImportRegisters') }), 'SchemaFailure');
    expect([r.status, r.text]).toEqual([400, expect.stringMatching(/^SchemaFailure: body element 'ReadInstantaneousImportRegisters' does not match SRV 4\.2/)]);
  });

  it('step 2, an unknown Service Reference Variant (4.99, not in dcc.md 4): HTTP 400 SchemaFailure', async () => {
    const unknown = (x: string) => x.replace('<sr:ServiceReference>4.2<', '<sr:ServiceReference>4.99<').replace('<sr:ServiceReferenceVariant>4.2<', '<sr:ServiceReferenceVariant>4.99<');
    const r = await refused('serviceS', request(T_ECS17A, { edit: unknown }), 'SchemaFailure');
    expect([r.status, r.text]).toEqual([400, "SchemaFailure: ServiceReferenceVariant '4.99' is not in the SRV catalogue (dcc.md 4)\n"]);
  });

  it('step 3, the template\'s placeholder signature (its KeyInfo names no certificate we know): HTTP 400 SignatureFailure', async () => {
    const r = await refused('serviceS', readTemplate(T_ECS17A), 'SignatureFailure');
    expect([r.status, r.text]).toEqual([400, 'SignatureFailure: unknown-certificate\n']);
  });

  it('step 3, a request changed after signing: HTTP 400 SignatureFailure', async () => {
    const r = await refused('serviceS', request(T_ECS17A).replace('<sr:CommandVariant>1<', '<sr:CommandVariant>3<'), 'SignatureFailure');
    expect([r.status, r.text]).toEqual([400, 'SignatureFailure: digest-mismatch\n']);
  });

  it('step 3, signed by a key that is not the certificate named in KeyInfo: HTTP 400 SignatureFailure', async () => {
    const operatorSigned = request(T_ECS17A);
    const supplierSigned = request(T_ECS17A, { signer: SUPPLIER, counter: 1n });
    const forged = operatorSigned.replace(/<ds:SignatureValue>[^<]+</, /<ds:SignatureValue>[^<]+</.exec(supplierSigned)![0]);
    const r = await refused('serviceS', forged, 'SignatureFailure');
    expect([r.status, r.text]).toEqual([400, 'SignatureFailure: signature-invalid\n']);
  });

  it('step 1, a CV on the wrong path (CV 1 to serviceT): E13', async () => {
    const r = await refused('serviceT', request(T_ECS17A), 'E13');
    expect([r.status, r.code]).toEqual([200, 'E13']);
  });

  it('step 4, a replayed request (same RequestID and counter again): EX-COUNTER', async () => {
    const once = request(T_ECS17A);
    expect((await post('serviceS', once)).status).toBe(200);
    const r = await refused('serviceS', once, 'EX-COUNTER');
    expect([r.status, r.code]).toEqual([200, 'EX-COUNTER']);
  });

  it('step 4, a counter below the last accepted one: EX-COUNTER', async () => {
    const r = await refused('serviceS', request(T_ECS17A, { counter: 100n }), 'EX-COUNTER');
    expect([r.status, r.code]).toEqual([200, 'EX-COUNTER']);
  });

  it('step 4, a signed pre-command whose transform was never asked (CV 5): EX-PRECOMMAND-MISMATCH', async () => {
    const body = `<sr:SignedPreCommand xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:GBCSPayload>3QAAAAAAAA==</sr:GBCSPayload></sr:SignedPreCommand>`;
    const r = await refused('serviceS', request(T_ECS04A, { cv: 5, bodyXml: body }), 'EX-PRECOMMAND-MISMATCH');
    expect([r.status, r.code]).toEqual([200, 'EX-PRECOMMAND-MISMATCH']);
  });

  it('step 6, a role not eligible for the SRV (the network operator asks 1.5, IS/GS only): E2', async () => {
    const r = await refused('serviceT', request(T_ECS04A, { requestId: `${NETWORK_OPERATOR}:${ESME1}:${counter++}` }), 'E2');
    expect([r.status, r.code]).toEqual([200, 'E2']);
  });

  it('step 8, an unknown device: E19', async () => {
    const r = await refused('serviceS', request(T_ECS17A, { requestId: `${NETWORK_OPERATOR}:00-DB-12-34-56-78-90-FF:${counter++}` }), 'E19');
    expect([r.status, r.code]).toEqual([200, 'E19']);
  });

  it('step 12, a device in the wrong SMI state (8.4 deletes only Pending devices; ESME1 is Commissioned): E5', async () => {
    const r = await refused('serviceD', request('8.4_UPDATE_INVENTORY_REQUEST_DUIS.XML'), 'E5');
    expect([r.status, r.code]).toEqual([200, 'E5']);
  });

  it('step 8 for 12.2, a pre-notified device that already exists: EX-DEVICE-EXISTS', async () => {
    const r = await refused('serviceD', request('12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML'), 'EX-DEVICE-EXISTS');
    expect([r.status, r.code]).toEqual([200, 'EX-DEVICE-EXISTS']);
  });
});
