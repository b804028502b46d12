import { otaHeaderFields } from '../firmware-image.js';
import { findTexts } from './access-control.js';
import { queueDccAlert } from './anomaly/anomaly-service.js';
import type { DuisRequest } from './duis/request.js';
import { statusAllows } from './inventory.js';
import type { DccService, SyncReply } from './service.js';

// SR 11.1 Update Firmware and SR 11.4 Update PPMID Firmware (CV 8, dcc.md 10.7): the body carries
// an OTA image (`FirmwareImage`, base64) and the devices it is for (`DeviceIDList`). The DCC
// checks the image and the devices, answers I99, and hands the image to the hub of each device's
// premises (GBCS CS05a/b/c: the file-distribution path, not a Remote Party message), which stores it
// and lets the devices pull it over the HAN (assembly/chf/firmware-store.ts). The requesting User
// gets one DCC-FW alert per device with how its distribution ended (dcc.md 7.3 [A]); the device's
// own verification alert (0x8F72 / 0x8F1C) reaches its supplier as any device alert does.
// Refusals change nothing: an image that is not an OTA upgrade file of its declared size E`11rr01`
// [A, dcc.md 5.3 SRV-specific code], an empty list E`11rr02`, an unknown device E19, a device
// not Commissioned / Suspended E5 (9.3), a PPMID in 11.1 or anything but a PPMID in 11.4 E11.

export const DCC_ALERT_FIRMWARE = 'DCC-FW';

export interface FirmwareDistributionOutcome {
  deviceId: string;
  delivered: boolean;
  detail: string;
}

/** What the device gateway offers for 11.1 / 11.4 (host/dcc/fleet-gateway.ts implements it). */
export interface FirmwareDistributor {
  distributeFirmware(chfId: string, deviceIds: readonly string[], image: Uint8Array, nowMs: number): FirmwareDistributionOutcome[];
}

function hasDistributor(gateway: unknown): gateway is FirmwareDistributor {
  return typeof (gateway as Partial<FirmwareDistributor> | undefined)?.distributeFirmware === 'function';
}

export function handleFirmwareUpdate(service: DccService, request: DuisRequest, nowMs: number): SyncReply {
  const id = request.requestId.text;
  const srvCode = request.srv === '11.4' ? '1104' : '1101';
  const image = Buffer.from((findTexts(request.body, 'FirmwareImage')[0] ?? '').replace(/\s+/g, ''), 'base64');
  const header = otaHeaderFields(image);
  if (!header || header.totalBytes !== image.length) return service.reply(id, `E${srvCode}01`);
  const deviceIds = findTexts(request.body, 'DeviceIDList').flatMap((t) => t.split(/[\s,]+/)).filter((t) => t !== '');
  if (deviceIds.length === 0) return service.reply(id, `E${srvCode}02`);
  const devices = [];
  for (const deviceId of deviceIds) {
    const device = service.state.devices.get(deviceId);
    if (!device) return service.reply(id, 'E19');
    if (!statusAllows(request.srv, device.status)) return service.reply(id, 'E5');
    if ((device.deviceType === 'PPMID') !== (request.srv === '11.4')) return service.reply(id, 'E11');
    devices.push(device);
  }
  service.acceptCounter(request);
  const byHub = new Map<string, string[]>();
  for (const d of devices) {
    const hub = d.deviceType === 'CHF' ? d.deviceId : d.chfId ?? '';
    byHub.set(hub, [...(byHub.get(hub) ?? []), d.deviceId]);
  }
  const gateway = service.options.gateway;
  const userId = request.requestId.originator;
  for (const [hub, ids] of byHub) {
    const outcomes = hub !== '' && hasDistributor(gateway)
      ? gateway.distributeFirmware(hub, ids, new Uint8Array(image), nowMs)
      : ids.map((deviceId) => ({ deviceId, delivered: false, detail: hub === '' ? 'no hub known for the device' : 'no path to the hub' }));
    for (const o of outcomes) {
      const code = service.config.dccAlertCodes[DCC_ALERT_FIRMWARE] ?? DCC_ALERT_FIRMWARE;
      queueDccAlert(service, userId, code, `FirmwareDistributionResult: ${o.deviceId} ${o.delivered ? 'delivered' : 'failed'} (${o.detail})`, id, o.deviceId);
    }
  }
  return service.reply(id, 'I99');
}
