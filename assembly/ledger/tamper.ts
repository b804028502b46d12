import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_ESME } from '../device/types';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import { appendLog, LOG_SECURITY } from '../logs/log';
import { Ledger } from './state';
import { ledgerAlert } from './alerts';
import { setSupply, SUPPLY_DISABLED, CAUSE_TAMPER_LOCKED, CAUSE_LOCKED } from './supply';

// A tamper event on the ESME (devices 5.2, 2.4; LOCAL TAMPER: alert code u16 LE, one of the tamper
// alerts of devices 10.3): the event goes to the Security Log and is alerted; when the Supply Tamper
// State (ECS81, `1/0-0:94.44.0.4` a2, boolean TRUE = Locked) is Locked the supply is DISABLED with
// cause TAMPER_LOCKED and the lock (the highest precedence), and 0x81BE follows. A locked supply
// refuses ECS44 (ledger/supply.ts remoteArm); only an accepted ECS42 enables it again (T54).

const TAMPER_ALERTS: StaticArray<u16> = [0x8f74, 0x8f75, 0x8f76, 0x8f77, 0x8f78, 0x8f3f];
const ALERT_SUPPLY_LOCKED: u32 = 0x81be;
const TAMPER_BYTES: u32 = 3;
const OBIS_TAMPER_STATE: usize = memory.data<u8>([0, 0, 94, 44, 0, 4]);
const AXDR_BOOLEAN: u8 = 0x03;

function isTamperAlert(code: u32): bool {
  for (let i = 0; i < TAMPER_ALERTS.length; i++) if (<u32>unchecked(TAMPER_ALERTS[i]) == code) return true;
  return false;
}

/** Whether the Supply Tamper State is Locked ([A] unset: Unlocked). */
function tamperLocked(slot: u32): bool {
  const e = findValue(slot, 1, OBIS_TAMPER_STATE, 2);
  return e != 0 && valueLength(e) == 2 && load<u8>(valueAddress(e)) == AXDR_BOOLEAN && load<u8>(valueAddress(e) + 1) != 0;
}

export function tamperValid(length: u32): bool {
  return length == TAMPER_BYTES && isTamperAlert(<u32>load<u16>(INBOX_BASE + 1));
}

export function tamperEvent(slot: u32, l: Ledger): Status {
  if (device(slot).deviceType != DEVICE_TYPE_ESME) return Status.BAD_INPUT;
  const code = <u32>load<u16>(INBOX_BASE + 1);
  const now = device(slot).clockS;
  appendLog(slot, LOG_SECURITY, now, code, 0, 0);
  ledgerAlert(slot, l, code, now);
  if (!tamperLocked(slot)) return Status.OK;
  setSupply(slot, SUPPLY_DISABLED, CAUSE_TAMPER_LOCKED | CAUSE_LOCKED);
  ledgerAlert(slot, l, ALERT_SUPPLY_LOCKED, now);
  return Status.OK;
}
