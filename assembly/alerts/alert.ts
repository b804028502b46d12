import { nextAlertCounter, sendAlertContent } from './send';
import { SCRATCH_OUT_OTHER_INFO } from '../scratch-map';
import { storeU16BE, storeU64BE } from '../bytes';
import { Status } from '../status';
import { device, findRole } from '../device/context';
import { storeDlmsDateTime, DLMS_DATE_TIME_BYTES } from '../time';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { outboxHasRoom } from '../outbox';

// DLMS alerts of the ESME (GBCS 9.1): a data-notification
//   0F | 20 <alert counter & 0xFFFFFF> | 00 | 02 <n> { 12 <alert code>, 09 0C <time>, extra items... }
// sent with CRA 3 and the device's own alert counter (GBCS 2.1), signed when critical, MACed to
// the recipient otherwise (GBCS 4.1). Extra items are A-XDR the caller wrote at ALERT_EXTRA_BASE.

const DATA_NOTIFICATION: u8 = 0x0f;
const BREAK_ON_ERROR_PRIORITY: u32 = 0x20000000;
const AXDR_STRUCTURE: u8 = 0x02;
const AXDR_LONG_UNSIGNED: u8 = 0x12;
const AXDR_OCTET_STRING: u8 = 0x09;
const ALERT_HEADER_BYTES: u32 = 8 + 3 + 2 + DLMS_DATE_TIME_BYTES; // 0F, invoke 4, 00, 02 n, code item, time item
export const ALERT_EXTRA_BASE: usize = CONTENT_BASE + ALERT_HEADER_BYTES;
export const ALERT_EXTRA_BYTES_MAX: u32 = 512;
const OTHER_INFO_PTR: usize = SCRATCH_OUT_OTHER_INFO;
const OTHER_INFO_WITH_SUPPLEMENTARY_PARTY_BYTES: u32 = 10; // message code, supplementary remote party (GBCS 2.2)
const OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER_BYTES: u32 = 18; // ... and its counter (GBCS 2.2: NA_ECS100 to the ACB)
/** The largest alert the device sends; checked against the outbox before anything changes. */
const ALERT_BYTES_MAX: u32 = ALERT_HEADER_BYTES + ALERT_EXTRA_BYTES_MAX + 128;

/** GBCS 3: generic alert message codes [A: 0x1000 also for DLMS critical alerts, as GBCS defines it for all payloads]. */
export const MESSAGE_CODE_CRITICAL_ALERT: u32 = 0x1000;
export const MESSAGE_CODE_NON_CRITICAL_ALERT: u32 = 0x1001;
/** GBCS 3 / 9.3: future-dated execution alert (DLMS). */
export const MESSAGE_CODE_FUTURE_DATED_DLMS: u32 = 0x00cc;

/**
 * Raises an alert now (device clock) or at `timeS`; the extra items (extraCount of them,
 * extraBytes long) are already at ALERT_EXTRA_BASE. Returns OK, OUTBOX_FULL (nothing changed) or
 * UNKNOWN_ORIGINATOR when no party of `recipientRole` is in the trust store (the alert is dropped).
 */
export function raiseAlert(
  slot: u32, alertCode: u32, messageCode: u32, critical: bool, recipientRole: u32, timeS: i64, extraCount: u32, extraBytes: u32,
): Status {
  const party = findRole(slot, recipientRole);
  if (party < 0) return Status.UNKNOWN_ORIGINATOR;
  return raiseAlertTo(slot, alertCode, messageCode, critical, <u32>party, timeS, extraCount, extraBytes);
}

/**
 * raiseAlert to trust-store entry `party` (e.g. the originator of a future-dated command). A
 * non-zero supplementaryEui goes into a 10-byte other-information (GBCS 2.2: NA_ECS200), with a
 * non-zero supplementaryCounter an 18-byte one (NA_ECS100 SUPPLEMENTARY_REMOTE_PARTY).
 */
export function raiseAlertTo(
  slot: u32, alertCode: u32, messageCode: u32, critical: bool, party: u32, timeS: i64, extraCount: u32, extraBytes: u32,
  supplementaryEui: u64 = 0, supplementaryCounter: u64 = 0,
): Status {
  assert(extraBytes <= ALERT_EXTRA_BYTES_MAX);
  const d = device(slot);
  if (party >= d.partyCount) return Status.UNKNOWN_ORIGINATOR;
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  const counter = nextAlertCounter(slot);
  const c: usize = CONTENT_BASE;
  store<u8>(c, DATA_NOTIFICATION);
  store<u32>(c + 1, bswap<u32>(BREAK_ON_ERROR_PRIORITY | (<u32>counter & 0xffffff)));
  store<u8>(c + 5, 0); // empty date-time: the time travels inside the body
  store<u8>(c + 6, AXDR_STRUCTURE);
  store<u8>(c + 7, <u8>(2 + extraCount));
  store<u8>(c + 8, AXDR_LONG_UNSIGNED);
  storeU16BE(c + 9, alertCode);
  store<u8>(c + 11, AXDR_OCTET_STRING);
  store<u8>(c + 12, <u8>DLMS_DATE_TIME_BYTES);
  storeDlmsDateTime(c + 13, timeS);
  assert(c + 13 + DLMS_DATE_TIME_BYTES == ALERT_EXTRA_BASE);
  storeU16BE(OTHER_INFO_PTR, messageCode);
  if (supplementaryEui != 0) storeU64BE(OTHER_INFO_PTR + 2, supplementaryEui);
  if (supplementaryEui != 0 && supplementaryCounter != 0) storeU64BE(OTHER_INFO_PTR + 10, supplementaryCounter);
  const otherInfoBytes = supplementaryEui == 0 ? 2
    : supplementaryCounter == 0 ? OTHER_INFO_WITH_SUPPLEMENTARY_PARTY_BYTES : OTHER_INFO_WITH_SUPPLEMENTARY_COUNTER_BYTES;
  assert(ALERT_HEADER_BYTES + extraBytes <= CONTENT_BYTES);
  return sendAlertContent(slot, party, otherInfoBytes, ALERT_HEADER_BYTES + extraBytes, critical);
}
