import type { MaintenanceMode, MaintenanceWindowSpec } from '../world/maintenance.js';
import type { WanCoverage, WanLatency } from '../world/wan-link.js';

// A scenario file (issue 8 point A): the premises of a run (devices, consumption profile,
// reading habits; later tariffs, payment modes and top-up habits), the SM WAN and the faults,
// as one JSON document. `smartmeter simulate --scenario FILE` runs its premises; `smartmeter
// fleet --scenario FILE` runs them as a fleet. The built-in scenarios are such files
// (host/scenarios/*.json). host/scenario/validate.ts checks a document and fills defaults.

export const SCENARIO_FORMAT = 'smartmeter-scenario';
export const SCENARIO_VERSION = 1;

/** Device types a premises may hold today; grows as the firmware implements types (assembly/device/types.ts isImplementedType). */
export const IMPLEMENTED_DEVICE_TYPES = ['ESME'] as const;
/** Device types a scenario may name (the SMETS2 set); the ones not implemented are refused with a clear message. */
export const KNOWN_DEVICE_TYPES = ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS', 'IHD'] as const;
export type DeviceTypeName = (typeof KNOWN_DEVICE_TYPES)[number];

export const READ_USE_CASES = ['ECS17a'] as const;
export const READ_PARTIES = ['NETWORK_OPERATOR', 'SUPPLIER'] as const;

export interface ReadHabit {
  party: (typeof READ_PARTIES)[number];
  useCase: (typeof READ_USE_CASES)[number];
  /** UK local time the reads start, 'HH:MM'. */
  localTime: string;
  /** Reads spread uniformly over this many minutes after localTime. */
  spreadMin: number;
}

export interface PremisesGroup {
  /** How many premises of this kind (a fleet expands the groups in order). */
  count: number;
  devices: DeviceTypeName[];
  consumption: { profile: 'household'; scalePct: number; generation: boolean };
  reads: ReadHabit[];
  paymentMode: 'credit';
}

export interface PowerCutSpec {
  /** Premises index, or 'all'. */
  premises: number | 'all';
  /** UTC instant, ISO-8601 with Z. */
  start: string;
  minutes: number;
}

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  version: number;
  name: string;
  description: string;
  /** First instant of the run, ISO-8601 UTC. */
  start: string;
  days: number;
  premises: PremisesGroup[];
  wan: {
    coverage: WanCoverage;
    latency: WanLatency;
    lossPerMille: number;
    availabilityPerMille: number;
    retryMin: number;
    expiryMin: number;
    outagesPerYear: number;
    outageMinutes: [number, number];
    outages: { start: string; minutes: number }[];
  };
  maintenance: { mode: MaintenanceMode; windows: MaintenanceWindowSpec[] };
  faults: {
    /** Each device's clock runs fast or slow by a seeded amount up to this many ppm. */
    clockDriftPpmMax: number;
    /** Hours between corrections of device clocks (time synchronisation from the hub). */
    clockSyncHours: number;
    powerCuts: PowerCutSpec[];
    powerCutsPerYear: number;
    powerCutMinutes: [number, number];
  };
}
