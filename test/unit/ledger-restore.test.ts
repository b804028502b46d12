// Restore re-checks the prepayment ledger's invariants (STYLE.md "after restore"; devices.md 4.13):
// an image whose ledger page breaks L1/L2, L4 or L12 is refused with BAD_INPUT before anything is
// replaced (the slot keeps the device it held), and a sound image restores as before. The ledger
// page lies in the image after the 16-byte header and the context, in page-table order.
import { describe, expect, it } from 'vitest';
import { Status } from '../../host/status.js';
import { createLedgerWorld, P } from '../helpers/ledger-fixture.js';

const SNAPSHOT_HEADER_BYTES = 16;

function ledgerOffset(w: ReturnType<typeof createLedgerWorld>, image: Uint8Array): number {
  const layout = w.world.firmware.layout;
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const table = SNAPSHOT_HEADER_BYTES + layout.PAGE_TABLE_OFFSET!;
  let before = 0;
  for (let i = 0; i < layout.LEDGER_PAGE_ID!; i++) if (view.getUint32(table + i * 4, true) !== 0) before++;
  expect(view.getUint32(table + layout.LEDGER_PAGE_ID! * 4, true)).not.toBe(0);
  return SNAPSHOT_HEADER_BYTES + layout.DEVICE_BYTES + before * layout.LOG_PAGE_BYTES;
}

describe('restore re-checks the ledger invariants', () => {
  it('restores a sound image, L1-L12 intact', () => {
    const w = createLedgerWorld();
    const image = w.world.firmware.snapshotDevice(w.slot);
    w.consume(2000);
    expect(w.world.firmware.restoreDevice(w.slot, image)).toBe(Status.OK);
    expect(w.ledger().meterBalance).toBe(1000n * P);
  });

  it('refuses an image whose meter balance breaks L1 with BAD_INPUT and keeps the device as it was', () => {
    const w = createLedgerWorld();
    const image = w.world.firmware.snapshotDevice(w.slot).slice();
    const at = ledgerOffset(w, image) + w.world.firmware.layout.LEDGER_METER_BALANCE!;
    const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
    view.setBigInt64(at, view.getBigInt64(at, true) + 5n * P, true); // money from nowhere
    w.consume(1000); // 30 p
    const before = w.ledger();
    expect(w.world.firmware.restoreDevice(w.slot, image)).toBe(Status.BAD_INPUT);
    expect(w.ledger()).toEqual(before);
  });

  it('refuses an image whose charge remainder is not a proper fraction (L12)', () => {
    const w = createLedgerWorld();
    const image = w.world.firmware.snapshotDevice(w.slot).slice();
    const at = ledgerOffset(w, image) + w.world.firmware.layout.LEDGER_CHARGE_ACC!;
    new DataView(image.buffer, image.byteOffset, image.byteLength).setBigInt64(at, 1_000_000n, true);
    expect(w.world.firmware.restoreDevice(w.slot, image)).toBe(Status.BAD_INPUT);
  });
});
