import { device, findRole, ROLE_SUPPLIER } from '../device/context';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_GSME } from '../device/types';
import { raiseGbzAlertTo } from '../alerts/gbz-alert';
import { raiseAlert, MESSAGE_CODE_CRITICAL_ALERT, MESSAGE_CODE_NON_CRITICAL_ALERT } from '../alerts/alert';
import { Ledger, ledgerIfAny, ALERT_TRACE_OFFSET, ALERT_TRACE_MAX, PENDING_ALERTS_OFFSET, PENDING_ALERTS_MAX } from './state';
import { Status } from '../status';
import { sendBillingAlert, ALERT_BILLING_DATA_LOG } from './billing-alert';

// The alerts of the ledger and the supply state machine (devices 4.8-4.11, 5.2, 10.3), one
// constant each (codes from gbcs/tables/alert-codes.ts). Every alert is also appended to the
// ledger's alert trace (a ring the host reads), so a test sees what was raised without
// decoding the outbox. The ESME sends them as DLMS alerts, the GSME as GBZ alerts (GBCS 9.1:
// `01 09 00` ‖ code ‖ UTC time, no alert data) to its supplier.

export const ALERT_LOW_CREDIT: u32 = 0x810d;
export const ALERT_CREDIT_ADDED_LOCALLY: u32 = 0x810e;
export const ALERT_EC_AVAILABLE: u32 = 0x8119;
export const ALERT_SUPPLY_ENABLED_BUTTON: u32 = 0x8161;
export const ALERT_USER_INTERFACE_FAILURE: u32 = 0x8162;
export const ALERT_ARMED_BY_EC: u32 = 0x8168;
export const ALERT_TIME_DEBT_1_COLLECTED: u32 = 0x81a7;
export const ALERT_TIME_DEBT_2_COLLECTED: u32 = 0x81a8;
export const ALERT_PAYMENT_DEBT_COLLECTED: u32 = 0x81a9;
export const ALERT_EC_EXHAUSTED: u32 = 0x81aa;
export const ALERT_EC_ACTIVATED: u32 = 0x81ab;
export const ALERT_UTRN_ENTRY_SUSPENDED: u32 = 0x81c4;
export const ALERT_UTRN_LOCKED_OUT: u32 = 0x81c5;
export const ALERT_CREDIT_BELOW_DISABLEMENT: u32 = 0x8f0f;
export const ALERT_SUPPLY_ARMED: u32 = 0x8f32;
export const ALERT_MAX_METER_BALANCE: u32 = 0x8f47;
export const ALERT_UTRN_DUPLICATE: u32 = 0x8f51;
export const ALERT_UTRN_MAX_CREDIT: u32 = 0x8f5b;
export const ALERT_UTRN_NOT_AUTHENTIC: u32 = 0x8f63;
export const ALERT_UTRN_NOT_FOR_DEVICE: u32 = 0x8f64;
export const ALERT_DISABLEMENT_SUSPENDED: u32 = 0x8f83;
export const ALERT_SUPPLY_DISABLED: u32 = 0x8f01; // load-limit family; unused by the ledger itself
export { ALERT_BILLING_DATA_LOG }; // 0x8F0A (ECS68 on the ESME, with the entry; a plain GBZ alert on the GSME [A])

const CRITICAL_FAMILY: u32 = 0x8f00; // [A] 0x8Fxx alerts are sent critical (signed), the rest non-critical

/**
 * Records a ledger alert at `timeS` (a catch-up boundary keeps its own instant, devices 5.2) and
 * queues it; flushLedgerAlerts sends it once the current command's response is out (GBCS: the
 * response first, then the alerts it caused).
 */
export function ledgerAlert(slot: u32, l: Ledger, code: u32, timeS: i64, detail: u32 = 0): void {
  if (l.silent != 0) return;
  const index = l.alertTraceCount % ALERT_TRACE_MAX;
  store<u16>(changetype<usize>(l) + ALERT_TRACE_OFFSET + index * 2, <u16>code);
  l.alertTraceCount++;
  const type = device(slot).deviceType;
  if (type != DEVICE_TYPE_ESME && type != DEVICE_TYPE_GSME) return; // other devices keep the trace only
  if (l.pendingAlertCount >= PENDING_ALERTS_MAX) {
    l.alertsDropped++;
    return;
  }
  const p = changetype<usize>(l) + PENDING_ALERTS_OFFSET + l.pendingAlertCount * 16;
  store<i64>(p, timeS);
  store<u32>(p + 8, code);
  store<u32>(p + 12, detail);
  l.pendingAlertCount++;
}

/** Sends the queued ledger alerts in order; a full outbox keeps the rest for the next call. */
export function flushLedgerAlerts(slot: u32): Status {
  const l = ledgerIfAny(slot);
  if (l == null || l.pendingAlertCount == 0) return Status.OK;
  const base = changetype<usize>(l) + PENDING_ALERTS_OFFSET;
  let sent: u32 = 0;
  let status = Status.OK;
  const gas = device(slot).deviceType == DEVICE_TYPE_GSME;
  const supplier = gas ? findRole(slot, ROLE_SUPPLIER) : -1;
  while (sent < l.pendingAlertCount) {
    const p = base + sent * 16;
    const code = load<u32>(p + 8);
    const critical = (code & 0xff00) == CRITICAL_FAMILY;
    const messageCode = critical ? MESSAGE_CODE_CRITICAL_ALERT : MESSAGE_CODE_NON_CRITICAL_ALERT;
    if (!gas && code == ALERT_BILLING_DATA_LOG) {
      status = sendBillingAlert(slot, load<u32>(p + 12), load<i64>(p)); // ECS68: the entry, encrypted
    } else if (gas) {
      status = supplier < 0 ? Status.UNKNOWN_ORIGINATOR : raiseGbzAlertTo(slot, code, messageCode, critical, <u32>supplier, load<i64>(p), 0);
    } else {
      status = raiseAlert(slot, code, messageCode, critical, ROLE_SUPPLIER, load<i64>(p), 0, 0);
    }
    if (status == Status.OUTBOX_FULL) break;
    sent++; // any other failure (no supplier in the trust store) drops the alert
  }
  const left = l.pendingAlertCount - sent;
  if (sent > 0 && left > 0) memory.copy(base, base + sent * 16, left * 16);
  l.pendingAlertCount = left;
  return status == Status.OUTBOX_FULL ? status : Status.OK;
}
