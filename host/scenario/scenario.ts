import type { MaintenanceMode, MaintenanceWindowSpec } from '../world/maintenance.js';
import type { WanCoverage, WanLatency } from '../world/wan-link.js';

// A scenario file (issue 8 point A): the premises of a run (devices, consumption profile,
// reading and top-up habits, payment modes, tariffs, ledgers and price changes), the SM WAN and the faults,
// as one JSON document. `smartmeter simulate --scenario FILE` runs its premises; `smartmeter
// fleet --scenario FILE` runs them as a fleet. The built-in scenarios are such files
// (host/scenarios/*.json). host/scenario/validate.ts checks a document and fills defaults.

export const SCENARIO_FORMAT = 'smartmeter-scenario';
export const SCENARIO_VERSION = 1;

/** Device types a premises may hold today; grows as the firmware implements types (assembly/device/types.ts isImplementedType). */
export const IMPLEMENTED_DEVICE_TYPES = ['ESME', 'GSME', 'CHF', 'GPF', 'PPMID', 'HCALCS', 'IHD'] as const;
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

/** How a vended UTRN reaches the meter: sent by the supplier (CS01a / CS01b), typed on the meter's keypad by the consumer (devices 4.11 local entry), or typed on the PPMID, which sends it to the meter over the HAN (PECS01 / PCS01, devices 8.1). */
export const TOP_UP_ENTRIES = ['remote', 'keypad', 'ppmid'] as const;
export type TopUpEntry = (typeof TOP_UP_ENTRIES)[number];

/**
 * A top-up habit: every `everyWeeks` weeks a UTRN for the meter of `useCase` (CS01a: ESME, CS01b:
 * GSME) is vended and sent (remote) or typed on the meter (keypad). The value is drawn in whole
 * pounds from [valuePounds, valuePoundsMax]; with `latePerMille` the top-up comes 1..lateDaysMax
 * days late (money runs short before pay day).
 */
export interface TopUpHabit {
  useCase: TopUpUseCase;
  entry: TopUpEntry;
  /** UK local day of the week, 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** UK local time, 'HH:MM'. */
  localTime: string;
  /** Whole pounds (a UTRN carries at most 8191, GBCS 10.2). */
  valuePounds: number;
  valuePoundsMax: number;
  everyWeeks: number;
  latePerMille: number;
  lateDaysMax: number;
}

export const PAYMENT_MODES = ['credit', 'prepayment'] as const;
export type PaymentModeName = (typeof PAYMENT_MODES)[number];
export const CAP_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;

/** A single-rate tariff (devices 3.1: TOU rate 1 and the daily standing charge), money in milli-pence (1 GBP = 100 000). */
export interface TariffSpec {
  unitPriceMilliPencePerKWh: number;
  standingChargeMilliPencePerDay: number;
}

/** The prepayment ledger as the meter is installed (devices 4.1), milli-pence; an absent field keeps the meter's own value. */
export interface LedgerSetup {
  meterBalanceMilliPence?: number;
  emergencyCreditLimitMilliPence?: number;
  emergencyCreditThresholdMilliPence?: number;
  lowCreditThresholdMilliPence?: number;
  disablementThresholdMilliPence?: number;
  maxMeterBalanceMilliPence?: number;
  maxCreditThresholdMilliPence?: number;
  /** Payment-based debt (PDR) and the share of each top-up that recovers it (DRPP, basis points). */
  paymentDebtMilliPence?: number;
  debtRecoveryPerPaymentBp?: number;
  /** The debt-recovery cap and its period (devices 4.11 CAP, CAPP). */
  debtCapMilliPence?: number;
  debtCapPeriod?: (typeof CAP_PERIODS)[number];
  /** Time-based debt register 1 and its daily recovery rate (devices 4.7). */
  timeDebt1MilliPence?: number;
  debtRecoveryRate1MilliPencePerDay?: number;
}

/** One meter of the premises as installed: payment mode, tariff and ledger. */
export interface MeterSetup {
  paymentMode: PaymentModeName;
  /** Absent: the meter keeps what it holds (a new ESME prices nothing; the GSME its reference profile). */
  tariff?: TariffSpec;
  ledger: LedgerSetup;
}

/** A price change the supplier sends through the head-end: ECS01b Set Price, future-dated to `activation` (devices 3.3, 11.1). */
export interface TariffChange {
  useCase: 'ECS01b';
  /** UTC instant the new prices take effect, ISO-8601. */
  activation: string;
  /** Days before the activation the command is sent. */
  sendDaysBefore: number;
  tariff: TariffSpec;
}

/** What the consumer does at the meter (devices 4.8, 5.2): the button activates emergency credit when offered and re-enables an armed supply. */
export interface ConsumerHabit {
  activatesEmergencyCredit: boolean;
  reenablesSupply: boolean;
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
  /** Minutes between an IHD's reads of its meters (its own schedule, assembly/han-devices/ihd.ts). */
  ihdRefreshMin: number;
}

/**
 * A firmware image the DCC hands to the premises' hub for its meters (SR 11.1, devices 9): the
 * meters pull it over the HAN (the GSME over several wakes) and the supplier activates it (CS06).
 */
export interface FirmwareUpdate {
  /** UTC instant the hub receives the image. */
  at: string;
  targets: ('ESME' | 'GSME')[];
  /** The version the meters report once they run it: 8 hex digits (ECS52 octet-string). */
  fileVersion: string;
  /** Bytes of the manufacturer image (the whole image fits one slot of the hub's store). */
  imageBytes: number;
  /** Hours after `at` when the supplier sends CS06 to each target; absent: never activated. */
  activateAfterHours?: number;
}

export interface PremisesGroup {
  /** How many premises of this kind (a fleet expands the groups in order). */
  count: number;
  devices: DeviceTypeName[];
  consumption: { profile: 'household'; scalePct: number; generation: boolean; gasScalePct: number };
  reads: ReadHabit[];
  topUps: TopUpHabit[];
  han: HanSpec;
  /** The payment mode of the premises' meters unless electricity / gas say otherwise. */
  paymentMode: PaymentModeName;
  electricity: MeterSetup;
  /** Absent: the GSME as its reference profile installs it (devices S.2: credit mode, no price). */
  gas?: MeterSetup;
  tariffChanges: TariffChange[];
  firmwareUpdates: FirmwareUpdate[];
  consumer: ConsumerHabit;
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
