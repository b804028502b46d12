import { EmulatorError } from '../../gbcs/errors.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { generateUTRN } from '../../gbcs/utrn.js';
import { readDeviceCounters } from '../device-view.js';
import type { ReadHabit, TopUpHabit } from '../scenario/scenario.js';
import { READ_TARGET, TOP_UP_TARGET } from '../scenario/validate-premises.js';
import { useCaseCounts } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';
import { cs01aContent, cs01bContent, MESSAGE_CODE, readAnswer, readContent } from './remote-commands.js';
import { DAY_MS, parseLocalTime, ukLocalParts, ukLocalToUtc } from './uk-time.js';
import { PARTY_EUI, SUPPLIER_EUI } from './world-context.js';

// The remote parties of a premises: reads by their habits (UK local time), weekly top-ups by
// the supplier (UTRNs generated with the supplier's prepayment KA key, GBCS 10.2), and what the
// answers say: counted per use case, a read matching when its register equals what the host
// model knew when the device answered (the ESME's export register, the gas register the GPF
// mirror last received, the GSME's battery days).

/** Expected register values of answers in flight; a bound on answers lost on the way. */
export const EXPECTED_READS_MAX = 4_096;
const USE_CASE_OF_CODE = new Map(Object.entries(MESSAGE_CODE).map(([useCase, code]) => [code, useCase]));

/** The device index a use case is addressed to. */
function targetOf(w: PremisesWorld, type: string): number {
  const d = w.types.indexOf(type as (typeof w.types)[number]);
  if (d < 0) throw w.error(w.s.queue.nowMs, `no ${type} in the premises`);
  return d;
}

export function sendRead(w: PremisesWorld, nowMs: number, h: ReadHabit): void {
  const d = targetOf(w, READ_TARGET[h.useCase]);
  const command = w.s.headEnd.buildCommand(PARTY_EUI[h.party], w.euis[d]!, MESSAGE_CODE[h.useCase], readContent(h.useCase));
  w.s.stats.commandsSent++;
  useCaseCounts(w.s.stats, h.useCase).sent++;
  w.sendDown(nowMs, d, command.bytes);
}

/** The next instant of a weekly habit at or after fromMs (UK local weekday and time), or undefined past the run. */
export function nextTopUpMs(w: PremisesWorld, t: TopUpHabit, fromMs: number): number | undefined {
  const minutes = parseLocalTime(t.localTime)!;
  for (let day = fromMs - (fromMs % DAY_MS) - DAY_MS, i = 0; i < 9 && day < w.ctx.endMs; day += DAY_MS, i++) {
    const p = ukLocalParts(day + DAY_MS / 2);
    if (p.dayOfWeek !== t.weekday % 7) continue;
    const at = ukLocalToUtc(p.year, p.month, p.day, Math.trunc(minutes / 60), minutes % 60);
    if (at >= fromMs) return at <= w.ctx.endMs ? at : undefined;
  }
  return undefined;
}

export function sendTopUp(w: PremisesWorld, nowMs: number, t: TopUpHabit): void {
  const { ctx, s } = w;
  const d = targetOf(w, TOP_UP_TARGET[t.useCase]);
  const eui = w.euis[d]!;
  // The UTRN counter's high word is the top-up's UTC second: increasing, as GBCS 10.2 needs.
  const counter = BigInt(Math.floor(nowMs / 1000)) << 32n;
  const utrn = generateUTRN(ctx.provider, {
    privateKey: ctx.keys.privateKey(SUPPLIER_EUI, 'pp-ka'), peerPublicKey: ctx.keys.publicKey(eui, 'ka'),
    supplierEui: euiBytes(SUPPLIER_EUI), deviceEui: euiBytes(eui),
  }, { counter, valueClass: 'pounds', value: t.valuePounds });
  const content = t.useCase === 'CS01a' ? cs01aContent(utrn) : cs01bContent(utrn);
  // GBCS 2.1, 10.1: a remote top-up travels with its UTRN counter as the originator counter.
  const command = s.headEnd.buildCommand(SUPPLIER_EUI, eui, MESSAGE_CODE[t.useCase], content, { counter });
  s.stats.commandsSent++;
  useCaseCounts(s.stats, t.useCase).sent++;
  w.sendDown(nowMs, d, command.bytes);
}

function euiBytes(eui: string): Uint8Array {
  return Uint8Array.from(eui.match(/../g)!.map((b) => parseInt(b, 16)));
}

/** Remembers, as device d sends an answer, the register value the answer should carry. */
export function rememberExpected(w: PremisesWorld, d: number, bytes: Uint8Array): void {
  const { s, roles } = w;
  if (s.expected.size >= EXPECTED_READS_MAX) return;
  const envelope = parseEnvelope(bytes);
  let value: number | undefined;
  if (d === roles.esme) value = readDeviceCounters(w.firmware(d), w.homes[d]!.slot).exportActiveWh;
  else if (d === roles.gpf) value = s.han.mirrorVolumeDm3;
  else if (d === roles.gsme) value = s.han.batteryDays;
  if (value !== undefined) s.expected.set(answerKey(envelope.originator, envelope.recipient, envelope.transactionId), value);
}

function answerKey(device: string, party: string, counter: bigint): string {
  return `${device}>${party}:${counter}`;
}

/** A device's message has reached the DCC: verify it and count what it answers. */
export function receiveUplink(w: PremisesWorld, bytes: Uint8Array): void {
  const { s } = w;
  try {
    const message = s.headEnd.open(bytes);
    s.stats.responsesVerified++;
    const e = message.envelope;
    const key = answerKey(e.originator, e.recipient, e.transactionId);
    const useCase = USE_CASE_OF_CODE.get(message.messageCode);
    if (useCase !== undefined && e.cra === 2) {
      const counts = useCaseCounts(s.stats, useCase);
      counts.answered++;
      const answer = readAnswer(message, message.messageCode);
      if (answer.refused) counts.refused++;
      if (answer.value !== undefined) {
        const matches = s.expected.get(key) === answer.value;
        if (matches) counts.matching++;
        if (useCase === 'ECS17a') {
          s.stats.lastExportActiveWhRead = answer.value;
          if (matches) s.stats.readsMatchingMeter++;
        }
      }
    }
    s.expected.delete(key);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    s.stats.responsesRejected++;
  }
}
