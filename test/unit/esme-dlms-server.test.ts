// The ESME's DLMS server (devices 1.3, 11.6; GBCS 4.4, 4.5, 5.1, 5.2): items run in order with
// break-on-error, SETs store what GETs read back, protected reads come back encrypted for the
// requesting party, refusal rules reproduce device-side failures (result 1, then 250), and a
// critical command needs its originator's signature and is answered with a signed response.
import { describe, expect, it } from 'vitest';
import { readDeviceCounters, readLog, LOG_ID } from '../../host/device-view.js';
import { ECS17A_MESSAGE_CODE, ecs17aContent, invokeIdBytes } from '../../host/head-end.js';
import { refusalRuleInput, setAttributeInput } from '../../host/local-inputs.js';
import { NETWORK_OPERATOR_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { buildCommand } from '../../gbcs/message-build.js';
import { consumption, createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';
import type { DecodedMessage } from '../../gbcs/message.js';
import type { DecodedPayload } from '../../gbcs/payload/index.js';

const ECS10 = 0x0021;
const ECS17B = 0x0027;
const ECS04A = 0x001c;
const OBIS_SUPPLIER_MESSAGE = [0x00, 0x02, 0x60, 0x0d, 0x01, 0xff]; // 0-2:96.13.1.255

function items(message: DecodedMessage<DecodedPayload>) {
  const p = message.payload;
  if (p?.kind !== 'dlms' || p.body.apdu !== 'access-response') throw new Error('not an access-response');
  return p.body.items;
}

function deliver(world: ReturnType<typeof createEsmeWorld>, bytes: Uint8Array, atMs = world.nowMs + 1000) {
  const status = world.firmware.deliverMessage(0, 'WAN', bytes, atMs);
  return { status, out: world.firmware.drainOutbox() };
}

describe('ECS10 Send message to ESME: SET stores, GET reads back', () => {
  it('stores the supplier message and returns the same A-XDR on a later GET', () => {
    const world = createEsmeWorld();
    const text = [...Buffer.from('Reset')];
    const set = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS10, (c) =>
      Uint8Array.from([0xd9, ...invokeIdBytes(c), 0x00, 1, 0x02, 0x00, 0x01, ...OBIS_SUPPLIER_MESSAGE, 2, 1, 0x09, text.length, ...text]));
    const setReply = deliver(world, set.bytes);
    expect(setReply.status).toBe(Status.OK);
    expect(items(world.headEnd.open(setReply.out[0]!.bytes)).map((i) => [i.kind, i.result])).toEqual([['set', 0]]);
    const get = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS10, (c) =>
      Uint8Array.from([0xd9, ...invokeIdBytes(c), 0x00, 1, 0x01, 0x00, 0x01, ...OBIS_SUPPLIER_MESSAGE, 2, 1, 0x00]));
    const got = items(world.headEnd.open(deliver(world, get.bytes, world.nowMs + 2000).out[0]!.bytes));
    expect(got[0]!.result).toBe(0);
    expect(got[0]!.data).toMatchObject({ type: 'octet-string' });
    expect(Buffer.from((got[0]!.data as { value: Uint8Array }).value).toString()).toBe('Reset');
  });

  it('a SET of another A-XDR type than the stored one is refused with type-unmatched (12)', () => {
    const world = createEsmeWorld();
    world.firmware.deliverMessage(0, 'LOCAL', setAttributeInput({ classId: 1, obis: '0-2:96.13.1.255', member: 2 }, Uint8Array.of(0x09, 1, 0x41)), world.nowMs);
    const set = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS10, (c) =>
      Uint8Array.from([0xd9, ...invokeIdBytes(c), 0x00, 1, 0x02, 0x00, 0x01, ...OBIS_SUPPLIER_MESSAGE, 2, 1, 0x12, 0x00, 0x01]));
    expect(items(world.headEnd.open(deliver(world, set.bytes).out[0]!.bytes))[0]!.result).toBe(12);
  });
});

describe('4.2_ECS17a ERROR variant: a refusal rule on the reactive export value', () => {
  it('answers 0 0 1 250 with the values of the items before the failure (devices R.6)', () => {
    const world = createEsmeWorld();
    world.firmware.deliverMessage(0, 'LOCAL', consumption(0, 10, 0, 20), world.nowMs);
    const rule = refusalRuleInput({ messageCode: ECS17A_MESSAGE_CODE, kind: 'GET', target: { classId: 3, obis: '1-0:4.8.0.255', member: 2 }, result: 1 });
    expect(world.firmware.deliverMessage(0, 'LOCAL', rule, world.nowMs)).toBe(Status.OK);
    const command = world.headEnd.buildCommand(NETWORK_OPERATOR_EUI, esmeEui(0), ECS17A_MESSAGE_CODE, ecs17aContent);
    const reply = items(world.headEnd.open(deliver(world, command.bytes).out[0]!.bytes));
    expect(reply.map((i) => i.result)).toEqual([0, 0, 1, 250]);
    expect(reply[0]!.data).toEqual({ type: 'double-long-unsigned', value: 10 });
    expect(reply[2]!.data).toEqual({ type: 'null-data' });
  });
});

describe('4.1.1_ECS17b Read ESME Energy Registers (Import Energy), a protected read', () => {
  it('returns {import Wh, {0,Wh}, import varh, {0,varh}} encrypted for the supplier (GBCS 4.5)', () => {
    const world = createEsmeWorld();
    world.firmware.deliverMessage(0, 'LOCAL', consumption(1234, 0, 56, 0), world.nowMs);
    const protection = [0x01, 0x01, 0x02, 0x02, 0x16, 0x02, 0x02, 0x05, 0x09, 0x09, 0x04, 0, 0, 0, 0, 0, 0, 0x10, 0x00,
      0x09, 0x08, ...Buffer.from(SUPPLIER_EUI, 'hex'), 0x09, 0x08, ...Buffer.from(esmeEui(0), 'hex'), 0x09, 0x00,
      0x02, 0x02, 0x16, 0x02, 0x02, 0x02, 0x09, 0x01, 0x02, 0x09, 0x00];
    const descriptor = [0x02, 0x05, 0x12, 0x00, 0x01, 0x09, 0x06, 0x00, 0x00, 0x5e, 0x2c, 0x22, 0x0a, 0x0f, 0x02, 0x12, 0x00, 0x00, 0x02, 0x02, 0x16, 0x00, 0x00];
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS17B, (c) => Uint8Array.from([
      0xd9, ...invokeIdBytes(c), 0x00, 1, 0x03, 0x00, 0x1e, 0x00, 0x00, 0x2b, 0x02, 0x08, 0xff, 0x01,
      1, 0x02, 0x02, 0x01, 0x01, ...descriptor, ...protection]));
    const { status, out } = deliver(world, command.bytes);
    expect(status).toBe(Status.OK);
    const message = world.headEnd.open(out[0]!.bytes);
    expect(items(message)[0]!.result).toBe(0);
    expect(message.decrypted).toHaveLength(1);
    expect(Buffer.from(message.decrypted![0]!.plaintext).toString('hex')).toBe('020102040600000' + '4d202020f00161e0600000038' + '02020f001620');
  });
});

describe('critical commands (devices 1.3 cause 6, GBCS 4.4)', () => {
  const ecs04a = (c: bigint) => Uint8Array.from([0xd9, ...invokeIdBytes(c), 0x00, 1, 0x03, 0x00, 0x70, 0x00, 0x00, 0x13, 0x0a, 0x00, 0xff, 0x01, 1, 0x05, 0x00, 0x12, 0x4f, 0x80]);

  it('a signed ECS04a is executed and answered with a general-signing response whose signature verifies', () => {
    const world = createEsmeWorld();
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), ECS04A, ecs04a);
    const { status, out } = deliver(world, command.bytes);
    expect(status).toBe(Status.OK);
    const message = world.headEnd.open(out[0]!.bytes);
    expect(message.envelope.kind).toBe('general-signing');
    expect(message.security.signatureValid).toBe(true);
  });

  it('an unsigned critical command is refused with BAD_SIGNATURE and logged as 0x8F3D', () => {
    const world = createEsmeWorld();
    const counter = world.headEnd.nextCounter(SUPPLIER_EUI, esmeEui(0));
    const unsigned = buildCommand({ originator: SUPPLIER_EUI, recipient: esmeEui(0), counter, messageCode: ECS04A, content: ecs04a(counter) },
      { security: world.headEnd.security, sign: false });
    const { status, out } = deliver(world, unsigned.bytes);
    expect(status).toBe(Status.BAD_SIGNATURE);
    // No response; the critical alert 0x8F3D "trusted source authentication failure" instead.
    expect(out).toHaveLength(1);
    const alert = world.headEnd.open(out[0]!.bytes);
    expect(alert.envelope.cra).toBe(3);
    expect(alert.payload?.kind === 'dlms' && alert.payload.body.apdu === 'data-notification' && alert.payload.body.alert?.alertCode).toBe(0x8f3d);
    expect(readLog(world.firmware, 0, LOG_ID.SECURITY).at(-1)!.code).toBe(0x8f3d);
    expect(readDeviceCounters(world.firmware, 0).messagesOut).toBe(0);
  });
});
