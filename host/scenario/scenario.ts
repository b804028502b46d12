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
export const IMPLEMENTED_DEVICE_TYPES = ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS'] as const;
/** Device types a scenario may name (the SMETS2 set); the ones not implemented are refused with a clear message. */
export const KNOWN_DEVICE_TYPES = ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS', 'IHD'] as const;
export type DeviceTypeName = (typeof KNOWN_DEVICE_TYPES)[number];

/** ECS17a reads the ESME; GCS13b, GCS14 and GCS60a are answered by the GPF from its mirror; GCS33 must reach the GSME (devices 6.3). */
export const READ_USE_CASES = ['ECS17a', 'GCS13b', 'GCS14', 'GCS60a', 'GCS33'] as const;
export type ReadUseCase = (typeof READ_USE_CASES)[number];
export const READ_PARTIES = ['NETWORK_OPERATOR', 'SUPPLIER'] as const;
/** CS01a tops up the ESME, CS01b the GSME (through the GSME command queue). */
export const TOP_UP_USE_CASES = ['CS01a', 'CS01b'] as const;
export type TopUpUseCase = (typeof TOP_UP_USE_CASES)[number];

export interface ReadHabit {
  party: (typeof READ_PARTIES)[number];
  useCase: (typeof READ_USE_CASES)[number];
  /** UK local time the reads start, 'HH:MM'. */
  localTime: string;
  /** Reads spread uniformly over this many minutes after localTime. */
  spreadMin: number;
}

/** A weekly top-up by the supplier (a UTRN sent as CS01a / CS01b). */
export interface TopUpHabit {
  useCase: TopUpUseCase;
  /** UK local day of the week, 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** UK local time, 'HH:MM'. */
  localTime: string;
  /** Whole pounds (a UTRN carries at most 8191, GBCS 10.2). */
  valuePounds: number;
}

/** The premises' HAN (devices 6.2, 6.3, 7.3, 7.4): per-link latency and loss, the GSME's wakes and command queue. */
export interface HanSpec {
  latencyMinMs: number;
  latencyMaxMs: number;
  /** Chance per attempt that a HAN frame is lost, per mille. */
  lossPerMille: number;
  /** Attempts after the first before a frame is given up (ZigBee APS retries). */
  retriesMax: number;
  retryMs: number;
  /** Minutes between GSME wakes (devices 6.2: 30). */
  gsmeWakeMin: number;
  /** A command not retrieved by the GSME within this many minutes is discarded (devices 6.3 gsmeCommandTimeout: 60). */
  gsmeCommandTimeoutMin: number;
}

export interface PremisesGroup {
  /** How many premises of this kind (a fleet expands the groups in order). */
  count: number;
  devices: DeviceTypeName[];
  consumption: { profile: 'household'; scalePct: number; generation: boolean; gasScalePct: number };
  reads: ReadHabit[];
  topUps: TopUpHabit[];
  han: HanSpec;
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
