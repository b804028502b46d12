import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { DeviceContext } from './context';

// Physical inputs on CHANNEL_LOCAL: one kind byte, then little-endian fields (host-made, not wire data).
//   LOCAL_CONSUMPTION: importActiveWh i32 | exportActiveWh i32 | importReactiveVarh i32 | exportReactiveVarh i32
//   (the metering increment since the previous one, devices 0.3 step 1)
export const LOCAL_CONSUMPTION: u8 = 1;
const CONSUMPTION_BYTES: u32 = 17;

export function applyLocalInput(d: DeviceContext, length: u32): Status {
  if (length < 1) return Status.BAD_LENGTH;
  const kind = load<u8>(INBOX_BASE);
  if (kind == LOCAL_CONSUMPTION) {
    if (length != CONSUMPTION_BYTES) return Status.BAD_LENGTH;
    const importWh = load<i32>(INBOX_BASE + 1);
    const exportWh = load<i32>(INBOX_BASE + 5);
    const importVarh = load<i32>(INBOX_BASE + 9);
    const exportVarh = load<i32>(INBOX_BASE + 13);
    // Registers only count up (devices 2.1); a negative increment is a host error, refused whole.
    if (importWh < 0 || exportWh < 0 || importVarh < 0 || exportVarh < 0) return Status.BAD_INPUT;
    d.importActiveWh += importWh;
    d.exportActiveWh += exportWh;
    d.importReactiveVarh += importVarh;
    d.exportReactiveVarh += exportVarh;
    return Status.OK;
  }
  return Status.BAD_INPUT;
}
