import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import { invokeIdBytes } from '../../host/head-end.js';
import { obisBytes, type CosemTarget } from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { esmeEui } from './esme-fixture.js';
import type { LedgerWorld } from './ledger-fixture.js';

// Remote-party DLMS commands to the ledger fixture's ESME (GBCS 5.5): an access-request of GET,
// SET, ACTION and GET-with-selection items built from the supplier, delivered at the fixture's
// clock, and the decoded answer with its decrypted blocks. Later messages (alerts) are returned too.

export type ItemKind = 'get' | 'set' | 'action' | 'get-with-selection';
export interface AccessItem { kind: ItemKind; target: CosemTarget; data?: AxdrData; selector?: AxdrData }
const SPEC_TAG: Record<ItemKind, number> = { get: 1, set: 2, action: 3, 'get-with-selection': 4 };
const NULL: AxdrData = { type: 'null-data' };

export const t = (classId: number, obis: string, member: number): CosemTarget => ({ classId, obis, member });
export const struct = (...items: AxdrData[]): AxdrData => ({ type: 'structure', items });
export const array = (...items: AxdrData[]): AxdrData => ({ type: 'array', items });
export const enumOf = (value: number): AxdrData => ({ type: 'enum', value });
export const u16 = (value: number): AxdrData => ({ type: 'long-unsigned', value });
export const i8 = (value: number): AxdrData => ({ type: 'integer', value });
export const os = (bytes: readonly number[]): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(bytes) });
export const hexOs = (hex: string): AxdrData => os([...Buffer.from(hex, 'hex')]);

/** A DLMS date-time (UTC, deviation not specified, status FF), as the reference commands write them. */
export function dateTime(ms: number): number[] {
  const d = new Date(ms);
  return [d.getUTCFullYear() >> 8, d.getUTCFullYear() & 0xff, d.getUTCMonth() + 1, d.getUTCDate(), 0xff, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0, 0x80, 0, 0xff];
}
export const IMMEDIATE = [...Array(9).fill(0x00), 0x80, 0x00, 0xff];
export const CANCELLATION = [...Array(9).fill(0xff), 0x80, 0x00, 0xff];

export function accessRequest(counter: bigint, items: readonly AccessItem[]): Uint8Array {
  const out = [0xd9, ...invokeIdBytes(counter), 0x00, items.length];
  for (const item of items) {
    out.push(SPEC_TAG[item.kind], item.target.classId >> 8, item.target.classId & 0xff, ...obisBytes(item.target.obis), item.target.member);
    if (item.kind === 'get-with-selection') out.push(1, ...encodeAxdr(item.selector!));
  }
  out.push(items.length);
  for (const item of items) out.push(...encodeAxdr(item.data ?? NULL));
  return Uint8Array.from(out);
}

/** Class 30 m1 protected read of attributes (GBCS 4.5), answered encrypted for the supplier. */
export function protectedReadParameter(descriptors: readonly [CosemTarget, AxdrData][]): AxdrData {
  const protection = array(struct(enumOf(2), struct(hexOs('040000000000001000'), hexOs(SUPPLIER_EUI), hexOs(esmeEui(0)), os([]), struct(enumOf(2), struct(os([2]), os([]))))));
  return struct(array(...descriptors.map(([d, selection]) => struct(u16(d.classId), os([...obisBytes(d.obis)]), i8(d.member), u16(0), selection))), protection);
}
export const range = (fromMs: number, toMs: number): AxdrData => struct(enumOf(1), struct(os(dateTime(fromMs)), os(dateTime(toMs))));

export function messageCode(useCase: string): number {
  return MESSAGE_CODES.find((r) => r.useCase === useCase && r.kind === 'command')!.code;
}

/** Sends the items as `useCase` from the supplier at the fixture's clock; the response and what followed it. */
export function sendDlms(w: LedgerWorld, useCase: string, items: readonly AccessItem[]) {
  const { headEnd, firmware } = w.world;
  firmware.drainOutbox();
  const command = headEnd.buildCommand(SUPPLIER_EUI, esmeEui(w.slot), messageCode(useCase), (c) => accessRequest(c, items));
  const status = firmware.deliverMessage(w.slot, 'WAN', command.bytes, w.state.nowMs);
  if (status !== Status.OK) throw new Error(`${useCase} -> ${status}`);
  const [response, ...later] = firmware.drainOutbox().map((m) => headEnd.open(m.bytes));
  const p = response!.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'access-response') throw new Error(`${useCase}: not an access-response: ${response!.envelope.otherInfo.messageCode} ${JSON.stringify(p).slice(0, 200)}`);
  return { counter: command.counter, results: p.body.items.map((i) => i.result), data: p.body.items.map((i) => i.data), decrypted: response!.decrypted ?? [], later };
}
