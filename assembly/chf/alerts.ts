import { Status } from '../status';
import { device, ROLE_ACB } from '../device/context';
import { raiseAlert, ALERT_EXTRA_BASE, ALERT_EXTRA_BYTES_MAX } from '../alerts/alert';
import { retarget, resetOutput, cursor, putU8 } from '../cosem/output';
import { findValue, valueAddress, valueLength } from '../cosem/store';
import { TAG_STRUCTURE, TAG_OCTET_STRING } from '../cosem/axdr-tags';
import { RESULT_SUCCESS } from '../cosem/results';
import { chfHeader, PENDING_CS14, PENDING_DBCH09, PENDING_DBCH08 } from './state';
import { putDeviceLog, DEVICE_LOG_BACKUP_BYTES_MAX } from './log-output';
import { SUB_GHZ_CONFIGURATION_BYTES_MAX } from './handlers';

// The CHF's DCC alerts (GBCS 9.1: to the ACB, non-critical, MACed): CS14 0x8F12 "CHF device log
// changed" with the device log as backup_PAN renders it, DBCH09 0x8F2A with the new sub-GHz
// configuration, DBCH08 0x8F28 after a channel scan request. A command marks them due
// (ChfHeader.pendingAlerts); they are sent after its response is built, because the alert is
// built in the same content region. One alert per kind per command [A], carrying the state
// after the whole command. An alert that does not fit the outbox stays due and goes out after
// the next command the CHF answers [A].

export const ALERT_CS14: u32 = 0x8f12;
export const ALERT_DBCH09: u32 = 0x8f2a;
export const ALERT_DBCH08: u32 = 0x8f28;
// GBCS 3 message codes of the alerts (gbcs/tables/message-codes.ts).
const MESSAGE_CODE_CS14: u32 = 0x0018;
const MESSAGE_CODE_DBCH08: u32 = 0x0112;
const MESSAGE_CODE_DBCH09: u32 = 0x0113;
const OBIS_SUB_GHZ_CONFIGURATION: usize = memory.data<u8>([0, 0, 94, 44, 10, 0]);
const CLASS_DATA: u32 = 1;
const VALUE: u32 = 2;
/** DBCH08 assessment as the reference CHF sends it: structure { octet-string 00, octet-string 00 } [D]. */
const SCAN_ASSESSMENT_BYTES: u32 = 8;

if (DEVICE_LOG_BACKUP_BYTES_MAX > ALERT_EXTRA_BYTES_MAX) ERROR('a full CHF device log does not fit a CS14 alert');
if (SUB_GHZ_CONFIGURATION_BYTES_MAX > ALERT_EXTRA_BYTES_MAX) ERROR('a sub-GHz configuration does not fit a DBCH09 alert');

/** Sends the alerts the last command made due, in the order CS14, DBCH09, DBCH08. */
export function sendPendingChfAlerts(slot: u32): Status {
  const h = chfHeader(slot);
  if ((h.pendingAlerts & PENDING_CS14) != 0) {
    retarget(ALERT_EXTRA_BASE, ALERT_EXTRA_BASE + ALERT_EXTRA_BYTES_MAX);
    const result = putDeviceLog(slot);
    const bytes = <u32>(cursor() - ALERT_EXTRA_BASE);
    resetOutput();
    assert(result == RESULT_SUCCESS); // sized at compile time above
    const status = raiseAlert(slot, ALERT_CS14, MESSAGE_CODE_CS14, false, ROLE_ACB, device(slot).clockS, 1, bytes);
    if (status == Status.OUTBOX_FULL) return status;
    h.pendingAlerts &= ~PENDING_CS14;
  }
  if ((h.pendingAlerts & PENDING_DBCH09) != 0) {
    const entry = findValue(slot, CLASS_DATA, OBIS_SUB_GHZ_CONFIGURATION, VALUE);
    if (entry != 0 && valueLength(entry) <= ALERT_EXTRA_BYTES_MAX) {
      memory.copy(ALERT_EXTRA_BASE, valueAddress(entry), valueLength(entry));
      const status = raiseAlert(slot, ALERT_DBCH09, MESSAGE_CODE_DBCH09, false, ROLE_ACB, device(slot).clockS, 1, valueLength(entry));
      if (status == Status.OUTBOX_FULL) return status;
    }
    h.pendingAlerts &= ~PENDING_DBCH09;
  }
  if ((h.pendingAlerts & PENDING_DBCH08) != 0) {
    retarget(ALERT_EXTRA_BASE, ALERT_EXTRA_BASE + ALERT_EXTRA_BYTES_MAX);
    putU8(TAG_STRUCTURE);
    putU8(2);
    for (let i = 0; i < 2; i++) {
      putU8(TAG_OCTET_STRING);
      putU8(1);
      putU8(0);
    }
    assert(cursor() - ALERT_EXTRA_BASE == SCAN_ASSESSMENT_BYTES);
    resetOutput();
    const status = raiseAlert(slot, ALERT_DBCH08, MESSAGE_CODE_DBCH08, false, ROLE_ACB, device(slot).clockS, 1, SCAN_ASSESSMENT_BYTES);
    if (status == Status.OUTBOX_FULL) return status;
    h.pendingAlerts &= ~PENDING_DBCH08;
  }
  return Status.OK;
}
