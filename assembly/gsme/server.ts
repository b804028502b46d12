import { ParsedHeader } from '../envelope/header';
import { parseGbzCommand, gbzComponent, GbzComponent, isServerToClient, ZCL_FRAME_TYPE_MASK, ZCL_FRAME_CLUSTER_SPECIFIC } from '../gbz/request';
import {
  beginGbzResponse, putDefaultResponse, gbzCursor, setGbzCursor, gbzResponseBytes, ZCL_SUCCESS, ZCL_FAILURE, ZCL_NOT_FOUND,
  NOT_EXECUTED_COMMAND,
} from '../gbz/response';
import { DEFAULT_RESPONSE_FC_OVERRIDES } from '../generated/gsme-commands';
import { gbzRun } from './run';
import { findCommandRow, rowAnswer } from './effects';
import { runCommand } from './commands';
import { readAttributes } from './read-attributes';
import { componentRefusal, refusalAnswer } from './refusals';
import { beginAnswer, endAnswer } from './run';
import { gbzRoom, gbzPutU8 } from '../gbz/response';

// The GBZ server of the GSME and of the GPF answering from its mirror (GBCS 6; devices 6.4): the
// components of an authenticated command run in order and are answered one for one (same
// sequence numbers, last bit on the last). At the first failing component the device answers
// with its status (Default Response C0, or the failed Read Attributes records) and every later
// component gets Default Response `FF 01` without running; earlier ones stay executed.
// NOT_FOUND (8B) is an answer, not a failure. Returns the answer's length, or -1 when the
// payload is malformed (devices 1.3 cause 8: nothing ran).

const ZCL_READ_ATTRIBUTES: u32 = 0x00;
const ZCL_UNSUP_CLUSTER_COMMAND: u8 = 0x81;
const ZCL_UNSUP_GENERAL_COMMAND: u8 = 0x82;
const FC_TO_CLIENT: u32 = 0x08;
const FC_TO_SERVER: u32 = 0x00;
const NO_ROOM: u8 = 0x89;

export function runGbzCommand(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const count = parseGbzCommand(h.contentPtr, h.contentBytes);
  if (count < 0) return -1;
  const run = gbzRun();
  run.slot = slot;
  run.messageCode = h.messageCode;
  run.counter = h.counter;
  run.replyEui = replyEui;
  run.originatorParty = originatorParty;
  run.replyParty = replyParty;
  run.count = <u32>count;
  run.encryptedCount = 0;
  run.alertFrameControl = <u32>gbzComponent(0).frameControl;
  beginGbzResponse(<u32>count);
  let failed = false;
  for (let i: u32 = 0; i < <u32>count; i++) {
    const c = gbzComponent(i);
    const last = i + 1 == <u32>count;
    run.index = i;
    run.answerStart = 0;
    if (failed) {
      if (!putDefaultResponse(last, <u32>c.clusterId, defaultResponseFc(c), <u32>c.sequence, NOT_EXECUTED_COMMAND, ZCL_FAILURE)) return -1;
      continue;
    }
    const start = gbzCursor();
    const status = runComponent(slot, c);
    c.status = status;
    if (status != ZCL_SUCCESS && status != ZCL_NOT_FOUND) failed = true;
    // A data answer stands (a Read Attributes with a refused record keeps its records); otherwise
    // whatever was begun is dropped for a Default Response with the status.
    const answered = run.answerStart != 0 && (status == ZCL_SUCCESS || isReadAttributes(c));
    if (!answered) {
      setGbzCursor(start);
      if (!putDefaultResponse(last, <u32>c.clusterId, defaultResponseFc(c), <u32>c.sequence, <u32>c.commandId, status)) return -1;
    }
  }
  return gbzResponseBytes();
}

function isReadAttributes(c: GbzComponent): bool {
  return (c.frameControl & ZCL_FRAME_TYPE_MASK) != ZCL_FRAME_CLUSTER_SPECIFIC && <u32>c.commandId == ZCL_READ_ATTRIBUTES;
}

function runComponent(slot: u32, c: GbzComponent): u8 {
  const run = gbzRun();
  const refusal = componentRefusal(slot, run.messageCode, run.index, <u32>c.clusterId, <u32>c.commandId);
  if (refusal != ZCL_SUCCESS) return refusedInData(c, refusal);
  if ((c.frameControl & ZCL_FRAME_TYPE_MASK) != ZCL_FRAME_CLUSTER_SPECIFIC) {
    return <u32>c.commandId == ZCL_READ_ATTRIBUTES ? readAttributes(slot, c) : ZCL_UNSUP_GENERAL_COMMAND;
  }
  const row = findCommandRow(<u32>c.clusterId, <u32>c.commandId, isServerToClient(c));
  if (row < 0) return ZCL_UNSUP_CLUSTER_COMMAND;
  return runCommand(slot, c, row);
}

/**
 * A refused StartSampling / ClearEventLog answers its own response carrying the refusal (sample id
 * FFFF, nothing cleared: refusals.ts) and the command goes on; any other refusal is the status.
 */
function refusedInData(c: GbzComponent, refusal: u8): u8 {
  const inData = refusalAnswer(<u32>c.clusterId, <u32>c.commandId);
  const bytes = inData >> 8;
  if (bytes == 0 || (c.frameControl & ZCL_FRAME_TYPE_MASK) != ZCL_FRAME_CLUSTER_SPECIFIC) return refusal;
  const row = findCommandRow(<u32>c.clusterId, <u32>c.commandId, isServerToClient(c));
  if (row < 0) return refusal;
  const answer = rowAnswer(row);
  if (!beginAnswer(c, answer >> 8, answer & 0xff) || !gbzRoom(bytes)) return NO_ROOM;
  for (let i: u32 = 0; i < bytes; i++) gbzPutU8(inData & 0xff);
  return endAnswer() ? ZCL_SUCCESS : NO_ROOM;
}

/** Default Responses go back the other way (devices 6.4), bar the overrides of gbcs/tables/gsme-commands.ts. */
function defaultResponseFc(c: GbzComponent): u32 {
  const key = ((<u32>c.clusterId) << 16) | ((<u32>c.commandId) << 8);
  for (let i = 0; i < DEFAULT_RESPONSE_FC_OVERRIDES.length; i++) {
    const row = unchecked(DEFAULT_RESPONSE_FC_OVERRIDES[i]);
    if ((row & 0xffffff00) == key) return row & 0xff;
  }
  return isServerToClient(c) ? FC_TO_SERVER : FC_TO_CLIENT;
}
