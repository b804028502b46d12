import { Status } from '../status';
import { ParsedHeader } from '../envelope/header';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { device, findRole, ROLE_SUPPLIER } from './context';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_GSME } from './types';
import { firmwarePage, HELD, HELD_VERSION, HELD_HASH, ACTIVATION_STATE } from './firmware-image';
import { SHA256_BYTES } from './sha256';
import { derContent, derExpect, DER_SEQUENCE, DER_OCTET_STRING, DER_GENERALIZED_TIME } from '../asn1/der';
import { derBegin, derFinish, derOpen, derClose, derInteger, derPrimitive } from '../asn1/der-writer';
import { generalizedTimeSeconds } from '../credentials/update';
import { sendAlert, putGeneralizedTime } from '../credentials/pending';
import { raiseAlert, MESSAGE_CODE_CRITICAL_ALERT } from '../alerts/alert';
import { raiseGbzAlertTo } from '../alerts/gbz-alert';
import { storeValue } from '../cosem/store';
import { storeAttribute } from '../gbz/attributes';
import { outboxHasRoom } from '../outbox';

// CS06 Activate Firmware (GBCS 7, devices 9 steps 6-7; critical, signed both ways):
//   command  SEQUENCE { OCTET STRING manufacturer image hash (32), GeneralizedTime execution time OPTIONAL }
//   response INTEGER outcome: 0 success, 1 no image held, 2 hash mismatch, 3 activation failure
// The hash must be that of the image the device holds, verified (firmware-image.ts); otherwise the
// answer is 1 or 2 and nothing changes (devices T65). Activation makes the image's OTA file version
// the one the device reports (ESME ECS52 `1/0-0:0.2.1.255` a2, octet-string big-endian; GSME GCS38
// [A: OTA Upgrade cluster 0x0019 CurrentFileVersion 0x0002, uint32]) and sends 0x8F43 "Change in
// executing firmware version" after the response. Registers, ledgers, logs and configuration are
// untouched (devices 9 step 7). A future execution time keeps one pending activation (devices 9 [A]),
// replacing an earlier one; at its time the device activates if it still holds that image and sends
// the future-dated firmware activation alert 0x00CA (critical ASN.1 [A], as the CS02b alert 0x00CB:
//   SEQUENCE { INTEGER 0x8F66 / 0x8F67, GeneralizedTime execution time, OCTET STRING hash })
// to the command's originator. The RTDS cancellation time (9999-12-31T23:59:59Z) cancels it.
//
// State after the receipt fields of the firmware page (firmware-image.ts ACTIVATION_STATE):
//   0 pending u32 | 4 party u32 | 8 executeAtS i64 | 16 hash 32 | 48 changeAlertDue u32

export const MESSAGE_CODE_CS06: u32 = 0x0012;
const OUTCOME_SUCCESS: u8 = 0;
const OUTCOME_NO_IMAGE: u8 = 1;
const OUTCOME_HASH_MISMATCH: u8 = 2;
const OUTCOME_FAILED: u8 = 3;
const PENDING: usize = 0;
const PARTY: usize = 4;
const EXECUTE_AT: usize = 8;
const HASH: usize = 16;
const CHANGE_ALERT_DUE: usize = 48;
const CANCEL_TIME: i64 = 253402300799; // 9999-12-31T23:59:59Z (RTDS CANCELLATION, credentials/update.ts)
const GENERALIZED_TIME_BYTES: u32 = 15;
const ALERT_CHANGED: u32 = 0x8f43;
const ALERT_FUTURE_DONE: u64 = 0x8f66;
const ALERT_FUTURE_FAILED: u64 = 0x8f67;
const MESSAGE_CODE_FDFAA: u32 = 0x00ca;
const ALERT_BYTES_MAX: u32 = CONTENT_BYTES + 256;
const OBIS_ESME_FIRMWARE_VERSION: usize = memory.data<u8>([0, 0, 0, 2, 1, 255]);
const CLASS_DATA: u32 = 1;
const VALUE: u32 = 2;
const AXDR_OCTET_STRING: u8 = 0x09;
const OTA_CLUSTER: u32 = 0x0019;
const CURRENT_FILE_VERSION: u32 = 0x0002;
const ZCL_UINT32: u32 = 0x23;
const VERSION_SCRATCH: usize = memory.data(16);

/** The CS06 answer at CONTENT_BASE (3 bytes), or -1 when the payload is malformed (devices 1.3 cause 8). */
export function activateFirmwareCommand(slot: u32, h: ParsedHeader, originatorParty: u32): i32 {
  const start = <usize>h.contentPtr;
  const end = start + h.contentBytes;
  const sequenceEnd = derExpect(start, end, DER_SEQUENCE);
  if (sequenceEnd != end) return -1;
  const hashPtr = derContent(start);
  const hashEnd = derExpect(hashPtr, end, DER_OCTET_STRING);
  if (hashEnd == 0 || hashEnd - derContent(hashPtr) != SHA256_BYTES) return -1;
  const hash = derContent(hashPtr);
  let at: i64 = 0;
  let dated = false;
  if (hashEnd < end) {
    const timeEnd = derExpect(hashEnd, end, DER_GENERALIZED_TIME);
    if (timeEnd != end || timeEnd - derContent(hashEnd) != GENERALIZED_TIME_BYTES) return -1;
    at = generalizedTimeSeconds(derContent(hashEnd));
    if (at < 0) return -1;
    dated = true;
  }
  return answer(outcome(slot, hash, dated, at, originatorParty));
}

function outcome(slot: u32, hash: usize, dated: bool, at: i64, party: u32): u8 {
  const base = firmwarePage(slot);
  if (dated && at >= CANCEL_TIME) {
    if (base != 0) store<u32>(base + ACTIVATION_STATE + PENDING, 0);
    return OUTCOME_SUCCESS;
  }
  if (base == 0 || load<u32>(base + HELD) == 0) return OUTCOME_NO_IMAGE;
  if (memory.compare(base + HELD_HASH, hash, SHA256_BYTES) != 0) return OUTCOME_HASH_MISMATCH;
  const state = base + ACTIVATION_STATE;
  if (dated && at > device(slot).clockS) {
    store<u32>(state + PENDING, 1);
    store<u32>(state + PARTY, party);
    store<i64>(state + EXECUTE_AT, at);
    memory.copy(state + HASH, hash, SHA256_BYTES);
    return OUTCOME_SUCCESS;
  }
  if (!activate(slot, base)) return OUTCOME_FAILED;
  store<u32>(state + CHANGE_ALERT_DUE, 1);
  return OUTCOME_SUCCESS;
}

function answer(code: u8): i32 {
  store<u8>(CONTENT_BASE, 0x02);
  store<u8>(CONTENT_BASE + 1, 1);
  store<u8>(CONTENT_BASE + 2, code);
  return 3;
}

/** Runs the held image: its version becomes the reported one; false (nothing changed) when that cannot be stored. */
function activate(slot: u32, base: usize): bool {
  const version = load<u32>(base + HELD_VERSION);
  const type = device(slot).deviceType;
  let stored = Status.OK;
  if (type == DEVICE_TYPE_ESME) {
    store<u8>(VERSION_SCRATCH, AXDR_OCTET_STRING);
    store<u8>(VERSION_SCRATCH + 1, 4);
    store<u32>(VERSION_SCRATCH + 2, bswap<u32>(version));
    stored = storeValue(slot, CLASS_DATA, OBIS_ESME_FIRMWARE_VERSION, VALUE, VERSION_SCRATCH, 6);
  } else if (type == DEVICE_TYPE_GSME) {
    store<u32>(VERSION_SCRATCH, version); // ZCL values are little-endian
    stored = storeAttribute(slot, OTA_CLUSTER, CURRENT_FILE_VERSION, ZCL_UINT32, VERSION_SCRATCH, 4, VERSION_SCRATCH + 8);
  } else {
    return false;
  }
  if (stored != Status.OK) return false;
  store<u32>(base + HELD, 0); // the held image is now the running one
  return true;
}

/** After a CS06 response: 0x8F43 for an immediate activation (best effort, as the CHF's alerts). */
export function sendFirmwareChangeAlert(slot: u32): Status {
  const base = firmwarePage(slot);
  if (base == 0 || load<u32>(base + ACTIVATION_STATE + CHANGE_ALERT_DUE) == 0) return Status.OK;
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  store<u32>(base + ACTIVATION_STATE + CHANGE_ALERT_DUE, 0);
  return changeAlert(slot);
}

function changeAlert(slot: u32): Status {
  const d = device(slot);
  if (d.deviceType == DEVICE_TYPE_GSME) {
    const party = findRole(slot, ROLE_SUPPLIER);
    return party < 0 ? Status.OK : raiseGbzAlertTo(slot, ALERT_CHANGED, MESSAGE_CODE_CRITICAL_ALERT, true, <u32>party, d.clockS, 0);
  }
  const sent = raiseAlert(slot, ALERT_CHANGED, MESSAGE_CODE_CRITICAL_ALERT, true, ROLE_SUPPLIER, d.clockS, 0, 0);
  return sent == Status.UNKNOWN_ORIGINATOR ? Status.OK : sent;
}

/** devices 0.3 step 2: a pending activation whose time has come; OUTBOX_FULL leaves it pending. */
export function runDueFirmwareActivation(slot: u32): Status {
  const base = firmwarePage(slot);
  if (base == 0) return Status.OK;
  const state = base + ACTIVATION_STATE;
  if (load<u32>(state + PENDING) == 0) return Status.OK;
  const d = device(slot);
  const at = load<i64>(state + EXECUTE_AT);
  if (d.clockS < at) return Status.OK;
  if (!outboxHasRoom(2 * ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  store<u32>(state + PENDING, 0);
  const party = load<u32>(state + PARTY);
  const held = load<u32>(base + HELD) != 0 && memory.compare(base + HELD_HASH, state + HASH, SHA256_BYTES) == 0;
  const done = held && activate(slot, base);
  if (done) {
    const changed = changeAlert(slot);
    if (changed != Status.OK) return changed;
  }
  if (party >= d.partyCount) return Status.OK; // its originator left the trust store: nobody to tell
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  derInteger(done ? ALERT_FUTURE_DONE : ALERT_FUTURE_FAILED);
  putGeneralizedTime(at);
  derPrimitive(DER_OCTET_STRING, state + HASH, SHA256_BYTES);
  derClose();
  const end = derFinish();
  assert(end != 0); // bounded: three short items
  return sendAlert(slot, party, MESSAGE_CODE_FDFAA, <u32>(end - CONTENT_BASE));
}

// The pending activation lives in the firmware page after the receipt fields.
if (ACTIVATION_STATE + CHANGE_ALERT_DUE + 4 > 4096) ERROR('activation state overflows the firmware page');
