import type { Firmware } from './firmware.js';

// A read-only view of a meter's Billing Data Log (assembly/ledger/billing-log.ts; devices.md 2.3,
// 3.6), decoded from its pages through the offsets the firmware exports (BDL_* globals), oldest
// entry first. Snapshots hold the R.5 record (big-endian, as a read carries it); times are Unix
// seconds; money is bigint milli-pence.

export const BILLING_TRIGGER = { CALENDAR: 1, MODE: 2, TARIFF: 3 } as const;
const EPOCH_2000_S = 946_684_800;
const TOU_RATES = 48;
const BLOCK_RATES = 8;
const BLOCKS = 4;

export interface BillingSnapshot {
  timeS: number;
  trigger: number;
  totalImport: number;
  /** TOU register matrix (48). */
  tou: number[];
  /** TOU x block register matrix as [block][TOU rate] (4 x 8, R.5 order). */
  blocks: number[][];
  meterBalance: bigint;
  ecBalance: bigint;
  accumulatedDebt: bigint;
  paymentDebt: bigint;
  timeDebt1: bigint;
  timeDebt2: bigint;
}

export interface BillingAmount {
  timeS: number;
  amount: bigint;
  /** Credits: the UTRN counter's high word; debt payments: the payment debt register after it. */
  detail: bigint;
}

export interface BillingLogView {
  snapshots: BillingSnapshot[];
  credits: BillingAmount[];
  debts: BillingAmount[];
  /** Snapshots ever taken (the ring keeps the last BDL_ENTRIES_MAX). */
  snapshotsEver: number;
}

function layoutNumber(firmware: Firmware, name: string): number {
  const v = firmware.layout[name];
  if (v === undefined) throw new Error(`firmware exports no ${name}`);
  return v;
}

function pageOf(firmware: Firmware, slot: number, id: number): DataView | undefined {
  const context = firmware.deviceContext(slot);
  const n = context.getUint32(firmware.layout.PAGE_TABLE_OFFSET! + id * 4, true);
  if (n === 0) return undefined;
  const page = firmware.page(n);
  return new DataView(page.buffer, page.byteOffset, page.byteLength);
}

/** The Billing Data Log of a device; empty when it has recorded nothing. */
export function readBillingLog(firmware: Firmware, slot: number): BillingLogView {
  const max = layoutNumber(firmware, 'BDL_ENTRIES_MAX');
  const first = pageOf(firmware, slot, layoutNumber(firmware, 'BDL_PAGE_ID'));
  const out: BillingLogView = { snapshots: [], credits: [], debts: [], snapshotsEver: 0 };
  if (first === undefined) return out;
  const overflow = pageOf(firmware, slot, layoutNumber(firmware, 'BDL_OVERFLOW_PAGE_ID'));
  const inFirst = layoutNumber(firmware, 'BDL_SNAPSHOTS_IN_FIRST');
  const snapshotBytes = layoutNumber(firmware, 'BDL_SNAPSHOT_BYTES');
  const oldestFirst = (countOffset: number) => {
    const count = first.getUint32(countOffset, true);
    const next = first.getUint32(countOffset + 4, true);
    return Array.from({ length: count }, (_, k) => (next + max - count + k) % max);
  };
  for (const i of oldestFirst(0)) {
    const [view, at] = i < inFirst ? [first, layoutNumber(firmware, 'BDL_SNAPSHOTS_OFFSET') + i * snapshotBytes] : [overflow!, (i - inFirst) * snapshotBytes];
    const u = (k: number) => view.getUint32(at + k * 4, false);
    const s = (k: number) => BigInt(view.getInt32(at + k * 4, false));
    const prepayment = 2 + TOU_RATES + BLOCKS * BLOCK_RATES;
    out.snapshots.push({
      timeS: EPOCH_2000_S + u(0), trigger: first.getUint8(32 + i), totalImport: u(1),
      tou: Array.from({ length: TOU_RATES }, (_, r) => u(2 + r)),
      blocks: Array.from({ length: BLOCKS }, (_, b) => Array.from({ length: BLOCK_RATES }, (_, r) => u(2 + TOU_RATES + b * BLOCK_RATES + r))),
      meterBalance: s(prepayment), ecBalance: s(prepayment + 1), accumulatedDebt: s(prepayment + 2), paymentDebt: s(prepayment + 3),
      timeDebt1: s(prepayment + 4), timeDebt2: s(prepayment + 5),
    });
  }
  const small = (countOffset: number, ringOffset: number) => oldestFirst(countOffset).map((i) => {
    const at = ringOffset + i * 16;
    return { timeS: EPOCH_2000_S + first.getUint32(at, false), amount: BigInt(first.getUint32(at + 4, false)), detail: first.getBigInt64(at + 8, true) };
  });
  out.credits = small(8, layoutNumber(firmware, 'BDL_CREDITS_OFFSET'));
  out.debts = small(16, layoutNumber(firmware, 'BDL_DEBTS_OFFSET'));
  out.snapshotsEver = first.getUint32(24, true);
  return out;
}
