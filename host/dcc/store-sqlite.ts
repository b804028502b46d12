import Database from 'better-sqlite3';
import { DccStoreError } from './errors.js';
import { EVENTS_IN_MEMORY_MAX, type DccEvent, type DccState, type DccStateData } from './state.js';
import type { DccCommit, DccStore, OutboxEntry, StoredDcc } from './store.js';
import type { TrackedMap } from './store-tracked-map.js';

// The DCC store in one SQLite file (better-sqlite3, ARCHITECTURE.md), behind DccStore (store.ts).
// WAL journal; one transaction per unit of work; synchronous=FULL by default so a committed
// request survives a power cut, not only a killed process. A keyed collection is one table of
// (key, JSON record) rows written when touched (TrackedMap); the small lists (registrations,
// consents, thresholds, DSP schedules, sequences) are one JSON document each, rewritten when they
// changed; the event log (dcc.md 13.5) is append-only with one column per field; the outbox holds
// the asynchronous messages not yet delivered to a callback URL.

/** Written to `meta` on creation; a file with another value is refused, never migrated silently. */
export const STORE_SCHEMA = 'smartmeter-dcc-store/1';

export type SyncMode = 'full' | 'normal';

type Codec = { encode(value: unknown): string; decode(text: string): unknown };
const JSON_CODEC: Codec = { encode: (v) => JSON.stringify(v), decode: (t) => JSON.parse(t) as unknown };
const BIGINT_CODEC: Codec = { encode: (v) => (v as bigint).toString(), decode: (t) => BigInt(t) };
const NUMBER_CODEC: Codec = { encode: (v) => String(v), decode: (t) => Number(t) };

interface KeyedTable {
  table: string;
  of: (s: DccState) => TrackedMap<unknown>;
  codec: Codec;
  /** Compare with the last written text first: maps iterated on every request (quarantine expiry). */
  compare?: boolean;
}

/** The keyed collections of DccState, one table each. */
const KEYED: readonly KeyedTable[] = [
  { table: 'users', of: (s) => s.users, codec: JSON_CODEC },
  { table: 'devices', of: (s) => s.devices, codec: JSON_CODEC },
  { table: 'counters', of: (s) => s.counters, codec: BIGINT_CODEC },
  { table: 'alert_counters', of: (s) => s.alertCounters, codec: BIGINT_CODEC },
  { table: 'pre_commands', of: (s) => s.preCommands, codec: JSON_CODEC },
  { table: 'pending', of: (s) => s.pending, codec: JSON_CODEC },
  { table: 'anomaly_counts', of: (s) => s.anomalyCounts, codec: NUMBER_CODEC },
  { table: 'quarantines', of: (s) => s.quarantines, codec: JSON_CODEC, compare: true },
];

/** The list-valued and scalar parts of DccState, one JSON document each. */
const DOCUMENTS: readonly { name: string; of: (s: DccState) => unknown }[] = [
  { name: 'registrations', of: (s) => s.registrations },
  { name: 'consents', of: (s) => s.consents },
  { name: 'thresholds', of: (s) => s.thresholds },
  { name: 'dcc_thresholds', of: (s) => s.dccThresholds },
  { name: 'schedules', of: (s) => s.heldRuns },
  { name: 'sequences', of: (s) => ({ eventSequence: s.eventSequence, quarantineSequence: s.quarantineSequence, scheduleSequence: s.scheduleSequence }) },
];

const EVENT_COLUMNS = ['event_id', 'kind', 't_ms', 'request_id', 'user_id', 'srv', 'cv', 'device_id', 'response_code', 'detail'] as const;

const SCHEMA_SQL = [
  'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID',
  ...KEYED.map((k) => `CREATE TABLE ${k.table} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`),
  'CREATE TABLE documents (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID',
  'CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, t_ms INTEGER NOT NULL, request_id TEXT, user_id TEXT, srv TEXT, cv INTEGER, device_id TEXT, response_code TEXT, detail TEXT)',
  'CREATE INDEX events_request ON events (request_id)',
  'CREATE TABLE outbox (outbox_id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, request_id TEXT NOT NULL, url TEXT NOT NULL, xml TEXT NOT NULL)',
];

interface EventRow {
  seq: number;
  event_id: string;
  kind: DccEvent['kind'];
  t_ms: number;
  request_id: string | null;
  user_id: string | null;
  srv: string | null;
  cv: number | null;
  device_id: string | null;
  response_code: string | null;
  detail: string | null;
}

function eventFromRow(r: EventRow): DccEvent {
  const e: DccEvent = { eventId: r.event_id, kind: r.kind, tMs: r.t_ms };
  if (r.request_id !== null) e.requestId = r.request_id;
  if (r.user_id !== null) e.userId = r.user_id;
  if (r.srv !== null) e.srv = r.srv;
  if (r.cv !== null) e.cv = r.cv;
  if (r.device_id !== null) e.deviceId = r.device_id;
  if (r.response_code !== null) e.responseCode = r.response_code;
  if (r.detail !== null) e.detail = r.detail;
  return e;
}

/** The sequence number of an event id `<seed>-<n>` (dcc.md 13.5). */
function sequenceOf(eventId: string): number {
  return Number(eventId.slice(eventId.lastIndexOf('-') + 1));
}

export class SqliteStore implements DccStore {
  readonly #db: Database.Database;
  /** Last written text of documents and of compared tables' rows, to skip unchanged writes. */
  readonly #written = new Map<string, string>();
  #eventSequenceWritten = 0;
  readonly #commit: (work: DccCommit) => void;
  readonly #statements = new Map<string, Database.Statement>();

  /** Opens (or creates) the store file; `:memory:` for a throw-away store. Throws DccStoreError. */
  constructor(
    readonly path: string,
    options: { sync?: SyncMode } = {},
  ) {
    try {
      this.#db = new Database(path);
      // Checked before anything is written, so a file that is refused stays byte for byte as it was.
      const check = this.#db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new DccStoreError('corrupt', path, `integrity check: ${String(check)}`);
      const fresh = this.#checkSchema();
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma(`synchronous = ${options.sync === 'normal' ? 'NORMAL' : 'FULL'}`);
      if (fresh) this.#createSchema();
    } catch (error) {
      throw SqliteStore.#storeError(error, path);
    }
    this.#commit = this.#db.transaction((work: DccCommit) => this.#write(work));
  }

  static #storeError(error: unknown, path: string): DccStoreError {
    if (error instanceof DccStoreError) return error;
    const code = (error as { code?: string }).code ?? '';
    const message = (error as Error).message;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new DccStoreError('corrupt', path, message);
    // Cannot open, read-only, I/O error, or a missing directory (better-sqlite3 checks that itself).
    return new DccStoreError('unopenable', path, message);
  }

  /** True for an empty file; throws for a database that is not a DCC store of this schema. */
  #checkSchema(): boolean {
    const tables = this.#db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) return true;
    const schema = tables.includes('meta') ? (this.#db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as string | undefined) : undefined;
    if (schema !== STORE_SCHEMA) throw new DccStoreError('foreign-schema', this.path, `schema '${schema ?? 'none'}', expected '${STORE_SCHEMA}'`);
    return false;
  }

  #createSchema(): void {
    this.#db.transaction(() => {
      for (const sql of SCHEMA_SQL) this.#db.exec(sql);
      this.#db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', STORE_SCHEMA);
    })();
  }

  load(): StoredDcc | undefined {
    try {
      return this.#read();
    } catch (error) {
      throw SqliteStore.#storeError(error, this.path);
    }
  }

  #read(): StoredDcc | undefined {
    const seed = this.#db.prepare("SELECT value FROM meta WHERE key = 'seed'").pluck().get() as string | undefined;
    if (seed === undefined) return undefined;
    const rows = (table: string, key = 'key') => this.#db.prepare(`SELECT ${key} AS key, value FROM ${table}`).all() as { key: string; value: string }[];
    const keyed = new Map<string, [string, unknown][]>();
    for (const k of KEYED) {
      const entries = rows(k.table).map(({ key, value }): [string, unknown] => {
        if (k.compare) this.#written.set(`${k.table}/${key}`, value);
        return [key, k.codec.decode(value)];
      });
      keyed.set(k.table, entries);
    }
    const docs = new Map(rows('documents', 'name').map(({ key, value }) => [key, value]));
    const doc = <T>(name: string, fallback: T): T => {
      const text = docs.get(name);
      if (text !== undefined) this.#written.set(`documents/${name}`, text);
      return text === undefined ? fallback : (JSON.parse(text) as T);
    };
    const values = <T>(table: string) => keyed.get(table)!.map(([, v]) => v as T);
    const pairs = <T>(table: string) => keyed.get(table)!.map(([k, v]): [string, T] => [k, v as T]);
    const recent = this.#db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT ?').all(EVENTS_IN_MEMORY_MAX) as EventRow[];
    const sequences = doc('sequences', { eventSequence: 0, quarantineSequence: 0, scheduleSequence: 0 });
    this.#eventSequenceWritten = sequences.eventSequence;
    const state: DccStateData = {
      seed,
      users: values('users'),
      devices: values('devices'),
      registrations: doc('registrations', []),
      consents: doc('consents', []),
      counters: pairs<bigint>('counters').map(([k, v]) => [k, v.toString()]),
      preCommands: values('pre_commands'),
      pending: values('pending'),
      alertCounters: pairs<bigint>('alert_counters').map(([k, v]) => [k, v.toString()]),
      eventSequence: sequences.eventSequence,
      events: recent.reverse().map(eventFromRow),
      thresholds: doc('thresholds', []),
      dccThresholds: doc('dcc_thresholds', []),
      anomalyCounts: pairs<number>('anomaly_counts'),
      quarantines: values('quarantines'),
      quarantineSequence: sequences.quarantineSequence,
      heldRuns: doc('schedules', []),
      scheduleSequence: sequences.scheduleSequence,
    };
    const outbox = this.#db.prepare('SELECT outbox_id AS outboxId, user_id AS userId, request_id AS requestId, url, xml FROM outbox ORDER BY outbox_id').all() as OutboxEntry[];
    const clockMs = Number(this.#db.prepare("SELECT value FROM meta WHERE key = 'clock_ms'").pluck().get() ?? 0);
    return { state, clockMs, outbox };
  }

  commit(work: DccCommit): void {
    this.#commit(work);
  }

  /** A prepared statement, prepared once. */
  #sql(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) this.#statements.set(text, (statement = this.#db.prepare(text)));
    return statement;
  }

  #write({ state, clockMs, outboxAdded, outboxDone }: DccCommit): void {
    const putMeta = this.#sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    putMeta.run('seed', state.seed);
    putMeta.run('clock_ms', String(clockMs));
    for (const k of KEYED) {
      const { cleared, rows } = k.of(state).takeTouched();
      if (cleared) this.#sql(`DELETE FROM ${k.table}`).run();
      const upsert = this.#sql(`INSERT INTO ${k.table} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      const remove = this.#sql(`DELETE FROM ${k.table} WHERE key = ?`);
      for (const [key, value] of rows) {
        const cacheKey = `${k.table}/${key}`;
        if (value === undefined) {
          remove.run(key);
          this.#written.delete(cacheKey);
          continue;
        }
        const text = k.codec.encode(value);
        if (k.compare && this.#written.get(cacheKey) === text) continue;
        upsert.run(key, text);
        if (k.compare) this.#written.set(cacheKey, text);
      }
    }
    const putDocument = this.#sql('INSERT INTO documents (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    for (const d of DOCUMENTS) {
      const text = JSON.stringify(d.of(state));
      if (this.#written.get(`documents/${d.name}`) === text) continue;
      putDocument.run(d.name, text);
      this.#written.set(`documents/${d.name}`, text);
    }
    this.#appendEvents(state);
    const addOutbox = this.#sql('INSERT INTO outbox (outbox_id, user_id, request_id, url, xml) VALUES (?, ?, ?, ?, ?)');
    for (const o of outboxAdded) addOutbox.run(o.outboxId, o.userId, o.requestId, o.url, o.xml);
    const doneOutbox = this.#sql('DELETE FROM outbox WHERE outbox_id = ?');
    for (const id of outboxDone) doneOutbox.run(id);
  }

  /** Appends the events logged since the last commit (the in-memory log keeps only the newest). */
  #appendEvents(state: DccState): void {
    const fresh = state.eventSequence - this.#eventSequenceWritten;
    if (fresh <= 0) return;
    if (fresh > state.events.length) throw new RangeError(`${fresh} events since the last commit, only ${state.events.length} in memory`); // commits are per unit of work
    const insert = this.#sql(`INSERT INTO events (seq, ${EVENT_COLUMNS.join(', ')}) VALUES (${['?', ...EVENT_COLUMNS.map(() => '?')].join(', ')})`);
    for (const e of state.events.slice(state.events.length - fresh)) {
      insert.run(sequenceOf(e.eventId), e.eventId, e.kind, e.tMs, e.requestId ?? null, e.userId ?? null, e.srv ?? null, e.cv ?? null, e.deviceId ?? null, e.responseCode ?? null, e.detail ?? null);
    }
    this.#eventSequenceWritten = state.eventSequence;
  }

  close(): void {
    this.#db.close();
  }
}
