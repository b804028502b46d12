// CS06 Activate Firmware on the ESME and the GSME (devices 9, T64, T65; GBCS 7): an image reaches
// the device block by block (device/firmware-image.ts), is verified against the manufacturer's
// signature (0x8F72 / 0x8F1C), and CS06 with its hash activates it now or at a future time, after
// which ECS52 / GCS38 report the image's version.
import { describe, expect, it } from 'vitest';
import { activateFirmwareContent, buildFirmwareImage, CANCEL_EXECUTION_MS, versionHex, type FirmwareImage } from '../../host/firmware-image.js';
import { firmwareBlockInput } from '../../host/firmware-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import type { Firmware } from '../../host/firmware.js';
import type { HeadEnd } from '../../host/head-end.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';
import { code, send, t } from '../helpers/esme-access.js';
import { createHanWorld } from '../helpers/han-fixture.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';

const CS06 = 0x0012;
const GCS38 = 0x0084;
const BLOCK = 64;
const NEW_VERSION = 0x02000105;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const body = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

function image(keys: TestPki, signed = true, fileVersion = NEW_VERSION): FirmwareImage {
  return buildFirmwareImage(createNodeProvider(), { manufacturer: 0x121d, imageType: 0, fileVersion, body: body(700) }, signed ? keys : undefined);
}

/** Delivers the image in BLOCK-byte blocks; every status, then what the device sent. */
function transfer(firmware: Firmware, slot: number, bytes: Uint8Array, atMs: number) {
  const statuses: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += BLOCK) {
    statuses.push(firmware.deliverMessage(slot, 'LOCAL', firmwareBlockInput(offset, bytes.subarray(offset, offset + BLOCK)), atMs));
  }
  return { statuses, out: firmware.drainOutbox() };
}

function esme() {
  const world = createEsmeWorld();
  const activate = (content: Uint8Array, atMs = world.nowMs + 1000) => {
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), CS06, () => content);
    const status = world.firmware.deliverMessage(0, 'WAN', command.bytes, atMs);
    return { status, out: world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes)) };
  };
  const version = () => send(world, 'ECS52', [{ kind: 'get', target: t(1, '0-0:0.2.1.255', 2) }]).data[0];
  return { world, activate, version };
}

const alertCode = (headEnd: HeadEnd, bytes: Uint8Array) => headEnd.open(bytes).envelope;

describe('CS06 Activate Firmware on the ESME', () => {
  it('verified image: 0x8F72 (FDRA-DLMS 0x00CE) with its hash; CS06 now: outcome 0, ECS52 reports the new version, 0x8F43 follows', () => {
    const { world, activate, version } = esme();
    const img = image(world.keys);
    const before = version();
    const { statuses, out } = transfer(world.firmware, 0, img.bytes, world.nowMs + 1000);
    expect(statuses.every((s) => s === Status.OK)).toBe(true);
    expect(out).toHaveLength(1);
    const receipt = alertCode(world.headEnd, out[0]!.bytes);
    expect(receipt.otherInfo.messageCode).toBe(0x00ce);
    expect(receipt.recipient).toBe(SUPPLIER_EUI);
    expect(hex(receipt.content)).toContain(`128F72`);
    expect(hex(receipt.content).endsWith(`0920${hex(img.hash)}`)).toBe(true);
    const reply = activate(activateFirmwareContent(img.hash), world.nowMs + 1000);
    expect(reply.status).toBe(Status.OK);
    expect(hex(reply.out[0]!.envelope.content)).toBe('020100');
    expect(reply.out[1]!.envelope.otherInfo.messageCode).toBe(0x1000);
    expect(hex(reply.out[1]!.envelope.content)).toContain('128F43');
    expect(version()).toEqual({ type: 'octet-string', value: Uint8Array.from(Buffer.from(versionHex(NEW_VERSION), 'hex')) });
    expect(version()).not.toEqual(before);
    // The image is now the running one: a second CS06 finds no image held.
    expect(hex(activate(activateFirmwareContent(img.hash), world.nowMs + 1000).out[0]!.envelope.content)).toBe('020101');
  });

  it('T65 CS06 with a wrong hash: outcome 2 (hash mismatch), version unchanged, no alert', () => {
    const { world, activate, version } = esme();
    const img = image(world.keys);
    transfer(world.firmware, 0, img.bytes, world.nowMs + 1000);
    const before = version();
    const wrong = img.hash.slice();
    wrong[0] ^= 1;
    const reply = activate(activateFirmwareContent(wrong), world.nowMs + 1000);
    expect(hex(reply.out[0]!.envelope.content)).toBe('020102');
    expect(reply.out).toHaveLength(1);
    expect(version()).toEqual(before);
    // Still held: the right hash activates it afterwards.
    expect(hex(activate(activateFirmwareContent(img.hash), world.nowMs + 1000).out[0]!.envelope.content)).toBe('020100');
  });

  it('CS06 without any image: outcome 1 (no image held)', () => {
    const { world, activate } = esme();
    expect(hex(activate(activateFirmwareContent(new Uint8Array(32))).out[0]!.envelope.content)).toBe('020101');
  });

  it('T64 future-dated CS06: nothing changes before T; at T the version changes, 0x8F43 and 0x00CA {0x8F66} to the originator', () => {
    const { world, activate, version } = esme();
    const img = image(world.keys);
    transfer(world.firmware, 0, img.bytes, world.nowMs + 1000);
    const before = version();
    const at = world.nowMs + 86_400_000;
    expect(hex(activate(activateFirmwareContent(img.hash, at)).out[0]!.envelope.content)).toBe('020100');
    expect(world.firmware.advanceTime(0, at - 1000)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toHaveLength(0);
    expect(world.firmware.advanceTime(0, at)).toBe(Status.OK);
    const alerts = world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes).envelope);
    expect(alerts.map((a) => a.otherInfo.messageCode)).toEqual([0x1000, 0x00ca]);
    expect(hex(alerts[1]!.content)).toMatch(/^30..0203008F66180F[0-9A-F]{30}0420/);
    expect(alerts[1]!.recipient).toBe(SUPPLIER_EUI);
    world.nowMs = at;
    expect(version()).not.toEqual(before);
    expect(version()).toEqual({ type: 'octet-string', value: Uint8Array.from(Buffer.from(versionHex(NEW_VERSION), 'hex')) });
  });

  it('CS06 cancellation (9999-12-31T23:59:59Z) cancels the pending activation: no alert, no change at T', () => {
    const { world, activate, version } = esme();
    const img = image(world.keys);
    transfer(world.firmware, 0, img.bytes, world.nowMs + 1000);
    const before = version();
    const at = world.nowMs + 3_600_000;
    activate(activateFirmwareContent(img.hash, at));
    expect(hex(activate(activateFirmwareContent(img.hash, CANCEL_EXECUTION_MS)).out[0]!.envelope.content)).toBe('020100');
    expect(world.firmware.advanceTime(0, at + 1000)).toBe(Status.OK);
    expect(world.firmware.drainOutbox()).toHaveLength(0);
    world.nowMs = at + 1000;
    expect(version()).toEqual(before);
  });

  it('an image the manufacturer did not sign, or one altered in transit, fails verification: 0x8F1C, nothing held', () => {
    const { world, activate } = esme();
    const unsigned = image(new TestPki(99n, createNodeProvider()));
    // Signed by another key: the verification uses the manufacturer key the device was built with.
    const { out } = transfer(world.firmware, 0, unsigned.bytes, world.nowMs + 1000);
    const failed = world.headEnd.open(out[0]!.bytes).envelope;
    expect(failed.otherInfo.messageCode).toBe(0x1000);
    expect(hex(failed.content)).toContain('128F1C');
    expect(hex(activate(activateFirmwareContent(unsigned.hash)).out[0]!.envelope.content)).toBe('020101');
    const altered = image(world.keys);
    altered.bytes[100] ^= 0xff;
    const second = transfer(world.firmware, 0, altered.bytes, world.nowMs + 1000).out.map((m) => hex(world.headEnd.open(m.bytes).envelope.content));
    expect(second[0]).toContain('128F1C');
  });

  it('blocks out of order or beyond the image are refused and change nothing', () => {
    const { world } = esme();
    const img = image(world.keys);
    const at = world.nowMs + 1000;
    expect(world.firmware.deliverMessage(0, 'LOCAL', firmwareBlockInput(64, img.bytes.subarray(64, 128)), at)).toBe(Status.BAD_INPUT);
    expect(world.firmware.deliverMessage(0, 'LOCAL', firmwareBlockInput(0, img.bytes.subarray(0, 40)), at)).toBe(Status.IMAGE_INVALID);
    expect(world.firmware.deliverMessage(0, 'LOCAL', firmwareBlockInput(0, img.bytes.subarray(0, 64)), at)).toBe(Status.OK);
    expect(world.firmware.deliverMessage(0, 'LOCAL', firmwareBlockInput(128, img.bytes.subarray(128, 192)), at)).toBe(Status.BAD_INPUT);
    for (let offset = 64; offset < img.bytes.length; offset += BLOCK) {
      expect(world.firmware.deliverMessage(0, 'LOCAL', firmwareBlockInput(offset, img.bytes.subarray(offset, offset + BLOCK)), at)).toBe(Status.OK);
    }
    expect(world.headEnd.open(world.firmware.drainOutbox()[0]!.bytes).envelope.otherInfo.messageCode).toBe(0x00ce);
  });
});

describe('CS06 and GCS38 Read Firmware Version on the GSME', () => {
  // One Read Attributes component: OTA Upgrade cluster 0x0019, attribute 0x0002 CurrentFileVersion.
  const gcs38 = () => Uint8Array.from(Buffer.from('01090101001900050001000200', 'hex'));

  it('FDRA-ZigBee 0x8F72 (0x00CF, `09 20` + hash); CS06 activates; GCS38 answers CurrentFileVersion', () => {
    const world = createHanWorld('GSME');
    const img = image(world.keys);
    for (let offset = 0; offset < img.bytes.length; offset += BLOCK) {
      expect(world.local(firmwareBlockInput(offset, img.bytes.subarray(offset, offset + BLOCK)))).toBe(Status.OK);
    }
    const receipt = world.advance(world.now() + 1000).out;
    expect(receipt).toHaveLength(1);
    expect(receipt[0]!.envelope.otherInfo.messageCode).toBe(0x00cf);
    expect(hex(receipt[0]!.envelope.content)).toMatch(new RegExp(`^0109018F72[0-9A-F]{8}0920${hex(img.hash)}$`));
    const unread = world.send(SUPPLIER_EUI, GCS38, () => gcs38());
    expect(hex(unread.out[0]!.envelope.content)).toContain('020086'); // UNSUPPORTED_ATTRIBUTE before any activation
    const reply = world.send(SUPPLIER_EUI, CS06, () => activateFirmwareContent(img.hash));
    expect(hex(reply.out[0]!.envelope.content)).toBe('020100');
    expect(reply.out[1]!.envelope.otherInfo.messageCode).toBe(0x1000);
    expect(hex(reply.out[1]!.envelope.content)).toMatch(/^0109008F43/);
    const read = world.send(SUPPLIER_EUI, GCS38, () => gcs38());
    const le = Buffer.alloc(4);
    le.writeUInt32LE(NEW_VERSION);
    expect(hex(read.out[0]!.envelope.content)).toContain(`02000023${le.toString('hex').toUpperCase()}`);
  });
});
