import type { DccState, DccStateData } from './state.js';

// The one interface between the DCC layer and its database (dcc.md 13.5, issue 9 point 8). The
// runtime commits once per unit of work (an accepted request, a device message, a callback
// outcome) and answers only after commit returns, so "accepted" means "durable". Everything the
// layer keeps goes through here: SMI inventory, Users, registrations and consents, counters
// (replay state), held pre-commands, pending device requests, thresholds, anomaly counts and
// quarantines, DSP schedules, the event log and the asynchronous messages not yet delivered.
// SqliteStore (store-sqlite.ts, better-sqlite3, one file) is the implementation; a server
// database (e.g. PostgreSQL for fleets beyond one machine) replaces it by implementing these
// three calls with the same transaction rule, nothing else changes.

/** An asynchronous DUIS message accepted for a User's callback URL and not yet delivered or given up. */
export interface OutboxEntry {
  /** Store-assigned, increasing. */
  outboxId: number;
  userId: string;
  requestId: string;
  url: string;
  xml: string;
}

/** What a store holds, as the runtime needs it at start. */
export interface StoredDcc {
  state: DccStateData;
  /** The virtual clock at the last commit (a restarted run resumes there). */
  clockMs: number;
  outbox: OutboxEntry[];
}

/** One unit of work: the state's touched rows plus the outbox additions and removals. */
export interface DccCommit {
  state: DccState;
  clockMs: number;
  outboxAdded: readonly OutboxEntry[];
  /** Delivered, or marked undelivered after the last retry (dcc.md 3.3). */
  outboxDone: readonly number[];
}

export interface DccStore {
  /** The stored DCC, undefined for a new (empty) store. Throws DccStoreError when the file is unusable. */
  load(): StoredDcc | undefined;
  /** Writes the unit of work in one transaction; when it returns the work survives a crash. */
  commit(work: DccCommit): void;
  close(): void;
}
