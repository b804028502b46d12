import { Status } from '../status';
import { ppmidTopUpInput, LOCAL_PPMID_TOP_UP } from './ppmid';
import { ihdSchedule, LOCAL_IHD_SCHEDULE } from './ihd';

// LOCAL inputs of the PPMID and the IHD (host/local-inputs.ts encodes them):
//  44 PPMID_TOP_UP  meter eui u64 BE | 20 ASCII digits: a UTRN typed on the PPMID's keypad (ppmid.ts)
//  45 IHD_SCHEDULE  refreshS u32 LE: how often the display reads its meters (ihd.ts)

export const LOCAL_HAN_DEVICE_FIRST: u8 = 44;
export const LOCAL_HAN_DEVICE_LAST: u8 = 45;

export function hanDeviceLocalInput(slot: u32, kind: u8, length: u32): Status {
  if (kind == LOCAL_PPMID_TOP_UP) return ppmidTopUpInput(slot, length);
  if (kind == LOCAL_IHD_SCHEDULE) return ihdSchedule(slot, length);
  return Status.BAD_INPUT;
}
