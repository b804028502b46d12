import { parseEnvelope } from '../../gbcs/envelope.js';
import { ihdScheduleInput, ppmidTopUpInput } from '../han-device-inputs.js';
import { ihdSecondsToNextRead, readPpmid } from '../han-device-view.js';
import { hanLogEntryInput } from '../local-inputs.js';
import { setZclAttributeInput } from '../gsme-inputs.js';
import { EC_STATE, readLedgerRegisters, type LedgerRegisters } from '../ledger-view.js';
import { GAS_ATTRIBUTE, METERING_CLUSTER } from './remote-commands.js';
import type { TrustAnchor } from '../provisioning.js';
import type { DeviceTypeName, TopUpHabit } from '../scenario/scenario.js';
import { ROLE, Status, statusName } from '../status.js';
import { hanSend } from './han-link.js';
import { GSME_QUEUE_MAX } from './han-state.js';
import { useCaseCounts, WORLD_NOTE } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';
import { MINUTE_MS } from './uk-time.js';
import { PREMISES_PARTIES } from './world-context.js';

// The premises' HAN devices talking to each other (devices 8.1, 8.2), through the hub as every
// HAN frame travels (devices 7.4): the PPMID sends a UTRN typed on it to the ESME (PECS01) or the
// GSME (PCS01, held at the GPF until the GSME wakes, like a remote command for it) and shows the
// meter's answer; the IHD reads the ESME and the GPF mirror on its own schedule. A frame crosses
// the sender's HAN link to the hub and the recipient's link from it (seeded latency and loss per
// link, han-link.ts); with the hub down (power cut) or a device not in the CHF device log it is
// lost and counted. Who talks to whom is HAN_BINDINGS: each device holds its peers in its trust
// store (role HAN_PEER), which is how its secure element derives the device-to-device keys
// (assembly/han-devices/han-message.ts).

/** The devices a device of each type is bound to (its HAN peers); ESME, GSME and GPF answer them. */
export const HAN_BINDINGS: Partial<Record<DeviceTypeName, readonly DeviceTypeName[]>> = {
  PPMID: ['ESME', 'GSME'], IHD: ['ESME', 'GPF'], ESME: ['PPMID', 'IHD'], GSME: ['PPMID'], GPF: ['IHD'],
};
/** GBCS 7 device types of the meters in the PPMID's own device log (CS03 joins). */
const PPMID_METER_TYPE: Partial<Record<DeviceTypeName, number>> = { GSME: 0, ESME: 1 };
const TAG_GENERAL_CIPHERING = 0xdd;
const HAN_READ_RECIPIENT_OFFSET = 10; // assembly/han-devices/meter-reads.ts frame header
const EUI_BYTES = 8;

/** The trust store of device d: the remote parties, then its HAN peers (key slot = entry index). */
export function premisesPartiesOf(types: readonly DeviceTypeName[], euis: readonly string[], d: number): TrustAnchor[] {
  const peers = HAN_BINDINGS[types[d]!] ?? [];
  const bound = types.flatMap((type, e) => (e !== d && peers.includes(type) ? [{ eui: euis[e]!, role: ROLE.HAN_PEER }] : []));
  return [...PREMISES_PARTIES, ...bound];
}

function local(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array, what: string): void {
  const status = w.deliverTo(nowMs, d, 'LOCAL', bytes);
  if (status !== Status.OK) throw w.error(nowMs, `${what} to ${w.euis[d]} returned ${statusName(status)}`);
}

/** Installation: the PPMID's device log names its meters; each IHD gets its schedule and its first wake. */
export function installHanDevices(w: PremisesWorld, t: number): void {
  w.types.forEach((type, d) => {
    if (type === 'PPMID') {
      w.types.forEach((meter, m) => {
        const deviceType = PPMID_METER_TYPE[meter];
        if (deviceType !== undefined) local(w, t, d, hanLogEntryInput({ list: 'device', eui: w.euis[m]!, deviceType }), 'HAN_LOG_ENTRY');
      });
    }
    if (type === 'IHD') {
      local(w, t, d, ihdScheduleInput(w.group.han.ihdRefreshMin * 60), 'IHD_SCHEDULE');
      scheduleIhdWake(w, d, t);
    }
  });
}

/** The IHD's next wake: when its own clock (which may drift) reaches its next read; a read still due (nothing sent) is tried again a refresh later. */
function scheduleIhdWake(w: PremisesWorld, d: number, nowMs: number): void {
  const dueS = ihdSecondsToNextRead(w.firmware(d), w.homes[d]!.slot);
  const next = nowMs + (dueS > 0 ? dueS * 1000 : w.group.han.ihdRefreshMin * MINUTE_MS);
  if (next <= w.ctx.endMs) w.s.queue.add(next, w.eventKind.IHD_WAKE, d);
}

/** An IHD wake: its clock reaches its read time and the reads it sends cross the HAN. */
export function ihdWake(w: PremisesWorld, nowMs: number, d: number): void {
  if (w.s.powered) {
    w.advanceDevice(nowMs, d);
    scheduleIhdWake(w, d, nowMs);
    return;
  }
  // Mains powered: without power it reads nothing; it tries again one interval later.
  const next = nowMs + w.group.han.ihdRefreshMin * MINUTE_MS;
  if (next <= w.ctx.endMs) w.s.queue.add(next, w.eventKind.IHD_WAKE, d);
}

/** Device `from` sent a HAN frame: to its recipient through the hub (for the GSME: held at the GPF until it wakes). */
export function routeHanFrame(w: PremisesWorld, nowMs: number, from: number, bytes: Uint8Array): void {
  const { s, roles } = w;
  const to = w.euis.indexOf(recipientOf(bytes));
  if (to < 0 || !onTheHan(w, from) || !onTheHan(w, to)) {
    s.stats.han.notJoined++;
    s.trace.record('world', nowMs, w.euis[from]!, WORLD_NOTE.notJoined, bytes);
    return;
  }
  const up = from === roles.gpf ? { kind: 'deliver' as const, delayMs: 0, retries: 0 } : hanSend(w.group.han, w.stream(`han:${w.euis[from]}`));
  s.stats.han.retries += up.retries;
  if (up.kind === 'lost' || !s.powered) {
    s.stats.han.lost++;
    s.trace.record('world', nowMs, w.euis[from]!, WORLD_NOTE.hanLost, bytes);
    return;
  }
  s.stats.devices[from]!.hanOut++;
  if (to === roles.gsme) {
    // devices 6.3: held at the GPF with the remote commands for the GSME, retrieved at its next wake.
    if (s.han.gsmeQueue.length >= GSME_QUEUE_MAX) {
      s.stats.gsme.queueFull++;
      s.trace.record('world', nowMs, w.euis[to]!, WORLD_NOTE['queue-full'], bytes);
      return;
    }
    s.han.gsmeQueue.push({ bytes, queuedMs: nowMs, channel: 'HAN' });
    s.stats.gsme.commandsQueued++;
    s.stats.gsme.queueLengthMax = Math.max(s.stats.gsme.queueLengthMax, s.han.gsmeQueue.length);
    s.trace.record('world', nowMs, w.euis[to]!, WORLD_NOTE.gsmeQueued, bytes);
    return;
  }
  const down = to === roles.gpf ? { kind: 'deliver' as const, delayMs: 0, retries: 0 } : hanSend(w.group.han, w.stream(`han:${w.euis[to]}`));
  s.stats.han.retries += down.retries;
  if (down.kind === 'lost') {
    s.stats.han.lost++;
    s.trace.record('world', nowMs, w.euis[to]!, WORLD_NOTE.hanLost, bytes);
    return;
  }
  s.stats.han.relayed++;
  s.queue.add(nowMs + up.delayMs + down.delayMs, w.eventKind.HAN_FRAME, to, nowMs, bytes);
}

/** A HAN frame reaches device d; what the PPMID makes of a meter's answer is counted per use case. */
export function hanFrameDown(w: PremisesWorld, nowMs: number, d: number, bytes: Uint8Array): void {
  const { s } = w;
  if (!s.powered) {
    s.stats.han.lost++;
    s.trace.record('world', nowMs, w.euis[d]!, WORLD_NOTE.hanLost, bytes);
    return;
  }
  s.stats.devices[d]!.hanIn++;
  const ppmid = w.types[d] === 'PPMID' ? readPpmid(w.firmware(d), w.homes[d]!.slot) : undefined;
  const status = w.deliverTo(nowMs, d, 'HAN', bytes);
  if (status !== Status.OK) s.stats.han.refused++;
  if (ppmid === undefined) return;
  const after = readPpmid(w.firmware(d), w.homes[d]!.slot);
  if (after.accepted + after.rejected === ppmid.accepted + ppmid.rejected) return;
  const counts = useCaseCounts(s.stats, ppmidName(w.types[w.euis.indexOf(after.lastMeter)] === 'GSME' ? 'CS01b' : 'CS01a'));
  counts.answered++;
  if (after.rejected > ppmid.rejected) counts.refused++;
}

/** The PPMID entries of a top-up habit, counted like the remote use cases (sent = typed, answered = the meter's answer reached the PPMID). */
export function ppmidName(useCase: TopUpHabit['useCase']): string {
  return `${useCase} PPMID`;
}

/** The consumer types a UTRN for meter `meter` on the PPMID (devices 8.1); it goes out over the HAN. */
export function enterOnPpmid(w: PremisesWorld, nowMs: number, t: TopUpHabit, meter: number, utrn: string): void {
  const d = w.types.indexOf('PPMID');
  if (d < 0) throw w.error(nowMs, 'a PPMID top-up habit without a PPMID');
  useCaseCounts(w.s.stats, ppmidName(t.useCase)).sent++;
  const status = w.deliverTo(nowMs, d, 'LOCAL', ppmidTopUpInput(w.euis[meter]!, utrn));
  // A full table of unanswered top-ups is the PPMID refusing the entry (shown on it), not a host error.
  if (status !== Status.OK && status !== Status.TABLE_FULL) throw w.error(nowMs, `PPMID_TOP_UP to ${w.euis[d]} returned ${statusName(status)}`);
}

// The GSME's prepayment registers the GPF mirror holds for HAN devices (devices 6.3), as ZSE
// attributes: Credit Remaining, Emergency Credit Remaining, Accumulated Debt (int32), Credit
// Status (bitmap8, the bits of assembly/han-devices/meter-reads.ts creditStatusOf), Supply Status.
const PREPAYMENT_CLUSTER = 0x0705;
const MIRRORED_LEDGER = [
  { cluster: PREPAYMENT_CLUSTER, attribute: 0x0001, type: 0x2b, bytes: 4, value: (l: LedgerRegisters) => clampI32(l.meterBalance) },
  { cluster: PREPAYMENT_CLUSTER, attribute: 0x0002, type: 0x2b, bytes: 4, value: (l: LedgerRegisters) => clampI32(l.ecBalance) },
  { cluster: PREPAYMENT_CLUSTER, attribute: 0x0005, type: 0x2b, bytes: 4, value: (l: LedgerRegisters) => clampI32(l.accumulatedDebt) },
  { cluster: PREPAYMENT_CLUSTER, attribute: 0x0003, type: 0x18, bytes: 1, value: creditStatusOf },
  { cluster: METERING_CLUSTER, attribute: GAS_ATTRIBUTE.SUPPLY_STATUS, type: 0x30, bytes: 1, value: (l: LedgerRegisters) => ZSE_SUPPLY_STATUS[l.supply] ?? 0 },
] as const;
const CREDIT_STATUS = { OK: 0x01, LOW: 0x02, EC_AVAILABLE: 0x08, EC_IN_USE: 0x20, EXHAUSTED: 0x40 } as const;
const ZSE_SUPPLY_STATUS: readonly number[] = [2, 1, 0]; // ledger ENABLED, ARMED, DISABLED as ZSE on, armed, off

function clampI32(v: bigint): number {
  return Number(v > 0x7fffffffn ? 0x7fffffffn : v < -0x80000000n ? -0x80000000n : v);
}

function creditStatusOf(l: LedgerRegisters): number {
  const available = l.meterBalance + (l.ecState === EC_STATE.IN_USE ? l.ecBalance : 0n);
  let bits = 0;
  if (available > 0n) bits |= CREDIT_STATUS.OK;
  if (l.lowLatched !== 0) bits |= CREDIT_STATUS.LOW;
  if (l.ecState === EC_STATE.AVAILABLE) bits |= CREDIT_STATUS.EC_AVAILABLE;
  if (l.ecState === EC_STATE.IN_USE) bits |= CREDIT_STATUS.EC_IN_USE;
  if (l.ecState === EC_STATE.EXHAUSTED || (available <= 0n && l.ecState !== EC_STATE.IN_USE)) bits |= CREDIT_STATUS.EXHAUSTED;
  return bits;
}

/** At a GSME wake: its prepayment registers that changed reach the GPF mirror (a GSME without a ledger has none). */
export function mirrorLedger(w: PremisesWorld, nowMs: number): void {
  const { roles, s } = w;
  const ledger = readLedgerRegisters(w.firmware(roles.gsme), w.homes[roles.gsme]!.slot, { gas: true });
  if (ledger === undefined) return;
  const values = MIRRORED_LEDGER.map((m) => m.value(ledger));
  MIRRORED_LEDGER.forEach((m, i) => {
    if (s.han.mirrorLedger?.[i] === values[i]) return;
    const typed = new Uint8Array(1 + m.bytes);
    typed[0] = m.type;
    for (let b = 0; b < m.bytes; b++) typed[1 + b] = (values[i]! >> (8 * b)) & 0xff;
    local(w, nowMs, roles.gpf, setZclAttributeInput(m.cluster, m.attribute, typed), 'mirror SET_ZCL_ATTRIBUTE');
  });
  s.han.mirrorLedger = values;
}

/** The hub's own functions, and the devices in the CHF device log (devices 7.3). */
function onTheHan(w: PremisesWorld, d: number): boolean {
  return d === w.roles.chf || d === w.roles.gpf || w.s.han.joined.includes(d);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/** The recipient EUI of a HAN frame: the envelope's (device-to-device GBCS) or the read frame's. */
function recipientOf(bytes: Uint8Array): string {
  if (bytes[0] === TAG_GENERAL_CIPHERING) return parseEnvelope(bytes).recipient;
  let eui = '';
  for (let i = 0; i < EUI_BYTES; i++) eui += HEX_BYTE[bytes[HAN_READ_RECIPIENT_OFFSET + i] ?? 0];
  return eui;
}
