import { generateUTRN } from '../../gbcs/utrn.js';
import { utrnKeypadInput } from '../local-inputs.js';
import { readLedger } from '../ledger-view.js';
import type { TopUpHabit } from '../scenario/scenario.js';
import { TOP_UP_TARGET } from '../scenario/validate-premises.js';
import { Status, statusName } from '../status.js';
import { useCaseCounts } from './premises-stats.js';
import type { PremisesWorld } from './premises-world.js';
import { cs01aContent, cs01bContent, MESSAGE_CODE } from './remote-commands.js';
import { targetOf } from './remote-party.js';
import { enterOnPpmid } from './han-devices.js';
import { DAY_MS, parseLocalTime, ukLocalParts, ukLocalToUtc } from './uk-time.js';
import { SUPPLIER_EUI } from './world-context.js';

// The household's top-up habits (scenario topUps): every `everyWeeks` weeks, on a UK local
// weekday and time, the supplier vends a UTRN for the meter (GBCS 10.2: made with the supplier's
// prepayment KA key and the meter's key, its counter the meter's next vend number) and either
// sends it (CS01a / CS01b through the head-end: the counter rides as the originator counter,
// GBCS 2.1, 10.1) or the consumer types it on the meter's keypad (LOCAL UTRN_KEYPAD, devices
// 4.11 local entry). Amounts are drawn in whole pounds; some top-ups come days late.

/** The keypad entries of a habit, counted like the remote use cases (sent = typed, answered = accepted by the ledger). */
export function keypadName(t: TopUpHabit): string {
  return `${t.useCase} keypad`;
}

/** The first instant of the weekly habit at or after fromMs (UK local weekday and time), or undefined past the run. */
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

/** The nominal instant after `nominalMs` (everyWeeks later). */
export function followingTopUpMs(w: PremisesWorld, t: TopUpHabit, nominalMs: number): number | undefined {
  return nextTopUpMs(w, t, nominalMs + (7 * t.everyWeeks - 3) * DAY_MS);
}

/** When the top-up of a nominal instant happens: late by 1..lateDaysMax days with latePerMille. */
export function actualTopUpMs(w: PremisesWorld, habit: number, nominalMs: number): number {
  const t = w.group.topUps[habit]!;
  if (t.latePerMille === 0) return nominalMs;
  const stream = w.stream(`top-up:${w.s.index}:${habit}`);
  return stream.nextInt(1000) < t.latePerMille ? nominalMs + stream.nextRange(1, t.lateDaysMax) * DAY_MS : nominalMs;
}

export function topUp(w: PremisesWorld, nowMs: number, habit: number): void {
  const t = w.group.topUps[habit]!;
  const { ctx, s } = w;
  const d = targetOf(w, TOP_UP_TARGET[t.useCase]);
  const eui = w.euis[d]!;
  const pounds = t.valuePoundsMax === t.valuePounds ? t.valuePounds : w.stream(`top-up-value:${s.index}:${habit}`).nextRange(t.valuePounds, t.valuePoundsMax);
  const counter = s.headEnd.nextUtrnCounter(SUPPLIER_EUI, eui);
  const utrn = generateUTRN(ctx.provider, {
    privateKey: ctx.keys.privateKey(SUPPLIER_EUI, 'pp-ka'), peerPublicKey: ctx.keys.publicKey(eui, 'ka'),
    supplierEui: euiBytes(SUPPLIER_EUI), deviceEui: euiBytes(eui),
  }, { counter, valueClass: 'pounds', value: pounds });
  if (t.entry === 'ppmid') {
    enterOnPpmid(w, nowMs, t, d, utrn); // typed on the PPMID, which sends it over the HAN (host/world/han-devices.ts)
    return;
  }
  if (t.entry === 'keypad') {
    const counts = useCaseCounts(s.stats, keypadName(t));
    counts.sent++;
    const creditBefore = creditAdded(w, d);
    const status = w.deliverTo(nowMs, d, 'LOCAL', utrnKeypadInput(utrn));
    if (status !== Status.OK) throw w.error(nowMs, `UTRN_KEYPAD to ${eui} returned ${statusName(status)}`);
    // The meter's display says whether it took the credit (devices 4.11: a rejection only alerts).
    counts.answered++;
    if (creditAdded(w, d) === creditBefore) counts.refused++;
    return;
  }
  const content = t.useCase === 'CS01a' ? cs01aContent(utrn) : cs01bContent(utrn);
  const command = s.headEnd.buildCommand(SUPPLIER_EUI, eui, MESSAGE_CODE[t.useCase], content, { counter });
  s.stats.commandsSent++;
  useCaseCounts(s.stats, t.useCase).sent++;
  w.sendDown(nowMs, d, command.bytes);
}

/** The meter's cumulative credit (UTRNs and adjustments), as its ledger shows it. */
function creditAdded(w: PremisesWorld, d: number): bigint {
  return readLedger(w.firmware(d), w.homes[d]!.slot, { gas: d === w.roles.gsme })?.sumCredit ?? 0n;
}

function euiBytes(eui: string): Uint8Array {
  return Uint8Array.from(eui.match(/../g)!.map((b) => parseInt(b, 16)));
}
