import type { Firmware } from './firmware.js';

// Read-only decoding of a device context through the offsets the firmware exports
// (assembly/index.ts OFFSET_*): the host never hard-codes a field position.

export interface DeviceCounters {
  state: number;
  deviceType: number;
  eui: string;
  clockS: number;
  importActiveWh: number;
  exportActiveWh: number;
  importReactiveVarh: number;
  exportReactiveVarh: number;
  messagesIn: number;
  messagesOut: number;
  rejectedCount: number;
  alertsRaised: number;
  pageCount: number;
}

export function readDeviceCounters(firmware: Firmware, slot: number): DeviceCounters {
  const view = firmware.deviceContext(slot);
  const o = firmware.layout;
  const i64 = (offset: number) => Number(view.getBigInt64(offset, true));
  const u32 = (offset: number) => view.getUint32(offset, true);
  return {
    state: u32(o.OFFSET_STATE!),
    deviceType: u32(o.OFFSET_DEVICE_TYPE!),
    eui: view.getBigUint64(o.OFFSET_EUI!, true).toString(16).toUpperCase().padStart(16, '0'),
    clockS: i64(o.OFFSET_CLOCK_S!),
    importActiveWh: i64(o.OFFSET_IMPORT_ACTIVE_WH!),
    exportActiveWh: i64(o.OFFSET_EXPORT_ACTIVE_WH!),
    importReactiveVarh: i64(o.OFFSET_IMPORT_REACTIVE_VARH!),
    exportReactiveVarh: i64(o.OFFSET_EXPORT_REACTIVE_VARH!),
    messagesIn: u32(o.OFFSET_MESSAGES_IN!),
    messagesOut: u32(o.OFFSET_MESSAGES_OUT!),
    rejectedCount: u32(o.OFFSET_REJECTED_COUNT!),
    alertsRaised: u32(o.OFFSET_ALERTS_RAISED!),
    pageCount: u32(o.OFFSET_PAGE_COUNT!),
  };
}

/** The active import register alone (Wh; a GSME's volume register in dm3): what a per-wake read needs, without decoding the rest. */
export function readImportActiveWh(firmware: Firmware, slot: number): number {
  return Number(firmware.deviceContext(slot).getBigInt64(firmware.layout.OFFSET_IMPORT_ACTIVE_WH!, true));
}

/** Log ids of the page table (assembly/logs/log.ts). */
export const LOG_ID = { EVENT: 0, SECURITY: 1 } as const;
/** Seconds between the Unix epoch and 2000-01-01T00:00:00Z, the log time base (devices 1.2). */
const EPOCH_2000_S = 946_684_800;

export interface LogEntry {
  timeS: number;
  code: number;
  payload: Uint8Array;
}

/** A device log's entries, oldest first (read through the exported layout). */
export function readLog(firmware: Firmware, slot: number, logId: number): LogEntry[] {
  const o = firmware.layout;
  const pageNumber = firmware.deviceContext(slot).getUint32(o.PAGE_TABLE_OFFSET! + logId * 4, true);
  if (pageNumber === 0) return [];
  const page = firmware.page(pageNumber);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const count = view.getUint32(0, true);
  const next = view.getUint32(4, true);
  const max = o.LOG_ENTRIES_MAX!;
  const first = count < max ? 0 : next;
  const entries: LogEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = o.LOG_HEADER_BYTES! + ((first + i) % max) * o.LOG_ENTRY_BYTES!;
    const payloadBytes = view.getUint16(at + 6, true);
    entries.push({
      timeS: view.getUint32(at, true) + EPOCH_2000_S,
      code: view.getUint16(at + 4, true),
      payload: page.slice(at + 8, at + 8 + payloadBytes),
    });
  }
  return entries;
}
