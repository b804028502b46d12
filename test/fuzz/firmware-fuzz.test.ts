// No input traps the firmware (DEVELOPERS.md "Bad input"): seeded mutations of a valid ECS17a
// command (bit flips, truncations, insertions, length-field rewrites, random bytes) are
// delivered to one ESME; every delivery returns a known Status, never traps, and a rejected
// one produces nothing and leaves the registers as they were. The seed is printed so a failure
// is replayable.
import { describe, expect, it } from 'vitest';
import { readDeviceCounters } from '../../host/device-view.js';
import { ECS17A_MESSAGE_CODE, ecs17aContent } from '../../host/head-end.js';
import { PrngStream } from '../../host/prng.js';
import { NETWORK_OPERATOR_EUI } from '../../host/premises.js';
import { Status, STATUS_NAMES } from '../../host/status.js';
import { consumption, createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';
import { parseEnvelope } from '../../gbcs/envelope.js';

const SEED = BigInt(process.env.FUZZ_SEED ?? 20261123);
const INPUTS = 50_000;

function mutate(rng: PrngStream, source: Uint8Array): Uint8Array {
  const bytes = source.slice();
  switch (rng.nextInt(6)) {
    case 0: { // flip 1..4 bits
      const flips = rng.nextRange(1, 4);
      for (let i = 0; i < flips; i++) bytes[rng.nextInt(bytes.length)]! ^= 1 << rng.nextInt(8);
      return bytes;
    }
    case 1:
      return bytes.subarray(0, rng.nextInt(bytes.length));
    case 2: {
      const at = rng.nextInt(bytes.length + 1);
      const extra = Uint8Array.from({ length: rng.nextRange(1, 8) }, () => rng.nextInt(256));
      return Uint8Array.from([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
    }
    case 3: { // rewrite a length-like byte (ciphered length, other-info, content, item counts)
      const at = [7, 42, 45, 52, 48, 50][rng.nextInt(6)]!;
      if (at < bytes.length) bytes[at] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0xff][rng.nextInt(6)]!;
      return bytes;
    }
    case 4:
      return Uint8Array.from({ length: rng.nextInt(200) }, () => rng.nextInt(256));
    default: { // overwrite a run of bytes
      const at = rng.nextInt(bytes.length);
      for (let i = at; i < Math.min(bytes.length, at + rng.nextRange(1, 16)); i++) bytes[i] = rng.nextInt(256);
      return bytes;
    }
  }
}

describe(`firmware fuzz (seed ${SEED}, ${INPUTS} inputs; rerun with FUZZ_SEED=${SEED})`, () => {
  it('never traps, always returns a known Status, and a rejection changes no register and gets no response', () => {
    const world = createEsmeWorld({ build: 'release' });
    world.firmware.deliverMessage(0, 'LOCAL', consumption(1000, 2000), world.nowMs);
    const valid = world.headEnd.buildCommand(NETWORK_OPERATOR_EUI, esmeEui(0), ECS17A_MESSAGE_CODE, ecs17aContent).bytes;
    const rng = new PrngStream(SEED, 'firmware-fuzz');
    const seen = new Map<string, number>();
    for (let i = 0; i < INPUTS; i++) {
      const input = mutate(rng, valid);
      const before = readDeviceCounters(world.firmware, 0);
      const status = world.firmware.deliverMessage(0, 'WAN', input, world.nowMs + i);
      const name = STATUS_NAMES[status];
      expect(name, `input ${i}: ${Buffer.from(input).toString('hex')}`).toBeDefined();
      seen.set(name!, (seen.get(name!) ?? 0) + 1);
      const out = world.firmware.drainOutbox();
      const after = readDeviceCounters(world.firmware, 0);
      expect(after.exportActiveWh).toBe(before.exportActiveWh);
      if (status !== Status.OK) {
        // devices 1.3: no response to a rejected command; only alerts (CRA 3) may leave.
        for (const message of out) expect(parseEnvelope(message.bytes).cra).toBe(3);
        expect(after.messagesOut).toBe(before.messagesOut);
      }
    }
    console.log(`firmware fuzz seed ${SEED}: ${INPUTS} inputs, statuses ${JSON.stringify(Object.fromEntries(seen))}`);
    expect(seen.get('BAD_ENVELOPE')).toBeGreaterThan(0);
    expect(seen.get('BAD_MAC')).toBeGreaterThan(0);
  });
});
