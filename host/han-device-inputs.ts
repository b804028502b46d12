// LOCAL inputs of the PPMID and the IHD (assembly/han-devices/local-input.ts decodes them):
//  44 PPMID_TOP_UP  meter eui u64 BE | 20 ASCII digits: a UTRN typed on the PPMID's keypad for that meter
//  45 IHD_SCHEDULE  refreshS u32 LE: how often the display reads its meters

export const HAN_DEVICE_INPUT = { PPMID_TOP_UP: 44, IHD_SCHEDULE: 45 } as const;
const UTRN_DIGITS = 20;

export function ppmidTopUpInput(meterEui: string, utrn: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{16}$/.test(meterEui)) throw new RangeError(`EUI-64 must be 16 hex digits, got '${meterEui}'`);
  if (utrn.length !== UTRN_DIGITS) throw new RangeError(`a UTRN has ${UTRN_DIGITS} characters, got ${utrn.length}`);
  const bytes = new Uint8Array(1 + 8 + UTRN_DIGITS);
  bytes[0] = HAN_DEVICE_INPUT.PPMID_TOP_UP;
  new DataView(bytes.buffer).setBigUint64(1, BigInt(`0x${meterEui}`));
  for (let i = 0; i < UTRN_DIGITS; i++) bytes[9 + i] = utrn.charCodeAt(i) & 0xff;
  return bytes;
}

export function ihdScheduleInput(refreshS: number): Uint8Array {
  const bytes = new Uint8Array(5);
  bytes[0] = HAN_DEVICE_INPUT.IHD_SCHEDULE;
  new DataView(bytes.buffer).setUint32(1, refreshS, true);
  return bytes;
}
