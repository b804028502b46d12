import type { Endpoint, SyncReply } from '../service.js';
import { DccService } from '../service.js';
import type { EmulatedFleet } from '../fleet-gateway.js';
import { CallbackDeliverer } from './callbacks.js';
import { expireQuarantines, nextQuarantineExpiry } from '../anomaly/anomaly-service.js';
import { nextHeldRunMs, runDueHeld } from '../dsp-scheduler.js';

// The DCC endpoint's world in virtual time: the service, the emulated fleet behind it and the
// callback deliverer, all driven by one clock that only advanceTo moves (ARCHITECTURE.md
// principle 2). The HTTP server calls handle() for requests and advanceTo() when told to
// (virtual mode) or from a wall-clock ticker (real-time mode, host/cli/serve.ts).

/** Events processed by one advanceTo; beyond it the run is stopped with an error (a loop in the model). */
export const ADVANCE_STEPS_MAX = 1_000_000;

export class VirtualClock {
  constructor(public nowMs: number) {}
  read = (): number => this.nowMs;
}

export class DccRuntime {
  constructor(
    readonly clock: VirtualClock,
    readonly service: DccService,
    readonly callbacks: CallbackDeliverer,
    readonly fleet: EmulatedFleet | undefined,
  ) {}

  /** Moves the service's queued messages to the deliverer (dropped, and logged, for a User without a callback URL). */
  flush(): void {
    for (const message of this.service.takeOutbound()) {
      const url = this.service.state.users.get(message.userId)?.callbackUrl;
      if (url === undefined) this.service.state.log({ kind: 'CALLBACK', tMs: this.clock.nowMs, requestId: message.requestId, userId: message.userId, detail: 'no callback URL' });
      else this.callbacks.enqueue(message, url, this.clock.nowMs);
    }
  }

  handle(endpoint: Endpoint, xml: string): SyncReply {
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
      this.flush();
    }
    this.clock.nowMs = toMs;
    expireQuarantines(this.service, toMs);
    this.flush();
    if (this.fleet) {
      this.fleet.advanceDevices(toMs);
      this.flush();
    }
  }
}
