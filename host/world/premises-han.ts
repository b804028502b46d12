import { setGsmeStateInput, setZclAttributeInput } from '../gsme-inputs.js';
import { hanLogEntryInput, setClockInput } from '../local-inputs.js';
import { REFERENCE_GSME_STATE, REFERENCE_GSME_VALUES } from '../profiles/reference-gsme.js';
import { Status, statusName } from '../status.js';
import { atTheMeter } from './consumer.js';
import { meterGas } from './gas-model.js';
import { hanSend } from './han-link.js';
import { pullAtWake } from './firmware-distribution.js';
import { mirrorLedger } from './han-devices.js';
import { GSME_QUEUE_MAX, GSME_TIME_SYNC_WINDOW_MS, GSME_WAKE_COMMANDS_MAX } from './han-state.js';
import { WORLD_NOTE } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';
import { GAS_ATTRIBUTE, METERING_CLUSTER, typedUint } from './remote-commands.js';
import { DAY_MS, MINUTE_MS } from './uk-time.js';

// The premises' HAN as a real premises routes it (devices 6.2, 6.3, 7.3, 7.4): a WAN command
// reaches the communications hub; one for the CHF or the GPF (a function of the hub) is answered
// at once, a command for a mains-powered HAN device (ESME, PPMID, HCALCS) crosses that device's
// HAN link, and one for the sleepy GSME waits in the GPF's queue until the GSME wakes (or
// expires after gsmeCommandTimeout). At each wake the GSME exchanges with the GPF: its register
// and battery reach the GPF mirror, the GPF's time reaches the GSME, and it retrieves its queued
// commands; its answers cross the HAN back to the hub and go out over the SM WAN. The gas itself
// reaches the GSME through its GAS_CONSUMPTION input (gas-model.ts: the GSME's ledger charges
// it); its battery, the GPF mirror and the time travel through the LOCAL inputs the firmware
// offers (SET_ZCL_ATTRIBUTE on the GSME and on the GPF mirror, SET_CLOCK): the GBZ server then
// answers remote reads from them.

/** GBCS 7 device types of the CHF device log (host/local-inputs.ts HanLogEntry). */
const GBCS_DEVICE_TYPE: Record<string, number> = { GSME: 0, ESME: 1, HCALCS: 4, PPMID: 5, IHD: 6 }; // IHD: a Type 2 device (gbcs.md 7)
const UINT48 = 0x25;
const UINT24 = 0x22;
const UINT16 = 0x21;
const ENUM8 = 0x30;
const UNIT_CUBIC_METRES = 0x01;
const DM3_PER_M3 = 1000;
const KEY_HASH_BYTES = 16;

function local(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array, what: string): void {
  const status = w.deliverTo(nowMs, d, 'LOCAL', bytes);
  if (status !== Status.OK) throw w.error(nowMs, `${what} to ${w.euis[d]} returned ${statusName(status)}`);
}

function gasAttribute(attributeId: number, typed: Uint8Array): Uint8Array {
  return setZclAttributeInput(METERING_CLUSTER, attributeId, typed);
}

/** Installation: the CHF device log lists the premises' HAN devices; the GSME and the GPF mirror get their profile. */
export function installHan(w: PremisesWorld, t: number): void {
  const { s, roles } = w;
  if (roles.chf < 0) return;
  w.types.forEach((type, d) => {
    const deviceType = GBCS_DEVICE_TYPE[type];
    if (deviceType === undefined) return;
    const keyHash = new Uint8Array(KEY_HASH_BYTES);
    const keys = w.stream(`han-key:${w.euis[d]}`);
    for (let i = 0; i < KEY_HASH_BYTES; i++) keyHash[i] = keys.nextInt(256);
    local(w, t, roles.chf, hanLogEntryInput({ list: 'device', eui: w.euis[d]!, deviceType, keyHash }), 'HAN_LOG_ENTRY');
    s.han.joined.push(d);
  });
  if (roles.gsme < 0) return;
  const A = GAS_ATTRIBUTE;
  for (const d of [roles.gsme, roles.gpf]) {
    // Appendix S.2 values (prepayment registers, supply status, MPRN ...), then this meter's own.
    const g = REFERENCE_GSME_STATE;
    local(w, t, d, setGsmeStateInput(g.nextSampleId, g.friendlyCredit, g.friendlyCreditCalendarId), 'SET_GSME_STATE');
    for (const v of REFERENCE_GSME_VALUES) local(w, t, d, setZclAttributeInput(v.clusterId, v.attributeId, v.typed), 'SET_ZCL_ATTRIBUTE');
    for (const id of [A.BLOCK1_SUMMATION, A.BLOCK2_SUMMATION, A.BLOCK3_SUMMATION, A.BLOCK4_SUMMATION]) local(w, t, d, gasAttribute(id, typedUint(UINT48, 6, 0)), 'SET_ZCL_ATTRIBUTE');
    local(w, t, d, gasAttribute(A.DIVISOR, typedUint(UINT24, 3, DM3_PER_M3)), 'SET_ZCL_ATTRIBUTE');
    local(w, t, d, gasAttribute(A.MULTIPLIER, typedUint(UINT24, 3, 1)), 'SET_ZCL_ATTRIBUTE');
    local(w, t, d, gasAttribute(A.UNIT_OF_MEASURE, typedUint(ENUM8, 1, UNIT_CUBIC_METRES)), 'SET_ZCL_ATTRIBUTE');
    local(w, t, d, gasAttribute(A.REMAINING_BATTERY_DAYS, typedUint(UINT16, 2, s.han.batteryDays)), 'SET_ZCL_ATTRIBUTE');
  }
  // The GSME's wakes keep a seeded phase within the wake interval.
  const intervalMs = w.group.han.gsmeWakeMin * MINUTE_MS;
  s.queue.add(t + 1000 * (1 + w.stream(`gsme-wake:${w.euis[roles.gsme]}`).nextInt(intervalMs / 1000)), w.eventKind.GSME_WAKE, roles.gsme);
}

/** A WAN command for device d has reached the hub. */
export function routeDown(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array): void {
  const { s, roles } = w;
  if (roles.chf < 0 || d === roles.chf || d === roles.gpf) {
    w.deliverTo(nowMs, d, 'WAN', bytes);
    return;
  }
  if (!s.han.joined.includes(d)) {
    s.stats.han.notJoined++;
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.notJoined, bytes);
    return;
  }
  if (d === roles.gsme) {
    const g = s.stats.gsme;
    if (s.han.gsmeQueue.length >= GSME_QUEUE_MAX) {
      g.queueFull++;
      s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE['queue-full'], bytes);
      return;
    }
    s.han.gsmeQueue.push({ bytes, queuedMs: nowMs });
    g.commandsQueued++;
    g.queueLengthMax = Math.max(g.queueLengthMax, s.han.gsmeQueue.length);
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.gsmeQueued, bytes);
    return;
  }
  relay(w, nowMs, d, bytes, w.eventKind.HAN_DOWN);
}

/** Device d sent a WAN-bound message (a response or an alert): across its HAN link to the hub, then the SM WAN. */
export function routeUp(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array): void {
  const { roles } = w;
  if (roles.chf < 0 || d === roles.chf || d === roles.gpf) {
    w.sendOverWan(nowMs, d, bytes);
    return;
  }
  relay(w, nowMs, d, bytes, w.eventKind.HAN_UP);
}

function relay(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array, kind: number): void {
  const { s } = w;
  const outcome = hanSend(w.group.han, w.stream(`han:${w.euis[d]}`));
  s.stats.han.retries += outcome.retries;
  if (outcome.kind === 'lost') {
    s.stats.han.lost++;
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.hanLost, bytes);
    return;
  }
  s.stats.han.relayed++;
  s.queue.add(nowMs + outcome.delayMs, kind, d, nowMs, bytes);
}

/** A relayed frame reaches device d. */
export function hanDown(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array): void {
  w.s.stats.devices[d]!.hanIn++;
  w.deliverTo(nowMs, d, 'WAN', bytes);
}

/** A frame from device d reaches the hub; with the hub down (power cut) it is lost. */
export function hanUp(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array): void {
  const { s } = w;
  if (!s.powered) {
    s.stats.han.lost++;
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.hanLost, bytes);
    return;
  }
  s.stats.devices[d]!.hanOut++;
  w.sendOverWan(nowMs, d, bytes);
}

/** The hub's queue is volatile (devices 7.1): a power cut loses it. */
export function dropGsmeQueue(w: PremisesWorld, nowMs: number): void {
  const { s, roles } = w;
  for (const c of s.han.gsmeQueue) {
    s.stats.gsme.commandsDropped++;
    s.trace.record('world', nowMs, w.euis[roles.gsme]!, WORLD_NOTE.gsmeDropped, c.bytes);
  }
  s.han.gsmeQueue = [];
}

/** A GSME wake (devices 6.2): measure, then exchange with the GPF when the hub is there. */
export function gsmeWake(w: PremisesWorld, nowMs: number, d: number): void {
  const { s } = w;
  const h = s.han;
  const g = s.stats.gsme;
  g.wakes++;
  meterGas(w, nowMs, d);
  countBattery(w, nowMs, d);
  if (w.group.gas?.paymentMode === 'prepayment') atTheMeter(w, nowMs, d);
  const next = nowMs + w.group.han.gsmeWakeMin * MINUTE_MS;
  if (next <= w.ctx.endMs) s.queue.add(next, w.eventKind.GSME_WAKE, d);
  expireQueue(w, nowMs, d);
  if (!s.powered) {
    g.wakesWithoutHub++;
    return;
  }
  const hello = hanSend(w.group.han, w.stream(`han:${w.euis[d]}`));
  s.stats.han.retries += hello.retries;
  if (hello.kind === 'lost') {
    g.exchangesFailed++;
    s.stats.han.lost++;
    return;
  }
  const at = nowMs + hello.delayMs;
  syncTime(w, nowMs, d);
  if (h.mirrorVolumeDm3 !== h.gasVolumeDm3 || g.mirrorUpdates === 0) {
    local(w, nowMs, w.roles.gpf, gasAttribute(GAS_ATTRIBUTE.BLOCK1_SUMMATION, typedUint(UINT48, 6, h.gasVolumeDm3)), 'mirror SET_ZCL_ATTRIBUTE');
  }
  if (h.mirrorBatteryDays !== h.batteryDays) {
    local(w, nowMs, w.roles.gpf, gasAttribute(GAS_ATTRIBUTE.REMAINING_BATTERY_DAYS, typedUint(UINT16, 2, h.batteryDays)), 'mirror battery SET_ZCL_ATTRIBUTE');
    h.mirrorBatteryDays = h.batteryDays;
  }
  mirrorLedger(w, nowMs);
  h.mirrorVolumeDm3 = h.gasVolumeDm3;
  h.mirrorSyncMs = nowMs;
  g.mirrorUpdates++;
  retrieveCommands(w, at, d);
  pullAtWake(w, at, d); // firmware image blocks, a few per wake (firmware-distribution.ts)
}

/** The GSME's battery, counted down once per UTC day (devices 6.1 model [A]). */
function countBattery(w: PremisesWorld, nowMs: number, d: number): void {
  const h = w.s.han;
  const day = nowMs - (nowMs % DAY_MS);
  if (day > h.batteryDayMs) {
    h.batteryDays = Math.max(0, h.batteryDays - (day - h.batteryDayMs) / DAY_MS);
    h.batteryDayMs = day;
    local(w, nowMs, d, gasAttribute(GAS_ATTRIBUTE.REMAINING_BATTERY_DAYS, typedUint(UINT16, 2, h.batteryDays)), 'battery SET_ZCL_ATTRIBUTE');
  }
}

function expireQueue(w: PremisesWorld, nowMs: number, d: number): void {
  const { s } = w;
  if (s.han.gsmeQueue.length === 0) return;
  const timeoutMs = w.group.han.gsmeCommandTimeoutMin * MINUTE_MS;
  const kept = s.han.gsmeQueue.filter((c) => nowMs - c.queuedMs <= timeoutMs);
  for (const c of s.han.gsmeQueue) {
    if (nowMs - c.queuedMs <= timeoutMs) continue;
    s.stats.gsme.commandsExpired++;
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.gsmeExpired, c.bytes);
  }
  s.han.gsmeQueue = kept;
}

function syncTime(w: PremisesWorld, nowMs: number, d: number): void {
  if (w.ctx.scenario.faults.clockDriftPpmMax === 0) return;
  const { s } = w;
  const error = w.clockErrorMs(d, nowMs);
  if (Math.abs(error) > GSME_TIME_SYNC_WINDOW_MS) {
    s.stats.gsme.timeSyncsRefused++;
    return;
  }
  s.clocks[d]!.lastSyncMs = nowMs;
  s.stats.gsme.timeSyncs++;
  local(w, nowMs, d, setClockInput(Math.floor(nowMs / 1000)), 'SET_CLOCK');
}

/** The GSME pulls its queued commands, FIFO; a frame lost on the HAN stays queued for the next wake. */
function retrieveCommands(w: PremisesWorld, atMs: number, d: number): void {
  const { s } = w;
  let t = atMs;
  for (let i = 0; i < GSME_WAKE_COMMANDS_MAX && s.han.gsmeQueue.length > 0; i++) {
    const command = s.han.gsmeQueue[0]!;
    const outcome = hanSend(w.group.han, w.stream(`han:${w.euis[d]}`));
    s.stats.han.retries += outcome.retries;
    if (outcome.kind === 'lost') {
      s.stats.han.lost++;
      return;
    }
    s.han.gsmeQueue.shift();
    t += outcome.delayMs;
    s.stats.han.relayed++;
    s.stats.gsme.commandsDelivered++;
    s.stats.gsme.queueWaitMsMax = Math.max(s.stats.gsme.queueWaitMsMax, t - command.queuedMs);
    s.queue.add(t, command.channel === 'HAN' ? w.eventKind.HAN_FRAME : w.eventKind.HAN_DOWN, d, command.queuedMs, command.bytes);
  }
}
