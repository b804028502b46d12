import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { KeyStore } from '../../gbcs/keys/keystore.js';
import { ESTATE_CLOCK_MS } from '../dcc/reference-estate.js';
import { createDccRuntime } from '../dcc/server/create-runtime.js';
import { createDccHttpServer, httpPost, type ClockMode } from '../dcc/server/http-server.js';
import { SqliteStore, type SyncMode } from '../dcc/store-sqlite.js';
import { projectRoot } from './decode.js';

// `smartmeter serve [--port P] [--db FILE] [--real-time] [--start ISO] [--callback URL]`: the DCC
// service layer (dcc.md) on 127.0.0.1 with the emulated reference estate behind it.
// Virtual mode (default): the clock moves only when POST /api/v1/clock/advance says so.
// Real-time mode: a ticker moves the virtual clock with the wall clock; this file is the
// explicitly allowed wall-clock edge (test/determinism/same-seed.test.ts exempts host/cli/).

/** Real-time mode advances the clock this often. */
const REAL_TIME_TICK_MS = 250;
const PORT_DEFAULT = 8079;

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port number 0-65535');
  return port;
}

function parseSyncMode(text: string): SyncMode {
  if (text !== 'full' && text !== 'normal') throw new InvalidArgumentError("'full' or 'normal'");
  return text;
}

export interface ServeOptions {
  port: number;
  db?: string;
  dbSync?: SyncMode;
  realTime?: boolean;
  start?: string;
  keystore?: string;
  callback?: string;
}

export async function serve(options: ServeOptions): Promise<{ close(): Promise<void>; port: number }> {
  const provider = createNodeProvider();
  const keys = KeyStore.loadDir(resolve(options.keystore ?? join(projectRoot(), '..', 'shared', 'conformance', 'keystore')));
  const mode: ClockMode = options.realTime ? 'real-time' : 'virtual';
  const startMs = options.realTime ? Date.now() : options.start ? Date.parse(options.start) : ESTATE_CLOCK_MS;
  if (!Number.isFinite(startMs)) throw new InvalidArgumentError(`--start '${options.start}' is not an ISO time`);
  const store = options.db ? new SqliteStore(resolve(options.db), { sync: options.dbSync ?? 'full' }) : undefined;
  const runtime = createDccRuntime({
    keys, provider, startMs, post: httpPost(10_000),
    ...(store ? { store } : {}),
    ...(options.start ? { startFromOption: true } : {}),
    ...(options.callback ? { callbackUrl: options.callback } : {}),
  });
  const { server, exclusive } = createDccHttpServer(runtime, mode);
  await new Promise<void>((ok) => server.listen(options.port, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const ticker = options.realTime ? setInterval(() => void exclusive(() => runtime.advanceTo(Math.max(runtime.clock.nowMs, Date.now()))), REAL_TIME_TICK_MS) : undefined;
  const stored = store ? `; store ${options.db}: ${runtime.service.state.devices.size} devices, event ${runtime.service.state.eventSequence}, ${runtime.callbacks.waiting()} callbacks waiting` : '';
  process.stderr.write(`smartmeter serve: DCC endpoint on http://127.0.0.1:${port}/api/v1/ (${mode} clock at ${new Date(runtime.clock.nowMs).toISOString()}${stored})\n`);
  return {
    port,
    close: async () => {
      if (ticker) clearInterval(ticker);
      await new Promise<void>((ok) => server.close(() => ok()));
      await exclusive(async () => store?.close());
    },
  };
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('DCC service layer (DUIS endpoints transform / send / non-device) on 127.0.0.1 over an emulated fleet')
    .option('--port <port>', `TCP port on 127.0.0.1 (default ${PORT_DEFAULT}; 0 picks a free one)`, parsePort, PORT_DEFAULT)
    .option('--db <file>', 'SQLite store of the DCC state (inventory, counters, schedules, thresholds, quarantines, outbox, event log); created when missing, resumed when present')
    .option('--db-sync <mode>', "'full': a committed request survives a power cut (default); 'normal': survives a killed process, faster", parseSyncMode)
    .option('--real-time', 'move the virtual clock with the wall clock (default: only POST /api/v1/clock/advance moves it)')
    .option('--start <iso>', 'virtual start time (default 2026-04-01T09:00:00Z)')
    .option('--keystore <dir>', 'key store directory (default: ../shared/conformance/keystore beside the project)')
    .option('--callback <url>', 'callback URL of the estate Users on first start')
    .action(async (options: ServeOptions) => {
      const handle = await serve(options);
      await new Promise<void>((done) => {
        process.once('SIGINT', () => void handle.close().then(done));
        process.once('SIGTERM', () => void handle.close().then(done));
      });
    });
}
