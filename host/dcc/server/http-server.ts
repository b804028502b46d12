import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { XML_BYTES_MAX } from '../xml/xml-tree.js';
import type { Endpoint } from '../service.js';
import type { DccRuntime } from './runtime.js';
import type { PostFn } from './callbacks.js';
import { resolveQuarantine, submitThresholds } from '../anomaly/anomaly-service.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { itemsFromEvents } from '../report/items.js';
import { buildPmr, pmrCsv, pmrMarkdown, PMR_TABLES, type PmrTable } from '../report/pmr.js';
import { parsePeriod } from '../report/working-days.js';

// The DCC User Gateway over HTTP (dcc.md 1, 3.3) on loopback: the three DCC Boxed paths, plus
// the clock endpoints of the emulator. Requests are handled one at a time in arrival order (a
// promise chain), so a request never interleaves with a clock advance. A DUIS request is answered
// only after a store commit that holds it ("accepted" means "durable"); the requests handled
// while a commit waits share it (group commit: one fsync for all of them).
//
//   POST /api/v1/serviceT | serviceS | serviceD   DUIS request (Content-Type application/xml)
//   GET  /api/v1/clock                            {"nowMs", "now", "mode"}
//   POST /api/v1/clock/advance                    {"ms": N} or {"to": ISO}; virtual mode only
//   GET  /api/v1/inventory                        SMI devices as JSON (emulator inspection)
//   POST /api/v1/anomaly-thresholds               multipart: file, signature (DER, base64) [, user] (dcc.md 11.2)
//   POST /api/v1/anomaly/{quarantineId}/release | delete
//   GET  /api/v1/reports/pmr?period=YYYY-MM[&format=md | csv&table=cpm|srv|...]  (dcc.md 13.7)

export type ClockMode = 'virtual' | 'real-time';
const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  '/api/v1/serviceT': 'serviceT',
  '/api/v1/serviceS': 'serviceS',
  '/api/v1/serviceD': 'serviceD',
};
/** Clock request bodies are a few bytes of JSON. */
const CLOCK_BODY_BYTES_MAX = 1024;
/** Written into report headers (dcc.md 13.7). */
const EMULATOR_VERSION = '0.1.0';
/** A threshold file of 10,000 lines is < 1 MiB. */
const THRESHOLD_UPLOAD_BYTES_MAX = 2 * 1024 * 1024;
/** One advance may move the clock at most a year: a bound on one call's work. */
export const ADVANCE_MS_MAX = 366 * 86_400_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString('utf8');
}

async function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown): void => send(res, status, 'application/json', JSON.stringify(value) + '\n');

/** Routes one request; a DUIS request returns its answer, to be sent once the store has committed it. */
async function route(runtime: DccRuntime, mode: ClockMode, req: IncomingMessage, res: ServerResponse): Promise<(() => void) | void> {
  const path = (req.url ?? '/').split('?')[0]!;
  const endpoint = ENDPOINTS[path];
  if (endpoint) {
    if (req.method !== 'POST') throw new HttpError(405, 'POST only');
    if (!(req.headers['content-type'] ?? '').startsWith('application/xml')) throw new HttpError(415, 'Content-Type must be application/xml');
    const reply = runtime.handleUncommitted(endpoint, await readBody(req, XML_BYTES_MAX));
    return () => send(res, reply.httpStatus, reply.contentType, reply.body);
  }
  if (path === '/api/v1/clock' && req.method === 'GET') {
    json(res, 200, { nowMs: runtime.clock.nowMs, now: new Date(runtime.clock.nowMs).toISOString(), mode });
    return;
  }
  if (path === '/api/v1/clock/advance' && req.method === 'POST') {
    if (mode !== 'virtual') throw new HttpError(409, 'the clock follows the wall clock in real-time mode');
    const body = JSON.parse((await readBody(req, CLOCK_BODY_BYTES_MAX)) || '{}') as { ms?: unknown; to?: unknown };
    const target = typeof body.ms === 'number' ? runtime.clock.nowMs + body.ms : typeof body.to === 'string' ? Date.parse(body.to) : Number.NaN;
    if (!Number.isInteger(target) || target < runtime.clock.nowMs || target - runtime.clock.nowMs > ADVANCE_MS_MAX) {
      throw new HttpError(400, `give {"ms": 0..${ADVANCE_MS_MAX}} or {"to": ISO time not before now}`);
    }
    await runtime.advanceTo(target);
    json(res, 200, { nowMs: runtime.clock.nowMs, now: new Date(runtime.clock.nowMs).toISOString(), mode });
    return;
  }
  if (path === '/api/v1/anomaly-thresholds' && req.method === 'POST') {
    const boundary = boundaryOf(req.headers['content-type'] ?? '');
    if (!boundary) throw new HttpError(415, 'Content-Type must be multipart/form-data');
    const parts = parseMultipart(await readBodyBytes(req, THRESHOLD_UPLOAD_BYTES_MAX), boundary);
    const file = parts?.get('file');
    const signature = parts?.get('signature');
    if (!file || !signature) throw new HttpError(400, 'parts "file" and "signature" are required');
    const user = parts?.get('user')?.toString('utf8');
    const result = submitThresholds(runtime.service, new Uint8Array(file), signature.toString('latin1'), user);
    runtime.commit();
    json(res, result.httpStatus, result.httpStatus === 200 ? { accepted: result.accepted } : { errors: result.errors });
    return;
  }
  const quarantine = /^\/api\/v1\/anomaly\/(q-[0-9]{6,})\/(release|delete)$/.exec(path);
  if (quarantine && req.method === 'POST') {
    const outcome = resolveQuarantine(runtime.service, quarantine[1]!, quarantine[2] as 'release' | 'delete');
    runtime.commit();
    json(res, outcome === 'unknown' ? 404 : outcome === 'not-held' ? 409 : 200, { outcome });
    return;
  }
  if (path === '/api/v1/reports/pmr' && req.method === 'GET') {
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const period = parsePeriod(query.get('period') ?? '');
    if (!period) throw new HttpError(400, 'period=YYYY-MM is required');
    const service = runtime.service;
    const pmr = buildPmr(itemsFromEvents(service.state.events), {
      period, generatedAtMs: runtime.clock.nowMs, deadlineWorkingDays: Number(query.get('deadlineWorkingDays') ?? 10), emulatorVersion: EMULATOR_VERSION,
      quarantines: [...service.state.quarantines.values()],
    });
    const format = query.get('format') ?? 'json';
    const table = query.get('table') ?? '';
    if (format === 'md') send(res, 200, 'text/markdown', pmrMarkdown(pmr));
    else if (format === 'csv' && (PMR_TABLES as readonly string[]).includes(table)) send(res, 200, 'text/csv', pmrCsv(pmr, table as PmrTable));
    else if (format === 'json') json(res, 200, pmr);
    else throw new HttpError(400, `format=json|md|csv&table=${PMR_TABLES.join('|')}`);
    return;
  }
  if (path === '/api/v1/inventory' && req.method === 'GET') {
    json(res, 200, runtime.service.state.devices.untrackedValues());
    return;
  }
  throw new HttpError(404, `no route ${req.method} ${path}`);
}

export interface DccHttpServer {
  server: Server;
  /** Serialises work on the runtime (requests, and real-time ticks from the CLI). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function createDccHttpServer(runtime: DccRuntime, mode: ClockMode): DccHttpServer {
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  // The next commit, shared by every request handled before it runs.
  let nextCommit: Promise<void> | undefined;
  const committed = (): Promise<void> =>
    (nextCommit ??= new Promise<void>((ok) => setImmediate(ok)).then(() => {
      nextCommit = undefined;
      return exclusive(async () => runtime.commit());
    }));
  const server = createServer((req, res) => {
    void exclusive(async () => {
      try {
        return await route(runtime, mode, req, res);
      } catch (error) {
        if (error instanceof HttpError) send(res, error.status, 'text/plain', `${error.message}\n`);
        else if (error instanceof SyntaxError) send(res, 400, 'text/plain', `bad JSON: ${error.message}\n`);
        else {
          send(res, 500, 'text/plain', `internal error: ${(error as Error).message}\n`);
          throw error;
        }
      }
    })
      .then(async (answer) => {
        if (!answer) return;
        try {
          await committed();
        } catch (error) {
          send(res, 500, 'text/plain', `internal error: the store did not commit: ${(error as Error).message}\n`);
          throw error;
        }
        answer();
      })
      .catch(() => undefined);
  });
  return { server, exclusive };
}

/** The callback client: POST with the DUIS content type; the answer timeout is real time (an edge facing real programs, ARCHITECTURE.md). */
export function httpPost(timeoutMs: number): PostFn {
  return async (url, xml) => {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/xml; charset=UTF-8' }, body: xml, signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      return response.status >= 200 && response.status < 300 ? 'ok' : 'failed';
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'failed';
    }
  };
}
