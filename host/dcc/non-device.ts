import { findTexts } from './access-control.js';
import type { DuisRequest } from './duis/request.js';
import type { DeviceRecord, SmiStatus } from './inventory.js';
import type { DccService, SyncReply } from './service.js';
import { handleSchedule } from './dsp-scheduler.js';
import { handleFirmwareUpdate } from './firmware-update.js';
import { el, indented, textEl } from './xml/xml-write.js';
import { childByLocalName, textOf, type XmlElement } from './xml/xml-tree.js';
import type { DeviceType } from '../../gbcs/tables/message-codes.js';

// Non-device Service Requests (CV 8, dcc.md 5.1, 9.3, 10): the inventory transitions they cause
// and their synchronous replies. Access control (including the SMI status rule of 9.3) has run.
// SRVs listed in NON_DEVICE_NOT_SUPPORTED answer EX-NOT-SUPPORTED and change nothing.

/** Non-device SRVs this emulator does not implement yet (WAN matrix). */
export const NON_DEVICE_NOT_SUPPORTED: readonly string[] = ['12.1'];

const DEVICE_TYPES: readonly DeviceType[] = ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS'];

function setStatus(device: DeviceRecord, status: SmiStatus, nowMs: number): void {
  device.status = status;
  device.statusChangedAtMs = nowMs;
}

function bodyText(body: XmlElement, local: string): string | undefined {
  const child = childByLocalName(body, local);
  return child ? textOf(child).trim() : undefined;
}

function inventoryEntry(d: DeviceRecord): XmlElement {
  return el('sr:Device', [], indented([
    textEl('sr:DeviceID', d.deviceId),
    textEl('sr:DeviceType', d.deviceType),
    // DUIS writes statuses with spaces (dcc.md 9.2).
    textEl('sr:DeviceStatus', d.status.replace(/([a-z])([A-Z])/g, '$1 $2')),
  ], 5));
}

export function handleNonDevice(service: DccService, request: DuisRequest, nowMs: number): SyncReply {
  const id = request.requestId.text;
  const state = service.state;
  const srv = request.srv;
  if (NON_DEVICE_NOT_SUPPORTED.includes(srv)) return service.reply(id, 'EX-NOT-SUPPORTED');
  if (srv === '5.1' || srv === '5.2' || srv === '5.3') return handleSchedule(service, request, nowMs);
  if (srv === '11.1' || srv === '11.4') return handleFirmwareUpdate(service, request, nowMs);
  const deviceIds = findTexts(request.body, 'DeviceID');
  const device = deviceIds[0] === undefined ? undefined : state.devices.get(deviceIds[0]);
  switch (srv) {
    case '8.2': {
      const devices = deviceIds.flatMap((d) => (state.devices.has(d) ? [state.devices.get(d)!] : []));
      service.acceptCounter(request);
      return service.reply(id, 'I0', { kind: 'xml', srv, elements: devices.map(inventoryEntry) });
    }
    case '12.2': {
      const type = bodyText(request.body, 'DeviceType') as DeviceType | undefined;
      if (deviceIds[0] === undefined || type === undefined || !DEVICE_TYPES.includes(type)) return service.reply(id, 'E120201');
      const esmeVariant = bodyText(request.body, 'ESMEVariant');
      state.devices.set(deviceIds[0], { deviceId: deviceIds[0], deviceType: type, status: 'Pending', statusChangedAtMs: nowMs, mpxns: [], ...(esmeVariant ? { esmeVariant } : {}) });
      break;
    }
    case '8.3':
      setStatus(device!, 'Decommissioned', nowMs);
      break;
    case '8.4':
      if (childByLocalName(request.body, 'DeleteDevice')) state.devices.delete(device!.deviceId);
      break;
    case '8.6': {
      const mpxns = findTexts(request.body, 'ImportMPxN').concat(findTexts(request.body, 'SecondaryImportMPAN'), findTexts(request.body, 'ExportMPAN'));
      if (mpxns.length > 0) device!.mpxns = mpxns;
      setStatus(device!, 'Commissioned', nowMs);
      break;
    }
    case '8.14.1':
    case '8.14.2':
      setStatus(device!, 'InstalledNotCommissioned', nowMs);
      break;
    case '8.14.3':
    case '8.14.4':
      setStatus(device!, 'Decommissioned', nowMs);
      break;
    case '8.13': {
      const original = bodyText(request.body, 'OriginalRequestID');
      const response = bodyText(request.body, 'DeviceGBCSResponse');
      if (!original || !response) return service.reply(id, 'E12');
      service.acceptCounter(request);
      service.onDeviceMessage(new Uint8Array(Buffer.from(response, 'base64')));
      return service.reply(id, 'I99');
    }
    default:
      return service.reply(id, 'EX-NOT-SUPPORTED');
  }
  service.acceptCounter(request);
  return service.reply(id, 'I99');
}
