import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_ESME } from '../device/types';
import { esmeState } from '../esme/state';
import { storeDlmsDateTime, DLMS_DATE_TIME_BYTES } from '../time';
import { raiseAlert, ALERT_EXTRA_BASE } from '../alerts/alert';
import { ROLE_NETWORK_OPERATOR } from '../device/context';
import { recoverLedger } from './journal';

// Loss and restoration of the mains supply (devices 5.5; host/world/power.ts states the input):
//   LOCAL POWER_EVENT  event u8 (1 supply lost, 2 supply restored) | atS f64 (whole UTC seconds)
// The ESME keeps the loss time (esme/state.ts supplyLostS, persistent); at restoration it raises
// the ECS80 alert to the network operator: 0x8F35 "Supply Outage Restored" for an outage shorter
// than 3 minutes, else 0x8F36, body {outage start, outage end} after the code and the device
// clock (GBCS 9.1; RTDS NA_ECS80: start 23:50:00, end 23:59:00, sent at the clock 00:00:00).
// Other device types take the input and do nothing with it [A]. Not modelled: the Power Event
// Log entries (its reference contents are preloaded, devices R.5).

export const LOCAL_POWER_EVENT: u8 = 21;
export const POWER_SUPPLY_LOST: u8 = 1;
export const POWER_SUPPLY_RESTORED: u8 = 2;
const POWER_EVENT_BYTES: u32 = 10;
const SHORT_OUTAGE_S: i64 = 180; // devices 5.5: "< 3 min" is 0x8F35
const ALERT_SHORT_OUTAGE: u32 = 0x8f35;
const ALERT_LONG_OUTAGE: u32 = 0x8f36;
const MESSAGE_CODE_ECS80: u32 = 0x0067; // GBCS 3: ECS80 Supply Outage Restore Alert (critical)
const U32_SECONDS_MAX: f64 = 4294967295;
const AXDR_OCTET_STRING: u8 = 0x09;

export function powerEvent(slot: u32, length: u32): Status {
  if (length != POWER_EVENT_BYTES) return Status.BAD_LENGTH;
  const event = load<u8>(INBOX_BASE + 1);
  const atS = load<f64>(INBOX_BASE + 2);
  if (event != POWER_SUPPLY_LOST && event != POWER_SUPPLY_RESTORED) return Status.BAD_INPUT;
  if (atS != Math.floor(atS) || atS < 1 || atS > U32_SECONDS_MAX) return Status.BAD_INPUT;
  recoverLedger(slot); // a power event is a restart: roll back a top-up the cut tore (journal.ts)
  if (device(slot).deviceType != DEVICE_TYPE_ESME) return Status.OK;
  const e = esmeState(slot);
  if (event == POWER_SUPPLY_LOST) {
    if (e.supplyLostS != 0) return Status.BAD_INPUT; // already without supply
    e.supplyLostS = <u32>atS;
    return Status.OK;
  }
  const lostS = <i64>e.supplyLostS;
  const restoredS = <i64>atS;
  if (lostS == 0 || restoredS < lostS) return Status.BAD_INPUT;
  let p = ALERT_EXTRA_BASE;
  p = putDateTime(p, lostS);
  p = putDateTime(p, restoredS);
  const code = restoredS - lostS < SHORT_OUTAGE_S ? ALERT_SHORT_OUTAGE : ALERT_LONG_OUTAGE;
  const status = raiseAlert(slot, code, MESSAGE_CODE_ECS80, true, ROLE_NETWORK_OPERATOR, device(slot).clockS, 2, <u32>(p - ALERT_EXTRA_BASE));
  // OUTBOX_FULL keeps the loss so the host can deliver the restoration again; no operator: dropped [A].
  if (status == Status.OUTBOX_FULL) return status;
  e.supplyLostS = 0;
  return Status.OK;
}

function putDateTime(p: usize, utcS: i64): usize {
  store<u8>(p, AXDR_OCTET_STRING);
  store<u8>(p + 1, <u8>DLMS_DATE_TIME_BYTES);
  storeDlmsDateTime(p + 2, utcS);
  return p + 2 + DLMS_DATE_TIME_BYTES;
}
