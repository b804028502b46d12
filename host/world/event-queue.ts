// The event queue of a world (ARCHITECTURE.md principle 2, issue 8 point C): a binary heap of
// plain-data events ordered by (virtual time, sequence), so the queue can be exported as data
// and imported into another run (snapshots, forks). Nothing here is a closure: the world that
// owns the queue dispatches on `kind`. Events of one instant run in the order they were added.

export interface WorldEvent {
  atMs: number;
  sequence: number;
  /** What happens (the owner's enum). */
  kind: number;
  /** Which device of the premises (index), or -1. */
  device: number;
  /** A small integer argument (slot of day, message id, ...). */
  value: number;
  /** Message bytes travelling with the event (WAN deliveries), if any. */
  bytes?: Uint8Array;
}

/** More pending events than this means the model is wrong, not the input (STYLE.md "Bounds"): an assert. */
export const EVENT_QUEUE_MAX = 1_000_000;

export interface EventQueueState {
  nowMs: number;
  sequence: number;
  eventsRun: number;
  events: WorldEvent[];
}

export class EventQueue {
  private heap: WorldEvent[] = [];
  private sequence = 0;
  private now: number;
  eventsRun = 0;

  constructor(startMs: number) {
    assertTime(startMs);
    this.now = startMs;
  }

  get nowMs(): number {
    return this.now;
  }

  get pending(): number {
    return this.heap.length;
  }

  add(atMs: number, kind: number, device = -1, value = 0, bytes?: Uint8Array): void {
    assertTime(atMs);
    if (atMs < this.now) throw new RangeError(`event at ${atMs} is before now ${this.now}`);
    if (this.heap.length >= EVENT_QUEUE_MAX) throw new Error(`event queue exceeded EVENT_QUEUE_MAX (${EVENT_QUEUE_MAX})`);
    const event: WorldEvent = { atMs, sequence: this.sequence++, kind, device, value };
    if (bytes) event.bytes = bytes;
    this.push(event);
  }

  /** The next event due at or before endMs (the clock moves to it), or undefined: the clock is then endMs. */
  next(endMs: number): WorldEvent | undefined {
    const top = this.heap[0];
    if (top === undefined || top.atMs > endMs) {
      if (endMs > this.now) this.now = endMs;
      return undefined;
    }
    this.pop();
    this.now = top.atMs;
    this.eventsRun++;
    return top;
  }

  /** A deep copy of the queue as data (message bytes are immutable once queued, so they are shared). */
  exportState(): EventQueueState {
    return { nowMs: this.now, sequence: this.sequence, eventsRun: this.eventsRun, events: this.heap.map((e) => ({ ...e })) };
  }

  static fromState(state: EventQueueState): EventQueue {
    const q = new EventQueue(state.nowMs);
    q.sequence = state.sequence;
    q.eventsRun = state.eventsRun;
    // A heap copied element by element is still a heap.
    q.heap = state.events.map((e) => ({ ...e }));
    return q;
  }

  private push(event: WorldEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: WorldEvent, b: WorldEvent): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.sequence < b.sequence);
}

function assertTime(ms: number): void {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`virtual time must be an integer number of ms, got ${ms}`);
}
