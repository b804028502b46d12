// CS05c PPMID firmware distribution (SR 11.4; devices 8.1, 9): the PPMID pulls an (unsigned) image
// from the hub, checks its hash as it arrives, activates it on its own and tells the ACB with CS09
// 0x8F8B carrying the new version; CS08 then reads that version.
import { describe, expect, it } from 'vitest';
import { buildFirmwareImage } from '../../host/firmware-image.js';
import { firmwareBlockInput } from '../../host/firmware-inputs.js';
import { ACB_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { createHanWorld } from '../helpers/han-fixture.js';

const CS08 = 0x0129;
const VIA_ACB = { supplementaryRemotePartyId: SUPPLIER_EUI, supplementaryRemotePartyCounter: 1000n };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('CS05c PPMID firmware distribution, CS09 and CS08', () => {
  it('the last block activates the image: CS09 {0x8F8B, time, version, 0}; CS08 reads the new version', () => {
    const world = createHanWorld('PPMID');
    const image = buildFirmwareImage(createNodeProvider(), { manufacturer: 0x121d, imageType: 0x84, fileVersion: 0x1234abce, body: new Uint8Array(235).fill(0x5f) });
    let status = Status.OK;
    for (let offset = 0; offset < image.bytes.length; offset += 64) status = world.local(firmwareBlockInput(offset, image.bytes.subarray(offset, offset + 64)));
    expect(status).toBe(Status.OK);
    const alerts = world.firmware.drainOutbox().map((m) => world.headEnd.open(m.bytes).envelope);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.otherInfo.messageCode).toBe(0x012b);
    expect(alerts[0]!.recipient).toBe(ACB_EUI);
    expect(hex(alerts[0]!.content)).toMatch(/^301F0203008F8B180F[0-9A-F]{30}04041234ABCE020100$/);
    expect(hex(world.send(ACB_EUI, CS08, () => Uint8Array.of(0x05, 0x00), VIA_ACB).out[0]!.envelope.content)).toBe('300904041234ABCE020100');
  });
});
