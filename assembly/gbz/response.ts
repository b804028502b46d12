import { storeU16BE } from '../bytes';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { GBZ_PROFILE_ID, GBZ_CONTROL_LAST, GBZ_CONTROL_ENCRYPTED } from './request';

// Building the GBZ answer (GBCS 6.1) at CONTENT_BASE, one component per command component, in
// order: control (last bit on the last, encrypted bit when ciphered), cluster, length,
// [additional header control 00, frame counter], ZCL header, payload. The write cursor lives in
// the last word of the content region (inside the memory map); writers check room() first.

const CURSOR_CELL: usize = CONTENT_BASE + CONTENT_BYTES - 4;
/** End of the room for components (the cursor cell and a little slack stay clear). */
export const GBZ_OUTPUT_LIMIT: usize = CONTENT_BASE + CONTENT_BYTES - 16;
const LENGTH_OFFSET: usize = 3;
export const ZCL_DEFAULT_RESPONSE: u8 = 0x0b;
export const ZCL_READ_ATTRIBUTES_RESPONSE: u8 = 0x01;
/** ZCL statuses met in RTDS (GBCS 6.2, 8). */
export const ZCL_SUCCESS: u8 = 0x00;
export const ZCL_FAILURE: u8 = 0x01;
export const ZCL_UNSUPPORTED_ATTRIBUTE: u8 = 0x86;
export const ZCL_NOT_FOUND: u8 = 0x8b;
export const ZCL_DEVICE_FAILURE: u8 = 0xc0; // every refusal in the reference ERROR responses
/** Command id of the Default Response to a component that was not executed (devices 6.4). */
export const NOT_EXECUTED_COMMAND: u8 = 0xff;

export function gbzCursor(): usize {
  return <usize>load<u32>(CURSOR_CELL);
}

export function setGbzCursor(p: usize): void {
  store<u32>(CURSOR_CELL, <u32>p);
}

export function gbzRoom(bytes: u32): bool {
  return gbzCursor() + <usize>bytes <= GBZ_OUTPUT_LIMIT;
}

export function gbzPutU8(v: u32): void {
  const p = gbzCursor();
  store<u8>(p, <u8>v);
  setGbzCursor(p + 1);
}

export function gbzPutU16LE(v: u32): void {
  const p = gbzCursor();
  store<u16>(p, <u16>v);
  setGbzCursor(p + 2);
}

export function gbzPutU32LE(v: u32): void {
  const p = gbzCursor();
  store<u32>(p, v);
  setGbzCursor(p + 4);
}

export function gbzPutBytes(source: usize, length: u32): void {
  const p = gbzCursor();
  memory.copy(p, source, length);
  setGbzCursor(p + length);
}

/** Starts the answer: profile id and component count. */
export function beginGbzResponse(count: u32): void {
  storeU16BE(CONTENT_BASE, GBZ_PROFILE_ID);
  store<u8>(CONTENT_BASE + 2, <u8>count);
  setGbzCursor(CONTENT_BASE + 3);
}

/**
 * Starts a component (cursor after its ZCL header); returns its start for endComponent, or 0 when
 * the header does not fit. frameCounter >= 0 makes it an encrypted component (GBCS 4.5).
 */
export function beginComponent(last: bool, clusterId: u32, frameCounter: i32, frameControl: u32, sequence: u32, commandId: u32): usize {
  if (!gbzRoom(10)) return 0;
  const start = gbzCursor();
  let control: u32 = last ? GBZ_CONTROL_LAST : 0;
  if (frameCounter >= 0) control |= GBZ_CONTROL_ENCRYPTED;
  store<u8>(start, <u8>control);
  storeU16BE(start + 1, clusterId);
  setGbzCursor(start + 5);
  if (frameCounter >= 0) {
    gbzPutU8(0); // additional header control (RTDS: 00)
    gbzPutU8(<u32>frameCounter);
  }
  gbzPutU8(frameControl);
  gbzPutU8(sequence);
  gbzPutU8(commandId);
  return start;
}

/** Writes the component's length field (bytes after it). */
export function endComponent(start: usize): void {
  storeU16BE(start + LENGTH_OFFSET, <u32>(gbzCursor() - start - 5));
}

/** A whole Default Response component (ZCL command 0B: command id, status). */
export function putDefaultResponse(last: bool, clusterId: u32, frameControl: u32, sequence: u32, commandId: u32, status: u8): bool {
  const start = beginComponent(last, clusterId, -1, frameControl, sequence, ZCL_DEFAULT_RESPONSE);
  if (start == 0) return false;
  gbzPutU8(commandId);
  gbzPutU8(status);
  endComponent(start);
  return true;
}

/**
 * One command component answered by several components (GBCS 6.1: a calendar Get… is answered by
 * one Publish… per stored record, all with its sequence number): `extra` more components in the
 * header's count; false, changing nothing, when the count would pass 255.
 */
export function addGbzResponseComponents(extra: u32): bool {
  const count = <u32>load<u8>(CONTENT_BASE + 2) + extra;
  if (count > 0xff) return false;
  store<u8>(CONTENT_BASE + 2, <u8>count);
  return true;
}

/** Clears the last bit of the component at start (another answer of the same command follows it). */
export function clearLastBit(start: usize): void {
  store<u8>(start, load<u8>(start) & ~(<u8>GBZ_CONTROL_LAST));
}

/** Length of the answer written so far. */
export function gbzResponseBytes(): i32 {
  return <i32>(gbzCursor() - CONTENT_BASE);
}
