import { loadU16BE, loadU32BE, storeU32BE } from '../bytes';
import { device, refusalRule } from '../device/context';
import { ParsedHeader } from '../envelope/header';
import { CONTENT_BASE as RESPONSE_CONTENT_BASE } from '../envelope/outgoing';
import {
  ACCESS_GET, ACCESS_SET, ACCESS_ACTION, ACCESS_GET_WITH_SELECTION, HANDLER_PROTECTED_READ, HANDLER_PROFILE_BUFFER,
} from '../generated/esme-objects';
import { parseAccessRequest, requestItem, RequestItem, SPEC_GET, SPEC_SET, SPEC_ACTION, SPEC_GET_WITH_SELECTION } from './request';
import { findObject, objectAccess, objectHandler } from './objects';
import { DEVICE_HANDLER_BASE } from '../generated/chf-objects';
import { runDeviceItem } from './device-items';
import { getAttribute, setAttribute } from './handlers';
import { protectedRead } from './protected-read';
import { activationRow, setActivationTime, NO_ACTIVATION } from '../esme/activation';
import { runAction } from './actions';
import { getSelected } from './selection';
import { resetOutput, cursor, setCursor, room, putU8 } from './output';
import {
  RESULT_SUCCESS, RESULT_READ_WRITE_DENIED, RESULT_OBJECT_UNDEFINED, RESULT_OTHER_REASON,
} from './results';

// The ESME's DLMS server: runs the items of an authenticated access-request in order with
// break-on-error (devices 1.3, 11.6: the first failing item gets its result, later items 250 and
// are not executed, earlier ones stay executed) and writes the access-response (GBCS 5.2) at
// RESPONSE_CONTENT_BASE. Returns its length, or -1 when the APDU is malformed (cause 8).

const ACCESS_RESPONSE_TAG: u8 = 0xda;
const AXDR_NULL: u32 = 0x00;


/** originatorParty: the command's originator (future-dated alerts go back to it); keySlot/partyEui: whom replies are encrypted for. */
export function runAccessRequest(slot: u32, h: ParsedHeader, originatorParty: u32, keySlot: u32, partyEui: u64): i32 {
  const count = parseAccessRequest(h.contentPtr, h.contentBytes);
  if (count < 0) return -1;
  resetOutput();
  let failed = false;
  for (let i: u32 = 0; i < <u32>count; i++) {
    const item = requestItem(i);
    const start = cursor();
    let result: u8 = RESULT_OTHER_REASON;
    if (!failed) {
      result = runItem(slot, h, item, originatorParty, keySlot, partyEui);
      if (result != RESULT_SUCCESS) {
        failed = true;
        setCursor(start); // a failed item returns null-data, whatever it had begun to write
      }
    }
    if (cursor() == start) {
      if (!room(1)) return -1;
      putU8(AXDR_NULL);
    }
    item.result = result;
  }
  // Header: DA, invoke-id echoed, empty date-time, no access-request-specification, data count.
  const out: usize = RESPONSE_CONTENT_BASE;
  store<u8>(out, ACCESS_RESPONSE_TAG);
  storeU32BE(out + 1, loadU32BE(h.contentPtr + 1));
  store<u8>(out + 5, 0);
  store<u8>(out + 6, 0);
  store<u8>(out + 7, <u8>count);
  // Results: count, then (1 GET | 2 SET | 3 ACTION, result) per item.
  putU8(<u32>count);
  for (let i: u32 = 0; i < <u32>count; i++) {
    const item = requestItem(i);
    putU8(item.kind == SPEC_GET_WITH_SELECTION ? SPEC_GET : item.kind);
    putU8(item.result);
  }
  return <i32>(cursor() - out);
}

function runItem(slot: u32, h: ParsedHeader, item: RequestItem, originatorParty: u32, keySlot: u32, partyEui: u64): u8 {
  const refusal = refusalFor(slot, h.messageCode, item);
  if (refusal != RESULT_SUCCESS) return refusal;
  const row = findObject(device(slot).deviceType, item.classId, item.obisPtr, item.member, item.kind == SPEC_ACTION);
  if (row < 0) return RESULT_OBJECT_UNDEFINED;
  const access = objectAccess(row);
  const handler = objectHandler(row);
  if (handler >= DEVICE_HANDLER_BASE) return runDeviceItem(slot, handler, access, item); // CHF handlers (assembly/chf)
  if (item.kind == SPEC_GET) {
    if ((access & ACCESS_GET) == 0) return RESULT_READ_WRITE_DENIED;
    return getAttribute(slot, handler, item.classId, item.obisPtr, item.member);
  }
  if (item.kind == SPEC_GET_WITH_SELECTION) {
    if ((access & ACCESS_GET_WITH_SELECTION) == 0) return RESULT_READ_WRITE_DENIED;
    if (handler != HANDLER_PROFILE_BUFFER) return getAttribute(slot, handler, item.classId, item.obisPtr, item.member);
    return getSelected(slot, item.classId, item.obisPtr, item.member, item.selectorPtr, item.selectorEnd);
  }
  if (item.kind == SPEC_SET) {
    if ((access & ACCESS_SET) == 0) return RESULT_READ_WRITE_DENIED;
    const activation = activationRow(item.classId, item.obisPtr, item.member);
    if (activation != NO_ACTIVATION) {
      return setActivationTime(slot, activation, item.classId, item.obisPtr, item.member, item.dataPtr,
        item.dataEnd - item.dataPtr, h.messageCode, h.counter, originatorParty);
    }
    return setAttribute(slot, handler, item.classId, item.obisPtr, item.member, item.dataPtr, item.dataEnd - item.dataPtr);
  }
  assert(item.kind == SPEC_ACTION);
  if ((access & ACCESS_ACTION) == 0) return RESULT_READ_WRITE_DENIED;
  if (handler == HANDLER_PROTECTED_READ) return protectedRead(slot, item.dataPtr, item.dataEnd, keySlot, partyEui, h.counter);
  return runAction(slot, handler, item.classId, item.obisPtr, item.member, item.dataPtr, item.dataEnd);
}

/** The result a refusal rule imposes on this item (fault injection), or RESULT_SUCCESS when none applies. */
function refusalFor(slot: u32, messageCode: u32, item: RequestItem): u8 {
  const d = device(slot);
  const kind = item.kind == SPEC_GET_WITH_SELECTION ? SPEC_GET : item.kind;
  const obisHigh = loadU32BE(item.obisPtr);
  const obisLow = loadU16BE(item.obisPtr + 4);
  for (let i: u32 = 0; i < d.refusalRuleCount; i++) {
    const rule = refusalRule(slot, i);
    if ((rule.messageCode == 0 || <u32>rule.messageCode == messageCode) && rule.kind == kind &&
      <u32>rule.classId == <u32>item.classId && rule.member == item.member && rule.obisHigh == obisHigh &&
      <u32>rule.obisLow == obisLow) return rule.result;
  }
  return RESULT_SUCCESS;
}
