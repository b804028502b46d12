import type { DeviceRecord } from './inventory.js';
import type { ConsentRecord, RegistrationRecord } from './registration.js';
import type { UserRecord } from './users.js';
import type { Quarantine } from './anomaly/detector.js';
import type { HeldRun } from './dsp-scheduler.js';
import type { ThresholdRow } from './anomaly/thresholds-csv.js';
import { TrackedMap } from './store-tracked-map.js';

// The DCC's mutable state as plain data: users, SMI, registration, consents, originator
// counters, held pre-commands, pending device requests and the event log. Plain data so a store
// (store.ts) can persist it and a run can be snapshotted (ARCHITECTURE.md principle 4); the keyed
// collections are TrackedMaps so a store writes only what a request touched.

export interface HeldPreCommand {
  requestId: string;
  srv: string;
  /** Hex of the unsigned pre-command (GBCS 4.4). */
  preCommandHex: string;
  createdAtMs: number;
}

export interface PendingRequest {
  requestId: string;
  userId: string;
  srv: string;
  deviceId: string;
  /** GBCS originator counter the device response repeats (dcc.md 5.4). */
  counter: string;
  sentAtMs: number;
  /** Returned for local delivery (CV 2, 6): answered by SR 8.13, never timed out as E21. */
  local?: boolean;
  /** The device an 8.11 request adds to the CHF whitelist (dcc.md 9.3, 7.3 N24). */
  subjectDeviceId?: string;
  /** Hex of the command as sent over the WAN: sent again after a restart lost it in flight. */
  commandHex?: string;
}

export interface DccEvent {
  /** `<seed>-<sequence>` (dcc.md 13.5). */
  eventId: string;
  kind: 'REQUEST' | 'RESPONSE' | 'DEVICE_ALERT' | 'DCC_ALERT' | 'CALLBACK';
  tMs: number;
  requestId?: string;
  userId?: string;
  srv?: string;
  cv?: number;
  deviceId?: string;
  responseCode?: string;
  detail?: string;
}

export interface DccStateData {
  seed: string;
  users: UserRecord[];
  devices: DeviceRecord[];
  registrations: RegistrationRecord[];
  consents: ConsentRecord[];
  /** Last accepted counter per originator (decimal strings: JSON has no bigint). */
  counters: [string, string][];
  preCommands: HeldPreCommand[];
  pending: PendingRequest[];
  alertCounters: [string, string][];
  eventSequence: number;
  events: DccEvent[];
  /** Accepted anomaly thresholds of the Users (dcc.md 11.2) and the DCC's own. */
  thresholds: ThresholdRow[];
  dccThresholds: ThresholdRow[];
  anomalyCounts: [string, number][];
  quarantines: Quarantine[];
  quarantineSequence: number;
  /** DSP future-dated requests and schedules (dcc.md 7.2, 8). */
  heldRuns: HeldRun[];
  scheduleSequence: number;
}

/** Events kept in memory; older ones are dropped from the front (persisted stores keep them all). */
export const EVENTS_IN_MEMORY_MAX = 100_000;
/** Pre-commands held at once: each expires after 24 h (dcc.md 6); beyond this the oldest is dropped. */
export const PRE_COMMANDS_MAX = 100_000;
/** Device requests awaiting a response; beyond it the oldest is answered E21 early. */
export const PENDING_MAX = 100_000;

export function emptyState(seed: string): DccStateData {
  return {
    seed, users: [], devices: [], registrations: [], consents: [], counters: [], preCommands: [], pending: [], alertCounters: [], eventSequence: 0, events: [],
    thresholds: [], dccThresholds: [], anomalyCounts: [], quarantines: [], quarantineSequence: 0, heldRuns: [], scheduleSequence: 0,
  };
}

/** Indexed view over DccStateData; mutations go through methods so indices stay right. */
export class DccState {
  readonly users: TrackedMap<UserRecord>;
  readonly devices: TrackedMap<DeviceRecord>;
  readonly counters: TrackedMap<bigint>;
  readonly preCommands: TrackedMap<HeldPreCommand>;
  readonly pending: TrackedMap<PendingRequest>;
  readonly alertCounters: TrackedMap<bigint>;
  registrations: RegistrationRecord[];
  consents: ConsentRecord[];
  events: DccEvent[];
  eventSequence: number;
  readonly seed: string;
  thresholds: ThresholdRow[];
  dccThresholds: ThresholdRow[];
  readonly anomalyCounts: TrackedMap<number>;
  readonly quarantines: TrackedMap<Quarantine>;
  quarantineSequence: number;
  heldRuns: HeldRun[];
  scheduleSequence: number;

  constructor(data: DccStateData) {
    this.seed = data.seed;
    // Records read with get() may be changed in place (SMI status, quarantine outcome, callback URL).
    this.users = new TrackedMap(data.users.map((u) => [u.userId, u]), true);
    this.devices = new TrackedMap(data.devices.map((d) => [d.deviceId, d]), true);
    this.counters = new TrackedMap(data.counters.map(([k, v]) => [k, BigInt(v)]));
    this.preCommands = new TrackedMap(data.preCommands.map((p) => [p.requestId, p]));
    this.pending = new TrackedMap(data.pending.map((p) => [pendingKey(p.deviceId, p.counter), p]));
    this.alertCounters = new TrackedMap(data.alertCounters.map(([k, v]) => [k, BigInt(v)]));
    this.registrations = [...data.registrations];
    this.consents = [...data.consents];
    this.events = [...data.events];
    this.eventSequence = data.eventSequence;
    this.thresholds = [...(data.thresholds ?? [])];
    this.dccThresholds = [...(data.dccThresholds ?? [])];
    this.anomalyCounts = new TrackedMap(data.anomalyCounts ?? []);
    this.quarantines = new TrackedMap((data.quarantines ?? []).map((q) => [q.quarantineId, q]), true);
    this.quarantineSequence = data.quarantineSequence ?? 0;
    this.heldRuns = [...(data.heldRuns ?? [])];
    this.scheduleSequence = data.scheduleSequence ?? 0;
  }

  toData(): DccStateData {
    return {
      seed: this.seed,
      users: this.users.untrackedValues(),
      devices: this.devices.untrackedValues(),
      registrations: this.registrations,
      consents: this.consents,
      counters: this.counters.untrackedEntries().map(([k, v]) => [k, v.toString()]),
      preCommands: this.preCommands.untrackedValues(),
      pending: this.pending.untrackedValues(),
      alertCounters: this.alertCounters.untrackedEntries().map(([k, v]) => [k, v.toString()]),
      eventSequence: this.eventSequence,
      events: this.events,
      thresholds: this.thresholds,
      dccThresholds: this.dccThresholds,
      anomalyCounts: this.anomalyCounts.untrackedEntries(),
      quarantines: this.quarantines.untrackedValues(),
      quarantineSequence: this.quarantineSequence,
      heldRuns: this.heldRuns,
      scheduleSequence: this.scheduleSequence,
    };
  }

  /** Starts change tracking for a store; `everything` for a store that holds nothing yet. */
  trackChanges(everything: boolean): void {
    for (const map of [this.users, this.devices, this.counters, this.preCommands, this.pending, this.alertCounters, this.anomalyCounts, this.quarantines]) map.startTracking(everything);
  }

  log(event: Omit<DccEvent, 'eventId'>): DccEvent {
    const full: DccEvent = { eventId: `${this.seed}-${++this.eventSequence}`, ...event };
    this.events.push(full);
    if (this.events.length > EVENTS_IN_MEMORY_MAX) this.events.shift();
    return full;
  }

  holdPreCommand(p: HeldPreCommand): void {
    if (this.preCommands.size >= PRE_COMMANDS_MAX) this.preCommands.delete(this.preCommands.keys().next().value!);
    this.preCommands.set(p.requestId, p);
  }

  nextAlertCounter(recipient: string): bigint {
    const next = (this.alertCounters.get(recipient) ?? 0n) + 1n;
    this.alertCounters.set(recipient, next);
    return next;
  }
}

export function pendingKey(deviceId: string, counter: string): string {
  return `${deviceId}#${counter}`;
}
