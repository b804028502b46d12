// Device messages coming back to the DCC (dcc.md 5.4, 7.1): an alert is routed to the registered
// supplier of the device's MPxN as a DUIS DeviceAlertMessage carrying the GBCS alert code found in
// the payload; an unmatched response is logged as an orphan and sent to no one.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHexFile } from '../../host/conformance/reference-files.js';
import { alertCodeOf } from '../../host/dcc/device-messages.js';
import { ESTATE_CLOCK_MS, referenceEstate, SUPPLIER } from '../../host/dcc/reference-estate.js';
import { DccService } from '../../host/dcc/service.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { keystore, provider, RTDS_DIR } from './fixture.js';

const ALERT = join(RTDS_DIR, '1.6_ECS02', 'ECS02_1.6_8F66_FUTURE_DATED_TWIN_SUCCESS_ALERT_PAYMENT_MODE_GBCS.HEX');
const RESPONSE = join(RTDS_DIR, '4.2_ECS17a', 'ECS17a_4.2_SUCCESS_RESPONSE_GBCS.HEX');

describe('device alerts and responses', () => {
  it('finds the alert code in the payload (8F66 future-dated execution)', () => {
    expect(alertCodeOf(readHexFile(ALERT))).toBe(0x8f66);
  });

  it('routes an ESME alert to the import supplier with a numbered alert RequestID', () => {
    const service = new DccService({ keys: keystore, provider, clock: () => ESTATE_CLOCK_MS, encoders: ENCODERS, state: referenceEstate() });
    service.onDeviceMessage(readHexFile(ALERT));
    const out = service.takeOutbound();
    expect(out.map((o) => o.userId)).toEqual([SUPPLIER, '90-B3-D5-1F-30-01-00-08']);
    expect(out[0]!.requestId).toBe(`00-DB-12-34-56-78-90-A0:${SUPPLIER}:1`);
    expect(out[0]!.xml).toContain('<sr:AlertCode>8F66</sr:AlertCode>');
  });

  it('logs a response no request is waiting for as an orphan', () => {
    const service = new DccService({ keys: keystore, provider, clock: () => ESTATE_CLOCK_MS, encoders: ENCODERS, state: referenceEstate() });
    service.onDeviceMessage(readHexFile(RESPONSE));
    expect(service.takeOutbound()).toEqual([]);
    expect(service.state.events.at(-1)!.detail).toBe('orphan: no pending request');
  });
});
