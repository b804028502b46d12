import { activateFirmwareContent, buildFirmwareImage, type FirmwareImage } from '../firmware-image.js';
import type { FirmwareUpdate } from '../scenario/scenario.js';
import { Status, statusName } from '../status.js';
import { distributeFirmware } from './firmware-distribution.js';
import { useCaseCounts } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';
import { MESSAGE_CODE } from './remote-commands.js';
import { HOUR_MS } from './uk-time.js';
import { SUPPLIER_EUI } from './world-context.js';

// The scenario's firmware updates (`firmwareUpdates`, devices 9, dcc.md 10.7): at `at` the DCC
// hands the hub an image for the premises' meters (SR 11.1; firmware-distribution.ts carries it
// over the HAN), and `activateAfterHours` later the supplier sends each target CS06 with the
// image's hash (a GSME's waits at the hub for its wake). The image is made from the update's
// fields alone (OTA header, a body pattern, the test-PKI manufacturer's signature), so it is the
// same whenever it is rebuilt: the activation recomputes its hash instead of keeping it.

const MANUFACTURER_CODE = 0x121d;
const IMAGE_TYPE = 0x0000;

export function firmwareImageOf(w: PremisesWorld, u: FirmwareUpdate, index: number): FirmwareImage {
  const body = Uint8Array.from({ length: u.imageBytes }, (_, i) => (i * 31 + index * 7 + w.s.index) & 0xff);
  return buildFirmwareImage(w.ctx.provider, { manufacturer: MANUFACTURER_CODE, imageType: IMAGE_TYPE, fileVersion: parseInt(u.fileVersion, 16), body, headerString: `update ${index}` }, w.ctx.keys);
}

/** Schedules each update's distribution and activation (events FIRMWARE_UPDATE, FIRMWARE_ACTIVATE; value = update index). */
export function scheduleFirmwareUpdates(w: PremisesWorld): void {
  w.group.firmwareUpdates.forEach((u, i) => {
    const at = Date.parse(u.at);
    w.s.queue.add(at, w.eventKind.FIRMWARE_UPDATE, -1, i);
    if (u.activateAfterHours !== undefined) w.s.queue.add(at + u.activateAfterHours * HOUR_MS, w.eventKind.FIRMWARE_ACTIVATE, -1, i);
  });
}

export function startFirmwareUpdate(w: PremisesWorld, nowMs: number, index: number): void {
  const u = w.group.firmwareUpdates[index]!;
  const targets = u.targets.map((t) => w.types.indexOf(t));
  const status = distributeFirmware(w, nowMs, firmwareImageOf(w, u, index).bytes, targets);
  if (status !== Status.OK) throw w.error(nowMs, `the hub refused firmware update ${index}: ${statusName(status)}`); // the scenario check keeps images within the store
}

export function activateFirmwareUpdate(w: PremisesWorld, nowMs: number, index: number): void {
  const u = w.group.firmwareUpdates[index]!;
  const { hash } = firmwareImageOf(w, u, index);
  for (const type of u.targets) {
    const d = w.types.indexOf(type);
    const command = w.s.headEnd.buildCommand(SUPPLIER_EUI, w.euis[d]!, MESSAGE_CODE.CS06, () => activateFirmwareContent(hash));
    w.s.stats.commandsSent++;
    useCaseCounts(w.s.stats, 'CS06').sent++;
    w.sendDown(nowMs, d, command.bytes);
  }
}
