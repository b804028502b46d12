// Device types built into the firmware (ABI: createDevice's `deviceType`). Append only.
export const DEVICE_TYPE_ESME: u32 = 1;
export const DEVICE_TYPE_GSME: u32 = 2;
export const DEVICE_TYPE_CHF: u32 = 3;
export const DEVICE_TYPE_GPF: u32 = 4;
export const DEVICE_TYPE_PPMID: u32 = 5;
export const DEVICE_TYPE_HCALCS: u32 = 6;
export const DEVICE_TYPE_SAPC: u32 = 7;
export const DEVICE_TYPE_IHD: u32 = 8;

/** Whether this firmware build implements a device type. */
export function isImplementedType(deviceType: u32): bool {
  return deviceType == DEVICE_TYPE_ESME || deviceType == DEVICE_TYPE_CHF || deviceType == DEVICE_TYPE_PPMID ||
    deviceType == DEVICE_TYPE_HCALCS || deviceType == DEVICE_TYPE_SAPC ||
    deviceType == DEVICE_TYPE_GSME || deviceType == DEVICE_TYPE_GPF || deviceType == DEVICE_TYPE_IHD;
}
