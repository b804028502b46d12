import type { DeviceRecord } from './inventory.js';
import type { ConsentRecord, RegistrationRecord } from './registration.js';
import type { UserRecord } from './users.js';
import type { Quarantine } from './anomaly/detector.js';
import type { HeldRun } from './dsp-scheduler.js';
import type { ThresholdRow } from './anomaly/thresholds-csv.js';

// The DCC's mutable state as plain data: users, SMI, registration, consents, originator
// counters, held pre-commands, pending device requests and the event log. Plain data so a store
// (store.ts) can persist it as JSON and a run can be snapshotted (ARCHITECTURE.md principle 4).

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
  readonly users = new Map<string, UserRecord>();
  readonly devices = new Map<string, DeviceRecord>();
  readonly counters = new Map<string, bigint>();
  readonly preCommands = new Map<string, HeldPreCommand>();
  readonly pending = new Map<string, PendingRequest>();
  readonly alertCounters = new Map<string, bigint>();
  registrations: RegistrationRecord[];
  consents: ConsentRecord[];
  events: DccEvent[];
  eventSequence: number;
  readonly seed: string;
  thresholds: ThresholdRow[];
  dccThresholds: ThresholdRow[];
  readonly anomalyCounts: Map<string, number>;
  readonly quarantines = new Map<string, Quarantine>();
  quarantineSequence: number;
  heldRuns: HeldRun[];
  scheduleSequence: number;

  constructor(data: DccStateData) {
    this.seed = data.seed;
    for (const u of data.users) this.users.set(u.userId, u);
    for (const d of data.devices) this.devices.set(d.deviceId, d);
    for (const [k, v] of data.counters) this.counters.set(k, BigInt(v));
    for (const p of data.preCommands) this.preCommands.set(p.requestId, p);
    for (const p of data.pending) this.pending.set(pendingKey(p.deviceId, p.counter), p);
    for (const [k, v] of data.alertCounters) this.alertCounters.set(k, BigInt(v));
    this.registrations = [...data.registrations];
    this.consents = [...data.consents];
    this.events = [...data.events];
    this.eventSequence = data.eventSequence;
    this.thresholds = [...(data.thresholds ?? [])];
    this.dccThresholds = [...(data.dccThresholds ?? [])];
    this.anomalyCounts = new Map(data.anomalyCounts ?? []);
    for (const q of data.quarantines ?? []) this.quarantines.set(q.quarantineId, q);
    this.quarantineSequence = data.quarantineSequence ?? 0;
    this.heldRuns = [...(data.heldRuns ?? [])];
    this.scheduleSequence = data.scheduleSequence ?? 0;
  }

  toData(): DccStateData {
    return {
      seed: this.seed,
      users: [...this.users.values()],
      devices: [...this.devices.values()],
      registrations: this.registrations,
      consents: this.consents,
      counters: [...this.counters].map(([k, v]) => [k, v.toString()]),
      preCommands: [...this.preCommands.values()],
      pending: [...this.pending.values()],
      alertCounters: [...this.alertCounters].map(([k, v]) => [k, v.toString()]),
      eventSequence: this.eventSequence,
      events: this.events,
      thresholds: this.thresholds,
      dccThresholds: this.dccThresholds,
      anomalyCounts: [...this.anomalyCounts],
      quarantines: [...this.quarantines.values()],
      quarantineSequence: this.quarantineSequence,
      heldRuns: this.heldRuns,
      scheduleSequence: this.scheduleSequence,
    };
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
