import type { DeviceTypeName } from '../status.js';
import type { FirmwareUpdate } from './scenario.js';
import { fail, int, list, object, str, utcInstant, type Json } from './validate.js';

// Checks a premises group's firmware updates (scenario `firmwareUpdates`, host/world/firmware-update.ts):
// meters of the premises behind its hub, an 8-hex-digit version, an image that fits one slot of the
// hub's store (assembly/chf/firmware-store.ts: 4,096 bytes with the OTA header and signature).

export const FIRMWARE_UPDATES_MAX = 8;
/** 4,096-byte store slot less the 60-byte OTA header and the 66-byte signature tail. */
export const FIRMWARE_IMAGE_BYTES_MAX = 4096 - 60 - 66;
const TARGETS = ['ESME', 'GSME'] as const;

export function firmwareUpdates(o: Json, at: string, devices: readonly DeviceTypeName[]): FirmwareUpdate[] {
  const updates = list(o, 'firmwareUpdates', at, FIRMWARE_UPDATES_MAX);
  if (updates.length > 0 && !devices.includes('CHF')) fail(`${at}.firmwareUpdates`, 'images reach the meters through the hub: the premises needs a CHF');
  return updates.map((x, i) => {
    const f = `${at}.firmwareUpdates[${i}]`;
    const u = object(x, f, ['at', 'targets', 'fileVersion', 'imageBytes', 'activateAfterHours']);
    const when = str(u, 'at', f);
    if (utcInstant(when, `${f}.at`) % 1000 !== 0) fail(`${f}.at`, 'whole seconds');
    const targets = list(u, 'targets', f, TARGETS.length).map((t, k) => {
      if (typeof t !== 'string' || !(TARGETS as readonly string[]).includes(t)) fail(`${f}.targets[${k}]`, `expected one of ${TARGETS.join(', ')}`);
      if (!devices.includes(t as DeviceTypeName)) fail(`${f}.targets[${k}]`, `the premises has no ${t}`);
      return t as FirmwareUpdate['targets'][number];
    });
    if (targets.length === 0) fail(`${f}.targets`, 'at least one meter');
    if (new Set(targets).size !== targets.length) fail(`${f}.targets`, 'each meter once');
    const fileVersion = str(u, 'fileVersion', f);
    if (!/^[0-9A-Fa-f]{8}$/.test(fileVersion)) fail(`${f}.fileVersion`, 'expected 8 hex digits');
    const update: FirmwareUpdate = { at: when, targets, fileVersion: fileVersion.toUpperCase(), imageBytes: int(u, 'imageBytes', f, 1, FIRMWARE_IMAGE_BYTES_MAX, 2048) };
    if (u.activateAfterHours !== undefined) update.activateAfterHours = int(u, 'activateAfterHours', f, 0, 24 * 365);
    return update;
  });
}
