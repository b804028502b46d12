import { expect } from 'vitest';
import { encodeAxdr, type AxdrData } from '../../gbcs/payload/axdr.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import { invokeIdBytes } from '../../host/head-end.js';
import { obisBytes, setAttributeInput, type CosemTarget } from '../../host/local-inputs.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from './esme-fixture.js';

// DLMS access-requests to an ESME of createEsmeWorld through the head-end, and the A-XDR
// vocabulary to write them: the shared steps of the use-case tests (test/unit/esme-*.test.ts).

export type World = ReturnType<typeof createEsmeWorld>;
export type Kind = 'get' | 'set' | 'action' | 'get-with-selection';
export interface Item { kind: Kind; target: CosemTarget; data?: AxdrData; selector?: AxdrData }

const SPEC_TAG: Record<Kind, number> = { get: 1, set: 2, action: 3, 'get-with-selection': 4 };
export const NULL: AxdrData = { type: 'null-data' };
export const i32 = (value: number): AxdrData => ({ type: 'double-long', value });
export const u32 = (value: number): AxdrData => ({ type: 'double-long-unsigned', value });
export const u16 = (value: number): AxdrData => ({ type: 'long-unsigned', value });
export const u8 = (value: number): AxdrData => ({ type: 'unsigned', value });
export const i8 = (value: number): AxdrData => ({ type: 'integer', value });
export const enumOf = (value: number): AxdrData => ({ type: 'enum', value });
export const os = (hex: string): AxdrData => ({ type: 'octet-string', value: Uint8Array.from(Buffer.from(hex, 'hex')) });
export const struct = (...items: AxdrData[]): AxdrData => ({ type: 'structure', items });
export const array = (...items: AxdrData[]): AxdrData => ({ type: 'array', items });
export const code = (useCase: string) => MESSAGE_CODES.find((r) => r.useCase === useCase)!.code;
export const t = (classId: number, obis: string, member: number): CosemTarget => ({ classId, obis, member });

export function accessRequest(counter: bigint, items: readonly Item[]): Uint8Array {
  const out = [0xd9, ...invokeIdBytes(counter), 0x00, items.length];
  for (const item of items) {
    out.push(SPEC_TAG[item.kind], item.target.classId >> 8, item.target.classId & 0xff, ...obisBytes(item.target.obis), item.target.member);
    if (item.kind === 'get-with-selection') out.push(1, ...encodeAxdr(item.selector!));
  }
  out.push(items.length);
  for (const item of items) out.push(...encodeAxdr(item.data ?? NULL));
  return Uint8Array.from(out);
}

/** Every command arrives at the same host time, so a clock set by a LOCAL input does not move. */
export const SEND_AFTER_MS = 1000;

export function deliverLocal(world: World, input: Uint8Array, slot = 0): number {
  return world.firmware.deliverMessage(slot, 'LOCAL', input, world.nowMs + SEND_AFTER_MS);
}

export function load(world: World, target: CosemTarget, value: AxdrData): void {
  expect(deliverLocal(world, setAttributeInput(target, encodeAxdr(value)))).toBe(Status.OK);
}

/** Sends the items as use case `useCase` from `originator`; returns the decoded response (and decrypted blocks). */
export function send(world: World, useCase: string, items: readonly Item[], originator = SUPPLIER_EUI) {
  const command = world.headEnd.buildCommand(originator, esmeEui(0), code(useCase), (c) => accessRequest(c, items));
  const status = world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs + SEND_AFTER_MS);
  expect(status).toBe(Status.OK);
  const produced = world.firmware.drainOutbox();
  const message = world.headEnd.open(produced[0]!.bytes);
  const p = message.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'access-response') throw new Error('not an access-response');
  return {
    results: p.body.items.map((i) => i.result),
    data: p.body.items.map((i) => i.data),
    decrypted: message.decrypted ?? [],
    others: produced.slice(1).map((m) => world.headEnd.open(m.bytes)),
  };
}

/** Class 30 m1 parameter: descriptors of the attributes, then protection parameters naming the supplier (GBCS 4.5). */
export function protectedRead(descriptors: readonly CosemTarget[]): AxdrData {
  const protection = array(struct(enumOf(2), struct(os('040000000000001000'), os(SUPPLIER_EUI), os(esmeEui(0)), os(''), struct(enumOf(2), struct(os('02'), os(''))))));
  const noSelection = struct(enumOf(0), NULL);
  return struct(array(...descriptors.map((d) => struct(u16(d.classId), os(Buffer.from(obisBytes(d.obis)).toString('hex')), i8(d.member), u16(0), noSelection))), protection);
}
