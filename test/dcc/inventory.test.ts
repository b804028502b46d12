// Smart Metering Inventory through non-device requests (issue 9 point 5, dcc.md 9, 14 #17, #23):
// pre-notification adds a Pending device, Read Inventory reports it, Update Inventory deletes a
// Pending device only, decommissioning is terminal for device commands, and 12.2 of a known device
// is EX-DEVICE-EXISTS.

import { describe, expect, it } from 'vitest';
import { prepareRequest, type PrepareOptions } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, referenceEstate } from '../../host/dcc/reference-estate.js';
import { DccService } from '../../host/dcc/service.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { createDccRuntime } from '../../host/dcc/server/create-runtime.js';
import { keystore, provider, readTemplate } from './fixture.js';

const ESME1 = '00-DB-12-34-56-78-90-A0';
const ESME2 = '00-DB-12-34-56-78-90-B0';

function setup() {
  const service = new DccService({ keys: keystore, provider, clock: () => ESTATE_CLOCK_MS, encoders: ENCODERS, state: referenceEstate() });
  let counter = 10_000n;
  const send = (template: string, endpoint: 'serviceD' | 'serviceS', opts: PrepareOptions & { device?: string } = {}) => {
    let xml = readTemplate(template);
    if (opts.device) xml = xml.replace(/<sr:DeviceID>[^<]+</, `<sr:DeviceID>${opts.device}<`);
    const signer = /<sr:RequestID>([0-9A-F-]+):/.exec(xml)![1]!.replace(/-/g, '');
    return service.handle(endpoint, prepareRequest(xml, service.signers.signingKey(signer)!, provider, { counter: counter++, ...opts }));
  };
  return { service, send };
}

describe('SMI transitions (dcc.md 9.3)', () => {
  it('#17: 12.2 adds ESME2 Pending, 8.2 shows it, 8.4 deletes it; 8.4 on the Commissioned ESME1 is E5', () => {
    const { service, send } = setup();
    expect(send('12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML', 'serviceD', { device: ESME2 }).code).toBe('I99');
    expect(service.state.devices.get(ESME2)).toMatchObject({ deviceType: 'ESME', status: 'Pending' });
    const read = send('8.2_READ_INVENTORY_REQUEST_DUIS.XML', 'serviceD', { device: ESME2 });
    expect(read.code).toBe('I0');
    expect(read.body).toContain('<sr:DeviceStatus>Pending</sr:DeviceStatus>');
    expect(send('8.4_UPDATE_INVENTORY_REQUEST_DUIS.XML', 'serviceD', { device: ESME2 }).code).toBe('I99');
    expect(service.state.devices.has(ESME2)).toBe(false);
    expect(send('8.4_UPDATE_INVENTORY_REQUEST_DUIS.XML', 'serviceD', { device: ESME1 }).code).toBe('E5');
  });

  it('12.2 naming a device already in the SMI is EX-DEVICE-EXISTS', () => {
    const { send } = setup();
    expect(send('12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML', 'serviceD').code).toBe('EX-DEVICE-EXISTS');
  });

  it('#23: 8.3 decommissions ESME1; a later device command is E5 and a second 8.3 too', () => {
    const { service, send } = setup();
    expect(send('8.3_DECOMMISSION_DEVICE_REQUEST_DUIS.XML', 'serviceD').code).toBe('I99');
    expect(service.state.devices.get(ESME1)!.status).toBe('Decommissioned');
    expect(send('ECS17a_4.2_SUCCESS_REQUEST_DUIS.XML', 'serviceS').code).toBe('E5');
    expect(send('8.3_DECOMMISSION_DEVICE_REQUEST_DUIS.XML', 'serviceD').code).toBe('E5');
  });

  it('8.14.1 installs a Pending CHF (InstalledNotCommissioned); 8.6 opts a Withdrawn ESME back in with its MPxNs', () => {
    const { service, send } = setup();
    service.state.devices.get('00-DB-12-34-56-78-90-A2')!.status = 'Pending';
    expect(send('8.14.1_COMMUNICATIONS_HUB_STATUS_UPDATE_INSTALL_SUCCESS_REQUEST_DUIS.XML', 'serviceD').code).toBe('I99');
    expect(service.state.devices.get('00-DB-12-34-56-78-90-A2')!.status).toBe('InstalledNotCommissioned');
    service.state.devices.get(ESME1)!.status = 'Withdrawn';
    expect(send('8.6_SERVICE_OPTIN_REQUEST_DUIS.XML', 'serviceD').code).toBe('I99');
    expect(service.state.devices.get(ESME1)).toMatchObject({ status: 'Commissioned', mpxns: ['1312345678111', '1312345678222', '1312345678333'] });
  });

  it('#18: 8.11 (CCS01) to the CHF adding the Pending ESME2: the CHF answers, ESME2 is Whitelisted and the supplier gets N24', async () => {
    const runtime = createDccRuntime({ keys: keystore, provider, startMs: ESTATE_CLOCK_MS, post: async () => 'ok', callbackUrl: 'http://127.0.0.1:9/unused' });
    const key = runtime.service.signers.signingKey('90B3D51F30010000')!;
    const prenotify = readTemplate('12.2_DEVICE_PRE_NOTIFICATION_REQUEST_DUIS.XML').replace(/<sr:DeviceID>[^<]+</, `<sr:DeviceID>${ESME2}<`);
    expect(runtime.handle('serviceD', prepareRequest(prenotify, key, provider, { counter: 20_000n })).code).toBe('I99');
    const add = readTemplate('CCS01_8.11_SUCCESS_REQUEST_DUIS.XML').replace(/<sr:DeviceID>[^<]+</, `<sr:DeviceID>${ESME2}<`);
    // The Commissioned ESME1 cannot be added (it is not Pending): E5.
    expect(runtime.handle('serviceS', prepareRequest(readTemplate('CCS01_8.11_SUCCESS_REQUEST_DUIS.XML'), key, provider, { counter: 20_001n })).code).toBe('E5');
    expect(runtime.handle('serviceS', prepareRequest(add, key, provider, { counter: 20_002n })).code).toBe('I99');
    const alerts: string[] = [];
    runtime.callbacks.observer = (e) => { if (e.outcome === 'delivered') alerts.push(e.requestId); };
    await runtime.advanceTo(ESTATE_CLOCK_MS + 60_000);
    expect(runtime.service.state.devices.get(ESME2)!.status).toBe('Whitelisted');
    const n24 = runtime.service.state.events.find((e) => e.kind === 'DCC_ALERT' && e.responseCode === 'N24');
    expect(n24).toMatchObject({ userId: '90-B3-D5-1F-30-01-00-00', detail: `UpdateHANDeviceLogResult: ${ESME2} added` });
    expect(alerts).toContain(n24!.requestId);
  });
});
