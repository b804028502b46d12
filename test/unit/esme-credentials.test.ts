// Security-credential use cases on the ESME (GBCS 4.1, 7; devices 1.1, R.12). 8.5_CS02bACBByACB
// is the one critical use case whose command travels MAC-only (GBCS 4.1 exception), modelled as
// the unsignedCommand flag of the use-case table (gbcs/tables/message-codes.ts, generated into
// assembly/generated/use-cases.ts): the ESME then checks the MAC only, while every other critical
// command without a signature is still refused with BAD_SIGNATURE before anything runs.
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../gbcs/message-build.js';
import { MESSAGE_CODES } from '../../gbcs/tables/message-codes.js';
import { ACB_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';
import { accessRequest, code, i32, SEND_AFTER_MS, t, type World } from '../helpers/esme-access.js';

function unsigned(world: World, originator: string, messageCode: number, content: Uint8Array, counter = 0x600n): Uint8Array {
  return buildCommand({ originator, recipient: esmeEui(0), counter, messageCode, content }, { security: world.headEnd.security, sign: false }).bytes;
}
const deliver = (world: World, bytes: Uint8Array) => world.firmware.deliverMessage(0, 'WAN', bytes, world.nowMs + SEND_AFTER_MS);

describe('8.5_CS02bACBByACB: a critical use case with a MAC-only command (GBCS 4.1)', () => {
  it('the use-case table flags 0x0104 and no other code as critical with an unsigned command', () => {
    const flagged = MESSAGE_CODES.filter((r) => 'unsignedCommand' in r && r.unsignedCommand === true);
    expect(flagged.map((r) => [r.code, r.useCase, r.critical])).toEqual([[0x0104, 'CS02b', true]]);
  });

  it('an unsigned CS02b ACB-by-ACB passes the signature check; an unsigned ECS04a is BAD_SIGNATURE and changes nothing', () => {
    const world = createEsmeWorld();
    const ecs04a = accessRequest(0x600n, [{ kind: 'action', target: t(112, '0-0:19.10.0.255', 1), data: i32(1000) }]);
    expect(deliver(world, unsigned(world, SUPPLIER_EUI, code('ECS04a'), ecs04a))).toBe(Status.BAD_SIGNATURE);
    const cs02b = Uint8Array.of(0x30, 0x00); // reaches the payload stage, whose verdict is not this test's subject
    expect(deliver(world, unsigned(world, ACB_EUI, 0x0104, cs02b, 0x601n))).not.toBe(Status.BAD_SIGNATURE);
  });
});
