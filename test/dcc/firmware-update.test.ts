// Firmware update by service request (issue 9 point 5; dcc.md 10.7, devices 9): the supplier sends
// SR 11.1 with an OTA image for its ESME and GSME; the DCC hands it to their hub, which stores it
// and lets both pull it over the HAN; each verifies it (0x8F72 to the supplier) and the supplier
// hears how each distribution ended (DCC-FW). SR 11.3 (CS06, critical: pre-command signed by the
// User) activates it on the ESME at once and on the GSME at a future time; SR 11.2 (ECS52, GCS38)
// then reads the new version from both. A bad image and a PPMID in 11.1 are refused and change nothing.
import { describe, expect, it } from 'vitest';
import { encodeEnvelope, parseEnvelope } from '../../gbcs/envelope.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { SecurityContext, signEnvelope } from '../../gbcs/security.js';
import { REFERENCE_PARTIES, REFERENCE_TEST_PKI_SEED } from '../../host/conformance/reference-keyring.js';
import { EmulatedFleet } from '../../host/dcc/fleet-gateway.js';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, referenceEstate, SUPPLIER } from '../../host/dcc/reference-estate.js';
import { DccService } from '../../host/dcc/service.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { buildFirmwareImage, versionHex } from '../../host/firmware-image.js';
import { keystore, provider, readTemplate } from './fixture.js';

const ESME = '00-DB-12-34-56-78-90-A0';
const GSME = '00-DB-12-34-56-78-90-A1';
const PPMID = '00-DB-12-34-56-78-90-A4';
const CHF = '00-DB-12-34-56-78-90-A2';
const NEW_VERSION = 0x02000105;
const MINUTE_MS = 60_000;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const field = (xml: string, local: string) => new RegExp(`<sr:${local}>([^<]*)<`).exec(xml)?.[1] ?? '';

function estate() {
  const clock = { nowMs: ESTATE_CLOCK_MS };
  const fleet = new EmulatedFleet(provider, keystore);
  const service = new DccService({ keys: keystore, provider, clock: () => clock.nowMs, encoders: ENCODERS, state: referenceEstate(), gateway: fleet });
  for (const d of service.state.devices.untrackedValues()) fleet.addDevice(d.deviceId, d.deviceType, clock.nowMs);
  for (const d of service.state.devices.untrackedValues()) if (d.chfId) fleet.logHanDevice(d.chfId, d.deviceId, d.deviceType, clock.nowMs);
  const key = service.signers.signingKey(SUPPLIER.replace(/-/g, ''))!;
  let counter = 7_000_000n;
  const advance = (toMs: number) => {
    while (fleet.step(toMs, (b) => service.onDeviceMessage(b)));
    clock.nowMs = toMs;
    fleet.advanceDevices(toMs);
    while (fleet.step(toMs, (b) => service.onDeviceMessage(b)));
  };
  const request = (template: string, edit: (xml: string) => string, target?: string) => {
    let xml = edit(readTemplate(template)).replace(/<sr:RequestID>[^:]+:/, `<sr:RequestID>${SUPPLIER}:`); // the supplier sends them all
    if (target) xml = xml.replace(/(<sr:RequestID>[^:]+:)[^:]+(:)/, `$1${target}$2`);
    return prepareRequest(xml, key, provider, { counter: ++counter });
  };
  /** A non-critical device request (CV 1) or a critical one (CV 4, the User signs the pre-command, CV 5); the device's response content. */
  const deviceRequest = (xml: string, critical: boolean) => {
    let reply = service.handle(critical ? 'serviceT' : 'serviceS', xml);
    if (critical) {
      expect(reply.code).toBe('I0');
      const pre = parseEnvelope(new Uint8Array(Buffer.from(field(reply.body, 'GBCSPayload'), 'base64')));
      const signed = encodeEnvelope({ ...signEnvelope(pre, new SecurityContext({ keystore, provider })), kind: 'general-signing' });
      const body = `<sr:SignedPreCommand xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:GBCSPayload>${Buffer.from(signed).toString('base64')}</sr:GBCSPayload></sr:SignedPreCommand>`;
      reply = service.handle('serviceS', prepareRequest(xml, key, provider, { cv: 5, bodyXml: body }));
    }
    expect(reply.code).toBe('I99');
    advance(clock.nowMs + MINUTE_MS);
    const out = service.takeOutbound();
    const response = out.find((o) => o.requestId === field(xml, 'RequestID'));
    expect(response, 'the device response reached the User').toBeDefined();
    return { content: parseEnvelope(new Uint8Array(Buffer.from(field(response!.xml, 'GBCSPayload'), 'base64'))).content, others: out.filter((o) => o !== response) };
  };
  return { clock, fleet, service, request, deviceRequest, advance };
}

const withImage = (image: Uint8Array, devices: string) => (xml: string) => xml
  .replace(/<sr:FirmwareImage>[^<]*</, `<sr:FirmwareImage>${Buffer.from(image).toString('base64')}<`)
  .replace(/<sr:DeviceIDList>[^<]*</, `<sr:DeviceIDList>${devices}<`);
const withHash = (hash: Uint8Array, at?: string) => (xml: string) => xml
  .replace(/<sr:FirmwareHash>[^<]*</, `<sr:FirmwareHash>${hex(hash)}<`)
  .replace(/<sr:ExecutionDateTime>[^<]*</, `<sr:ExecutionDateTime>${at ?? ''}<`);

describe('firmware update by service request (SR 11.1, 11.3, 11.2)', () => {
  const manufacturerKeys = new TestPki(REFERENCE_TEST_PKI_SEED, provider, { organisations: REFERENCE_PARTIES });
  const image = buildFirmwareImage(provider, { manufacturer: 0x121d, imageType: 0, fileVersion: NEW_VERSION, body: new Uint8Array(900).fill(0x3c), headerString: 'emulated ESME/GSME image' }, manufacturerKeys);

  it('11.1 distributes, 11.3 activates (ESME now, GSME future-dated), 11.2 reads the new version on both', () => {
    const e = estate();
    const readEsme = () => e.deviceRequest(e.request('ECS52_11.2_SUCCESS_REQUEST_DUIS.XML', (x) => x), false).content;
    const readGsme = () => e.deviceRequest(e.request('GCS38_11.2_SUCCESS_REQUEST_DUIS.XML', (x) => x), false).content;
    const esmeBefore = hex(readEsme());

    const update = e.service.handle('serviceD', e.request('11.1_UPDATE_FIRMWARE_REQUEST_DUIS.XML', withImage(image.bytes, `${ESME} ${GSME}`)));
    expect(update.code).toBe('I99');
    const distribution = e.service.takeOutbound();
    const results = distribution.filter((o) => o.xml.includes('FirmwareDistributionResult')).map((o) => /FirmwareDistributionResult: (\S+) (\w+)/.exec(o.xml)!.slice(1));
    expect(results).toEqual([[ESME, 'delivered'], [GSME, 'delivered']]);
    e.advance(e.clock.nowMs + MINUTE_MS);
    // The devices' receipts (0x8F72) and the hub's CCS08 come back over the WAN.
    const alerts = e.service.takeOutbound().map((o) => o.xml);
    const toSupplier = alerts.map((a) => [field(a, 'RequestID').split(':').slice(0, 2).join(':'), field(a, 'AlertCode')]).filter(([id]) => id!.endsWith(SUPPLIER));
    expect(toSupplier).toEqual([[`${ESME}:${SUPPLIER}`, '8F72'], [`${CHF}:${SUPPLIER}`, '8F8A'], [`${GSME}:${SUPPLIER}`, '8F72'], [`${CHF}:${SUPPLIER}`, '8F8A']]);

    const esmeNow = e.deviceRequest(e.request('CS06_11.3_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML', withHash(image.hash), ESME), true);
    expect(hex(esmeNow.content)).toBe('020100');
    const at = new Date(e.clock.nowMs + 60 * MINUTE_MS).toISOString().replace(/\.\d{3}Z$/, '.00Z');
    const gsmeLater = e.deviceRequest(e.request('CS06_11.3_FUTURE_DATED_SUCCESS_REQUEST_DUIS.XML', withHash(image.hash, at), GSME), true);
    expect(hex(gsmeLater.content)).toBe('020100');
    expect(hex(readGsme())).toContain('020086'); // before its time: CurrentFileVersion not held yet (UNSUPPORTED_ATTRIBUTE)

    const esmeAfter = hex(readEsme());
    expect(esmeAfter).not.toBe(esmeBefore);
    expect(esmeAfter).toContain(`0904${versionHex(NEW_VERSION)}`);
    e.advance(Date.parse(at) + MINUTE_MS);
    e.service.takeOutbound();
    const le = Buffer.alloc(4);
    le.writeUInt32LE(NEW_VERSION);
    expect(hex(readGsme())).toContain(`02000023${hex(le)}`);
  });

  it('refusals change nothing: a corrupt image (E110101), a PPMID in 11.1 (E11), an unknown device (E19); no distribution, no alert', () => {
    const e = estate();
    const corrupt = image.bytes.slice(0, image.bytes.length - 1);
    expect(e.service.handle('serviceD', e.request('11.1_UPDATE_FIRMWARE_REQUEST_DUIS.XML', withImage(corrupt, ESME))).code).toBe('E110101');
    expect(e.service.handle('serviceD', e.request('11.1_UPDATE_FIRMWARE_REQUEST_DUIS.XML', withImage(image.bytes, PPMID))).code).toBe('E11');
    expect(e.service.handle('serviceD', e.request('11.1_UPDATE_FIRMWARE_REQUEST_DUIS.XML', withImage(image.bytes, '00-DB-12-34-56-78-90-FF'))).code).toBe('E19');
    e.advance(e.clock.nowMs + MINUTE_MS);
    expect(e.service.takeOutbound()).toEqual([]);
    // Nothing was held: activation finds no image.
    expect(hex(e.deviceRequest(e.request('CS06_11.3_IMMEDIATE_SUCCESS_REQUEST_DUIS.XML', withHash(image.hash), ESME), true).content)).toBe('020101');
  });

  it('11.4 distributes a PPMID image; the PPMID activates it on its own (CS09) and CS08 reads the new version', () => {
    const e = estate();
    const ppmidImage = buildFirmwareImage(provider, { manufacturer: 0x121d, imageType: 0x84, fileVersion: 0x1234abce, body: new Uint8Array(235).fill(0x5f) });
    const update = e.service.handle('serviceD', e.request('11.4_UPDATE_PPMID_FIRMWARE_REQUEST_DUIS.XML', withImage(ppmidImage.bytes, PPMID)));
    expect(update.code).toBe('I99');
    expect(e.service.takeOutbound().some((o) => o.xml.includes(`FirmwareDistributionResult: ${PPMID} delivered`))).toBe(true);
    e.advance(e.clock.nowMs + MINUTE_MS);
    e.service.takeOutbound();
    expect(hex(e.deviceRequest(e.request('CS08_11.2_SUCCESS_REQUEST_DUIS.XML', (x) => x), false).content)).toBe('300904041234ABCE020100');
  });

  it('the hub named in the inventory is the one that stores the image', () => {
    const e = estate();
    expect(e.service.state.devices.get(ESME)!.chfId).toBe(CHF);
    expect(e.fleet.slots.has(CHF)).toBe(true);
  });
});
