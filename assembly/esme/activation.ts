import { loadU16BE, loadU32BE, storeU16BE, storeU32BE, storeU64BE } from '../bytes';
import { Status } from '../status';
import { device, pendingActivation, PendingActivation, PENDING_MAX } from '../device/context';
import { findValue, storeValue, valueAddress, valueLength } from '../cosem/store';
import { PARSED_BASE } from '../envelope/scratch';
import { parseDlmsDateTime, DATE_TIME_IMMEDIATE, DATE_TIME_CANCEL, DATE_TIME_INVALID, DLMS_DATE_TIME_BYTES } from '../time';
import { raiseAlertTo, ALERT_EXTRA_BASE, MESSAGE_CODE_FUTURE_DATED_DLMS } from '../alerts/alert';
import {
  ESME_ACTIVATION_TABLE, ACTIVATION_ROW_WORDS, ESME_ACTIVATION_COPIES, COPY_ROW_WORDS,
} from '../generated/esme-activations';
import { RESULT_SUCCESS, RESULT_TYPE_UNMATCHED, RESULT_OTHER_REASON } from '../cosem/results';
import { ledgerStoreChanged, ledgerBeforeActivation } from '../ledger/config';

// Future-dated activation (devices 1.3, 11.6; GBCS 9.3; table in gbcs/tables/esme-activations.ts).
// Writing an activation date-time: all zero activates the passive values now, all FF cancels
// the use case's pending activation, a time schedules it (replacing any pending one of an earlier
// command of the same use case). Due activations run at advanceTime in arrival order; each copies
// its passive attributes to the active ones and raises the signed alert 0x8F66 with the
// command's message code and counter and the activation attribute, timestamped at execution.

export const CLASS_GBCS_EXTENDED: u32 = 9000;
const ATTR_VALUE_ACTIVE: u32 = 2;
const ATTR_VALUE_PASSIVE: u32 = 4;
const ATTR_ACTIVATION_TIME: u32 = 6;
/** Generic class-9000 activation: copy the object's own a4 to a2 (no table row). */
export const ACTIVATION_GENERIC: i32 = -2;
export const NO_ACTIVATION: i32 = -1;
const ALERT_FUTURE_DATED_SUCCESS: u32 = 0x8f66;
const OBIS_CELL_A: usize = PARSED_BASE + 128; // 6 bytes each, free during command processing
const OBIS_CELL_B: usize = PARSED_BASE + 136;
const AXDR_OCTET_STRING: u8 = 0x09;
const ALERT_DETAIL_BYTES: u32 = 19; // message code 2, counter 8, class 2, OBIS 6, attribute 1

/** The activation row of an attribute, ACTIVATION_GENERIC, or NO_ACTIVATION. */
export function activationRow(classId: u32, obisPtr: usize, member: u32): i32 {
  const key = (classId << 16) | member;
  const high = loadU32BE(obisPtr);
  const low = loadU16BE(obisPtr + 4);
  for (let i = 0; i < ESME_ACTIVATION_TABLE.length; i += ACTIVATION_ROW_WORDS) {
    if (unchecked(ESME_ACTIVATION_TABLE[i]) == key && unchecked(ESME_ACTIVATION_TABLE[i + 1]) == high &&
      unchecked(ESME_ACTIVATION_TABLE[i + 2]) == low) return i / ACTIVATION_ROW_WORDS;
  }
  return classId == CLASS_GBCS_EXTENDED && member == ATTR_ACTIVATION_TIME ? ACTIVATION_GENERIC : NO_ACTIVATION;
}

/**
 * A SET of an activation date-time (value = A-XDR octet-string of 12 bytes at value). Stores it,
 * then activates, cancels or schedules. Returns the data-access-result.
 */
export function setActivationTime(
  slot: u32, row: i32, classId: u32, obisPtr: usize, member: u32, value: usize, length: u32,
  messageCode: u32, counter: u64, party: u32,
): u8 {
  if (length != 2 + DLMS_DATE_TIME_BYTES || load<u8>(value) != AXDR_OCTET_STRING || load<u8>(value + 1) != <u8>DLMS_DATE_TIME_BYTES) return RESULT_TYPE_UNMATCHED;
  const at = parseDlmsDateTime(value + 2);
  if (at == DATE_TIME_INVALID) return RESULT_TYPE_UNMATCHED;
  const d = device(slot);
  if (at >= 0 && d.pendingCount >= PENDING_MAX && !hasPendingOf(slot, messageCode)) return RESULT_OTHER_REASON; // [A] table full
  if (storeValue(slot, classId, obisPtr, member, value, length) != Status.OK) return RESULT_OTHER_REASON;
  if (at == DATE_TIME_IMMEDIATE) {
    activate(slot, row, classId, obisPtr);
    return RESULT_SUCCESS;
  }
  // Cancellation, and a new future-dated command of the use case, both clear what an earlier
  // command of that use case left pending (devices 1.3 [A]: one pending command per use case).
  removePending(slot, messageCode, counter);
  if (at == DATE_TIME_CANCEL) return RESULT_SUCCESS;
  if (d.pendingCount >= PENDING_MAX) return RESULT_OTHER_REASON;
  const p = pendingActivation(slot, d.pendingCount);
  p.executeAtS = at;
  p.counter = counter;
  p.messageCode = <u16>messageCode;
  p.party = <u8>party;
  p.classId = <u16>classId;
  p.attribute = <u8>member;
  p.obisHigh = loadU32BE(obisPtr);
  p.obisLow = <u16>loadU16BE(obisPtr + 4);
  d.pendingCount++;
  return RESULT_SUCCESS;
}

function hasPendingOf(slot: u32, messageCode: u32): bool {
  const d = device(slot);
  for (let i: u32 = 0; i < d.pendingCount; i++) if (<u32>pendingActivation(slot, i).messageCode == messageCode) return true;
  return false;
}

/** Removes pending activations of a use case left by other commands (keeps those of `keepCounter`). */
function removePending(slot: u32, messageCode: u32, keepCounter: u64): void {
  const d = device(slot);
  let kept: u32 = 0;
  for (let i: u32 = 0; i < d.pendingCount; i++) {
    const p = pendingActivation(slot, i);
    if (<u32>p.messageCode == messageCode && p.counter != keepCounter) continue;
    if (kept != i) memory.copy(changetype<usize>(pendingActivation(slot, kept)), changetype<usize>(p), offsetof<PendingActivation>());
    kept++;
  }
  d.pendingCount = kept;
}

/**
 * Runs every activation due at the device clock, in arrival order. An alert that does not fit
 * the outbox leaves its activation pending for the next call (nothing is half done).
 */
export function runDueActivations(slot: u32): Status {
  const d = device(slot);
  let i: u32 = 0;
  while (i < d.pendingCount) {
    const p = pendingActivation(slot, i);
    if (p.executeAtS > d.clockS) {
      i++;
      continue;
    }
    storeU32BE(OBIS_CELL_A, p.obisHigh);
    storeU16BE(OBIS_CELL_A + 4, <u32>p.obisLow);
    const row = activationRow(<u32>p.classId, OBIS_CELL_A, <u32>p.attribute);
    // Alert detail (GBCS 9.3): octet-string { message code, counter, class, OBIS, attribute }.
    const x: usize = ALERT_EXTRA_BASE;
    store<u8>(x, AXDR_OCTET_STRING);
    store<u8>(x + 1, <u8>ALERT_DETAIL_BYTES);
    storeU16BE(x + 2, <u32>p.messageCode);
    storeU64BE(x + 4, p.counter);
    storeU16BE(x + 12, <u32>p.classId);
    memory.copy(x + 14, OBIS_CELL_A, 6);
    store<u8>(x + 20, p.attribute);
    const status = raiseAlertTo(slot, ALERT_FUTURE_DATED_SUCCESS, MESSAGE_CODE_FUTURE_DATED_DLMS, true, <u32>p.party, p.executeAtS, 1, 2 + ALERT_DETAIL_BYTES);
    if (status == Status.OUTBOX_FULL) return status;
    activate(slot, row, <u32>p.classId, OBIS_CELL_A);
    removeAt(slot, i);
  }
  return Status.OK;
}

function removeAt(slot: u32, index: u32): void {
  const d = device(slot);
  for (let j = index; j + 1 < d.pendingCount; j++) {
    memory.copy(changetype<usize>(pendingActivation(slot, j)), changetype<usize>(pendingActivation(slot, j + 1)), offsetof<PendingActivation>());
  }
  d.pendingCount--;
}

/** Copies the passive attributes of an activation to their active twins (absent passives are skipped). */
function activate(slot: u32, row: i32, classId: u32, obisPtr: usize): void {
  ledgerBeforeActivation(slot, classId, obisPtr); // the Billing Data Log entry of a tariff change comes first (devices 3.3)
  ledgerStoreChanged(slot); // the active tariff / prepayment configuration may change (devices 3.3, 4.12)
  if (row == ACTIVATION_GENERIC) {
    copyValue(slot, classId, obisPtr, ATTR_VALUE_PASSIVE, classId, obisPtr, ATTR_VALUE_ACTIVE);
    return;
  }
  const r = row * ACTIVATION_ROW_WORDS;
  const first = <i32>ESME_ACTIVATION_TABLE[r + 3];
  const count = <i32>ESME_ACTIVATION_TABLE[r + 4];
  for (let c = first; c < first + count; c++) {
    const k = c * COPY_ROW_WORDS;
    storeU32BE(OBIS_CELL_A, ESME_ACTIVATION_COPIES[k + 1]);
    storeU16BE(OBIS_CELL_A + 4, ESME_ACTIVATION_COPIES[k + 2]);
    storeU32BE(OBIS_CELL_B, ESME_ACTIVATION_COPIES[k + 4]);
    storeU16BE(OBIS_CELL_B + 4, ESME_ACTIVATION_COPIES[k + 5]);
    const source = ESME_ACTIVATION_COPIES[k];
    const target = ESME_ACTIVATION_COPIES[k + 3];
    copyValue(slot, source >> 16, OBIS_CELL_A, source & 0xffff, target >> 16, OBIS_CELL_B, target & 0xffff);
  }
}

function copyValue(slot: u32, fromClass: u32, fromObis: usize, fromMember: u32, toClass: u32, toObis: usize, toMember: u32): void {
  const entry = findValue(slot, fromClass, fromObis, fromMember);
  if (entry == 0) return;
  // A failed copy (store full) keeps the old active value; the activation still counts as run [A].
  storeValue(slot, toClass, toObis, toMember, valueAddress(entry), valueLength(entry));
}
