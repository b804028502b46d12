import { OUTBOX_BASE, OUTBOX_BYTES, OUTBOX_ENTRY_HEADER_BYTES } from './layout';
import { arena } from './device/arena';

// Messages produced by devices, in production order, until the host drains them.
// entry: 0 slot u32 | 4 channel u32 | 8 length u32 | 12 reserved u32 | 16 bytes, padded to 4.

export const CHANNEL_WAN: u32 = 0; // to / from the remote party via the SM WAN
export const CHANNEL_HAN: u32 = 1; // to / from another device of the premises
export const CHANNEL_LOCAL: u32 = 2; // physical inputs: consumption, buttons, keypad, power

/** Bytes one message of `length` takes in the outbox. */
// @ts-ignore: decorator
@inline export function outboxEntryBytes(length: u32): u32 {
  return OUTBOX_ENTRY_HEADER_BYTES + ((length + 3) & ~3);
}

export function outboxHasRoom(length: u32): bool {
  return arena().outboxUsedBytes + outboxEntryBytes(length) <= OUTBOX_BYTES;
}

/** Appends a message whose bytes are at `source`; the caller checked outboxHasRoom first. */
export function outboxPush(slot: u32, channel: u32, source: usize, length: u32): void {
  const a = arena();
  assert(outboxHasRoom(length));
  const entry = <usize>OUTBOX_BASE + a.outboxUsedBytes;
  store<u32>(entry, slot);
  store<u32>(entry + 4, channel);
  store<u32>(entry + 8, length);
  store<u32>(entry + 12, 0);
  memory.copy(entry + OUTBOX_ENTRY_HEADER_BYTES, source, length);
  a.outboxUsedBytes += outboxEntryBytes(length);
  a.outboxCount++;
}
