// The IHD (devices.md 8.2) reads the meters it is bound to on its own schedule: at each refresh of
// its clock one ZSE attribute read to the ESME and one to the GPF, whose mirror answers (the GSME
// is never woken). It shows what the answers carry (consumption, balance, debt, price, supply
// state, credit status) and counts the low-credit and emergency-credit notices as they appear.
// Only a bound display is answered; an answer the display is not waiting for is refused.
import { describe, expect, it } from 'vitest';
import { ihdScheduleInput } from '../../host/han-device-inputs.js';
import { readIhd } from '../../host/han-device-view.js';
import { setZclAttributeInput } from '../../host/gsme-inputs.js';
import { consumptionInput, LEDGER_VALUE, ledgerSetInput } from '../../host/local-inputs.js';
import { Status } from '../../host/status.js';
import { PAYMENT_MODE } from '../../host/ledger-view.js';
import { createHanPremises, EUI, P } from '../helpers/han-premises-fixture.js';

const uint48 = (v: number) => { const b = new Uint8Array(7); b[0] = 0x25; new DataView(b.buffer).setUint32(1, v, true); return b; };
const int32 = (v: number) => { const b = new Uint8Array(5); b[0] = 0x2b; new DataView(b.buffer).setInt32(1, v, true); return b; };

function premises() {
  const p = createHanPremises(['ESME', 'GPF', 'IHD']);
  p.local('IHD', ihdScheduleInput(600));
  p.local('ESME', consumptionInput(1234, 56, 0, 0));
  p.local('GPF', setZclAttributeInput(0x0702, 0x0700, uint48(98_765)));
  p.local('GPF', setZclAttributeInput(0x0705, 0x0001, int32(2_500_000)));
  return p;
}

describe('IHD reads the ESME and the GPF mirror over the HAN', () => {
  it('a refresh sends one read to each bound meter; their answers fill the screens', () => {
    const p = premises();
    const tick = p.advance('IHD', p.now() + 600_000);
    expect(tick.status).toBe(Status.OK);
    expect(tick.han).toHaveLength(2);
    const [toEsme, toGpf] = tick.han;
    const esme = p.deliver('ESME', 'HAN', toEsme!);
    const gpf = p.deliver('GPF', 'HAN', toGpf!);
    expect(esme.status).toBe(Status.OK);
    expect(gpf.status).toBe(Status.OK);
    expect(p.deliver('IHD', 'HAN', esme.han[0]!).status).toBe(Status.OK);
    expect(p.deliver('IHD', 'HAN', gpf.han[0]!).status).toBe(Status.OK);
    const view = readIhd(p.firmware, p.slot.IHD);
    expect(view).toMatchObject({ refreshS: 600, readsSent: 2, answers: 2, answersRefused: 0 });
    const [electricity, gas] = view.screens;
    expect(electricity!.meterEui).toBe(EUI.ESME);
    expect(electricity!.values).toMatchObject({ importWh: 1234, exportWh: 56, supplyStatus: 2, creditRemaining: Number(1000n * P), accumulatedDebt: 0 });
    expect(electricity!.values.gasVolumeDm3).toBeUndefined();
    expect(gas!.meterEui).toBe(EUI.GPF);
    expect(gas!.values).toEqual({ gasVolumeDm3: 98_765, creditRemaining: 2_500_000 });
  });

  it('reads again only when its refresh interval has passed on its own clock', () => {
    const p = premises();
    const start = p.now();
    expect(p.advance('IHD', start + 599_000).han).toHaveLength(0);
    expect(p.advance('IHD', start + 600_000).han).toHaveLength(2);
    expect(p.advance('IHD', start + 1_199_000).han).toHaveLength(0);
    expect(p.advance('IHD', start + 1_200_000).han).toHaveLength(2);
    expect(readIhd(p.firmware, p.slot.IHD).readsSent).toBe(4);
  });

  it('counts a low-credit notice when the credit status turns low, once', () => {
    const p = premises();
    p.local('ESME', ledgerSetInput(LEDGER_VALUE.LOW_CREDIT_THRESHOLD, 2000n * P));
    const refresh = (atMs: number) => {
      const [toEsme] = p.advance('IHD', atMs).han;
      expect(p.deliver('IHD', 'HAN', p.deliver('ESME', 'HAN', toEsme!).han[0]!).status).toBe(Status.OK);
    };
    const start = p.now();
    refresh(start + 600_000);
    refresh(start + 1_200_000);
    const screen = readIhd(p.firmware, p.slot.IHD).screens[0]!;
    expect(screen.values.creditStatus! & 0x02).toBe(0x02);
    expect(screen.lowCreditNotices).toBe(1);
  });

  it('a credit-mode ESME answers no Prepayment cluster values: the display shows consumption and supply only', () => {
    const p = premises();
    p.local('ESME', ledgerSetInput(LEDGER_VALUE.PAYMENT_MODE, BigInt(PAYMENT_MODE.CREDIT)));
    const [toEsme] = p.advance('IHD', p.now() + 600_000).han;
    expect(p.deliver('IHD', 'HAN', p.deliver('ESME', 'HAN', toEsme!).han[0]!).status).toBe(Status.OK);
    expect(readIhd(p.firmware, p.slot.IHD).screens[0]!.values).toEqual({ importWh: 1234, exportWh: 56, supplyStatus: 2 });
  });

  it('refuses an answer it is not waiting for (COUNTER_REPLAYED) and keeps what it shows', () => {
    const p = premises();
    const [toEsme] = p.advance('IHD', p.now() + 600_000).han;
    const answer = p.deliver('ESME', 'HAN', toEsme!).han[0]!;
    expect(p.deliver('IHD', 'HAN', answer).status).toBe(Status.OK);
    expect(p.deliver('IHD', 'HAN', answer).status).toBe(Status.COUNTER_REPLAYED);
    expect(readIhd(p.firmware, p.slot.IHD)).toMatchObject({ answers: 1, answersRefused: 1 });
  });

  it('a meter answers only a bound display (UNKNOWN_ORIGINATOR) and only reads addressed to it (WRONG_RECIPIENT)', () => {
    const p = premises();
    const [toEsme, toGpf] = p.advance('IHD', p.now() + 600_000).han;
    expect(p.deliver('GPF', 'HAN', toEsme!)).toMatchObject({ status: Status.WRONG_RECIPIENT, han: [] });
    const unbound = createHanPremises(['ESME', 'GPF', 'IHD'], ['ESME']);
    expect(unbound.deliver('ESME', 'HAN', toEsme!)).toMatchObject({ status: Status.UNKNOWN_ORIGINATOR, han: [] });
    expect(p.deliver('GPF', 'HAN', toGpf!).status).toBe(Status.OK);
  });
});
