// Supply control of the ESME (devices 5.1, 5.2, 11.3; GBCS 5.5 [unverified mapping]): ECS43 opens
// the load switch (class 70 m1 remote_disconnect), ECS42 closes it and ECS44 arms it (m2
// remote_reconnect, the use case deciding), ECS45 reads control_state (0 DISABLED, 1 ENABLED,
// 2 ARMED), ECS09 invokes emergency credit (class 112 m3 [A]). No reference folder exists for
// ECS42/43/44 or ECS09 (gbcs.md 13), so these tests follow the spec's transition table, driving a
// fresh ESME through the head-end with signed critical commands and reading the state back.
import { describe, expect, it } from 'vitest';
import { createEsmeWorld } from '../helpers/esme-fixture.js';
import { enumOf, i32, load, NULL, send, struct, t, type World } from '../helpers/esme-access.js';

const SWITCH = '0-0:96.3.10.255';
const ecs45 = (world: World) => send(world, 'ECS45', [{ kind: 'get', target: t(70, SWITCH, 3) }]).data[0];
const open = (world: World) => send(world, 'ECS43', [{ kind: 'action', target: t(70, SWITCH, 1), data: { type: 'integer', value: 0 } }]);
const close = (world: World) => send(world, 'ECS42', [{ kind: 'action', target: t(70, SWITCH, 2), data: { type: 'integer', value: 0 } }]);
const arm = (world: World) => send(world, 'ECS44', [{ kind: 'action', target: t(70, SWITCH, 2), data: NULL }]);
const DISABLED = enumOf(0);
const ENABLED = enumOf(1);
const ARMED = enumOf(2);

describe('7.4_ECS45 Read load switch status', () => {
  it('a new meter reads 1: connected, supply ENABLED (R.1)', () => {
    expect(ecs45(createEsmeWorld())).toEqual(ENABLED);
  });
});

describe('ECS43 / ECS44 / ECS42: open, arm and close the load switch (devices 5.2)', () => {
  it('ECS43 disables (0), ECS44 arms (2) and raises 0x8F32, ECS42 enables (1); each answers success', () => {
    const world = createEsmeWorld();
    expect(open(world).results).toEqual([0]);
    expect(ecs45(world)).toEqual(DISABLED);
    const armed = arm(world);
    expect(armed.results).toEqual([0]);
    expect(armed.others.map((m) => m.payload?.kind === 'dlms' ? Buffer.from(m.envelope.content).toString('hex').slice(18, 22) : '')).toContain('8f32');
    expect(ecs45(world)).toEqual(ARMED);
    expect(close(world).results).toEqual([0]);
    expect(ecs45(world)).toEqual(ENABLED);
  });

  it('ECS44 on an ENABLED supply and ECS43 on a remotely DISABLED one succeed and change nothing', () => {
    const world = createEsmeWorld();
    expect(arm(world).results).toEqual([0]);
    expect(ecs45(world)).toEqual(ENABLED);
    expect(open(world).results).toEqual([0]);
    expect(open(world).results).toEqual([0]);
    expect(ecs45(world)).toEqual(DISABLED);
  });

  it('ECS42 is refused (250) in prepayment with available credit below the disablement threshold; the supply stays DISABLED', () => {
    const world = createEsmeWorld();
    expect(open(world).results).toEqual([0]);
    load(world, t(111, '0-0:19.0.0.255', 2), struct(enumOf(2), enumOf(2))); // PREPAYMENT, account active
    load(world, t(21, '0-0:16.0.1.255', 2), { type: 'array', items: [i32(0)] }); // disablement threshold 0
    load(world, t(112, '0-0:19.10.0.255', 2), i32(-50_000)); // meter balance below it
    expect(close(world).results).toEqual([250]);
    expect(ecs45(world)).toEqual(DISABLED);
  });

  it('a method parameter other than integer 0 or null is type-unmatched (12) and changes nothing', () => {
    const world = createEsmeWorld();
    expect(send(world, 'ECS43', [{ kind: 'action', target: t(70, SWITCH, 1), data: { type: 'integer', value: 1 } }]).results).toEqual([12]);
    expect(ecs45(world)).toEqual(ENABLED);
  });
});

describe('ECS09 Activate emergency credit remotely (devices 4.8)', () => {
  it('activates available emergency credit in prepayment (success, 0x81AB); a second ECS09 succeeds and changes nothing', () => {
    const world = createEsmeWorld();
    load(world, t(111, '0-0:19.0.0.255', 2), struct(enumOf(2), enumOf(2))); // PREPAYMENT
    load(world, t(112, '0-0:19.10.1.255', 9), i32(500_000)); // emergency credit limit
    load(world, t(112, '0-0:19.10.1.255', 10), i32(100_000)); // emergency credit threshold
    load(world, t(112, '0-0:19.10.0.255', 2), i32(50_000)); // meter balance below the threshold: EC available
    const first = send(world, 'ECS09', [{ kind: 'action', target: t(112, '0-0:19.10.1.255', 3), data: NULL }]);
    expect(first.results).toEqual([0]);
    expect(first.others.map((m) => Buffer.from(m.envelope.content).toString('hex').slice(18, 22))).toContain('81ab');
    const second = send(world, 'ECS09', [{ kind: 'action', target: t(112, '0-0:19.10.1.255', 3), data: NULL }]);
    expect(second.results).toEqual([0]);
    expect(second.others).toEqual([]);
  });

  it('is refused (250) on a credit-mode meter, where emergency credit is not available', () => {
    const world = createEsmeWorld();
    expect(send(world, 'ECS09', [{ kind: 'action', target: t(112, '0-0:19.10.1.255', 3), data: NULL }]).results).toEqual([250]);
  });
});
