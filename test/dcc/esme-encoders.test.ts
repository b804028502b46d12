// Issue 9 point 3: ESME use cases whose template has no RTDS folder (so templates.test.ts cannot
// compare them byte for byte). Each template goes through the DCC service as a User sends it
// (template-walk.ts); the command it becomes is decoded and checked against the values of the
// DUIS body; template-answers.test.ts checks the emulated ESME answers each one.

import { describe, expect, it } from 'vitest';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import { parseDuisRequest } from '../../host/dcc/duis/request.js';
import { behaviourBits } from '../../host/dcc/transform/encoders-esme-alerts.js';
import { childByLocalName } from '../../host/dcc/xml/xml-tree.js';
import { readTemplate, templateNames } from './fixture.js';
import { walkTemplate } from './template-walk.js';

interface Item { kind: string; target: { classId: number; obis: string }; member: number; data?: { type: string; value?: unknown; items?: unknown[]; bitCount?: number } }

function command(name: string): { code: number; items: Item[]; cls: string } {
  const i = templateNames().indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  const o = walkTemplate(name, 7_000_000n + BigInt(i));
  expect(o.produced, `${name}: ${o.cls} ${o.detail}`).toBeDefined();
  const message = decodeFullMessage(o.produced!);
  const payload = message.payload as unknown as { kind: string; body: { items: Item[] } };
  expect(payload.kind).toBe('dlms');
  return { code: message.envelope.otherInfo.messageCode, items: payload.body.items, cls: o.cls };
}

const where = (items: Item[]): string[] => items.map((it) => `${it.kind} ${it.target.classId}/${it.target.obis}/${it.member}`);
const hex = (v: unknown): string => Buffer.from(v as Uint8Array).toString('hex');
/** Bits set in the (change-mask, new-state) halves of a 512-bit event behaviour string: alert code low bytes. */
function codesIn(bytes: readonly number[] | Uint8Array): { changed: number[]; enabled: number[] } {
  const half = bytes.length / 2;
  const bitsOf = (from: number): number[] => {
    const out: number[] = [];
    for (let bit = 0; bit < half * 8; bit++) if (bytes[from + half - 1 - (bit >> 3)]! & (1 << (bit & 7))) out.push(bit);
    return out;
  };
  return { changed: bitsOf(0), enabled: bitsOf(half) };
}

describe('ESME supply control (no reference folder)', () => {
  it('ECS43 opens, ECS42 closes and ECS44 arms the load switch (class 70 m1 / m2); ECS09 invokes emergency credit', () => {
    const cases = [
      ['ECS42_7.1_SUCCESS_REQUEST_DUIS.XML', 0x4f, 'action 70/0-0:96.3.10.255/2', 'integer'],
      ['ECS43_7.2_SUCCESS_REQUEST_DUIS.XML', 0x50, 'action 70/0-0:96.3.10.255/1', 'integer'],
      ['ECS44_7.3_SUCCESS_REQUEST_DUIS.XML', 0x51, 'action 70/0-0:96.3.10.255/2', 'null-data'],
      ['ECS09_2.5_SUCCESS_REQUEST_DUIS.XML', 0x20, 'action 112/0-0:19.10.1.255/3', 'null-data'],
    ] as const;
    for (const [name, code, target, type] of cases) {
      const c = command(name);
      expect(c.cls, name).toBe('transformed-no-reference');
      expect(c.code, name).toBe(code);
      expect(where(c.items), name).toEqual([target]);
      expect(c.items[0]!.data!.type, name).toBe(type);
    }
  });
});

describe('ESME alert behaviours', () => {
  it('ECS25a sets the supplier WAN alert mask: x810D enabled, x810E disabled, the poly-phase x81B7 left out on a single-phase ESME', () => {
    const c = command('ECS25a_6.22_SUCCESS_REQUEST_DUIS.XML');
    expect(where(c.items)).toEqual(['set 1/0-30:97.98.11.255/2']);
    expect(c.items[0]!.data!.bitCount).toBe(512);
    expect(codesIn(c.items[0]!.data!.value as Uint8Array)).toEqual({ changed: [0x0d, 0x0e], enabled: [0x0d] });
  });

  it('ECS25a on a poly-phase ESME also changes x81B7', () => {
    const request = parseDuisRequest(readTemplate('ECS25a_6.22_SUCCESS_REQUEST_DUIS.XML'));
    const group = childByLocalName(request.body, 'ElectricitySupplierAlerts')!;
    const target = { esmeVariant: 'C' } as Parameters<typeof behaviourBits>[1];
    expect(codesIn(behaviourBits(group, target))).toEqual({ changed: [0x0d, 0x0e, 0xb7], enabled: [0x0d, 0xb7] });
  });

  it('ECS25b3 sets the network operator logging mask: x8014 enabled, x8015 disabled', () => {
    const c = command('ECS25b3_6.22_SUCCESS_REQUEST_DUIS.XML');
    expect(c.code).toBe(0xed);
    expect(where(c.items)).toEqual(['set 1/0-33:97.98.14.255/2']);
    expect(codesIn(c.items[0]!.data!.value as Uint8Array)).toEqual({ changed: [0x14, 0x15], enabled: [0x14] });
  });
});

describe('ESME configuration without a reference folder', () => {
  it('ECS30 writes a monthly billing calendar: day 1 of every month at 12:00', () => {
    const c = command('ECS30_6.8_SUCCESS_REQUEST_DUIS.XML');
    expect(c.code).toBe(0x46);
    expect(where(c.items)).toEqual(['set 22/0-0:15.0.0.255/4']);
    const entries = c.items[0]!.data!.items as { items: { value: Uint8Array }[] }[];
    expect(entries.map((e) => e.items.map((v) => hex(v.value)))).toEqual([['0c000000', 'ffffff01ff']]);
  });

  it('ECS12 sets the change of tenancy date; ECS34 the two power thresholds; ECS38 the randomised offset limit', () => {
    const cot = command('ECS12_3.2_SUCCESS_REQUEST_DUIS.XML');
    expect(where(cot.items)).toEqual(['set 1/0-0:94.44.0.6/2']);
    expect(hex(cot.items[0]!.data!.value)).toMatch(/^[0-9a-f]{24}$/);
    const thresholds = command('ECS34_6.12_SUCCESS_REQUEST_DUIS.XML');
    expect(thresholds.items.map((it) => it.data!.value)).toEqual([2300, 4600]);
    const offset = command('ECS38_7.12_SUCCESS_REQUEST_DUIS.XML');
    expect(offset.items.map((it) => [it.target.obis, it.data!.value])).toEqual([['0-0:94.44.0.5', 900]]);
  });

  it('ECS26f reads the two instantaneous power thresholds ECS34 sets', () => {
    const c = command('ECS26f_6.2.5_SUCCESS_REQUEST_DUIS.XML');
    expect(c.code).toBe(0x40);
    expect(where(c.items)).toEqual(['get 1/0-0:94.44.0.7/2', 'get 1/0-0:94.44.0.8/2']);
  });

  it('ECS15a clears the ESME event log (never the security log); ECS27 reads what ECS28a configures', () => {
    expect(where(command('ECS15a_3.3_SUCCESS_REQUEST_DUIS.XML').items)).toEqual(['action 7/0-0:99.98.0.255/1']);
    expect(where(command('ECS27_4.15_SUCCESS_REQUEST_DUIS.XML').items)).toEqual(
      ['0-0:94.44.0.3', '0-0:94.44.128.7', '0-0:94.44.128.6', '0-0:94.44.128.8'].map((o) => `get 9000/${o}/4`));
  });
});

describe('ESME payment mode to prepayment (no reference folder)', () => {
  it('ECS03 sets the passive account to prepayment with the charges, the time debts per the suspend flags, the disablement threshold and the activation time', () => {
    const single = command('ECS03_1.6_IMMEDIATE_SINGLE_SUCCESS_REQUEST_DUIS.XML');
    expect(single.code).toBe(0x1b);
    expect(where(single.items)).toEqual(['set 111/0-1:19.0.0.255/2', 'set 111/0-1:19.0.0.255/11', 'set 21/0-0:16.0.1.255/2', 'set 111/0-1:19.0.0.255/13']);
    const [mode, charges, threshold, activation] = single.items.map((it) => it.data!);
    expect((mode!.items as { value: number }[]).map((v) => v.value)).toEqual([2, 1]);
    // Single element: import and standing charge always collected; both debts suspended (true, true).
    const collection = (c: Item['data']) => (c!.items as { items: { value: unknown }[] }[]).map((e) => [hex(e.items[1]!.value), hex(e.items[2]!.value)]);
    expect(collection(charges)).toEqual([['0000131400ff', 'e0'], ['0000131404ff', 'e0'], ['0000131401ff', '80'], ['0000131402ff', '80']]);
    expect((threshold!.items as { value: number }[]).map((v) => v.value)).toEqual([556677]);
    expect(hex(activation!.value)).toBe('0000000000000000008000ff');
    // Twin element, debts collected in emergency credit (SuspendDebtEmergency false), future-dated.
    const twin = command('ECS03_1.6_FUTURE_DATED_TWIN_SUCCESS_REQUEST_DUIS.XML');
    expect(collection(twin.items[1]!.data)).toEqual([['0000131400ff', 'e0'], ['0000131404ff', 'e0'], ['0000131405ff', 'e0'], ['0000131401ff', 'c0'], ['0000131402ff', 'c0']]);
    expect(hex(twin.items[3]!.data!.value)).toMatch(/^07[0-9a-f]{6}ff[0-9a-f]{6}008000ff$/);
  });
});

describe('ESME auxiliary loads without a reference folder', () => {
  it('ECS47Activate sets the duration and runs the activate script of switch 1', () => {
    const c = command('ECS47Activate_7.5_SUCCESS_REQUEST_DUIS.XML');
    expect(c.code).toBe(0x55);
    expect(where(c.items)).toEqual(['set 1/0-0:94.44.119.2/2', 'action 9/0-0:10.0.103.255/1']);
    expect(c.items.map((it) => it.data!.value)).toEqual([30, 0x0111]);
  });

  it('ECS62Remove takes switches 1-5 off the boost button', () => {
    const c = command('ECS62Remove_7.10_SUCCESS_REQUEST_DUIS.XML');
    expect(where(c.items)).toEqual([1, 2, 3, 4, 5].map((n) => `set 1/0-0:94.44.6.${n}/2`));
    expect(c.items.every((it) => it.data!.value === false)).toBe(true);
  });

  it('ECS46c writes the ALCS schedule passive: six switchings, four special days, activation per ExecutionDateTime', () => {
    const immediate = command('ECS46c_6.14.2_IMMEDIATE_SOME_OPTIONALS_SUCCESS_REQUEST_DUIS.XML');
    expect(immediate.code).toBe(0x54);
    expect(where(immediate.items)).toEqual(['set 11/0-1:11.0.3.255/2', 'set 10/0-1:12.0.2.255/2', 'set 9000/0-0:94.44.128.26/6', 'set 9000/0-0:94.44.128.35/6']);
    const [days, schedule, activation] = immediate.items.map((it) => it.data!);
    expect(days!.items).toHaveLength(4);
    const entries = schedule!.items as { items: { value: unknown }[] }[];
    // Switch 1 on at 06:00 and off at 10:00 every day; switch 2 on at 17:00 on weekdays.
    expect(entries.map((e) => [e.items[3]!.value, hex(e.items[4]!.value)])).toEqual([
      [0x1180 | 100, '06000000'], [0x1180, '0a000000'], [0x1280 | 100, '11000000'], [0x1280, '15000000'], [0x1280 | 100, '0d000000'], [0x1280, '15000000'],
    ]);
    expect(hex(activation!.value)).toBe('0000000000000000008000ff');
    const cancelled = command('ECS46c_6.14.2_CANCELLATION_ALL_OPTIONALS_SUCCESS_REQUEST_DUIS.XML');
    expect(hex(cancelled.items[2]!.data!.value)).toBe('ffffffffffffffffff8000ff');
  });
});
