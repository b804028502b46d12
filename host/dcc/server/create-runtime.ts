import type { CryptoProvider } from '../../../gbcs/crypto/provider.js';
import type { KeyLookup } from '../../../gbcs/keys/keystore.js';
import { defaultConfig, type DccConfig } from '../config.js';
import { EmulatedFleet } from '../fleet-gateway.js';
import { referenceEstate } from '../reference-estate.js';
import { DccService } from '../service.js';
import type { DccStore } from '../store.js';
import { ENCODERS } from '../transform/encoders.js';
import { CallbackDeliverer, type PostFn } from './callbacks.js';
import { DccRuntime, VirtualClock } from './runtime.js';
import { CALLBACK_FIRST_POST, CALLBACK_UNDELIVERED } from '../report/items.js';

// Builds the DCC endpoint's runtime: a service holding the stored state (or the reference estate
// on first start), the emulated fleet of its inventory, and the callback deliverer. On a restart
// the clock resumes where the store left it, undelivered callbacks are posted again, and the
// commands whose device response had not come back are sent again to the (new) emulated fleet.

export interface RuntimeOptions {
  keys: KeyLookup;
  provider: CryptoProvider;
  startMs: number;
  post: PostFn;
  store?: DccStore;
  config?: Partial<DccConfig>;
  /** Callback URL given to the estate's Users on first start. */
  callbackUrl?: string;
  /** false: no emulated devices (commands are recorded, never answered). */
  fleet?: boolean;
  /** true: start at startMs even when the store's clock is later (an explicit --start). */
  startFromOption?: boolean;
}

export function createDccRuntime(options: RuntimeOptions): DccRuntime {
  const stored = options.store?.load();
  const clock = new VirtualClock(stored && !options.startFromOption ? Math.max(stored.clockMs, options.startMs) : options.startMs);
  const fleet = options.fleet === false ? undefined : new EmulatedFleet(options.provider, options.keys);
  const config = { ...defaultConfig(), ...options.config };
  const service = new DccService({
    keys: options.keys,
    provider: options.provider,
    clock: clock.read,
    encoders: ENCODERS,
    state: stored?.state ?? referenceEstate('0', options.callbackUrl),
    ...(fleet ? { gateway: fleet } : {}),
    config,
  });
  service.state.trackChanges(stored === undefined);
  if (fleet) {
    for (const device of service.state.devices.untrackedValues()) fleet.addDevice(device.deviceId, device.deviceType, clock.nowMs);
    // The hubs' device logs list their premises' HAN devices, as installed (firmware distribution needs it, devices 9 step 2).
    for (const device of service.state.devices.untrackedValues()) if (device.chfId !== undefined) fleet.logHanDevice(device.chfId, device.deviceId, device.deviceType, clock.nowMs);
    // In counter order, as first sent: devices refuse a counter below one they have seen.
    const unanswered = service.state.pending.untrackedValues().filter((p) => !p.local && p.commandHex !== undefined);
    unanswered.sort((a, b) => a.sentAtMs - b.sentAtMs || (BigInt(a.counter) < BigInt(b.counter) ? -1 : 1));
    for (const p of unanswered) fleet.send(p.deviceId, new Uint8Array(Buffer.from(p.commandHex!, 'hex')), clock.nowMs);
  }
  const callbacks = new CallbackDeliverer(options.post, config.callbackRetryDelaysMs, config.callbackTimeoutMs);
  // The response clock stops when the first POST begins (dcc.md 13.4); undelivered items are excluded (13.5).
  callbacks.observer = (e) => {
    if (e.outcome === 'undelivered') service.state.log({ kind: 'CALLBACK', tMs: e.atMs, requestId: e.requestId, userId: e.userId, detail: CALLBACK_UNDELIVERED });
    else if (e.outcome === undefined && e.attempt === 1) service.state.log({ kind: 'CALLBACK', tMs: e.atMs, requestId: e.requestId, userId: e.userId, detail: CALLBACK_FIRST_POST });
  };
  const runtime = new DccRuntime(clock, service, callbacks, fleet, options.store, stored?.outbox);
  if (options.store && !stored) runtime.commit(); // a new store holds the estate before the first request
  return runtime;
}
