import { findValue, valueAddress, valueLength } from '../cosem/store';
import { zclKey, KEY_LOG } from '../gbz/attributes';
import { GbzComponent } from '../gbz/request';
import { gbzRoom, gbzPutBytes, addGbzResponseComponents, clearLastBit, ZCL_SUCCESS, ZCL_NOT_FOUND } from '../gbz/response';
import { beginAnswer, endAnswer, gbzRun } from './run';

// Log reads (devices 6.1 logs, 6.4 "Nothing in range"): the billing data snapshots (GetSnapshot,
// GetPrepaySnapshot), the top-up and debt repayment logs, the network data log, the event and
// security logs and the calendar Get… commands answer with a stored entry of the log the answer
// command names; when there is none the component is answered NOT_FOUND (8B), which does not stop
// the later components. Snapshot requests select their entry by the snapshot offset (ZSE: the n-th
// matching snapshot, newest first); the others read entry 0. Entries are the answer payloads,
// written at installation (LOCAL SET_GBZ_LOG: the reference logs are synthetic, devices S.4);
// recording them from metering is the prepayment-ledger issue's work. A calendar Get… (GCS21b)
// answers every stored entry 0, 1, … in order, one Publish… component each with the command's
// sequence number (the reference answers GetCalendar with four PublishCalendar, GetDayProfiles
// with two PublishDayProfile); the header's component count grows by the extra answers.

const MEMBER: u32 = 0;
const SNAPSHOT_OFFSET_AT: u32 = 8; // earliestStartTime u32, latestEndTime u32, snapshotOffset u8
const METERING: u32 = 0x0702;
const PREPAYMENT: u32 = 0x0705;
const GET_SNAPSHOT: u32 = 0x06;
const GET_PREPAY_SNAPSHOT: u32 = 0x07;
const CALENDAR: u32 = 0x0707;
/** Answers one calendar Get… gives at most [A] (the reference gives 4). */
const CALENDAR_ANSWERS_MAX: u32 = 16;

export function logKey(answerCommandId: u32, index: u32): usize {
  return zclKey(KEY_LOG, answerCommandId, index, 0, 0);
}

function entryIndex(c: GbzComponent): i32 {
  const snapshot = (<u32>c.clusterId == METERING && <u32>c.commandId == GET_SNAPSHOT) ||
    (<u32>c.clusterId == PREPAYMENT && <u32>c.commandId == GET_PREPAY_SNAPSHOT);
  if (!snapshot) return 0;
  if (c.payloadPtr + SNAPSHOT_OFFSET_AT >= c.payloadEnd) return -1;
  return <i32>load<u8>(<usize>c.payloadPtr + SNAPSHOT_OFFSET_AT);
}

/** answer = frame control << 8 | command id of the log's answer. */
export function getLog(slot: u32, c: GbzComponent, answer: u32): u8 {
  if (<u32>c.clusterId == CALENDAR) return getAllEntries(slot, c, answer);
  const index = entryIndex(c);
  if (index < 0) return 0x80;
  const entry = findValue(slot, <u32>c.clusterId, logKey(answer & 0xff, <u32>index), MEMBER);
  if (entry == 0 || valueLength(entry) == 0) return ZCL_NOT_FOUND;
  if (!beginAnswer(c, answer >> 8, answer & 0xff)) return 0x89;
  if (!gbzRoom(valueLength(entry))) return 0x89;
  gbzPutBytes(valueAddress(entry), valueLength(entry));
  if (!endAnswer()) return 0x89;
  return ZCL_SUCCESS;
}

/** Every stored entry, one answer each; NOT_FOUND when there is none. */
function getAllEntries(slot: u32, c: GbzComponent, answer: u32): u8 {
  let written: u32 = 0;
  let previous: usize = 0;
  for (let i: u32 = 0; i < CALENDAR_ANSWERS_MAX; i++) {
    const entry = findValue(slot, <u32>c.clusterId, logKey(answer & 0xff, i), MEMBER);
    if (entry == 0 || valueLength(entry) == 0) break;
    if (previous != 0) clearLastBit(previous);
    if (!beginAnswer(c, answer >> 8, answer & 0xff)) return 0x89;
    previous = <usize>gbzRun().answerStart;
    if (!gbzRoom(valueLength(entry))) return 0x89;
    gbzPutBytes(valueAddress(entry), valueLength(entry));
    if (!endAnswer()) return 0x89;
    written++;
  }
  if (written == 0) return ZCL_NOT_FOUND;
  return addGbzResponseComponents(written - 1) ? ZCL_SUCCESS : 0x89;
}
