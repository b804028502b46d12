import { HeadEnd } from '../head-end.js';
import { LookupKeyring } from '../keyring.js';
import { drawHalfHour, HALF_HOUR_MS, HALF_HOURS_PER_DAY } from '../load-model.js';
import { consumptionInput, setClockInput } from '../local-inputs.js';
import { PrngStreams, type PrngStream } from '../prng.js';
import { provisioningRecord } from '../provisioning.js';
import { CHANNEL, DEVICE_TYPES, Status, statusName } from '../status.js';
import { TraceRecorder } from '../trace.js';
import type { ArenaPool, DeviceHome } from './arena.js';
import { EventQueue } from './event-queue.js';
import { emptyHanState, type HanState } from './han-state.js';
import { dropGsmeQueue, gsmeWake, hanDown, hanUp, installHan, routeDown, routeUp } from './premises-han.js';
import { WORLD_NOTE, WorldRunError, emptyStats, type PremisesStats } from './premises-stats.js';
import { receiveUplink, rememberExpected, sendRead } from './remote-party.js';
import { atTheMeter } from './consumer.js';
import { sendTariffChange, tariffChangeSendMs } from './tariff-change.js';
import { actualTopUpMs, followingTopUpMs, nextTopUpMs, topUp } from './top-ups.js';
import { parseLocalTime, ukLocalParts, ukLocalToUtc, ukNextDay, ukStartOfDay, HOUR_MS } from './uk-time.js';
import { mergeSpans, WanLink } from './wan-link.js';
import { installMeters } from './meter-install.js';
import { hanFrameDown, ihdWake, installHanDevices, premisesPartiesOf, routeHanFrame } from './han-devices.js';
import type { TrustAnchor } from '../provisioning.js';
import { POWER_EVENT, powerEventInput, powerEventKind } from './power.js';
import { firmwareBlock, firmwarePull, hanBlockOut } from './firmware-distribution.js';
import { activateFirmwareUpdate, scheduleFirmwareUpdates, startFirmwareUpdate } from './firmware-update.js';
import { ACB_EUI, deviceEui, hubBlockedSpans, powerCuts, premisesGroupOf, type WorldContext } from './world-context.js';
import type { DeviceTypeName, PremisesGroup } from '../scenario/scenario.js';

// One premises in the simulated world (issue 8): its devices (contexts in a shared firmware
// instance), its hub's SM WAN link, its consumption and reading habits in UK local time, its
// device clocks drifting and being corrected, its power cuts. All host state is plain data (the
// event queue holds data, the PRNG streams and head-end counters export their state), so a
// premises can be snapshot, restored and forked (host/world/premises-snapshot.ts).

export const EVENT = {
  HALF_HOUR: 1,
  READ: 2,
  DOWNLINK: 3,
  UPLINK: 4,
  CLOCK_DRIFT: 5,
  CLOCK_SYNC: 6,
  POWER_OFF: 7,
  POWER_ON: 8,
  GSME_WAKE: 9,
  HAN_DOWN: 10,
  HAN_UP: 11,
  TOP_UP: 12,
  TARIFF_CHANGE: 13,
  FIRMWARE_PULL: 14,
  FIRMWARE_BLOCK: 15,
  HAN_FRAME: 16,
  IHD_WAKE: 17,
  FIRMWARE_UPDATE: 18,
  FIRMWARE_ACTIVATE: 19,
} as const;

/** Where the premises' devices are (index, or -1 when absent). */
export interface DeviceRoles {
  esme: number;
  gsme: number;
  gpf: number;
  chf: number;
}

/** Device clocks are moved to their drifted time this often (a device clock is whole seconds). */
export const CLOCK_DRIFT_STEP_MS = 6 * HOUR_MS;
export { EXPECTED_READS_MAX } from './remote-party.js';

export interface DeviceClock {
  ppm: number;
  lastSyncMs: number;
}

/** The data a premises is made of (what a snapshot copies), apart from its devices' firmware state. */
export interface PremisesState {
  index: number;
  queue: EventQueue;
  streams: PrngStreams;
  trace: TraceRecorder;
  headEnd: HeadEnd;
  link: WanLink;
  stats: PremisesStats;
  /** 'device>party:counter' -> the register value the answer should carry (host/world/remote-party.ts). */
  expected: Map<string, number>;
  clocks: DeviceClock[];
  powered: boolean;
  /** Device images persisted at the last power loss, restored at restoration. */
  persisted: Uint8Array[];
  han: HanState;
}

export class PremisesWorld {
  readonly group: PremisesGroup;
  readonly euis: string[];
  readonly types: readonly DeviceTypeName[];
  readonly roles: DeviceRoles;
  readonly eventKind = EVENT;
  /** Called after every delivery to a device (a report watching a meter); not part of the premises' state. */
  onDelivered: ((d: number, nowMs: number) => void) | undefined;

  constructor(
    readonly ctx: WorldContext,
    readonly homes: DeviceHome[],
    readonly s: PremisesState,
  ) {
    this.group = premisesGroupOf(ctx.scenario, s.index);
    this.euis = this.group.devices.map((_, d) => deviceEui(s.index, d));
    this.types = this.group.devices;
    this.roles = { esme: this.types.indexOf('ESME'), gsme: this.types.indexOf('GSME'), gpf: this.types.indexOf('GPF'), chf: this.types.indexOf('CHF') };
    homes.forEach((home, d) => attachKeys(ctx, home, this.euis[d]!, premisesPartiesOf(this.types, this.euis, d)));
  }

  /** A new premises at the start of the run: devices created, first events scheduled. */
  static create(ctx: WorldContext, pool: ArenaPool, index: number, capture = false): PremisesWorld {
    const group = premisesGroupOf(ctx.scenario, index);
    const homes = pool.allocate(group.devices.length);
    const trace = new TraceRecorder();
    if (capture) trace.captured = [];
    const state: PremisesState = {
      index, queue: new EventQueue(ctx.startMs), streams: new PrngStreams(ctx.seed), trace,
      headEnd: new HeadEnd(ctx.provider, ctx.keys, ACB_EUI), link: new WanLink(ctx.wan, mergeSpans(hubBlockedSpans(ctx, index))),
      stats: emptyStats(), expected: new Map(), clocks: [], powered: true, persisted: [], han: emptyHanState(ctx.startMs),
    };
    const world = new PremisesWorld(ctx, homes, state);
    world.start();
    return world;
  }

  private start(): void {
    const { ctx, s } = this;
    const t = ctx.startMs;
    this.group.devices.forEach((type, d) => {
      const eui = this.euis[d]!;
      const provisioning = provisioningRecord(eui, premisesPartiesOf(this.types, this.euis, d));
      const status = this.firmware(d).createDevice(this.homes[d]!.slot, DEVICE_TYPES[type as keyof typeof DEVICE_TYPES], t, provisioning);
      if (status !== Status.OK) throw this.error(t, `createDevice ${type} returned ${statusName(status)}`);
      s.trace.record('create', t, eui, CHANNEL.LOCAL, provisioning);
      s.stats.devices.push({ hanIn: 0, hanOut: 0 });
      const ppmMax = ctx.scenario.faults.clockDriftPpmMax;
      s.clocks.push({ ppm: ppmMax > 0 ? s.streams.stream(`clock:${eui}`).nextRange(-ppmMax, ppmMax) : 0, lastSyncMs: t });
      if (ppmMax > 0) {
        s.queue.add(t + CLOCK_DRIFT_STEP_MS, EVENT.CLOCK_DRIFT, d);
        s.queue.add(t + s.streams.stream(`clock:${eui}`).nextRange(1, ctx.scenario.faults.clockSyncHours * HOUR_MS), EVENT.CLOCK_SYNC, d);
      }
    });
    installHan(this, t);
    installMeters(this, t);
    installHanDevices(this, t);
    s.queue.add(t + HALF_HOUR_MS, EVENT.HALF_HOUR, 0);
    this.group.reads.forEach((_, h) => this.scheduleRead(h, ukStartOfDay(t)));
    this.group.topUps.forEach((habit, h) => this.scheduleTopUp(h, nextTopUpMs(this, habit, t)));
    this.group.tariffChanges.forEach((change, c) => s.queue.add(tariffChangeSendMs(this, change), EVENT.TARIFF_CHANGE, c));
    scheduleFirmwareUpdates(this);
    for (const cut of powerCuts(ctx, s.index)) {
      s.queue.add(cut.startMs, EVENT.POWER_OFF, -1, cut.endMs);
      s.link.block({ startMs: cut.startMs, endMs: cut.endMs, reason: 'power' });
    }
  }

  firmware(d: number) {
    return this.homes[d]!.arena.firmware;
  }

  /** Runs every event due at or before endMs. */
  runUntil(endMs: number): void {
    const q = this.s.queue;
    for (let e = q.next(endMs); e !== undefined; e = q.next(endMs)) {
      switch (e.kind) {
        case EVENT.HALF_HOUR: this.halfHour(e.atMs); break;
        case EVENT.READ: this.read(e.atMs, e.device, e.value); break;
        case EVENT.DOWNLINK: this.downlink(e.atMs, e.device, e.bytes!); break;
        case EVENT.UPLINK: this.uplink(e.bytes!); break;
        case EVENT.CLOCK_DRIFT: this.clockDrift(e.atMs, e.device); break;
        case EVENT.CLOCK_SYNC: this.clockSync(e.atMs, e.device); break;
        case EVENT.POWER_OFF: this.powerOff(e.atMs, e.value); break;
        case EVENT.POWER_ON: this.powerOn(e.atMs); break;
        case EVENT.GSME_WAKE: gsmeWake(this, e.atMs, e.device); break;
        case EVENT.HAN_DOWN: hanDown(this, e.atMs, e.device, e.bytes!); break;
        case EVENT.HAN_UP: hanUp(this, e.atMs, e.device, e.bytes!); break;
        case EVENT.TOP_UP: this.topUp(e.atMs, e.device, e.value); break;
        case EVENT.FIRMWARE_PULL: firmwarePull(this, e.atMs, e.device); break;
        case EVENT.FIRMWARE_BLOCK: firmwareBlock(this, e.atMs, e.device, e.bytes!); break;
        case EVENT.FIRMWARE_UPDATE: startFirmwareUpdate(this, e.atMs, e.value); break;
        case EVENT.FIRMWARE_ACTIVATE: activateFirmwareUpdate(this, e.atMs, e.value); break;
        case EVENT.HAN_FRAME: hanFrameDown(this, e.atMs, e.device, e.bytes!); break;
        case EVENT.IHD_WAKE: ihdWake(this, e.atMs, e.device); break;
        case EVENT.TARIFF_CHANGE: sendTariffChange(this, e.atMs, this.group.tariffChanges[e.device]!); break;
        default: throw this.error(e.atMs, `unknown event kind ${e.kind}`);
      }
    }
  }

  /** Brings every device's clock to endMs (the end of a run). */
  finish(endMs: number): void {
    if (!this.s.powered) return;
    this.homes.forEach((home, d) => {
      const status = home.arena.firmware.advanceTime(home.slot, endMs);
      if (status !== Status.OK) throw this.error(endMs, `advanceTime of ${this.euis[d]} returned ${statusName(status)}`);
    });
  }

  stream(name: string): PrngStream {
    return this.s.streams.stream(name);
  }

  private scheduleRead(habit: number, dayStartMs: number): void {
    const h = this.group.reads[habit]!;
    const minutes = parseLocalTime(h.localTime)!;
    for (let day = dayStartMs; day < this.ctx.endMs; day = ukNextDay(day)) {
      const p = ukLocalParts(day);
      const at = ukLocalToUtc(p.year, p.month, p.day, Math.trunc(minutes / 60), minutes % 60)
        + this.stream(`reads:${this.s.index}:${habit}`).nextInt(h.spreadMin * 60_000 + 1);
      if (at < this.s.queue.nowMs) continue;
      if (at <= this.ctx.endMs) this.s.queue.add(at, EVENT.READ, habit, day);
      return;
    }
  }

  /** A top-up habit's next occurrence (its nominal instant rides in the event; the top-up may come late). */
  private scheduleTopUp(habit: number, nominalMs: number | undefined): void {
    if (nominalMs === undefined) return;
    const at = actualTopUpMs(this, habit, nominalMs);
    if (at <= this.ctx.endMs) this.s.queue.add(at, EVENT.TOP_UP, habit, nominalMs);
  }

  private topUp(nowMs: number, habit: number, nominalMs: number): void {
    topUp(this, nowMs, habit);
    this.scheduleTopUp(habit, followingTopUpMs(this, this.group.topUps[habit]!, nominalMs));
  }

  /** A LOCAL input to device d now (installer actions such as refusal rules); returns the Status. */
  localInput(nowMs: number, d: number, bytes: Uint8Array): number {
    return this.deliverTo(nowMs, d, 'LOCAL', bytes);
  }

  /** Delivers a message to device d and routes what it sends (WAN-bound messages via the hub). */
  deliverTo(nowMs: number, d: number, channel: 'LOCAL' | 'WAN' | 'HAN', bytes: Uint8Array): number {
    const { s } = this;
    const eui = this.euis[d]!;
    const home = this.homes[d]!;
    s.trace.record('deliver', nowMs, eui, CHANNEL[channel], bytes);
    s.stats.messages++;
    const status = home.arena.firmware.deliverMessage(home.slot, channel, bytes, nowMs);
    if (status !== Status.OK) s.trace.record('status', nowMs, eui, status, new Uint8Array(0));
    this.routeOutbox(nowMs, d);
    this.onDelivered?.(d, nowMs);
    return status;
  }

  /** Moves device d's clock to nowMs (what falls due runs, e.g. an IHD's reads) and routes what it sends. */
  advanceDevice(nowMs: number, d: number): void {
    const home = this.homes[d]!;
    const status = home.arena.firmware.advanceTime(home.slot, nowMs);
    if (status !== Status.OK) throw this.error(nowMs, `advanceTime of ${this.euis[d]} returned ${statusName(status)}`);
    this.routeOutbox(nowMs, d);
  }

  /** What device d produced: WAN-bound messages via the hub, HAN frames to the device they name. */
  private routeOutbox(nowMs: number, d: number): void {
    const { s } = this;
    const eui = this.euis[d]!;
    for (const message of this.homes[d]!.arena.firmware.drainOutbox()) {
      s.trace.record('emit', nowMs, eui, CHANNEL[message.channel], message.bytes);
      s.stats.messages++;
      if (message.channel === 'HAN') {
        if (d === this.roles.chf) hanBlockOut(this, nowMs, message.bytes); // a firmware block from the hub
        else routeHanFrame(this, nowMs, d, message.bytes);
      }
      if (message.channel !== 'WAN') continue;
      rememberExpected(this, d, message.bytes);
      routeUp(this, nowMs, d, message.bytes);
    }
  }

  /** A message from the premises' hub to the DCC over the SM WAN. */
  sendOverWan(nowMs: number, d: number, bytes: Uint8Array): void {
    this.sendWan(nowMs, d, EVENT.UPLINK, bytes);
  }

  /** A remote party's command to device d over the SM WAN. */
  sendDown(nowMs: number, d: number, bytes: Uint8Array): void {
    this.sendWan(nowMs, d, EVENT.DOWNLINK, bytes);
  }

  private sendWan(nowMs: number, d: number, kind: number, bytes: Uint8Array): void {
    const { s } = this;
    const outcome = s.link.send(nowMs, this.stream(`wan:${s.index}`));
    const counters = s.stats.wan;
    if (outcome.kind !== 'deliver') {
      counters[outcome.kind === 'no-coverage' ? 'noCoverage' : outcome.kind === 'queue-full' ? 'queueFull' : outcome.kind]++;
      s.trace.record('world', nowMs, this.euis[d]!, WORLD_NOTE[outcome.kind], bytes);
      return;
    }
    if (outcome.heldMs > 0) counters.held++;
    s.queue.add(outcome.atMs, kind, d, nowMs, bytes);
  }

  private halfHour(nowMs: number): void {
    const { s } = this;
    if (s.powered && this.roles.esme >= 0) {
      // The increment of the half-hour ending now (devices 0.3 step 1), by UK local half-hour.
      const slot = Math.trunc(ukLocalParts(nowMs - HALF_HOUR_MS).minuteOfDay / 30) % HALF_HOURS_PER_DAY;
      const c = this.group.consumption;
      const inc = drawHalfHour(this.stream(`load:${this.euis[this.roles.esme]}`), slot, c.generation);
      const scale = (wh: number) => Math.trunc((wh * c.scalePct) / 100);
      const status = this.deliverTo(nowMs, this.roles.esme, 'LOCAL', consumptionInput(scale(inc.importActiveWh), scale(inc.exportActiveWh), scale(inc.importReactiveVarh), scale(inc.exportReactiveVarh)));
      if (status !== Status.OK) throw this.error(nowMs, `consumption refused with ${statusName(status)}`);
      if (this.group.electricity.paymentMode === 'prepayment') atTheMeter(this, nowMs, this.roles.esme);
    }
    if (nowMs + HALF_HOUR_MS <= this.ctx.endMs) s.queue.add(nowMs + HALF_HOUR_MS, EVENT.HALF_HOUR, 0);
  }

  private read(nowMs: number, habit: number, dayStartMs: number): void {
    sendRead(this, nowMs, this.group.reads[habit]!);
    this.scheduleRead(habit, ukNextDay(dayStartMs));
  }

  private downlink(nowMs: number, d: number, bytes: Uint8Array): void {
    const { s } = this;
    s.link.arrived();
    if (!s.powered) {
      // The hub is down: the DCC holds the command until the premises is back, or it expires.
      s.stats.wan.expired++;
      s.trace.record('world', nowMs, this.euis[d]!, WORLD_NOTE.expired, bytes);
      return;
    }
    s.stats.wan.delivered++;
    routeDown(this, nowMs, d, bytes);
  }

  private uplink(bytes: Uint8Array): void {
    const { s } = this;
    s.link.arrived();
    s.stats.wan.delivered++;
    receiveUplink(this, bytes);
  }

  clockErrorMs(d: number, nowMs: number): number {
    const c = this.s.clocks[d]!;
    return Math.trunc(((nowMs - c.lastSyncMs) * c.ppm) / 1_000_000);
  }

  private setClock(nowMs: number, d: number, deviceMs: number): void {
    const status = this.deliverTo(nowMs, d, 'LOCAL', setClockInput(Math.floor(deviceMs / 1000)));
    if (status !== Status.OK) throw this.error(nowMs, `SET_CLOCK refused with ${statusName(status)}`);
  }

  private clockDrift(nowMs: number, d: number): void {
    const { s } = this;
    if (s.powered || d === this.roles.gsme) {
      const error = this.clockErrorMs(d, nowMs);
      s.stats.clockErrorMsMax = Math.max(s.stats.clockErrorMsMax, Math.abs(error));
      this.setClock(nowMs, d, nowMs + error);
    }
    if (nowMs + CLOCK_DRIFT_STEP_MS <= this.ctx.endMs) s.queue.add(nowMs + CLOCK_DRIFT_STEP_MS, EVENT.CLOCK_DRIFT, d);
  }

  private clockSync(nowMs: number, d: number): void {
    const { s } = this;
    // The GSME takes its time from the GPF at its wakes (devices 6.2; host/world/premises-han.ts).
    if (s.powered && d !== this.roles.gsme) {
      // Time synchronisation from the hub [A]: the device clock is set to UTC again.
      s.stats.clockErrorMsMax = Math.max(s.stats.clockErrorMsMax, Math.abs(this.clockErrorMs(d, nowMs)));
      s.clocks[d]!.lastSyncMs = nowMs;
      s.stats.clockSyncs++;
      this.setClock(nowMs, d, nowMs);
    }
    const next = nowMs + this.ctx.scenario.faults.clockSyncHours * HOUR_MS;
    if (next <= this.ctx.endMs) s.queue.add(next, EVENT.CLOCK_SYNC, d);
  }

  private powerOff(nowMs: number, endMs: number): void {
    const { s } = this;
    s.powered = false;
    s.stats.powerCuts++;
    // Device state lives in persistent memory: the image at the instant of loss is what it persisted.
    // The GSME runs on its battery (devices 6.1) and carries on; the hub's GSME queue is lost.
    this.homes.forEach((home, d) => {
      const kind = powerEventKind(home.arena.firmware);
      if (kind !== undefined && d !== this.roles.gsme) this.deliverTo(nowMs, d, 'LOCAL', powerEventInput(kind, POWER_EVENT.SUPPLY_LOST, nowMs));
    });
    if (this.roles.gsme >= 0) dropGsmeQueue(this, nowMs);
    s.persisted = this.homes.map((home, d) => (d === this.roles.gsme ? new Uint8Array(0) : home.arena.firmware.snapshotDevice(home.slot)));
    s.trace.record('world', nowMs, this.euis[0]!, WORLD_NOTE.powerOff, new Uint8Array(0));
    s.queue.add(Math.min(endMs, this.ctx.endMs), EVENT.POWER_ON);
  }

  private powerOn(nowMs: number): void {
    const { s } = this;
    s.powered = true;
    s.stats.powerRestorations++;
    this.homes.forEach((home, d) => {
      if (d === this.roles.gsme) return;
      // The device restarts from what it persisted (restore), then catches up with the time.
      const status = home.arena.firmware.restoreDevice(home.slot, s.persisted[d]!);
      if (status !== Status.OK) throw this.error(nowMs, `restart of ${this.euis[d]} from its persisted image returned ${statusName(status)}`);
      const advanced = home.arena.firmware.advanceTime(home.slot, nowMs);
      if (advanced !== Status.OK) throw this.error(nowMs, `advanceTime after restart returned ${statusName(advanced)}`);
    });
    s.persisted = [];
    s.trace.record('world', nowMs, this.euis[0]!, WORLD_NOTE.powerOn, new Uint8Array(0));
    this.homes.forEach((home, d) => {
      // Outage/restoration alerts need firmware support (host/world/power.ts says what).
      const kind = powerEventKind(home.arena.firmware);
      if (kind !== undefined && d !== this.roles.gsme) this.deliverTo(nowMs, d, 'LOCAL', powerEventInput(kind, POWER_EVENT.SUPPLY_RESTORED, nowMs));
    });
  }

  error(atMs: number, detail: string): WorldRunError {
    return new WorldRunError(this.ctx, this.s.index, atMs, detail);
  }
}

function attachKeys(ctx: WorldContext, home: DeviceHome, eui: string, parties: readonly TrustAnchor[]): void {
  home.arena.secureElement.attach(home.slot, new LookupKeyring(ctx.provider, ctx.keys, eui, parties.map((p) => p.eui)));
}
