// Durability of `smartmeter serve --db FILE` (issue 9 point 8, dcc.md 13.5): the built CLI runs in
// a child process; signed DUIS requests go to it over loopback, eight at a time (one originator's
// counters may overtake each other: those are refused EX-COUNTER); the process is killed (SIGKILL)
// after half were answered, with requests in flight; a new process on the same file must hold every request
// that got an accepted answer (inventory, event log, counter) exactly once, and deliver each one's
// device response to the callback URL exactly once after the clock moves. A corrupt file makes
// serve exit with its specific error (exit code 2), not crash.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { createDccRuntime } from '../../host/dcc/server/create-runtime.js';
import { keystore, provider, readTemplate } from './fixture.js';

const CLI = join(import.meta.dirname, '../../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'dcc-kill-'));
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
  rmSync(dir, { recursive: true, force: true });
});

/** Requests in the run; the process is killed once half of them were answered. */
const REQUESTS = 180;
/** Below this many accepted requests the run proves too little (overtaking counters are refused EX-COUNTER). */
const ACCEPTED_MIN = 20;
const CONCURRENCY = 8;

function startServe(args: string[]): Promise<{ child: ChildProcess; base: string; banner: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return new Promise((ok, fail) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const port = /http:\/\/127\.0\.0\.1:(\d+)\/api\/v1\//.exec(stderr)?.[1];
      if (port) ok({ child, base: `http://127.0.0.1:${port}`, banner: stderr.trim() });
    });
    child.on('exit', (code) => fail(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
}

/** The Users' callback receiver: every POSTed DUIS document, answered 204. */
async function receiver(): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}/callback`, bodies };
}

interface Sent {
  requestId: string;
  path: string;
  xml: string;
  /** 12.2 requests: the device they add to the inventory. */
  newDevice?: string;
  outcome?: 'accepted' | 'refused' | 'unknown';
}

/** ECS17a reads of ESME1 by the network operator, and every sixth a 12.2 pre-notification of a new ESME by the supplier. */
function requests(): Sent[] {
  const runtime = createDccRuntime({ keys: keystore, provider, startMs: 0, post: async () => 'ok', fleet: false });
  const read = readTemplate('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML');
  const prenotify = readTemplate('12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML');
  const operatorKey = runtime.service.signers.signingKey('90B3D51F30020000')!;
  const supplierKey = runtime.service.signers.signingKey('90B3D51F30010000')!;
  return Array.from({ length: REQUESTS }, (_, i): Sent => {
    const counter = BigInt(100_000 + i);
    if (i % 6 === 5) {
      const device = `00-DB-12-34-56-79-00-${i.toString(16).toUpperCase().padStart(2, '0')}`;
      const xml = prepareRequest(prenotify.replace(/<sr:DeviceID>[^<]+</, `<sr:DeviceID>${device}<`), supplierKey, provider, { counter });
      return { requestId: `90-B3-D5-1F-30-01-00-00:90-B3-D5-1F-30-00-00-02:${counter}`, path: '/api/v1/serviceD', xml, newDevice: device };
    }
    const xml = prepareRequest(read, operatorKey, provider, { counter });
    return { requestId: `90-B3-D5-1F-30-02-00-00:00-DB-12-34-56-78-90-A0:${counter}`, path: '/api/v1/serviceS', xml };
  });
}

const codeOf = (xml: string) => /<sr:ResponseCode>([^<]+)</.exec(xml)?.[1];
const requestIdOf = (xml: string) => /<sr:RequestID>([^<]+)</.exec(xml)?.[1];

/** Sends every request, CONCURRENCY at a time, and kills the server once `killAfter` were answered. */
async function loadThenKill(base: string, child: ChildProcess, sent: Sent[], killAfter: number): Promise<void> {
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < sent.length) {
      const s = sent[next++]!;
      try {
        const res = await fetch(`${base}${s.path}`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: s.xml });
        const text = await res.text();
        s.outcome = res.status === 200 && codeOf(text) === 'I99' ? 'accepted' : 'refused';
        if (++answered === killAfter) child.kill('SIGKILL');
      } catch {
        s.outcome = 'unknown'; // no answer: the process died with it in flight
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe('smartmeter serve --db: SIGKILL mid-load, restart on the same file', () => {
  it('every accepted request is there exactly once and gets exactly one callback; refused ones none', async () => {
    const db = join(dir, 'dcc.db');
    const user = await receiver();
    const sent = requests();
    const first = await startServe(['--db', db, '--callback', user.url]);
    await loadThenKill(first.base, first.child, sent, REQUESTS / 2);
    expect(await exitOf(first.child)).toEqual({ code: null, signal: 'SIGKILL' });
    const accepted = sent.filter((s) => s.outcome === 'accepted');
    const refused = sent.filter((s) => s.outcome === 'refused');
    expect(accepted.length).toBeGreaterThanOrEqual(ACCEPTED_MIN);
    expect(sent.filter((s) => s.outcome === 'unknown').length).toBeGreaterThan(0); // requests were in flight or unsent at the kill
    expect(user.bodies).toEqual([]); // virtual clock: nothing delivered before the restart

    const second = await startServe(['--db', db]);
    // Event log (dcc.md 13.5): one REQUEST event per accepted request, none twice.
    const reader = new Database(db, { readonly: true });
    const logged = reader.prepare("SELECT request_id AS id, response_code AS code, count(*) AS n FROM events WHERE kind = 'REQUEST' GROUP BY request_id, response_code").all() as { id: string; code: string; n: number }[];
    reader.close();
    const loggedI99 = new Map(logged.filter((r) => r.code === 'I99').map((r) => [r.id, r.n]));
    for (const s of accepted) expect(loggedI99.get(s.requestId), s.requestId).toBe(1);
    for (const s of refused) expect(loggedI99.has(s.requestId), s.requestId).toBe(false);
    // Inventory: every accepted pre-notification's device, Pending.
    const inventory = (await (await fetch(`${second.base}/api/v1/inventory`)).json()) as { deviceId: string; status: string }[];
    for (const s of accepted.filter((a) => a.newDevice)) expect(inventory.find((d) => d.deviceId === s.newDevice)?.status, s.newDevice).toBe('Pending');
    // Replay state: an accepted request sent again is a replay.
    const again = await fetch(`${second.base}${accepted[0]!.path}`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: accepted[0]!.xml });
    expect(codeOf(await again.text())).toBe('EX-COUNTER');

    // The device responses, after the restart, once each.
    const advance = await fetch(`${second.base}/api/v1/clock/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ms: 600_000 }) });
    expect(advance.status).toBe(200);
    const callbacks = new Map<string, string[]>();
    for (const body of user.bodies) callbacks.set(requestIdOf(body)!, [...(callbacks.get(requestIdOf(body)!) ?? []), codeOf(body)!]);
    for (const s of accepted.filter((a) => !a.newDevice)) expect(callbacks.get(s.requestId), s.requestId).toEqual(['I0']);
    for (const s of refused) expect(callbacks.has(s.requestId), s.requestId).toBe(false);
    for (const [id, codes] of callbacks) expect(codes.length, id).toBe(1);

    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toMatchObject({ code: 0 });
  }, 180_000);

  it('a corrupt store file: exit code 2 with db-corrupt and the file named, no stack trace, the file untouched', async () => {
    const db = join(dir, 'corrupt.db');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff));
    writeFileSync(db, bytes);
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    expect(await exitOf(child)).toEqual({ code: 2, signal: null });
    expect(stderr).toBe(`smartmeter: db-corrupt: ${db}: file is not a database\n`);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });
});
