// No LOCAL input of the ESME traps the firmware (STYLE.md "Bad input is not a bug"): seeded
// mutations of valid ESME-only inputs (SET_ELEMENTS, ELEMENT2_CONSUMPTION, TRUST_ANCHOR with its
// DER certificate, DEVICE_LOG_ENTRY, SCRIPT_ALERT with its A-XDR items, POWER_EVENT) and random
// bytes under those kinds are delivered to one ESME; every delivery returns a known Status and
// never traps. The seed is printed so a failure is replayable.
import { describe, expect, it } from 'vitest';
import { encodeAxdr } from '../../gbcs/payload/axdr.js';
import { PrngStream } from '../../host/prng.js';
import {
  deviceLogEntryInput, element2ConsumptionInput, scriptAlertInput, setElementsInput, trustAnchorInput,
} from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { ROLE, STATUS_NAMES } from '../../host/status.js';
import { POWER_EVENT, powerEventInput } from '../../host/world/power.js';
import { createEsmeWorld } from '../helpers/esme-fixture.js';

const SEED = BigInt(process.env.FUZZ_SEED ?? 20261124);
const INPUTS = 20_000;

describe(`ESME LOCAL input fuzz (seed ${SEED}, ${INPUTS} inputs; rerun with FUZZ_SEED=${SEED})`, () => {
  it('never traps and always returns a known Status', () => {
    const world = createEsmeWorld({ build: 'release' });
    const rng = new PrngStream(SEED, 'esme-local-inputs-fuzz');
    const powerKind = world.firmware.layout.LOCAL_POWER_EVENT!;
    const valid = [
      setElementsInput(2),
      element2ConsumptionInput(10),
      trustAnchorInput(2, 0, 1, world.keys.certificateDer(SUPPLIER_EUI, 'ds')),
      deviceLogEntryInput('00DB123456789099', 5),
      scriptAlertInput(0x8f87, 0x0122, ROLE.SUPPLIER, [encodeAxdr({ type: 'unsigned', value: 33 }), encodeAxdr({ type: 'utf8-string', value: Uint8Array.of(0x7b, 0x7d) })]),
      powerEventInput(powerKind, POWER_EVENT.SUPPLY_LOST, world.nowMs - 60_000),
      powerEventInput(powerKind, POWER_EVENT.SUPPLY_RESTORED, world.nowMs),
    ];
    for (let n = 0; n < INPUTS; n++) {
      const source = valid[rng.nextInt(valid.length)]!;
      let bytes = source.slice();
      switch (rng.nextInt(4)) {
        case 0:
          for (let i = rng.nextRange(1, 4); i > 0; i--) bytes[rng.nextInt(bytes.length)]! ^= 1 << rng.nextInt(8);
          break;
        case 1:
          bytes = bytes.subarray(0, rng.nextInt(bytes.length + 1));
          break;
        case 2: {
          const at = 1 + rng.nextInt(bytes.length - 1);
          for (let i = at; i < Math.min(bytes.length, at + rng.nextRange(1, 12)); i++) bytes[i] = [0x00, 0x7f, 0x80, 0x82, 0xff][rng.nextInt(5)]!;
          break;
        }
        default:
          bytes = Uint8Array.from({ length: rng.nextRange(1, 120) }, (_, i) => (i === 0 ? 16 + rng.nextInt(6) : rng.nextInt(256)));
      }
      if (bytes.length === 0) continue;
      const status = world.firmware.deliverMessage(0, 'LOCAL', bytes, world.nowMs);
      expect(STATUS_NAMES[status], `input ${n} (${Buffer.from(bytes).toString('hex')})`).toBeDefined();
      world.firmware.drainOutbox();
    }
  });
});
