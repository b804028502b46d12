// Firmware distribution inputs under seeded garbage (STYLE.md: bad input gets a specific error and
// nothing traps): random FIRMWARE_IMAGE / BLOCK_REQUEST / FIRMWARE_BLOCK / TRANSFER_RESULT inputs,
// half of them mutations of valid ones, reach a CHF and an ESME; every call returns a known Status,
// and afterwards a valid image still goes through the hub to the ESME and verifies.
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage } from '../../host/firmware-image.js';
import { blockRequestInput, firmwareBlockInput, firmwareImageInput, hanBlock, transferResultInput, TRANSFER_DELIVERED } from '../../host/firmware-inputs.js';
import { hanLogEntryInput } from '../../host/local-inputs.js';
import { PrngStreams } from '../../host/prng.js';
import { STATUS_NAMES, Status } from '../../host/status.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { createHanWorld } from '../helpers/han-fixture.js';

const ROUNDS = 4_000;
const TARGET = '00DB0000000000E1';

describe('firmware distribution inputs fuzz', () => {
  it(`${ROUNDS} seeded inputs: known statuses only, no trap; a valid image still passes afterwards`, () => {
    const hub = createHanWorld('CHF');
    expect(hub.local(hanLogEntryInput({ list: 'device', eui: TARGET, deviceType: 1 }))).toBe(Status.OK);
    const meter = createHanWorld('GSME');
    const image = buildFirmwareImage(createNodeProvider(), { manufacturer: 0x121d, imageType: 0, fileVersion: 7, body: new Uint8Array(500).fill(9) }, meter.keys);
    const valid = [
      firmwareImageInput([TARGET], image.bytes), blockRequestInput(TARGET, 64, 64), firmwareBlockInput(0, image.bytes.subarray(0, 64)),
      firmwareBlockInput(64, image.bytes.subarray(64, 128)), transferResultInput(TARGET, TRANSFER_DELIVERED),
    ];
    const rng = new PrngStreams(2026n).stream('firmware-fuzz');
    const seen = new Set<number>();
    for (let i = 0; i < ROUNDS; i++) {
      let input: Uint8Array;
      if (rng.nextInt(2) === 0) {
        input = valid[rng.nextInt(valid.length)]!.slice();
        for (let m = rng.nextRange(1, 4); m > 0; m--) input[rng.nextInt(input.length)] = rng.nextInt(256);
        if (rng.nextInt(4) === 0) input = input.subarray(0, rng.nextInt(input.length + 1));
      } else {
        input = Uint8Array.from({ length: rng.nextInt(160) + 1 }, () => rng.nextInt(256));
        input[0] = 64 + rng.nextInt(4);
      }
      for (const world of [hub, meter]) {
        const status = world.local(input);
        expect(STATUS_NAMES[status], `input ${Buffer.from(input).toString('hex')}`).toBeDefined();
        seen.add(status);
      }
      hub.firmware.drainOutbox();
    }
    expect(seen.size).toBeGreaterThan(3); // the inputs reached several refusal paths
    // Still working: the image through the hub to the meter, block by block, verified.
    for (let v = 0; v < 3; v++) hub.local(transferResultInput(TARGET, TRANSFER_DELIVERED)); // free whatever the fuzz stored
    hub.firmware.drainOutbox();
    expect(hub.local(firmwareImageInput([TARGET], image.bytes))).toBe(Status.OK);
    for (let offset = 0; offset < image.bytes.length;) {
      expect(hub.local(blockRequestInput(TARGET, offset, 64))).toBe(Status.OK);
      const block = hanBlock(hub.firmware.drainOutbox().find((m) => m.channel === 'HAN')!.bytes)!;
      expect(meter.local(block.input)).toBe(Status.OK);
      offset += block.input.length - 5;
    }
    const receipt = meter.advance(meter.now() + 1000).out.find((m) => m.envelope.otherInfo.messageCode === 0x00cf);
    expect(Buffer.from(receipt!.envelope.content).toString('hex').endsWith(Buffer.from(image.hash).toString('hex'))).toBe(true);
  });
});
