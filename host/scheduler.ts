// Discrete-event scheduler over a virtual clock (ARCHITECTURE.md principle 2): integer UTC
// milliseconds, no sleeping; it jumps to the next event. Events at the same instant run in the
// order they were scheduled (a sequence number breaks ties), so a run is a total order.

export type EventAction = (nowMs: number) => void;

interface ScheduledEvent {
  atMs: number;
  sequence: number;
  action: EventAction;
}

/** More pending events than this means the model is wrong, not the input (STYLE.md "Bounds"). */
export const SCHEDULER_QUEUE_MAX = 4_000_000;

export class Scheduler {
  private heap: ScheduledEvent[] = [];
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

  at(atMs: number, action: EventAction): void {
    assertTime(atMs);
    if (atMs < this.now) throw new RangeError(`event at ${atMs} is before now ${this.now}`);
    if (this.heap.length >= SCHEDULER_QUEUE_MAX) throw new Error(`scheduler queue exceeded SCHEDULER_QUEUE_MAX (${SCHEDULER_QUEUE_MAX})`);
    this.push({ atMs, sequence: this.sequence++, action });
  }

  after(delayMs: number, action: EventAction): void {
    this.at(this.now + delayMs, action);
  }

  /** Runs every event due at or before endMs, in order; the clock ends at endMs. */
  runUntil(endMs: number, onStep?: (nowMs: number) => void): void {
    assertTime(endMs);
    while (this.heap.length > 0 && this.heap[0]!.atMs <= endMs) {
      const event = this.pop();
      this.now = event.atMs;
      event.action(this.now);
      this.eventsRun++;
      onStep?.(this.now);
    }
    if (endMs > this.now) this.now = endMs;
  }

  private push(event: ScheduledEvent): void {
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

  private pop(): ScheduledEvent {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
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
    return top;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.sequence < b.sequence);
}

function assertTime(ms: number): void {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`virtual time must be an integer number of ms, got ${ms}`);
}
