// The host-side state of a premises' HAN (plain data: snapshots copy it with structuredClone):
// which devices the CHF relays for (its device log, devices 7.3), the GPF's queue of commands
// for the sleepy GSME (devices 6.3), and the physical quantities of the gas meter the host
// models (its volume register and battery) with what the GPF mirror last received.

/** Commands held for the GSME at once; one more is refused and counted (the hub's memory is finite). */
export const GSME_QUEUE_MAX = 32;
/** Commands the GSME retrieves in one wake; the rest wait for the next wake (its awake window is short). */
export const GSME_WAKE_COMMANDS_MAX = 8;
/** devices 6.2: time from the GPF is applied when it is within 10 s of the GSME clock. */
export const GSME_TIME_SYNC_WINDOW_MS = 10_000;
/** A new GSME battery (15 years, devices 6.1 model [A]); decremented once per UTC day. */
export const GSME_BATTERY_DAYS_NEW = 5_475;

import type { FirmwareTransfer } from './firmware-distribution.js';

export interface GsmeQueuedCommand {
  bytes: Uint8Array;
  queuedMs: number;
  /** A device-to-device frame (the PPMID's PCS01), delivered on the HAN channel; absent: a remote command. */
  channel?: 'HAN';
}

export interface HanState {
  /** Device indexes in the CHF device log: the hub relays only for them (devices 7.3). */
  joined: number[];
  gsmeQueue: GsmeQueuedCommand[];
  /** The GSME's volume register (CurrentNoTierBlock1SummationDelivered, dm3). */
  gasVolumeDm3: number;
  /** The register as the GPF mirror last received it, and when. */
  mirrorVolumeDm3: number;
  mirrorSyncMs: number;
  batteryDays: number;
  mirrorBatteryDays: number;
  /** Start of the UTC day whose battery use was last counted. */
  batteryDayMs: number;
  /** The GSME's prepayment registers as the GPF mirror last received them (host/world/han-devices.ts mirrorLedger); absent before the first. */
  mirrorLedger?: number[];
  /** The GSME's last wake (its next consumption interval starts here). */
  lastWakeMs: number;
  /** Firmware images the targets are pulling from the hub, one per target (firmware-distribution.ts). */
  firmware: FirmwareTransfer[];
}

export function emptyHanState(startMs: number): HanState {
  return {
    joined: [], gsmeQueue: [], gasVolumeDm3: 0, mirrorVolumeDm3: 0, mirrorSyncMs: startMs,
    batteryDays: GSME_BATTERY_DAYS_NEW, mirrorBatteryDays: GSME_BATTERY_DAYS_NEW, batteryDayMs: startMs - (startMs % 86_400_000), lastWakeMs: startMs, firmware: [],
  };
}
