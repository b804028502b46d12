import type { Endpoint, SyncReply } from '../service.js';
import { DccService } from '../service.js';
import type { EmulatedFleet } from '../fleet-gateway.js';
import { CallbackDeliverer } from './callbacks.js';
import { expireQuarantines, nextQuarantineExpiry } from '../anomaly/anomaly-service.js';
import { nextHeldRunMs, runDueHeld } from '../dsp-scheduler.js';
import type { DccStore, OutboxEntry } from '../store.js';

// The DCC endpoint's world in virtual time: the service, the emulated fleet behind it and the
// callback deliverer, all driven by one clock that only advanceTo moves (ARCHITECTURE.md
// principle 2). The HTTP server calls handle() for requests and advanceTo() when told to
// (virtual mode) or from a wall-clock ticker (real-time mode, host/cli/serve.ts). With a store,
// every unit of work (a request, one event of an advance, a threshold upload, a quarantine
// resolution) ends with one commit before anything is answered.

/** Events processed by one advanceTo; beyond it the run is stopped with an error (a loop in the model). */
export const ADVANCE_STEPS_MAX = 1_000_000;

export class VirtualClock {
  constructor(public nowMs: number) {}
  read = (): number => this.nowMs;
}

export class DccRuntime {
  #outboxAdded: OutboxEntry[] = [];
  #nextOutboxId: number;

  constructor(
    readonly clock: VirtualClock,
    readonly service: DccService,
    readonly callbacks: CallbackDeliverer,
    readonly fleet: EmulatedFleet | undefined,
    readonly store?: DccStore,
    /** Messages the store still held undelivered (a restart): delivered first. */
    outbox: readonly OutboxEntry[] = [],
  ) {
    this.#nextOutboxId = outbox.reduce((max, o) => Math.max(max, o.outboxId), 0) + 1;
    for (const entry of outbox) callbacks.enqueue(entry, clock.nowMs);
  }

  /** Moves the service's queued messages to the deliverer (dropped, and logged, for a User without a callback URL). */
  flush(): void {
    for (const message of this.service.takeOutbound()) {
      const url = this.service.state.users.get(message.userId)?.callbackUrl;
      if (url === undefined) {
        this.service.state.log({ kind: 'CALLBACK', tMs: this.clock.nowMs, requestId: message.requestId, userId: message.userId, detail: 'no callback URL' });
        continue;
      }
      const entry: OutboxEntry = { outboxId: this.#nextOutboxId++, userId: message.userId, requestId: message.requestId, url, xml: message.xml };
      if (this.store) this.#outboxAdded.push(entry);
      this.callbacks.enqueue(entry, this.clock.nowMs);
    }
  }

  /** Ends a unit of work: queued messages to the deliverer, then one store transaction. */
  commit(): void {
    this.flush();
    const done = this.callbacks.takeDone();
    if (!this.store) return;
    const outboxAdded = this.#outboxAdded;
    this.#outboxAdded = [];
    this.store.commit({ state: this.service.state, clockMs: this.clock.nowMs, outboxAdded, outboxDone: done });
  }

  handle(endpoint: Endpoint, xml: string): SyncReply {
    const reply = this.handleUncommitted(endpoint, xml);
    this.commit();
    return reply;
  }

  /** A request whose answer must wait for the next commit (the HTTP server commits several at once). */
  handleUncommitted(endpoint: Endpoint, xml: string): SyncReply {
    const reply = this.service.handle(endpoint, xml);
    this.flush();
    return reply;
  }

  /** Runs every event due up to toMs in time order (fleet first at equal times), then moves the clock there. */
  async advanceTo(toMs: number): Promise<void> {
    if (toMs < this.clock.nowMs) throw new RangeError(`time cannot go back (${toMs} < ${this.clock.nowMs})`);
    for (let steps = 0; ; steps++) {
      if (steps >= ADVANCE_STEPS_MAX) throw new RangeError(`more than ${ADVANCE_STEPS_MAX} events in one advance`);
      const fleetDue = this.fleet?.nextDueMs();
      const callbackDue = this.callbacks.nextDueMs();
      const expiryDue = nextQuarantineExpiry(this.service);
      const timeoutDue = this.service.nextPendingExpiry();
      const heldDue = nextHeldRunMs(this.service);
      const next = Math.min(fleetDue ?? Infinity, callbackDue ?? Infinity, expiryDue ?? Infinity, timeoutDue ?? Infinity, heldDue ?? Infinity);
      if (next > toMs) break;
      this.clock.nowMs = Math.max(this.clock.nowMs, next);
      if (expiryDue === next) expireQuarantines(this.service, next);
      else if (heldDue === next) runDueHeld(this.service, next);
      else if (timeoutDue === next && fleetDue !== next) this.service.expirePending(next);
      else if (fleetDue === next) this.fleet!.step(next, (bytes) => this.service.onDeviceMessage(bytes));
      else await this.callbacks.step(next);
      this.commit();
    }
    this.clock.nowMs = toMs;
    expireQuarantines(this.service, toMs);
    this.fleet?.advanceDevices(toMs);
    this.commit();
  }
}
