import { CONTENT_BASE as RESPONSE_CONTENT_BASE, CONTENT_BYTES as RESPONSE_CONTENT_BYTES } from '../envelope/outgoing';
import { storeU32BE } from '../bytes';

// The A-XDR output under construction: by default the data list of the access-response
// (GBCS 5.2); a protected read points it at its plaintext buffer for a while (retarget).
// The cursor and limit live in the last words of the response region, inside the memory map.

export const DATA_START: usize = RESPONSE_CONTENT_BASE + 8; // DA, invoke-id 4, 00, 00, count
export const DATA_LIMIT: usize = RESPONSE_CONTENT_BASE + RESPONSE_CONTENT_BYTES - 256; // room for the results list
const CURSOR_CELL: usize = RESPONSE_CONTENT_BASE + RESPONSE_CONTENT_BYTES - 8;
const LIMIT_CELL: usize = RESPONSE_CONTENT_BASE + RESPONSE_CONTENT_BYTES - 4;

export function resetOutput(): void {
  retarget(DATA_START, DATA_LIMIT);
}

/** Points the output at [start, limit); returns nothing, callers save cursor() and limit() to go back. */
export function retarget(start: usize, limit: usize): void {
  store<u32>(CURSOR_CELL, <u32>start);
  store<u32>(LIMIT_CELL, <u32>limit);
}

export function cursor(): usize {
  return <usize>load<u32>(CURSOR_CELL);
}

export function limit(): usize {
  return <usize>load<u32>(LIMIT_CELL);
}

export function setCursor(p: usize): void {
  store<u32>(CURSOR_CELL, <u32>p);
}

/** Whether `bytes` more fit. */
export function room(bytes: u32): bool {
  return cursor() + <usize>bytes <= limit();
}

export function putU8(v: u32): void {
  const p = cursor();
  store<u8>(p, <u8>v);
  setCursor(p + 1);
}

export function putU32BE(v: u32): void {
  const p = cursor();
  storeU32BE(p, v);
  setCursor(p + 4);
}

export function putBytes(source: usize, length: u32): void {
  const p = cursor();
  memory.copy(p, source, length);
  setCursor(p + length);
}
