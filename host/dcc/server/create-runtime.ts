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

// Builds the DCC endpoint's runtime: a service holding the stored state (or the reference estate
// on first start), the emulated fleet of its inventory, and the callback deliverer.

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
}

export function createDccRuntime(options: RuntimeOptions): DccRuntime {
  const clock = new VirtualClock(options.startMs);
  const stored = options.store?.load();
  const fleet = options.fleet === false ? undefined : new EmulatedFleet(options.provider, options.keys);
  const config = { ...defaultConfig(), ...options.config };
  const service = new DccService({
    keys: options.keys,
    provider: options.provider,
    clock: clock.read,
    encoders: ENCODERS,
    state: stored ?? referenceEstate('0', options.callbackUrl),
    ...(options.store ? { store: options.store } : {}),
    ...(fleet ? { gateway: fleet } : {}),
    config,
  });
  if (fleet) for (const device of service.state.devices.values()) fleet.addDevice(device.deviceId, device.deviceType, clock.nowMs);
  return new DccRuntime(clock, service, new CallbackDeliverer(options.post, config.callbackRetryDelaysMs, config.callbackTimeoutMs), fleet);
}
