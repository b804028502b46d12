import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { Firmware, type FirmwareBuild } from '../../host/firmware.js';
import { HeadEnd } from '../../host/head-end.js';
import { LookupKeyring } from '../../host/keyring.js';
import { ACB_EUI, DEFAULT_START_MS, PREMISES_PARTIES } from '../../host/premises.js';
import { provisioningRecord } from '../../host/provisioning.js';
import { SecureElement } from '../../host/secure-element.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { DEVICE_TYPES, Status } from '../../host/status.js';

// One firmware instance with ESMEs provisioned like the default premises, and the head-end
// that talks to them: the common starting point of the firmware tests.

export const PARTIES = PREMISES_PARTIES;

export function esmeEui(slot: number): string {
  return `00DB${slot.toString(16).toUpperCase().padStart(12, '0')}`;
}

export function createEsmeWorld(options: { devices?: number; build?: FirmwareBuild; seed?: bigint } = {}) {
  const provider = createNodeProvider();
  const keys = new TestPki(options.seed ?? 7n, provider, { organisations: PARTIES });
  const secureElement = new SecureElement(provider);
  const firmware = new Firmware(secureElement, options.build ?? 'debug');
  const headEnd = new HeadEnd(provider, keys, ACB_EUI);
  const nowMs = DEFAULT_START_MS;
  for (let slot = 0; slot < (options.devices ?? 1); slot++) {
    secureElement.attach(slot, new LookupKeyring(provider, keys, esmeEui(slot), PARTIES.map((p) => p.eui)));
    const status = firmware.createDevice(slot, DEVICE_TYPES.ESME, nowMs, provisioningRecord(esmeEui(slot), PARTIES));
    if (status !== Status.OK) throw new Error(`createDevice ${slot} -> ${status}`);
  }
  return { provider, keys, secureElement, firmware, headEnd, nowMs };
}

/** A consumption increment as the LOCAL channel carries it. */
export function consumption(importWh: number, exportWh = 0, importVarh = 0, exportVarh = 0): Uint8Array {
  const bytes = new Uint8Array(17);
  const view = new DataView(bytes.buffer);
  bytes[0] = 1;
  view.setInt32(1, importWh, true);
  view.setInt32(5, exportWh, true);
  view.setInt32(9, importVarh, true);
  view.setInt32(13, exportVarh, true);
  return bytes;
}
