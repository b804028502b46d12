import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { fromHex } from '../../gbcs/crypto/bytes.js';
import { generateUTRN, type UtrnValueClass } from '../../gbcs/utrn.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import {
  consumptionInput, ledgerSetInput, setAttributeInput, utrnKeypadInput, buttonInput, LEDGER_VALUE, setClockInput,
} from '../../host/local-inputs.js';
import { readLedger, PAYMENT_MODE } from '../../host/ledger-view.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from './esme-fixture.js';

// A prepayment ESME for ledger tests: the defaults of devices.md §12 (MB 1 000 p, 30 p/kWh,
// SC 50 p/day, ECL 500, ECT 100, LCT 200, DT 0, MaxMB 25 000, MaxCT 10 000, PREPAYMENT), set
// through LOCAL inputs (LEDGER_SET, and the active tariff objects via SET_ATTRIBUTE), UTRNs
// made with the test PKI's supplier prepayment key, and a clock at a UTC midnight.

export const P = 1000n; // one penny in milli-pence
export type LedgerWorld = ReturnType<typeof createLedgerWorld>;

const struct = (...items: AxdrData[]): AxdrData => ({ type: 'structure', items });
const array = (...items: AxdrData[]): AxdrData => ({ type: 'array', items });
const i8 = (value: number): AxdrData => ({ type: 'integer', value });
const i16 = (value: number): AxdrData => ({ type: 'long', value });
const u16 = (value: number): AxdrData => ({ type: 'long-unsigned', value });
const u8 = (value: number): AxdrData => ({ type: 'unsigned', value });
const u32 = (value: number): AxdrData => ({ type: 'double-long-unsigned', value });
const os = (bytes: number[]): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(bytes) });

/** Class 113 unit charge {{commodity scaler, price scaler}, commodity ref, [{index, price}]} (GBCS 11.1). */
export function unitCharge(commodityScaler: number, priceScaler: number, prices: readonly [number, number][]): AxdrData {
  return struct(struct(i8(commodityScaler), i8(priceScaler)), struct(u16(3), os([1, 0, 1, 8, 0, 255]), i8(2)),
    array(...prices.map(([index, price]) => struct(os([index]), i16(price)))));
}

/** Day profiles: [dayId, [[hh, mm, selector]…]] (class 20 a5). */
export function dayProfiles(profiles: readonly [number, readonly [number, number, number][]][]): AxdrData {
  return array(...profiles.map(([id, switches]) => struct(u8(id), array(...switches.map(([hh, mm, sel]) =>
    struct(os([hh, mm, 0, 0]), os([0, 0, 10, 0, 100, 255]), u16(sel)))))));
}

export function weekProfile(days: readonly number[]): AxdrData {
  return array(struct(os([1]), ...days.map((d) => u8(d))));
}

export function season(year: number, month: number, day: number): AxdrData {
  return array(struct(os([1]), os([year >> 8, year & 0xff, month, day, 0xff, 0, 0, 0, 0, 0x80, 0, 0xff]), os([1])));
}

export function specialDays(days: readonly [number | undefined, number, number, number][]): AxdrData {
  return array(...days.map(([year, month, day, id], i) => struct(u16(i + 1), os([(year ?? 0xffff) >> 8, (year ?? 0xffff) & 0xff, month, day, 0xff]), u8(id))));
}

export function thresholds(values: readonly number[]): AxdrData {
  return array(...values.map((v) => u32(v)));
}

/** 2026-01-05T00:00:00Z, a Monday. */
export const MONDAY_MS = Date.UTC(2026, 0, 5);

export function createLedgerWorld(options: { seed?: bigint; defaults?: boolean } = {}) {
  const world = createEsmeWorld({ seed: options.seed ?? 7n });
  const slot = 0;
  const state = { nowMs: MONDAY_MS };
  const local = (bytes: Uint8Array) => {
    const status = world.firmware.deliverMessage(slot, 'LOCAL', bytes, state.nowMs);
    if (status !== Status.OK) throw new Error(`LOCAL input ${bytes[0]} -> ${status}`);
  };
  const set = (register: number, value: bigint) => local(ledgerSetInput(register, value));
  const attribute = (classId: number, obis: string, member: number, value: AxdrData) =>
    local(setAttributeInput({ classId, obis, member }, encodeAxdr(value)));
  const secretKeys = {
    privateKey: world.keys.privateKey(SUPPLIER_EUI, 'pp-ka'),
    peerPublicKey: world.keys.publicKey(esmeEui(slot), 'ka'),
    supplierEui: fromHex(SUPPLIER_EUI),
    deviceEui: fromHex(esmeEui(slot)),
  };
  const api = {
    world, slot, state, local, set, attribute,
    ledger: () => readLedger(world.firmware, slot)!,
    advanceTo: (ms: number) => {
      state.nowMs = ms;
      const status = world.firmware.advanceTime(slot, ms);
      if (status !== Status.OK) throw new Error(`advanceTime -> ${status}`);
    },
    advanceBy: (ms: number) => api.advanceTo(state.nowMs + ms),
    consume: (wh: number) => local(consumptionInput(wh)),
    keypad: (utrn: string) => local(utrnKeypadInput(utrn)),
    button: () => local(buttonInput()),
    utrn: (counterHigh: number, value: number, valueClass: UtrnValueClass = 'pence') =>
      generateUTRN(world.provider, secretKeys, { counter: BigInt(counterHigh) << 32n, valueClass, value }),
    setPrice: (pencePerKWh: number) => attribute(113, '0-0:19.20.0.255', 5, unitCharge(3, -5, [[1, pencePerKWh * 1000]])),
    setStandingCharge: (pencePerDay: number) => attribute(113, '0-0:19.20.4.255', 5, unitCharge(0, -4, [[1, pencePerDay * 100]])),
    clock: (ms: number) => local(setClockInput(ms / 1000)),
  };
  world.firmware.advanceTime(slot, state.nowMs);
  if (options.defaults !== false) {
    api.setPrice(30);
    api.setStandingCharge(50);
    set(LEDGER_VALUE.PAYMENT_MODE, BigInt(PAYMENT_MODE.PREPAYMENT));
    set(LEDGER_VALUE.EC_LIMIT, 500n * P);
    set(LEDGER_VALUE.EC_THRESHOLD, 100n * P);
    set(LEDGER_VALUE.LOW_CREDIT_THRESHOLD, 200n * P);
    set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 0n);
    set(LEDGER_VALUE.MAX_METER_BALANCE, 25_000n * P);
    set(LEDGER_VALUE.MAX_CREDIT_THRESHOLD, 10_000n * P);
    set(LEDGER_VALUE.METER_BALANCE, 1000n * P);
  }
  world.firmware.drainOutbox();
  return api;
}
