import type { Firmware } from './firmware.js';

// A read-only view of a meter's prepayment ledger (assembly/ledger/state.ts), decoded from its
// page through the offsets the firmware exports (LEDGER_* globals): the LOCAL/ABI-neutral read
// path tests and tools use; it never changes device state. Money is bigint milli-pence
// (1 GBP = 100 000, devices 0.2).

export const EC_STATE = { NOT_AVAILABLE: 0, AVAILABLE: 1, IN_USE: 2, EXHAUSTED: 3 } as const;
export const PAYMENT_MODE = { CREDIT: 1, PREPAYMENT: 2 } as const;
export const SUPPLY_STATE = { ENABLED: 0, ARMED: 1, DISABLED: 2 } as const;
export const SUPPLY_CAUSE = { NONE: 0, CREDIT: 1, LOAD_LIMIT: 2, REMOTE: 3, TAMPER_LOCKED: 4 } as const;

const MONEY_FIELDS = [
  'meterBalance', 'ecBalance', 'ecGranted', 'accumulatedDebt', 'timeDebt1', 'timeDebt2', 'paymentDebt', 'capUsed',
  'creditModeBalance', 'chargeAcc', 'gasEnergyAcc', 'timeDebtAcc1', 'timeDebtAcc2', 'sumCredit', 'sumConsCharge', 'sumStanding',
  'sumStandingCollected', 'sumTimeDebt1', 'sumTimeDebt2', 'sumPayDebt', 'sumAdrRepaid', 'sumEcGranted', 'sumEcToAdr',
  'sumDebtIncrease', 'sumDebtDecrease', 'sumCreditModeCharge', 'ecLimit', 'ecThreshold', 'lowCreditThreshold',
  'disablementThreshold', 'maxMeterBalance', 'maxCreditThreshold', 'capAmount', 'lockedUntilS', 'lastBoundaryS',
] as const;
const U32_FIELDS = ['utrnCount', 'alertTraceCount', 'utrnFailureCount'] as const;
const U8_FIELDS = ['mode', 'ecState', 'lowLatched', 'nd83Raised', 'ndActive'] as const;

export type LedgerView = Record<(typeof MONEY_FIELDS)[number], bigint> &
  Record<(typeof U32_FIELDS)[number] | (typeof U8_FIELDS)[number], number> & {
    /** Supply state and cause (ESME: esme/state.ts). */
    supply: number;
    supplyCause: number;
    /** The accepted UTRN counters' high words, ascending. */
    utrnCache: number[];
    /** Every ledger alert raised, oldest first (the last ALERT_TRACE_MAX). */
    alerts: number[];
  };

function snake(name: string): string {
  return name.replace(/([A-Z0-9]+)/g, '_$1').toUpperCase();
}

/** The exported LEDGER_* offset of every field, computed once per firmware layout (a report reads the ledger after every delivery); weak keys: one entry per live firmware. */
const OFFSETS = new WeakMap<object, Map<string, number>>();
function ledgerOffsets(layout: Record<string, number | undefined>): Map<string, number> {
  let offsets = OFFSETS.get(layout);
  if (offsets !== undefined) return offsets;
  offsets = new Map();
  for (const field of [...MONEY_FIELDS, ...U32_FIELDS, ...U8_FIELDS, 'supplyState', 'supplyCause']) {
    const o = layout[`LEDGER_${snake(field)}`];
    if (o === undefined) throw new Error(`firmware exports no LEDGER_${snake(field)}`);
    offsets.set(field, o);
  }
  OFFSETS.set(layout, offsets);
  return offsets;
}

/** What the meter's display shows at a glance (the consumer's view, every half-hour): EC state and supply state; undefined without a ledger. */
export function readLedgerDisplay(firmware: Firmware, slot: number, options: { gas?: boolean } = {}): { ecState: number; supply: number } | undefined {
  const layout = firmware.layout;
  const context = firmware.deviceContext(slot);
  const pageNumber = context.getUint32(layout.PAGE_TABLE_OFFSET! + layout.LEDGER_PAGE_ID! * 4, true);
  if (pageNumber === 0) return undefined;
  const page = firmware.page(pageNumber);
  const ecState = page[layout.LEDGER_EC_STATE!]!;
  const supply = options.gas === true ? page[layout.LEDGER_SUPPLY_STATE!]! : context.getUint32(layout.ESME_STATE_OFFSET! + 4, true);
  return { ecState, supply };
}

/** The registers a HAN display shows (the GPF mirror of the GSME's, host/world/han-devices.ts), read without decoding the whole ledger; undefined without one. */
export function readLedgerRegisters(firmware: Firmware, slot: number, options: { gas?: boolean } = {}): LedgerRegisters | undefined {
  const layout = firmware.layout;
  const context = firmware.deviceContext(slot);
  const pageNumber = context.getUint32(layout.PAGE_TABLE_OFFSET! + layout.LEDGER_PAGE_ID! * 4, true);
  if (pageNumber === 0) return undefined;
  const page = firmware.page(pageNumber);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  return {
    meterBalance: view.getBigInt64(layout.LEDGER_METER_BALANCE!, true),
    ecBalance: view.getBigInt64(layout.LEDGER_EC_BALANCE!, true),
    accumulatedDebt: view.getBigInt64(layout.LEDGER_ACCUMULATED_DEBT!, true),
    ecState: page[layout.LEDGER_EC_STATE!]!,
    lowLatched: page[layout.LEDGER_LOW_LATCHED!]!,
    supply: options.gas === true ? page[layout.LEDGER_SUPPLY_STATE!]! : context.getUint32(layout.ESME_STATE_OFFSET! + 4, true),
  };
}

export type LedgerRegisters = Pick<LedgerView, 'meterBalance' | 'ecBalance' | 'accumulatedDebt' | 'ecState' | 'lowLatched' | 'supply'>;

/** The ledger of a device, or undefined when it has none yet (a new meter). `gas`: a GSME, whose valve state the ledger holds. */
export function readLedger(firmware: Firmware, slot: number, options: { gas?: boolean } = {}): LedgerView | undefined {
  const layout = firmware.layout;
  const context = firmware.deviceContext(slot);
  const pageNumber = context.getUint32(layout.PAGE_TABLE_OFFSET! + layout.LEDGER_PAGE_ID! * 4, true);
  if (pageNumber === 0) return undefined;
  const page = firmware.page(pageNumber);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const out: Record<string, unknown> = {};
  const offsets = ledgerOffsets(layout);
  const offset = (field: string) => offsets.get(field)!;
  for (const f of MONEY_FIELDS) out[f] = view.getBigInt64(offset(f), true);
  for (const f of U32_FIELDS) out[f] = view.getUint32(offset(f), true);
  for (const f of U8_FIELDS) out[f] = view.getUint8(offset(f));
  if (options.gas === true) {
    out.supply = view.getUint8(offset('supplyState'));
    out.supplyCause = view.getUint8(offset('supplyCause')) & 0x7f;
  } else {
    const esme = layout.ESME_STATE_OFFSET!;
    out.supply = context.getUint32(esme + 4, true);
    out.supplyCause = context.getUint32(esme + 16, true) & 0x7f;
  }
  const cache: number[] = [];
  for (let i = 0; i < (out.utrnCount as number); i++) cache.push(view.getUint32(layout.UTRN_CACHE_OFFSET! + i * 4, true));
  out.utrnCache = cache.sort((a, b) => a - b);
  const count = out.alertTraceCount as number;
  const max = layout.ALERT_TRACE_MAX!;
  const alerts: number[] = [];
  for (let i = Math.max(0, count - max); i < count; i++) alerts.push(view.getUint16(layout.ALERT_TRACE_OFFSET! + (i % max) * 2, true));
  out.alerts = alerts;
  return out as LedgerView;
}
