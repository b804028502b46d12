// Twin-element ESMEs (devices 2 variants, 11.6 "Twin responses", R.4, R.10): a meter installed
// as twin-element (LOCAL SET_ELEMENTS 2) answers ECS17b with the secondary element's active
// import after the single-element structure; energy reaches element 2 only on a twin meter, and
// the element count is an installation fact checked whole. Driven through the head-end, with
// the protected read decrypted from the device's own response.
import { describe, expect, it } from 'vitest';
import { consumptionInput, element2ConsumptionInput, setElementsInput } from '../../host/local-inputs.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld } from '../helpers/esme-fixture.js';
import { deliverLocal, protectedRead, send, t, type World } from '../helpers/esme-access.js';

const IMPORT_REGISTERS = t(1, '0-0:94.44.34.10', 2);
const ecs17b = (world: World) => {
  const reply = send(world, 'ECS17b', [{ kind: 'action', target: t(30, '0-0:43.2.8.255', 1), data: protectedRead([IMPORT_REGISTERS]) }]);
  expect(reply.results).toEqual([0]);
  return Buffer.from(reply.decrypted[0]!.plaintext).toString('hex').toUpperCase();
};
const SINGLE_SHAPE = '0201020406000000{A}02020F00161E06000000{R}02020F001620';

describe('4.1.1_ECS17b Read import energy registers, SINGLE and TWIN (devices 11.6, R.4)', () => {
  it('a single-element meter returns {active import, {0, Wh}, reactive import, {0, varh}}', () => {
    const world = createEsmeWorld();
    expect(deliverLocal(world, consumptionInput(10, 0, 10, 0))).toBe(Status.OK);
    expect(ecs17b(world)).toBe(SINGLE_SHAPE.replace('{A}', '0A').replace('{R}', '0A'));
  });

  it('a twin-element meter adds the element-2 active import (TWIN: u32 10)', () => {
    const world = createEsmeWorld();
    expect(deliverLocal(world, consumptionInput(10, 0, 10, 0))).toBe(Status.OK);
    expect(deliverLocal(world, setElementsInput(2))).toBe(Status.OK);
    expect(deliverLocal(world, element2ConsumptionInput(10))).toBe(Status.OK);
    expect(ecs17b(world)).toBe('0201020506000000' + '0A02020F00161E060000000A02020F001620060000000A');
  });

  it('element-2 energy on a single-element meter, a negative increment or 3 elements are refused and change nothing', () => {
    const world = createEsmeWorld();
    expect(deliverLocal(world, element2ConsumptionInput(5))).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, setElementsInput(3 as 2))).toBe(Status.BAD_INPUT);
    expect(deliverLocal(world, Uint8Array.of(16))).toBe(Status.BAD_LENGTH);
    expect(deliverLocal(world, setElementsInput(2))).toBe(Status.OK);
    expect(deliverLocal(world, element2ConsumptionInput(-1))).toBe(Status.BAD_INPUT);
    expect(ecs17b(world)).toBe('0201020506000000' + '0002020F00161E060000000002020F001620' + '0600000000');
  });
});
