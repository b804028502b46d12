import type { DeviceType } from '../../gbcs/tables/message-codes.js';

// The Smart Metering Inventory (dcc.md 9): device records, their SMI status and relationships,
// and the SRV/status compatibility rule of 9.3 (the E5 check, 2.4 step 12).

export const SMI_STATUSES = [
  'Pending', 'Whitelisted', 'InstalledNotCommissioned', 'Commissioned', 'Decommissioned', 'Withdrawn', 'Suspended', 'Recovered',
] as const;
export type SmiStatus = (typeof SMI_STATUSES)[number];

export interface DeviceRecord {
  /** DUIS form. */
  deviceId: string;
  deviceType: DeviceType;
  status: SmiStatus;
  statusChangedAtMs: number;
  /** The MPAN/MPRN(s) of a meter (or of the meter a CHF/GPF/PPMID/HCALCS serves). */
  mpxns: string[];
  /** The CHF the device is joined to (its HAN), for WAN state and alerts. */
  chfId?: string;
  /** CSP region of a CHF (dcc.md 9.1 [A]). */
  cspRegion?: 'North' | 'Central' | 'South';
  /** ESME variant letters of the pre-notification (12.2, e.g. `AD`; `C` = polyphase, devices.md 2). */
  esmeVariant?: string;
  /** GBCS version the device model implements (its Central Products List entry [A]), e.g. `4.0`; absent = the first. */
  gbcsVersion?: string;
  /** Status to return to when a Suspended device is released (9.3). */
  previousStatus?: SmiStatus;
}

/** Devices in the inventory: the emulator targets fleets of up to a million meters, ~3 devices each. */
export const DEVICES_MAX = 4_000_000;

const DEVICE_COMMAND_ALSO_NOT_COMMISSIONED = new Set(['8.1.1', '6.20.1', '6.20.2', '6.15.1', '6.15.2', '6.21', '8.7.1', '8.7.2', '11.2']);

/** dcc.md 9.3 SRV-status compatibility; `Recovered` counts as `Commissioned`. */
export function statusAllows(srv: string, status: SmiStatus | undefined): boolean {
  const s = status === 'Recovered' ? 'Commissioned' : status;
  switch (srv) {
    case '8.2':
      return true;
    case '12.2':
      return s === undefined;
    case '8.3':
      return s !== undefined && s !== 'Decommissioned';
    case '8.4':
      return s === 'Pending';
    case '8.6':
      return s === 'Withdrawn';
    case '8.14.1':
    case '8.14.2':
      return s === 'Pending';
    case '8.14.3':
    case '8.14.4':
      return s === 'Pending' || s === 'InstalledNotCommissioned';
    case '11.1':
    case '11.4':
      return s === 'Commissioned' || s === 'Suspended';
    default:
      if (s === 'Commissioned') return true;
      return DEVICE_COMMAND_ALSO_NOT_COMMISSIONED.has(srv) && (s === 'InstalledNotCommissioned' || s === 'Whitelisted');
  }
}

/** Statuses of a device no longer on its hub's HAN (dcc.md 9.3). */
const OFF_HAN: ReadonlySet<SmiStatus> = new Set(['Decommissioned', 'Withdrawn']);

/**
 * The devices the SMI places on a hub's HAN (chfId), bar the decommissioned and withdrawn: what a
 * replacement GPF's device log is restored from (SR 8.12.2). A scan: the request is rare.
 */
export function hanDevices(state: { devices: { untrackedValues(): DeviceRecord[] } }, chfId: string): DeviceRecord[] {
  return state.devices.untrackedValues().filter((d) => d.chfId === chfId && !OFF_HAN.has(d.status));
}
