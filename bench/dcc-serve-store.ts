// Benchmark (issue 9 point 8): what the SQLite store costs per request, in process (runtime.handle,
// one commit each) and through `node dist/cli.js serve` over loopback, without a store and with
// --db-sync full and normal; and the restart time on the store the run left (SIGKILL, then a new
// process on the same file until it listens). Requests are ECS17a reads (CV 1) by the network
// operator, signed beforehand; over HTTP CONCURRENCY are in flight (one originator: a request that
// overtakes an earlier counter is refused EX-COUNTER, counted apart); each accepted one is a
// committed transaction (touched rows, event, pending command); over HTTP the requests handled
// while a commit waits share it (group commit, host/dcc/server/http-server.ts).
// Wall-clock reads are allowed here (a benchmark timer). Run `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import { KeyStore } from '../gbcs/keys/keystore.js';
import { prepareRequest } from '../host/dcc/prepare-request.js';
import { createDccRuntime } from '../host/dcc/server/create-runtime.js';
import { SqliteStore } from '../host/dcc/store-sqlite.js';

const REQUESTS = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist/cli.js');
const provider = createNodeProvider();
const keys = KeyStore.loadDir(join(root, '../shared/conformance/keystore'));
const dir = mkdtempSync(join(tmpdir(), 'bench-dcc-store-'));

function signed(from: number, count: number): string[] {
  const runtime = createDccRuntime({ keys, provider, startMs: 0, post: async () => 'ok', fleet: false });
  const key = runtime.service.signers.signingKey('90B3D51F30020000')!;
  const template = `${root}/../shared/conformance/duis-templates-4.9.1/ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML`;
  const xml = (process.getBuiltinModule('node:fs') as typeof import('node:fs')).readFileSync(template, 'utf8');
  return Array.from({ length: count }, (_, i) => prepareRequest(xml, key, provider, { counter: BigInt(from + i) }));
}

function start(args: string[]): Promise<{ child: ChildProcess; base: string; listenMs: number }> {
  const t0 = performance.now(); // wall-clock ok: benchmark timer
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((ok, fail) => {
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      const port = /127\.0\.0\.1:(\d+)\//.exec(stderr)?.[1];
      if (port) ok({ child, base: `http://127.0.0.1:${port}`, listenMs: performance.now() - t0 }); // wall-clock ok: benchmark timer
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

async function load(base: string, bodies: string[]): Promise<{ perSecond: number; accepted: number; p50: number; p99: number }> {
  let next = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const t0 = performance.now(); // wall-clock ok: benchmark timer
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const sent = performance.now(); // wall-clock ok: benchmark timer
        const text = await (await fetch(`${base}/api/v1/serviceS`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body })).text();
        latencies.push(performance.now() - sent); // wall-clock ok: benchmark timer
        if (text.includes('<sr:ResponseCode>I99<')) accepted++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000; // wall-clock ok: benchmark timer
  latencies.sort((a, b) => a - b);
  return { perSecond: bodies.length / seconds, accepted, p50: latencies[Math.floor(latencies.length / 2)]!, p99: latencies[Math.floor(latencies.length * 0.99)]! };
}

console.log(`machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}; ${REQUESTS} ECS17a requests, ${CONCURRENCY} in flight over HTTP`);
const warm = signed(1, 200);
const bodies = signed(1_000, REQUESTS);
for (const store of ['none', 'full', 'normal'] as const) {
  const sqlite = store === 'none' ? undefined : new SqliteStore(join(dir, `in-process-${store}.db`), { sync: store });
  const runtime = createDccRuntime({ keys, provider, startMs: Date.parse('2026-04-01T09:00:00Z'), post: async () => 'ok', ...(sqlite ? { store: sqlite } : {}) });
  for (const body of warm) runtime.handle('serviceS', body);
  const t0 = performance.now(); // wall-clock ok: benchmark timer
  const cpu0 = process.cpuUsage();
  let accepted = 0;
  for (const body of bodies) if (runtime.handle('serviceS', body).code === 'I99') accepted++;
  const ms = performance.now() - t0; // wall-clock ok: benchmark timer
  const cpu = process.cpuUsage(cpu0);
  sqlite?.close();
  console.log(`in process, store ${store.padEnd(6)} ${((ms * 1000) / REQUESTS).toFixed(0)} µs per request (${((cpu.user + cpu.system) / REQUESTS).toFixed(0)} µs CPU), ${(REQUESTS / (ms / 1000)).toFixed(0)} requests/s, ${accepted} accepted`);
}
for (const store of ['none', 'full', 'normal'] as const) {
  const db = join(dir, `${store}.db`);
  const server = await start(store === 'none' ? [] : ['--db', db, '--db-sync', store]);
  await load(server.base, warm);
  const r = await load(server.base, bodies);
  server.child.kill('SIGKILL');
  await new Promise((ok) => server.child.once('exit', ok));
  let restart = '';
  if (store !== 'none') {
    const again = await start(['--db', db]);
    restart = `; file ${(statSync(db).size / 1024).toFixed(0)} KiB; restart after SIGKILL listens in ${again.listenMs.toFixed(0)} ms`;
    again.child.kill('SIGKILL');
  }
  console.log(`serve, store ${store.padEnd(6)} ${r.perSecond.toFixed(0)} requests/s (${r.accepted} of ${REQUESTS} accepted, the rest EX-COUNTER from overtaking), latency p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms; first start listens in ${server.listenMs.toFixed(0)} ms${restart}`);
}
rmSync(dir, { recursive: true, force: true });
