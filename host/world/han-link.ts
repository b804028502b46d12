import type { PrngStream } from '../prng.js';
import type { HanSpec } from '../scenario/scenario.js';

// One HAN link between the communications hub and a device (devices 7.4: the CHF relays WAN
// commands to the addressed device and its answers back). Each frame takes a seeded latency
// (uniform, integer ms) and may be lost; a lost frame is retried (ZigBee APS retries) after
// retryMs, at most retriesMax times, after which it is given up and counted. Each link draws
// from its own stream (`han:<device EUI>`), so adding a device changes nothing another link sees.

export type HanOutcome = { kind: 'deliver'; delayMs: number; retries: number } | { kind: 'lost'; retries: number };

export function hanSend(spec: HanSpec, stream: PrngStream): HanOutcome {
  let delayMs = 0;
  for (let attempt = 0; attempt <= spec.retriesMax; attempt++) {
    if (spec.lossPerMille > 0 && stream.chancePerMille(spec.lossPerMille)) {
      delayMs += spec.retryMs;
      continue;
    }
    return { kind: 'deliver', delayMs: delayMs + stream.nextRange(spec.latencyMinMs, spec.latencyMaxMs), retries: attempt };
  }
  return { kind: 'lost', retries: spec.retriesMax };
}
