import { Status } from '../status';
import { valueAddress, valueLength, findValue, truncateValue, storeValue } from '../cosem/store';
import { findAttribute, findRecord, storeRecord, attributeI32, zclKey, KEY_RECORD } from '../gbz/attributes';
import { GbzComponent, isServerToClient } from '../gbz/request';
import { gbzRoom, gbzPutU8, gbzPutU16LE, gbzPutU32LE, gbzPutBytes, ZCL_SUCCESS, ZCL_NOT_FOUND } from '../gbz/response';
import {
  GSME_WRITE_FIELDS, GSME_PUBLISH_RECORD, GSME_GET_RECORD, GSME_GET_LOG, GSME_CHANGE_PAYMENT_MODE, GSME_CHANGE_SUPPLY,
  GSME_START_SAMPLING, GSME_CLEAR_EVENT_LOG, GSME_SET_EVENT_CONFIGURATION, GSME_GET_EVENT_CONFIGURATION, GSME_CREDIT_ADJUSTMENT,
  GSME_CONSUMER_TOP_UP, ACTIVATION_NONE, ACTIVATION_FROM_DATE_TIME,
} from '../generated/gsme-commands';
import { beginAnswer, endAnswer, gbzRun } from './run';
import { applyEffects, rowHandler, rowActivation, rowAnswer, rowRecordCommand, EFFECT_OK, EFFECT_MALFORMED, EFFECT_FAILED } from './effects';
import { activationKind, cancelPending, schedule, ACTIVATE_NOW, CANCELLED, NO_ROOM } from './future-dated';
import { getLog, logKey } from './logs';
import { gsmeState } from './state';
import { GBZ_VALUE_SCRATCH } from './state';
import { consumerTopUp, gsmeCreditAdjustment } from './prepayment';
import { changeValve } from './valve';

// The cluster-specific GBZ commands of the GSME (GBCS 6.3; devices 6.4): each handler returns the
// component's ZCL status and writes a data answer when the command has one; the server answers
// the others with a Default Response carrying the status.

const NO_ROOM_STATUS: u8 = 0x89; // ZCL INSUFFICIENT_SPACE
const PREPAYMENT: u32 = 0x0705;
const DEVICE_MANAGEMENT: u32 = 0x0708;
const EVENTS: u32 = 0x0709;
const ATTR_CREDIT_REMAINING: u32 = 0x0001;
const ATTR_EC_LIMIT: u32 = 0x0010;
const ATTR_EC_THRESHOLD: u32 = 0x0011;
const ATTR_BILL_TO_DATE: u32 = 0x0a00;
const TYPE_INT32: u32 = 0x2b;
const TYPE_UINT32: u32 = 0x23;
const EVENT_CONFIGURATION_RECORD: u32 = 0x04; // the ReportEventConfiguration list: (event id u16 LE, bitmap8) triples
const EVENT_CONFIGURATION_ENTRIES_MAX: u32 = 128;
const EVENT_LOG_ANSWER: u32 = 0x01;
const CREDIT_ADJUSTMENT_TYPE_MAX: u32 = 3; // 3: credit-mode incremental (GCS40c, gsme/prepayment.ts)

/** Runs the component through its row's handler; returns its ZCL status. */
export function runCommand(slot: u32, c: GbzComponent, row: i32): u8 {
  const handler = rowHandler(row);
  if (handler == GSME_WRITE_FIELDS || handler == GSME_PUBLISH_RECORD) return applyDated(slot, c, row);
  if (handler == GSME_CHANGE_PAYMENT_MODE) {
    const status = applyDated(slot, c, row);
    return status == ZCL_SUCCESS ? paymentModeAnswer(slot, c, rowAnswer(row)) : status;
  }
  if (handler == GSME_GET_RECORD) return recordAnswer(slot, c, rowRecordCommand(row), rowAnswer(row));
  if (handler == GSME_GET_LOG) return getLog(slot, c, rowAnswer(row));
  if (handler == GSME_CHANGE_SUPPLY) return changeSupply(slot, c, rowAnswer(row));
  if (handler == GSME_START_SAMPLING) return startSampling(slot, c, rowAnswer(row));
  if (handler == GSME_CLEAR_EVENT_LOG) return clearEventLog(slot, c, rowAnswer(row));
  if (handler == GSME_SET_EVENT_CONFIGURATION) return setEventConfiguration(slot, c);
  if (handler == GSME_GET_EVENT_CONFIGURATION) return eventConfigurationAnswer(slot, c, rowAnswer(row));
  if (handler == GSME_CREDIT_ADJUSTMENT) return creditAdjustment(slot, c);
  assert(handler == GSME_CONSUMER_TOP_UP);
  return consumerTopUp(slot, c, rowAnswer(row)); // the prepayment ledger (gsme/prepayment.ts)
}

/** Applies the component now, schedules it or cancels a pending one, as its activation time says (GBCS 9.3). */
function applyDated(slot: u32, c: GbzComponent, row: i32): u8 {
  const activation = rowActivation(row);
  const payload = <usize>c.payloadPtr;
  const end = <usize>c.payloadEnd;
  if (activation != ACTIVATION_NONE) {
    let at: u32 = 0;
    if (activation == ACTIVATION_FROM_DATE_TIME) at = c.hasFrom != 0 ? c.fromDateTime : 0;
    else if (payload + activation + 4 > end) return EFFECT_MALFORMED;
    else at = load<u32>(payload + activation);
    const kind = activationKind(slot, at);
    const run = gbzRun();
    if (kind == CANCELLED) {
      cancelPending(slot, run.messageCode, <u32>c.clusterId, <u32>c.commandId);
      return ZCL_SUCCESS;
    }
    if (kind != ACTIVATE_NOW) {
      const scheduled = schedule(slot, at, run.messageCode, run.counter, run.originatorParty, <u32>c.clusterId, <u32>c.commandId,
        isServerToClient(c), run.alertFrameControl, payload, end);
      return scheduled == NO_ROOM ? EFFECT_FAILED : ZCL_SUCCESS;
    }
  }
  return applyEffects(slot, row, <u32>c.clusterId, <u32>c.commandId, payload, end);
}

/** ChangePaymentModeResponse (devices 6.4): friendly credit, its calendar id, EC limit and threshold. */
function paymentModeAnswer(slot: u32, c: GbzComponent, answer: u32): u8 {
  const s = gsmeState(slot);
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(13)) return NO_ROOM_STATUS;
  gbzPutU8(<u32>s.friendlyCredit);
  gbzPutU32LE(s.friendlyCreditCalendarId);
  gbzPutU32LE(<u32>attributeI32(slot, PREPAYMENT, ATTR_EC_LIMIT, 0));
  gbzPutU32LE(<u32>attributeI32(slot, PREPAYMENT, ATTR_EC_THRESHOLD, 0));
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM_STATUS;
}

/** A Get… answered with the stored record of a Publish… (GetBillingPeriod, GCS21d/k), else NOT_FOUND. */
function recordAnswer(slot: u32, c: GbzComponent, recordCommandId: u32, answer: u32): u8 {
  const entry = findRecord(slot, <u32>c.clusterId, recordCommandId);
  if (entry == 0) return ZCL_NOT_FOUND;
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(valueLength(entry))) return NO_ROOM_STATUS;
  gbzPutBytes(valueAddress(entry), valueLength(entry));
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM_STATUS;
}

// ChangeSupply: providerId u32, issuerEventId u32, requestDateTime, implementationDateTime,
// proposedSupplyStatus enum8 (0 off, 1 armed, 2 on), supplyControlBits. The valve moves through
// the supply state machine (gsme/valve.ts) and SupplyStatusResponse reports the state it is in.
function changeSupply(slot: u32, c: GbzComponent, answer: u32): u8 {
  const p = <usize>c.payloadPtr;
  if (c.payloadEnd - c.payloadPtr != 18) return EFFECT_MALFORMED;
  const proposed = <u32>load<u8>(p + 16);
  if (proposed > 2) return EFFECT_MALFORMED;
  const status = changeValve(slot, proposed);
  if (status < 0) return EFFECT_FAILED;
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(13)) return NO_ROOM_STATUS;
  gbzPutBytes(p, 8); // provider id, issuer event id
  gbzPutBytes(p + 12, 4); // implementation date-time
  gbzPutU8(<u32>status);
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM_STATUS;
}

/** StartSampling: allocates the next sample id (GCS31; devices 6.4: refusal = FFFF). */
function startSampling(slot: u32, c: GbzComponent, answer: u32): u8 {
  const s = gsmeState(slot);
  if (s.nextSampleId == 0) s.nextSampleId = 1;
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(2)) return NO_ROOM_STATUS;
  gbzPutU16LE(s.nextSampleId);
  s.nextSampleId = s.nextSampleId >= 0xfffe ? 1 : s.nextSampleId + 1;
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM_STATUS;
}

/** ClearEventLogRequest (CS11): empties the log and answers the bitmap of cleared logs (bit = log id). */
function clearEventLog(slot: u32, c: GbzComponent, answer: u32): u8 {
  if (c.payloadEnd - c.payloadPtr != 1) return EFFECT_MALFORMED;
  const logId = <u32>load<u8>(<usize>c.payloadPtr);
  const entry = findValue(slot, EVENTS, logKey(EVENT_LOG_ANSWER, 0), 0);
  if (entry != 0) truncateValue(entry, 0);
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(1)) return NO_ROOM_STATUS;
  gbzPutU8(logId < 8 ? 1 << logId : 0);
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM_STATUS;
}

// SetEventConfiguration: issuerEventId u32, startDateTime, eventConfiguration bitmap8,
// configurationControl enum8, numberOfEvents u8, event ids u16 LE: each listed event takes the bitmap.
function setEventConfiguration(slot: u32, c: GbzComponent): u8 {
  const p = <usize>c.payloadPtr;
  const bytes = c.payloadEnd - c.payloadPtr;
  if (bytes < 11) return EFFECT_MALFORMED;
  const n = <u32>load<u8>(p + 10);
  if (bytes != 11 + 2 * n) return EFFECT_MALFORMED;
  const configuration = load<u8>(p + 8);
  const table = GBZ_VALUE_SCRATCH;
  const entry = findRecord(slot, DEVICE_MANAGEMENT, EVENT_CONFIGURATION_RECORD);
  let used: u32 = entry != 0 ? valueLength(entry) : 0;
  if (used > EVENT_CONFIGURATION_ENTRIES_MAX * 3) return EFFECT_FAILED;
  if (entry != 0) memory.copy(table, valueAddress(entry), used);
  for (let k: u32 = 0; k < n; k++) {
    const eventId = <u32>load<u16>(p + 11 + 2 * k);
    let found = false;
    for (let q: u32 = 0; q < used; q += 3) {
      if (<u32>load<u16>(table + q) == eventId) {
        store<u8>(table + q + 2, configuration);
        found = true;
        break;
      }
    }
    if (found) continue;
    if (used + 3 > EVENT_CONFIGURATION_ENTRIES_MAX * 3) return EFFECT_FAILED;
    store<u16>(table + used, <u16>eventId);
    store<u8>(table + used + 2, configuration);
    used += 3;
  }
  return storeRecord(slot, DEVICE_MANAGEMENT, EVENT_CONFIGURATION_RECORD, table, used) == Status.OK ? ZCL_SUCCESS : EFFECT_FAILED;
}

/** ReportEventConfiguration (GCS20r): command 0 of 1, then (event id, bitmap) of the asked event, or of every event. */
function eventConfigurationAnswer(slot: u32, c: GbzComponent, answer: u32): u8 {
  if (c.payloadEnd - c.payloadPtr != 2) return EFFECT_MALFORMED;
  const asked = <u32>load<u16>(<usize>c.payloadPtr);
  const entry = findRecord(slot, DEVICE_MANAGEMENT, EVENT_CONFIGURATION_RECORD);
  if (entry == 0) return ZCL_NOT_FOUND;
  const table = valueAddress(entry);
  const used = valueLength(entry);
  let one: i32 = -1;
  for (let q: u32 = 0; q < used; q += 3) if (<u32>load<u16>(table + q) == asked) one = <i32>q;
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(2 + used)) return NO_ROOM_STATUS;
  gbzPutU8(0);
  gbzPutU8(1);
  if (one >= 0) gbzPutBytes(table + <usize>one, 3);
  else gbzPutBytes(table, used);
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM_STATUS;
}

// CreditAdjustment: issuerEventId u32, startTime, type enum8, value int32. Type 0 adds to the
// credit remaining, 1 sets it (ZSE), 2 sets the credit-mode bill to date (GCS40d reset) [A].
function creditAdjustment(slot: u32, c: GbzComponent): u8 {
  const p = <usize>c.payloadPtr;
  if (c.payloadEnd - c.payloadPtr != 13) return EFFECT_MALFORMED;
  const kind = <u32>load<u8>(p + 8);
  const value = load<i32>(p + 9);
  if (kind > CREDIT_ADJUSTMENT_TYPE_MAX) return EFFECT_MALFORMED;
  return gsmeCreditAdjustment(slot, kind, <i64>value) ? ZCL_SUCCESS : EFFECT_FAILED; // through the ledger (gsme/prepayment.ts)
}
