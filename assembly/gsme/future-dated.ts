import { storeU16BE, storeU64BE } from '../bytes';
import { Status } from '../status';
import { device } from '../device/context';
import { findValue, storeValue, valueAddress, valueLength } from '../cosem/store';
import { zclKey, KEY_PENDING } from '../gbz/attributes';
import { raiseGbzAlertTo, GBZ_ALERT_DATA_BASE, MESSAGE_CODE_FUTURE_DATED_GBZ, ZCL_EPOCH_UNIX_S } from '../alerts/gbz-alert';
import { gsmeState, gsmePending, GsmePending, GSME_PENDING_MAX } from './state';
import { applyEffects, findCommandRow } from './effects';

// Future-dated GBZ components (GBCS 9.3; devices 1.3, 6.4): an activation time of 0 (or one not
// after the device clock) applies the component now; FFFFFFFF or FFFFFFFE cancels what an
// earlier command of the same use case left pending for that component; any other time keeps the
// payload and applies it when the clock reaches it, then raises the signed alert 0x8F66 with
// message code 0x00CD: `0E` | message code | counter | cluster | frame control | command id.

export const ACTIVATE_NOW: i32 = 0;
export const SCHEDULED: i32 = 1;
export const CANCELLED: i32 = 2;
export const NO_ROOM: i32 = -1;
const ZCL_TIME_CANCEL_MIN: u32 = 0xfffffffe;
const ALERT_FUTURE_DATED_SUCCESS: u32 = 0x8f66;
const ALERT_DETAIL_BYTES: u8 = 14;
const MEMBER: u32 = 0;

/** What an activation time (ZCL UTC, seconds since 2000) means at the device clock. */
export function activationKind(slot: u32, zclTime: u32): i32 {
  if (zclTime >= ZCL_TIME_CANCEL_MIN) return CANCELLED;
  if (zclTime == 0 || <i64>zclTime + ZCL_EPOCH_UNIX_S <= device(slot).clockS) return ACTIVATE_NOW;
  return SCHEDULED;
}

function pendingKey(clusterId: u32, commandId: u32, messageCode: u32): usize {
  return zclKey(KEY_PENDING, commandId, messageCode >> 8, messageCode & 0xff, 0);
}

/** Removes the pending activation of (use case, component) left by another command; returns whether one was. */
export function cancelPending(slot: u32, messageCode: u32, clusterId: u32, commandId: u32): bool {
  const s = gsmeState(slot);
  for (let i: u32 = 0; i < s.pendingCount; i++) {
    const p = gsmePending(slot, i);
    if (<u32>p.messageCode == messageCode && <u32>p.clusterId == clusterId && <u32>p.commandId == commandId) {
      removeAt(slot, i);
      return true;
    }
  }
  return false;
}

/** Keeps the payload [payload, payloadEnd) to apply at zclTime; NO_ROOM when the table or the store is full (nothing changed). */
export function schedule(
  slot: u32, zclTime: u32, messageCode: u32, counter: u64, party: u32, clusterId: u32, commandId: u32, serverToClient: bool, alertFc: u32,
  payload: usize, payloadEnd: usize,
): i32 {
  const s = gsmeState(slot);
  const replacing = hasPending(slot, messageCode, clusterId, commandId);
  if (!replacing && s.pendingCount >= GSME_PENDING_MAX) return NO_ROOM;
  if (storeValue(slot, clusterId, pendingKey(clusterId, commandId, messageCode), MEMBER, payload, <u32>(payloadEnd - payload)) != Status.OK) return NO_ROOM;
  cancelPending(slot, messageCode, clusterId, commandId);
  const p = gsmePending(slot, s.pendingCount);
  p.executeAtS = <i64>zclTime + ZCL_EPOCH_UNIX_S;
  p.counter = counter;
  p.messageCode = <u16>messageCode;
  p.clusterId = <u16>clusterId;
  p.commandId = <u8>commandId;
  p.alertFrameControl = <u8>alertFc;
  p.party = <u8>party;
  p.serverToClient = serverToClient ? 1 : 0;
  s.pendingCount++;
  return SCHEDULED;
}

function hasPending(slot: u32, messageCode: u32, clusterId: u32, commandId: u32): bool {
  const s = gsmeState(slot);
  for (let i: u32 = 0; i < s.pendingCount; i++) {
    const p = gsmePending(slot, i);
    if (<u32>p.messageCode == messageCode && <u32>p.clusterId == clusterId && <u32>p.commandId == commandId) return true;
  }
  return false;
}

function removeAt(slot: u32, index: u32): void {
  const s = gsmeState(slot);
  for (let j = index; j + 1 < s.pendingCount; j++) {
    memory.copy(changetype<usize>(gsmePending(slot, j)), changetype<usize>(gsmePending(slot, j + 1)), offsetof<GsmePending>());
  }
  s.pendingCount--;
}

/** Applies every pending component due at the device clock, in arrival order, each with its 0x8F66 alert. */
export function runDueGsmeActivations(slot: u32): Status {
  const s = gsmeState(slot);
  const d = device(slot);
  let i: u32 = 0;
  while (i < s.pendingCount) {
    const p = gsmePending(slot, i);
    if (p.executeAtS > d.clockS) {
      i++;
      continue;
    }
    const x = GBZ_ALERT_DATA_BASE;
    store<u8>(x, ALERT_DETAIL_BYTES);
    storeU16BE(x + 1, <u32>p.messageCode);
    storeU64BE(x + 3, p.counter);
    storeU16BE(x + 11, <u32>p.clusterId);
    store<u8>(x + 13, p.alertFrameControl);
    store<u8>(x + 14, p.commandId);
    const status = raiseGbzAlertTo(slot, ALERT_FUTURE_DATED_SUCCESS, MESSAGE_CODE_FUTURE_DATED_GBZ, true, <u32>p.party, p.executeAtS, 1 + <u32>ALERT_DETAIL_BYTES);
    if (status == Status.OUTBOX_FULL) return status;
    const entry = findValue(slot, <u32>p.clusterId, pendingKey(<u32>p.clusterId, <u32>p.commandId, <u32>p.messageCode), MEMBER);
    const row = findCommandRow(<u32>p.clusterId, <u32>p.commandId, p.serverToClient != 0);
    if (entry != 0 && row >= 0) applyEffects(slot, row, <u32>p.clusterId, <u32>p.commandId, valueAddress(entry), valueAddress(entry) + valueLength(entry));
    removeAt(slot, i);
  }
  return Status.OK;
}
