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
