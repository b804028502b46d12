import { INBOX_BASE } from '../layout';
import { loadU64BE } from '../bytes';
import { Status } from '../status';
import { device, findRole } from '../device/context';
import { axdrEnd } from '../dlms/axdr-walk';
import { PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { raiseAlertTo, ALERT_EXTRA_BASE, ALERT_EXTRA_BYTES_MAX } from './alert';
import { raiseGbzAlertTo, GBZ_ALERT_DATA_BASE, GBZ_ALERT_DATA_BYTES_MAX } from './gbz-alert';

// A device event scripted by the host with the values it carries (devices R.12: the ECS101,
// ECS102, ECS200, 0x810E and 0x81A0 alerts are reproducible "only by scripting the event with
// those values"): an APC limit or state change, credit added at the meter, a reset. The device
// raises the DLMS alert at once, with its own clock and alert counter (GBCS 9.1):
//   LOCAL SCRIPT_ALERT  alertCode u16 | messageCode u16 | critical u8 | recipientRole u8 |
//                       supplementaryEui u64 BE (0 = none) | supplementaryCounter u64 BE (0 = none;
//                       only with an EUI: GBCS 2.2 18-byte other-information, NA_ECS100) |
//                       itemCount u8 | itemCount A-XDR items
// The host takes criticality from the message-code table (gbcs/tables/message-codes.ts).

export const LOCAL_SCRIPT_ALERT: u8 = 20;
const HEADER_BYTES: u32 = 24;
const ITEMS_MAX: u32 = 8; // the reference alerts carry at most 4 items after code and time
const SIZE_CELL: usize = PARSED_BASE + PARSED_BYTES - 20;

export function scriptedAlert(slot: u32, length: u32): Status {
  if (length < HEADER_BYTES) return Status.BAD_LENGTH;
  const alertCode = <u32>load<u16>(INBOX_BASE + 1);
  const messageCode = <u32>load<u16>(INBOX_BASE + 3);
  const critical = load<u8>(INBOX_BASE + 5);
  const role = <u32>load<u8>(INBOX_BASE + 6);
  const supplementary = loadU64BE(INBOX_BASE + 7);
  const supplementaryCounter = loadU64BE(INBOX_BASE + 15);
  const count = <u32>load<u8>(INBOX_BASE + 23);
  const items = INBOX_BASE + HEADER_BYTES;
  const end = INBOX_BASE + length;
  if (supplementary == 0 && supplementaryCounter != 0) return Status.BAD_INPUT;
  if (critical > 1 || count > ITEMS_MAX || length - HEADER_BYTES > ALERT_EXTRA_BYTES_MAX) return Status.BAD_INPUT;
  let p = items;
  for (let i: u32 = 0; i < count; i++) {
    p = axdrEnd(p, end, SIZE_CELL);
    if (p == 0) return Status.BAD_INPUT;
  }
  if (p != end) return Status.BAD_INPUT;
  const party = findRole(slot, role);
  if (party < 0) return Status.UNKNOWN_ORIGINATOR;
  const bytes = <u32>(end - items);
  memory.copy(ALERT_EXTRA_BASE, items, bytes);
  return raiseAlertTo(slot, alertCode, messageCode, critical == 1, <u32>party, device(slot).clockS, count, bytes, supplementary, supplementaryCounter);
}

/**
 * The same input for a GBZ device (GSME: NA_FDRA-ZigBee, NA_GCA-ZigBee, NA_MIIWA-ZigBee, devices
 * R.12): the GBZ alert (gbz-alert.ts) carries no A-XDR items but at most one alert-specific block,
 * so itemCount is 0 (nothing after the time) or 1 (the rest of the input is that block, verbatim,
 * 1..GBZ_ALERT_DATA_BYTES_MAX bytes). A GBZ alert names no supplementary remote party.
 */
export function scriptedGbzAlert(slot: u32, length: u32): Status {
  if (length < HEADER_BYTES) return Status.BAD_LENGTH;
  const alertCode = <u32>load<u16>(INBOX_BASE + 1);
  const messageCode = <u32>load<u16>(INBOX_BASE + 3);
  const critical = load<u8>(INBOX_BASE + 5);
  const role = <u32>load<u8>(INBOX_BASE + 6);
  const count = <u32>load<u8>(INBOX_BASE + 23);
  const bytes = length - HEADER_BYTES;
  if (loadU64BE(INBOX_BASE + 7) != 0 || loadU64BE(INBOX_BASE + 15) != 0) return Status.BAD_INPUT;
  if (critical > 1 || count > 1 || (count == 0) != (bytes == 0) || bytes > GBZ_ALERT_DATA_BYTES_MAX) return Status.BAD_INPUT;
  const party = findRole(slot, role);
  if (party < 0) return Status.UNKNOWN_ORIGINATOR;
  memory.copy(GBZ_ALERT_DATA_BASE, INBOX_BASE + HEADER_BYTES, bytes);
  return raiseGbzAlertTo(slot, alertCode, messageCode, critical == 1, <u32>party, device(slot).clockS, bytes);
}
