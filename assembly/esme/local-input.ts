import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_ESME } from '../device/types';
import { esmeState, ELEMENTS_SINGLE, ELEMENTS_TWIN } from './state';

// LOCAL inputs that only an ESME understands (host/local-inputs.ts encodes them); the common
// kinds are in device/local-input.ts, which hands every kind it does not know to this file.
// Each is validated whole before it changes anything.

export const LOCAL_SET_ELEMENTS: u8 = 16;
export const LOCAL_ELEMENT2_CONSUMPTION: u8 = 17;
const SET_ELEMENTS_BYTES: u32 = 2;
const ELEMENT2_CONSUMPTION_BYTES: u32 = 5;

/** Status.BAD_INPUT for a kind no ESME input handles (or a device that is not an ESME). */
export function esmeLocalInput(slot: u32, kind: u8, length: u32): Status {
  if (device(slot).deviceType != DEVICE_TYPE_ESME) return Status.BAD_INPUT;
  if (kind == LOCAL_SET_ELEMENTS) {
    // Installation: a single-element or twin-element meter (devices 2, variants).
    if (length != SET_ELEMENTS_BYTES) return Status.BAD_LENGTH;
    const count = <u32>load<u8>(INBOX_BASE + 1);
    if (count != ELEMENTS_SINGLE && count != ELEMENTS_TWIN) return Status.BAD_INPUT;
    esmeState(slot).elementCount = count;
    return Status.OK;
  }
  if (kind == LOCAL_ELEMENT2_CONSUMPTION) {
    // Energy through the secondary element (devices 2.1): only a twin meter has one; registers only count up.
    if (length != ELEMENT2_CONSUMPTION_BYTES) return Status.BAD_LENGTH;
    const importWh = load<i32>(INBOX_BASE + 1);
    if (importWh < 0) return Status.BAD_INPUT;
    const e = esmeState(slot);
    if (e.elementCount != ELEMENTS_TWIN) return Status.BAD_INPUT;
    e.element2ImportActiveWh += importWh;
    return Status.OK;
  }
  return Status.BAD_INPUT;
}
