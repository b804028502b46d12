import { EmulatorError } from '../../gbcs/errors.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { readDeviceCounters } from '../device-view.js';
import type { ReadHabit } from '../scenario/scenario.js';
import { READ_TARGET } from '../scenario/validate-premises.js';
import { useCaseCounts } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';
import { MESSAGE_CODE, readAnswer, readContent } from './remote-commands.js';
import { PARTY_EUI } from './world-context.js';

// The remote parties of a premises: reads by their habits (UK local time), and what the answers
// to every command (reads; top-ups, top-ups.ts; price changes, tariff-change.ts) say: counted
// per use case, a read matching when its register equals what the host model knew when the
// device answered (the ESME's export register, the gas register the GPF mirror last received,
// the GSME's battery days).

/** Expected register values of answers in flight; a bound on answers lost on the way. */
export const EXPECTED_READS_MAX = 4_096;
const USE_CASE_OF_CODE = new Map(Object.entries(MESSAGE_CODE).map(([useCase, code]) => [code, useCase]));

/** The device index a use case is addressed to. */
export function targetOf(w: PremisesWorld, type: string): number {
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
