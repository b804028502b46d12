import { sendAlertContent } from './send';
import { SCRATCH_OUT_OTHER_INFO } from '../scratch-map';
import { storeU16BE, storeU32BE } from '../bytes';
import { Status } from '../status';
import { device } from '../device/context';
import { CONTENT_BASE } from '../envelope/outgoing';
import { outboxHasRoom } from '../outbox';

// GBZ alerts of the GSME and GPF (GBCS 6.1, 9.1):
//   01 09 | N | alert code u16 BE | UTC time u32 BE (seconds since 2000-01-01) | [alert data]
// N is 00 when nothing follows the time and 01 when one alert-specific block follows (it has no
// component header). Sent with CRA 3 and the device's alert counter (GBCS 2.1), signed when
// critical, MACed to the recipient otherwise (GBCS 4.1). The caller writes the alert data at
// GBZ_ALERT_DATA_BASE.

const GBZ_PROFILE_ID: u32 = 0x0109;
const GBZ_ALERT_HEADER_BYTES: u32 = 3 + 2 + 4;
export const GBZ_ALERT_DATA_BASE: usize = CONTENT_BASE + GBZ_ALERT_HEADER_BYTES;
export const GBZ_ALERT_DATA_BYTES_MAX: u32 = 256;
const OTHER_INFO_PTR: usize = SCRATCH_OUT_OTHER_INFO;
const ALERT_BYTES_MAX: u32 = GBZ_ALERT_HEADER_BYTES + GBZ_ALERT_DATA_BYTES_MAX + 128;
/** Seconds from 1970-01-01 to 2000-01-01: ZCL UTC time counts from 2000 (GBCS 6.1). */
export const ZCL_EPOCH_UNIX_S: i64 = 946684800;
/** GBCS 3 / 9.3: future-dated execution alert (GBZ). */
export const MESSAGE_CODE_FUTURE_DATED_GBZ: u32 = 0x00cd;

/** Raises a GBZ alert to trust-store entry `party`, timestamped timeS (device UTC seconds). */
export function raiseGbzAlertTo(slot: u32, alertCode: u32, messageCode: u32, critical: bool, party: u32, timeS: i64, dataBytes: u32): Status {
  assert(dataBytes <= GBZ_ALERT_DATA_BYTES_MAX);
  const d = device(slot);
  if (party >= d.partyCount) return Status.UNKNOWN_ORIGINATOR;
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  const c: usize = CONTENT_BASE;
  storeU16BE(c, GBZ_PROFILE_ID);
  store<u8>(c + 2, dataBytes > 0 ? 1 : 0);
  storeU16BE(c + 3, alertCode);
  const zclTime = timeS - ZCL_EPOCH_UNIX_S;
  storeU32BE(c + 5, zclTime < 0 ? 0 : <u32>zclTime);
  storeU16BE(OTHER_INFO_PTR, messageCode);
  return sendAlertContent(slot, party, 2, GBZ_ALERT_HEADER_BYTES + dataBytes, critical);
}
