import { LOG_PAGE_BYTES, WASM_PAGE_BYTES, DEVICE_PAGES_MAX } from '../layout';
import { arena } from './arena';
import { device, pageTableAddress } from './context';
import { E_PAGE_TABLE } from '../status';

// The log page pool: memory grows with what devices have recorded, not with their logs'
// capacity (ARCHITECTURE.md principle 4). Pages are numbered by address / LOG_PAGE_BYTES so a
// u32 names any page in 4 GiB; page number 0 is never a pool page (it is the null guard).

/** Page number owned by the device for log `logId`, allocating (zeroed) on first use; 0 when memory cannot grow. */
export function ensurePage(slot: u32, logId: u32): u32 {
  assert(logId < DEVICE_PAGES_MAX, E_PAGE_TABLE);
  const entry = pageTableAddress(slot) + logId * 4;
  const existing = load<u32>(entry);
  if (existing != 0) return existing;
  const page = allocatePage();
  if (page == 0) return 0;
  store<u32>(entry, page);
  device(slot).pageCount++;
  return page;
}

/** The page of log `logId`, or 0 when the log has recorded nothing yet. */
// @ts-ignore: decorator
@inline export function pageOf(slot: u32, logId: u32): u32 {
  return load<u32>(pageTableAddress(slot) + logId * 4);
}

// @ts-ignore: decorator
@inline export function pageAddress(page: u32): usize {
  return <usize>page * <usize>LOG_PAGE_BYTES;
}

export function allocatePage(): u32 {
  const a = arena();
  let page = a.freePageHead;
  if (page != 0) {
    a.freePageHead = load<u32>(pageAddress(page));
  } else {
    const top = a.poolTop;
    const memoryEnd = <u64>memory.size() * <u64>WASM_PAGE_BYTES;
    const needed = <u64>top + <u64>LOG_PAGE_BYTES;
    if (needed > memoryEnd) {
      // The pool may start above the current end (heap reserve), so grow by as many pages as it takes.
      const pages = <i32>((needed - memoryEnd + <u64>WASM_PAGE_BYTES - 1) / <u64>WASM_PAGE_BYTES);
      if (memory.grow(pages) < 0) return 0;
    }
    page = top / LOG_PAGE_BYTES;
    a.poolTop = top + LOG_PAGE_BYTES;
  }
  memory.fill(pageAddress(page), 0, LOG_PAGE_BYTES);
  a.pagesInUse++;
  return page;
}

/** Returns every page of a device to the free list (device removed or about to be restored). */
export function releasePages(slot: u32): void {
  const a = arena();
  const table = pageTableAddress(slot);
  for (let i: u32 = 0; i < DEVICE_PAGES_MAX; i++) {
    const page = load<u32>(table + i * 4);
    if (page == 0) continue;
    store<u32>(pageAddress(page), a.freePageHead);
    a.freePageHead = page;
    a.pagesInUse--;
    store<u32>(table + i * 4, 0);
  }
  device(slot).pageCount = 0;
}
