import { Status } from '../status';
import { storeAttribute, storeRecord } from '../gbz/attributes';
import {
  GSME_COMMAND_TABLE, GSME_COMMAND_ROW_WORDS, GSME_WRITE_TABLE, GSME_WRITE_ROW_WORDS, FIELD_VARIABLE, GSME_PUBLISH_RECORD,
} from '../generated/gsme-commands';
import { GBZ_VALUE_SCRATCH, GBZ_VALUE_SCRATCH_BYTES } from './state';
import { gsmeLedgerConfigChanged } from './prepayment';

// What a GBZ command component does to the device's state (devices 6.1), from the generated
// table of gbcs/tables/gsme-commands.ts: its fields written to attributes, and for Publish…
// commands its whole payload kept as the record of that command. Validated whole, then applied.

const NOT_FOUND: i32 = -1;
export const EFFECT_OK: u8 = 0x00;
export const EFFECT_MALFORMED: u8 = 0x80; // ZCL MALFORMED_COMMAND
export const EFFECT_FAILED: u8 = 0xc0;

/** Row of (cluster, direction, command id), or -1. */
export function findCommandRow(clusterId: u32, commandId: u32, serverToClient: bool): i32 {
  const key = (clusterId << 16) | ((serverToClient ? 1 : 0) << 8) | commandId;
  for (let i = 0; i < GSME_COMMAND_TABLE.length; i += GSME_COMMAND_ROW_WORDS) {
    if (unchecked(GSME_COMMAND_TABLE[i]) == key) return i / GSME_COMMAND_ROW_WORDS;
  }
  return NOT_FOUND;
}

export function rowHandler(row: i32): u32 {
  return GSME_COMMAND_TABLE[row * GSME_COMMAND_ROW_WORDS + 1] >> 24;
}

export function rowActivation(row: i32): u32 {
  return (GSME_COMMAND_TABLE[row * GSME_COMMAND_ROW_WORDS + 1] >> 16) & 0xff;
}

/** Frame control << 8 | command id of the row's data answer. */
export function rowAnswer(row: i32): u32 {
  return GSME_COMMAND_TABLE[row * GSME_COMMAND_ROW_WORDS + 1] & 0xffff;
}

export function rowRecordCommand(row: i32): u32 {
  return GSME_COMMAND_TABLE[row * GSME_COMMAND_ROW_WORDS + 2] & 0xff;
}

/** Position of a write's field in the payload (after one length-prefixed field when the table says so), or 0 when outside. */
function fieldAt(w: u32, payload: usize, end: usize): usize {
  const offset = w & 0xff;
  const variableAt = (w >> 8) & 0xff;
  let p = payload + offset;
  if (variableAt != FIELD_VARIABLE) {
    if (payload + variableAt >= end) return 0;
    p += 1 + <usize>load<u8>(payload + variableAt);
  }
  const size = (w >> 16) & 0xff;
  if (size == FIELD_VARIABLE) {
    if (p >= end || p + 1 + <usize>load<u8>(p) > end) return 0;
    return p;
  }
  return p + size <= end ? p : 0;
}

function fieldBytes(w: u32, p: usize): u32 {
  const size = (w >> 16) & 0xff;
  return size == FIELD_VARIABLE ? 1 + <u32>load<u8>(p) : size;
}

/** Applies the row's effects to the payload [payload, end); EFFECT_* status. */
export function applyEffects(slot: u32, row: i32, clusterId: u32, commandId: u32, payload: usize, end: usize): u8 {
  const words = GSME_COMMAND_TABLE[row * GSME_COMMAND_ROW_WORDS + 2];
  const first = <i32>((words >> 8) & 0xff);
  const count = <i32>((words >> 16) & 0xff);
  for (let k = first; k < first + count; k++) {
    const w = GSME_WRITE_TABLE[k * GSME_WRITE_ROW_WORDS];
    const p = fieldAt(w, payload, end);
    if (p == 0 || fieldBytes(w, p) + 1 > GBZ_VALUE_SCRATCH_BYTES) return EFFECT_MALFORMED;
  }
  if (rowHandler(row) == GSME_PUBLISH_RECORD && storeRecord(slot, clusterId, commandId, payload, <u32>(end - payload)) != Status.OK) return EFFECT_FAILED;
  for (let k = first; k < first + count; k++) {
    const w = GSME_WRITE_TABLE[k * GSME_WRITE_ROW_WORDS];
    const target = GSME_WRITE_TABLE[k * GSME_WRITE_ROW_WORDS + 1];
    const p = fieldAt(w, payload, end);
    if (storeAttribute(slot, target >> 16, target & 0xffff, w >> 24, p, fieldBytes(w, p), GBZ_VALUE_SCRATCH) != Status.OK) return EFFECT_FAILED;
  }
  // Prepayment configuration and the tariff (records included) reach the ledger.
  if (count > 0 || rowHandler(row) == GSME_PUBLISH_RECORD) gsmeLedgerConfigChanged(slot, clusterId, commandId);
  return EFFECT_OK;
}
