// The ESME's non-disablement calendar is read from the store objects ECS08 / ECS08a write
// (class 10 0-0:12.0.1.255 a2 schedule, class 11 0-0:11.0.2.255 a2 special days; devices.md 4.10,
// gbcs.md 5.5): script selector 32 starts friendly credit and 33 stops it (the reference calendar
// of R.11), weekdays a bit-string whose first bit is Monday, dates with FFFF years open-ended.
// A value that does not parse whole leaves the calendar as it was.
import { describe, expect, it } from 'vitest';
import { setAttributeInput } from '../../host/local-inputs.js';
import { createLedgerWorld, MONDAY_MS } from '../helpers/ledger-fixture.js';

const HOUR = 3_600_000;
const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));
const h2 = (n: number) => n.toString(16).padStart(2, '0');
const h4 = (n: number) => n.toString(16).padStart(4, '0');

/** One DLMS class 10 schedule entry (47 bytes). */
function entry(index: number, selector: number, hh: number, weekdays: number, special = 0, begin = 'ffffffffff', end = 'ffffffffff'): string {
  return `020a12${h4(index)}03ff090600000a006aff12${h4(selector)}0904${h2(hh)}00000012ffff0407${h2(weekdays)}0404${h2(special)}0905${begin}0905${end}`;
}

function schedule(...entries: string[]): Uint8Array {
  return hex(`01${h2(entries.length)}${entries.join('')}`);
}

describe('non-disablement calendar from the ECS08 store objects', () => {
  it('START 18:00 and STOP 08:00 on weekdays, START 00:00 at weekends: friendly credit follows the clock', () => {
    const w = createLedgerWorld();
    w.local(setAttributeInput({ classId: 10, obis: '0-0:12.0.1.255', member: 2 },
      schedule(entry(1, 32, 0, 0x06, 0xf0), entry(2, 32, 18, 0xf8), entry(3, 33, 8, 0xf8))));
    w.advanceTo(MONDAY_MS + 7 * HOUR); // Monday 07:00: the weekend's START still runs
    expect(w.ledger().ndActive).toBe(1);
    w.advanceTo(MONDAY_MS + 12 * HOUR); // after Monday's 08:00 STOP
    expect(w.ledger().ndActive).toBe(0);
    w.advanceTo(MONDAY_MS + 19 * HOUR); // after Monday's 18:00 START
    expect(w.ledger().ndActive).toBe(1);
  });

  it('a schedule with an unknown script selector is refused whole: the calendar stays as it was', () => {
    const w = createLedgerWorld();
    w.local(setAttributeInput({ classId: 10, obis: '0-0:12.0.1.255', member: 2 }, schedule(entry(1, 32, 0, 0x7f << 1))));
    w.advanceTo(MONDAY_MS + 2 * HOUR);
    expect(w.ledger().ndActive).toBe(1);
    w.local(setAttributeInput({ classId: 10, obis: '0-0:12.0.1.255', member: 2 }, schedule(entry(1, 40, 0, 0xfe))));
    w.advanceTo(MONDAY_MS + 3 * HOUR);
    expect(w.ledger().ndActive).toBe(1);
  });

  it('validity dates bound a schedule: one that ended in 2015 never applies in 2026', () => {
    const w = createLedgerWorld();
    w.local(setAttributeInput({ classId: 10, obis: '0-0:12.0.1.255', member: 2 },
      schedule(entry(1, 32, 0, 0xfe, 0xf0, '07de0a1aff', '07df031dff'))));
    w.advanceTo(MONDAY_MS + 2 * HOUR);
    expect(w.ledger().ndActive).toBe(0);
  });
});
