import { sendAlertContent } from '../alerts/send';
import { SCRATCH_OUT_OTHER_INFO } from '../scratch-map';
import { Status } from '../status';
import { device, deviceAddress } from '../device/context';
import { storeDlmsDateTime } from '../time';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { MAC_INPUT_BASE } from '../envelope/scratch';
import { storeU16BE } from '../bytes';
import { outboxHasRoom } from '../outbox';
import { DER_SEQUENCE, DER_GENERALIZED_TIME } from '../asn1/der';
import { derBegin, derFinish, derOpen, derClose, derInteger, derPrimitive } from '../asn1/der-writer';
import { CREDENTIAL_STORE_OFFSET } from '../esme/state';
import { putResultAndApply, allSucceeded, UPDATE_RECORD_BYTES, UpdateRecord } from './update';

// A future-dated CS02b / CS02g (devices 1.3: validated and stored on receipt, one pending per
// use case, a new one replacing it [A]; RTDS 6.15.1 / 6.23 FUTURE_DATED): at its execution time
// the device applies it and sends a critical ASN.1 alert to the command's originator
//   SEQUENCE { INTEGER 0x8F66 (every cell replaced) / 0x8F67, GeneralizedTime execution time, result }
// with message code 0x00CB (CS02b, GBCS 3 "future-dated update-security-credentials alert") or
// the CS02g alert code 0x0124. Kept after the store in the credential region:
//   0 state u32 (0 none, 1 pending) | 4 alertMessageCode u32 | 8 party u32 | 12 reserved u32 | 16 UpdateRecord

const PENDING_OFFSET: u32 = CREDENTIAL_STORE_OFFSET + 592; // credentials/store.ts ends at 592
const PENDING_HEADER_BYTES: u32 = 16;
const PENDING_BYTES: u32 = PENDING_HEADER_BYTES + UPDATE_RECORD_BYTES;
const STATE_PENDING: u32 = 1;
const ALERT_SUCCESS: u32 = 0x8f66;
const ALERT_FAILURE: u32 = 0x8f67;
const OTHER_INFO_PTR: usize = SCRATCH_OUT_OTHER_INFO; // as alerts/alert.ts: the 2-byte message code
const TIME_SCRATCH: usize = MAC_INPUT_BASE + UPDATE_RECORD_BYTES + 16;
const GENERALIZED_TIME_BYTES: u32 = 15;
const ALERT_BYTES_MAX: u32 = CONTENT_BYTES + 256;

if (PENDING_OFFSET + PENDING_BYTES > CREDENTIAL_STORE_OFFSET + 1024) ERROR('pending credential update overflows the credential region');

// @ts-ignore: decorator
@inline function pendingBase(slot: u32): usize {
  return deviceAddress(slot) + PENDING_OFFSET;
}

/** Keeps the record (built at `record`) for execution at its time; replaces a pending one. */
export function schedulePending(slot: u32, record: usize, alertMessageCode: u32, party: u32): void {
  const base = pendingBase(slot);
  store<u32>(base, STATE_PENDING);
  store<u32>(base + 4, alertMessageCode);
  store<u32>(base + 8, party);
  memory.copy(base + PENDING_HEADER_BYTES, record, UPDATE_RECORD_BYTES);
}

/** Cancels the pending update of the same use case (same alert message code); nothing is sent. */
export function cancelPending(slot: u32, alertMessageCode: u32): void {
  const base = pendingBase(slot);
  if (load<u32>(base) == STATE_PENDING && load<u32>(base + 4) == alertMessageCode) memory.fill(base, 0, PENDING_BYTES);
}

/** Runs a pending update whose time has come (devices 0.3 step 2); OUTBOX_FULL leaves it pending. */
export function runDueCredentialUpdate(slot: u32): Status {
  const base = pendingBase(slot);
  if (load<u32>(base) != STATE_PENDING) return Status.OK;
  const record = base + PENDING_HEADER_BYTES;
  const r = changetype<UpdateRecord>(record);
  const d = device(slot);
  if (d.clockS < r.executeAtS) return Status.OK;
  const party = load<u32>(base + 8);
  const alertMessageCode = load<u32>(base + 4);
  if (party >= d.partyCount) {
    memory.fill(base, 0, PENDING_BYTES); // its originator left the trust store: nobody to tell
    return Status.OK;
  }
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  derInteger(allSucceeded(record) ? ALERT_SUCCESS : ALERT_FAILURE);
  putGeneralizedTime(r.executeAtS);
  putResultAndApply(slot, record);
  derClose();
  const end = derFinish();
  assert(end != 0); // bounded: REPLACEMENTS_MAX results fit the content region
  memory.fill(base, 0, PENDING_BYTES);
  return sendAlert(slot, party, alertMessageCode, <u32>(end - CONTENT_BASE));
}

/** A critical (signed) alert of `contentBytes` at CONTENT_BASE to trust-store entry `party` (GBCS 2.1, 4.1); the caller checked the outbox has room. */
export function sendAlert(slot: u32, party: u32, messageCode: u32, contentBytes: u32): Status {
  storeU16BE(OTHER_INFO_PTR, messageCode);
  return sendAlertContent(slot, party, 2, contentBytes, true);
}

/** Writes a DER GeneralizedTime YYYYMMDDHHMMSSZ of UTC seconds (between derBegin and derFinish). */
export function putGeneralizedTime(utcS: i64): void {
  storeDlmsDateTime(TIME_SCRATCH, utcS);
  const out = TIME_SCRATCH + 16;
  const year = (<u32>load<u8>(TIME_SCRATCH) << 8) | <u32>load<u8>(TIME_SCRATCH + 1);
  putDigits(out, year, 4);
  putDigits(out + 4, <u32>load<u8>(TIME_SCRATCH + 2), 2);
  putDigits(out + 6, <u32>load<u8>(TIME_SCRATCH + 3), 2);
  putDigits(out + 8, <u32>load<u8>(TIME_SCRATCH + 5), 2);
  putDigits(out + 10, <u32>load<u8>(TIME_SCRATCH + 6), 2);
  putDigits(out + 12, <u32>load<u8>(TIME_SCRATCH + 7), 2);
  store<u8>(out + 14, 0x5a); // 'Z'
  derPrimitive(DER_GENERALIZED_TIME, out, GENERALIZED_TIME_BYTES);
}

function putDigits(p: usize, value: u32, count: u32): void {
  for (let i: u32 = 0; i < count; i++) {
    store<u8>(p + count - 1 - i, <u8>(0x30 + value % 10));
    value /= 10;
  }
}
