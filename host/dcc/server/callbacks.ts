import type { OutboxEntry } from '../store.js';

// Delivery of asynchronous DUIS messages to each User's callback URL (dcc.md 3.3): one message per
// POST; a failed POST (non-2xx, connection error, no answer within the timeout) is retried up to
// five times at 1, 2, 4, 8 and 16 s after the previous failure (virtual time), then the message is
// marked undelivered (excluded from CPMs as USER_ENDPOINT, dcc.md 13.5). Each message is an outbox
// entry of the store; the ids of finished ones are handed to the next commit (takeDone), so a
// message is POSTed again after a restart unless its outcome was committed: at least once.

export type PostOutcome = 'ok' | 'failed' | 'timeout';
/** Performs one POST; the server passes a real HTTP client, tests a stub. */
export type PostFn = (url: string, xml: string) => Promise<PostOutcome>;

export interface DeliveryRecord {
  requestId: string;
  userId: string;
  url: string;
  attempts: number;
  outcome: 'delivered' | 'undelivered';
  lastAttemptMs: number;
}

interface Delivery {
  outbound: OutboxEntry;
  attempt: number;
  dueMs: number;
  seq: number;
}

/** Deliveries waiting at once; beyond it the model is wrong (assert). */
export const DELIVERIES_MAX = 100_000;
/** Finished deliveries remembered for inspection (oldest dropped first). */
export const DELIVERY_RECORDS_MAX = 10_000;

/** What the deliverer reports: each attempt's start and the final outcome (dcc.md 13.5 tStop, USER_ENDPOINT). */
export type DeliveryObserver = (event: { requestId: string; userId: string; attempt: number; atMs: number; outcome?: DeliveryRecord['outcome'] }) => void;

export class CallbackDeliverer {
  readonly #queue: Delivery[] = [];
  readonly records: DeliveryRecord[] = [];
  #seq = 0;
  #done: number[] = [];
  observer: DeliveryObserver | undefined;

  constructor(
    private readonly post: PostFn,
    /** Delays after each failure (dcc.md 3.3: 1, 2, 4, 8, 16 s). */
    private readonly retryDelaysMs: readonly number[],
    /** The answer timeout counts as time passing before the failure is known. */
    private readonly timeoutMs: number,
  ) {}

  enqueue(outbound: OutboxEntry, nowMs: number): void {
    if (this.#queue.length >= DELIVERIES_MAX) throw new RangeError(`more than ${DELIVERIES_MAX} callbacks waiting`); // model invariant
    this.#insert({ outbound, attempt: 0, dueMs: nowMs, seq: this.#seq++ });
  }

  /** Outbox ids delivered or given up since the last call. */
  takeDone(): number[] {
    return this.#done.splice(0, this.#done.length);
  }

  #insert(d: Delivery): void {
    this.#queue.push(d);
    this.#queue.sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq);
  }

  /** Messages waiting for a first POST or a retry. */
  waiting(): number {
    return this.#queue.length;
  }

  nextDueMs(): number | undefined {
    return this.#queue[0]?.dueMs;
  }

  #record(d: Delivery, outcome: DeliveryRecord['outcome']): void {
    this.observer?.({ requestId: d.outbound.requestId, userId: d.outbound.userId, attempt: d.attempt + 1, atMs: d.dueMs, outcome });
    this.#done.push(d.outbound.outboxId);
    this.records.push({ requestId: d.outbound.requestId, userId: d.outbound.userId, url: d.outbound.url, attempts: d.attempt + 1, outcome, lastAttemptMs: d.dueMs });
    if (this.records.length > DELIVERY_RECORDS_MAX) this.records.shift();
  }

  /** Makes the next due POST (at or before toMs); false when none is due. */
  async step(toMs: number): Promise<boolean> {
    const d = this.#queue[0];
    if (!d || d.dueMs > toMs) return false;
    this.#queue.shift();
    this.observer?.({ requestId: d.outbound.requestId, userId: d.outbound.userId, attempt: d.attempt + 1, atMs: d.dueMs });
    const outcome = await this.post(d.outbound.url, d.outbound.xml);
    if (outcome === 'ok') {
      this.#record(d, 'delivered');
      return true;
    }
    const delay = this.retryDelaysMs[d.attempt];
    if (delay === undefined) {
      this.#record(d, 'undelivered');
      return true;
    }
    const failedAtMs = d.dueMs + (outcome === 'timeout' ? this.timeoutMs : 0);
    this.#insert({ ...d, attempt: d.attempt + 1, dueMs: failedAtMs + delay, seq: this.#seq++ });
    return true;
  }
}
