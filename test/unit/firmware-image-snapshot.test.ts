// A firmware image half received survives a snapshot (devices 0.4, ARCHITECTURE.md principle 4):
// the receipt (hash state, offset, signature tail) lives in the device's firmware page, so a device
// restored from a snapshot taken mid-transfer takes the remaining blocks and verifies the image as
// one that never stopped would; the hub's stored image likewise.
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage } from '../../host/firmware-image.js';
import { blockRequestInput, firmwareBlockInput, firmwareImageInput, hanBlock } from '../../host/firmware-inputs.js';
import { hanLogEntryInput } from '../../host/local-inputs.js';
import { Status } from '../../host/status.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { createEsmeWorld } from '../helpers/esme-fixture.js';
import { createHanWorld } from '../helpers/han-fixture.js';

const BLOCK = 64;

describe('firmware image receipt across a snapshot', () => {
  it('an ESME restored mid-transfer takes the rest and sends the same 0x8F72 as one never interrupted', () => {
    const a = createEsmeWorld({ seed: 7n });
    const b = createEsmeWorld({ seed: 7n });
    const image = buildFirmwareImage(createNodeProvider(), { manufacturer: 0x121d, imageType: 0, fileVersion: 3, body: new Uint8Array(1000).fill(1) }, a.keys);
    const at = a.nowMs + 1000;
    const deliver = (w: typeof a, from: number, to: number) => {
      for (let offset = from; offset < to; offset += BLOCK) expect(w.firmware.deliverMessage(0, 'LOCAL', firmwareBlockInput(offset, image.bytes.subarray(offset, offset + BLOCK)), at)).toBe(Status.OK);
    };
    const half = 8 * BLOCK;
    deliver(a, 0, half);
    const snapshot = a.firmware.snapshotDevice(0);
    expect(b.firmware.restoreDevice(0, snapshot)).toBe(Status.OK);
    deliver(b, half, image.bytes.length);
    deliver(a, half, image.bytes.length);
    const [ra, rb] = [a, b].map((w) => w.headEnd.open(w.firmware.drainOutbox()[0]!.bytes).envelope);
    expect(rb!.otherInfo.messageCode).toBe(0x00ce);
    expect(Buffer.from(rb!.content).subarray(-32)).toEqual(Buffer.from(image.hash));
    expect(Buffer.from(rb!.content)).toEqual(Buffer.from(ra!.content));
  });

  it('a hub restored from a snapshot still serves the image it stored', () => {
    const hub = createHanWorld('CHF');
    const target = '00DB0000000000E1';
    expect(hub.local(hanLogEntryInput({ list: 'device', eui: target, deviceType: 1 }))).toBe(Status.OK);
    const image = buildFirmwareImage(createNodeProvider(), { manufacturer: 0x121d, imageType: 0, fileVersion: 3, body: new Uint8Array(300).fill(2) }, hub.keys);
    expect(hub.local(firmwareImageInput([target], image.bytes))).toBe(Status.OK);
    const snapshot = hub.firmware.snapshotDevice(0);
    const other = createHanWorld('CHF');
    expect(other.firmware.restoreDevice(0, snapshot)).toBe(Status.OK);
    expect(other.local(blockRequestInput(target, 128, BLOCK))).toBe(Status.OK);
    const block = hanBlock(other.firmware.drainOutbox().find((m) => m.channel === 'HAN')!.bytes)!;
    expect(Buffer.from(block.input.subarray(5))).toEqual(Buffer.from(image.bytes.subarray(128, 128 + BLOCK)));
  });
});
