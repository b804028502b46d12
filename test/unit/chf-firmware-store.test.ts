// The CHF's firmware image store (devices 7.1, 9 steps 1-4; CS05a/b distribution, CCS08 firmware
// transfer alert): the hub keeps an image for targets in its device log, serves it block by block
// over the HAN and reports each target's transfer to the ACB; a malformed image, a target outside
// the device log and a full store are refused with their own status and leave the store as it was.
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage } from '../../host/firmware-image.js';
import { blockRequestInput, firmwareImageInput, hanBlock, transferResultInput, TRANSFER_DELIVERED, TRANSFER_FAILED } from '../../host/firmware-inputs.js';
import { hanLogEntryInput } from '../../host/local-inputs.js';
import { ACB_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { createHanWorld } from '../helpers/han-fixture.js';

const ESME = '00DB0000000000E1';
const GSME = '00DB0000000000A1';
const STRANGER = '00DB0000000000FF';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

function hub() {
  const world = createHanWorld('CHF');
  expect(world.local(hanLogEntryInput({ list: 'device', eui: ESME, deviceType: 1 }))).toBe(Status.OK);
  expect(world.local(hanLogEntryInput({ list: 'device', eui: GSME, deviceType: 0 }))).toBe(Status.OK);
  const img = (version: number, bodyBytes = 300) => buildFirmwareImage(createNodeProvider(), { manufacturer: 0x121d, imageType: 0, fileVersion: version, body: new Uint8Array(bodyBytes).fill(version & 0xff) }, world.keys);
  const drain = () => world.firmware.drainOutbox();
  const request = (target: string, offset: number, max = 64) => {
    const status = world.local(blockRequestInput(target, offset, max));
    return { status, out: drain() };
  };
  return { world, img, drain, request };
}

describe('CS05a/CS05b firmware distribution through the CHF image store', () => {
  it('stores an image for logged targets and serves it block by block on the HAN channel', () => {
    const { world, img, request } = hub();
    const image = img(0x02000105);
    expect(world.local(firmwareImageInput([ESME, GSME], image.bytes))).toBe(Status.OK);
    const received: number[] = [];
    for (let offset = 0; offset < image.bytes.length;) {
      const { status, out } = request(GSME, offset);
      expect(status).toBe(Status.OK);
      expect(out).toHaveLength(1);
      expect(out[0]!.channel).toBe('HAN');
      const block = hanBlock(out[0]!.bytes)!;
      expect(block.target).toBe(GSME);
      expect(new DataView(block.input.buffer, block.input.byteOffset).getUint32(1, true)).toBe(offset);
      received.push(...block.input.subarray(5));
      offset += block.input.length - 5;
    }
    expect(hex(Uint8Array.from(received))).toBe(hex(image.bytes));
    expect(request(GSME, image.bytes.length).status).toBe(Status.BAD_INPUT);
    expect(request(STRANGER, 0).status).toBe(Status.BAD_INPUT);
  });

  it('CCS08 firmware transfer alert: 0x8F8A per delivered target, 0x8F89 per failed one, to the ACB; the image leaves the store after the last', () => {
    const { world, img, drain, request } = hub();
    const image = img(0x02000105);
    expect(world.local(firmwareImageInput([ESME, GSME], image.bytes))).toBe(Status.OK);
    expect(world.local(transferResultInput(ESME, TRANSFER_DELIVERED))).toBe(Status.OK);
    const delivered = drain().map((m) => world.headEnd.open(m.bytes).envelope);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.otherInfo.messageCode).toBe(0x0128);
    expect(delivered[0]!.recipient).toBe(ACB_EUI);
    expect(hex(delivered[0]!.content)).toMatch(new RegExp(`^30..0203008F8A180F[0-9A-F]{30}0408${ESME}040402000105$`));
    expect(request(ESME, 0).status).toBe(Status.BAD_INPUT); // reported: nothing more to pull
    expect(request(GSME, 0).status).toBe(Status.OK);
    expect(world.local(transferResultInput(GSME, TRANSFER_FAILED))).toBe(Status.OK);
    expect(hex(world.headEnd.open(drain()[0]!.bytes).envelope.content)).toMatch(/^30..0203008F89/);
    expect(request(GSME, 0).status).toBe(Status.BAD_INPUT);
    expect(world.local(transferResultInput(GSME, TRANSFER_DELIVERED))).toBe(Status.BAD_INPUT);
  });

  it('a malformed image: IMAGE_INVALID and 0x8F89; nothing stored', () => {
    const { world, img, drain, request } = hub();
    const image = img(1);
    const broken = image.bytes.slice();
    broken[0] ^= 1; // not an OTA file
    expect(world.local(firmwareImageInput([ESME], broken))).toBe(Status.IMAGE_INVALID);
    expect(hex(world.headEnd.open(drain()[0]!.bytes).envelope.content)).toMatch(/^30..0203008F89/);
    expect(world.local(firmwareImageInput([ESME], image.bytes.subarray(0, image.bytes.length - 1)))).toBe(Status.IMAGE_INVALID); // shorter than declared
    drain();
    expect(request(ESME, 0).status).toBe(Status.BAD_INPUT);
  });

  it('a target outside the device log: NOT_IN_DEVICE_LOG and 0x8F89 naming it; nothing stored, not even for the logged target', () => {
    const { world, img, drain, request } = hub();
    expect(world.local(firmwareImageInput([ESME, STRANGER], img(1).bytes))).toBe(Status.NOT_IN_DEVICE_LOG);
    expect(hex(world.headEnd.open(drain()[0]!.bytes).envelope.content)).toContain(`0408${STRANGER}`);
    expect(request(ESME, 0).status).toBe(Status.BAD_INPUT);
  });

  it('storage full: a fourth image, or one larger than an image slot, is IMAGE_STORE_FULL; the three held stay served', () => {
    const { world, img, drain, request } = hub();
    for (const v of [1, 2, 3]) expect(world.local(firmwareImageInput([ESME], img(v).bytes))).toBe(Status.OK);
    expect(world.local(firmwareImageInput([GSME], img(4).bytes))).toBe(Status.IMAGE_STORE_FULL);
    expect(drain()).toHaveLength(0);
    expect(request(GSME, 0).status).toBe(Status.BAD_INPUT);
    expect(request(ESME, 0).status).toBe(Status.OK);
    expect(world.local(transferResultInput(ESME, TRANSFER_DELIVERED))).toBe(Status.OK); // frees the first slot
    drain();
    expect(world.local(firmwareImageInput([GSME], img(5, 5000).bytes))).toBe(Status.IMAGE_STORE_FULL);
    expect(world.local(firmwareImageInput([GSME], img(4).bytes))).toBe(Status.OK);
  });
});
