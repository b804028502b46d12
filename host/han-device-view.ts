import type { Firmware } from './firmware.js';

// Read-only views of the PPMID's keypad top-ups and the IHD's display (assembly/han-devices/),
// decoded through the offsets the firmware exports (PPMID_*, IHD_*); they never change state.

export interface PpmidView {
  /** The PPMID's last originator counter (device-to-device commands, GBCS 4.6). */
  counter: number;
  entered: number;
  accepted: number;
  rejected: number;
  /** Dropped unanswered after a day. */
  unanswered: number;
  pending: number;
  lastResult: 'none' | 'accepted' | 'rejected';
  lastMeter: string;
  /** Milli-pence as the meter answered (-1 when it refused). */
  lastValue: number;
  lastCredit: number;
}

/** The HAN attributes a display reads, in the firmware's order (assembly/han-devices/meter-reads.ts HAN_ATTRIBUTES). */
export const IHD_VALUE_NAMES = [
  'importWh', 'exportWh', 'gasVolumeDm3', 'supplyStatus', 'creditRemaining', 'emergencyCreditRemaining', 'creditStatus',
  'accumulatedDebt', 'price',
] as const;
export type IhdValueName = (typeof IHD_VALUE_NAMES)[number];

export interface IhdScreenView {
  meterEui: string;
  lastAnswerS: number;
  readsSent: number;
  answers: number;
  lowCreditNotices: number;
  ecNotices: number;
  /** What the last answer carried (absent: the meter does not hold it). */
  values: Partial<Record<IhdValueName, number>>;
}

export interface IhdView {
  refreshS: number;
  nextReadS: number;
  readsSent: number;
  answers: number;
  answersRefused: number;
  screens: IhdScreenView[];
}

function offset(firmware: Firmware, name: string): number {
  const o = firmware.layout[name];
  if (o === undefined) throw new Error(`firmware exports no ${name}`);
  return o;
}

function eui(view: DataView, at: number): string {
  return view.getBigUint64(at, true).toString(16).toUpperCase().padStart(16, '0');
}

export function readPpmid(firmware: Firmware, slot: number): PpmidView {
  const view = firmware.deviceContext(slot);
  const base = offset(firmware, 'PPMID_STATE_OFFSET');
  const u32 = (name: string) => view.getUint32(base + offset(firmware, name), true);
  const i64 = (name: string) => Number(view.getBigInt64(base + offset(firmware, name), true));
  const result = u32('PPMID_LAST_RESULT');
  return {
    counter: Number(view.getBigUint64(base + offset(firmware, 'PPMID_COUNTER'), true)),
    entered: u32('PPMID_ENTERED'), accepted: u32('PPMID_ACCEPTED'), rejected: u32('PPMID_REJECTED'),
    unanswered: u32('PPMID_UNANSWERED'), pending: u32('PPMID_PENDING_COUNT'),
    lastResult: result === 1 ? 'accepted' : result === 2 ? 'rejected' : 'none',
    lastMeter: eui(view, base + offset(firmware, 'PPMID_LAST_METER')),
    lastValue: i64('PPMID_LAST_VALUE'), lastCredit: i64('PPMID_LAST_CREDIT'),
  };
}

/** Seconds of the IHD's own clock until it next reads its meters (0 or less: due): what the host schedules its wakes by. */
export function ihdSecondsToNextRead(firmware: Firmware, slot: number): number {
  const layout = firmware.layout;
  const context = firmware.deviceContext(slot);
  const next = context.getBigInt64(layout.IHD_STATE_OFFSET! + layout.IHD_NEXT_READ_S!, true);
  return Number(next - context.getBigInt64(layout.OFFSET_CLOCK_S!, true));
}

export function readIhd(firmware: Firmware, slot: number): IhdView {
  const view = firmware.deviceContext(slot);
  const base = offset(firmware, 'IHD_STATE_OFFSET');
  const u32 = (at: number) => view.getUint32(at, true);
  const count = u32(base + offset(firmware, 'IHD_SCREEN_COUNT'));
  const screens: IhdScreenView[] = [];
  for (let i = 0; i < count; i++) {
    const s = offset(firmware, 'IHD_SCREEN_OFFSET') + i * offset(firmware, 'IHD_SCREEN_BYTES');
    const present = u32(s + offset(firmware, 'IHD_SCREEN_PRESENT'));
    const values: Partial<Record<IhdValueName, number>> = {};
    IHD_VALUE_NAMES.forEach((name, k) => {
      if ((present >> k) & 1) values[name] = Number(view.getBigInt64(s + offset(firmware, 'IHD_SCREEN_VALUES_OFFSET') + k * 8, true));
    });
    screens.push({
      meterEui: eui(view, s + offset(firmware, 'IHD_SCREEN_METER_EUI')),
      lastAnswerS: Number(view.getBigInt64(s + offset(firmware, 'IHD_SCREEN_LAST_ANSWER_S'), true)),
      readsSent: u32(s + offset(firmware, 'IHD_SCREEN_READS_SENT')), answers: u32(s + offset(firmware, 'IHD_SCREEN_ANSWERS')),
      lowCreditNotices: u32(s + offset(firmware, 'IHD_SCREEN_LOW_CREDIT_NOTICES')), ecNotices: u32(s + offset(firmware, 'IHD_SCREEN_EC_NOTICES')),
      values,
    });
  }
  return {
    refreshS: u32(base + offset(firmware, 'IHD_REFRESH_S')),
    nextReadS: Number(view.getBigInt64(base + offset(firmware, 'IHD_NEXT_READ_S'), true)),
    readsSent: u32(base + offset(firmware, 'IHD_READS_SENT')), answers: u32(base + offset(firmware, 'IHD_ANSWERS')),
    answersRefused: u32(base + offset(firmware, 'IHD_ANSWERS_REFUSED')), screens,
  };
}
