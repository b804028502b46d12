import { ARENA_HEADER_BASE, ARENA_HEADER_BYTES } from '../layout';

// The instance-wide counters, living at ARENA_HEADER_BASE.
//
//  0 abiVersion u32 | 4 deviceCount u32 | 8 poolBase u32 | 12 poolTop u32
// 16 freePageHead u32 | 20 pagesInUse u32 | 24 outboxUsedBytes u32 | 28 outboxCount u32
// 32 currentSlot u32 | 36 reserved ...
@unmanaged
export class ArenaHeader {
  abiVersion: u32;
  deviceCount: u32;
  /** First byte of the page pool (above the static data and the heap reserve). */
  poolBase: u32;
  /** Next never-used page address; pages below it are in use or on the free list. */
  poolTop: u32;
  /** Page number of the first free page (0 = none); free pages link through their first word. */
  freePageHead: u32;
  pagesInUse: u32;
  outboxUsedBytes: u32;
  outboxCount: u32;
  /** Slot of the device whose call is running, for trap reports (0xFFFFFFFF = none). */
  currentSlot: u32;
}

if (offsetof<ArenaHeader>() > ARENA_HEADER_BYTES) ERROR('ArenaHeader overflows its region');

// @ts-ignore: decorator
@inline export function arena(): ArenaHeader {
  return changetype<ArenaHeader>(ARENA_HEADER_BASE);
}
