import { SNAPSHOT_BASE, SNAPSHOT_HEADER_BYTES, DEVICE_BYTES, DEVICE_PAGES_MAX, LOG_PAGE_BYTES, DEVICES_MAX } from '../layout';
import { Status } from '../status';
import { arena } from './arena';
import { device, deviceAddress, pageTableAddress, DEVICE_FREE } from './context';
import { allocatePage, pageAddress, releasePages } from './pages';
import { Ledger, LEDGER_PAGE_ID } from '../ledger/state';
import { ledgerConsistent } from '../ledger/ledger';

// Snapshot of one device = its context and the pages its page table lists (ARCHITECTURE.md
// principle 4). Format at SNAPSHOT_BASE:
//   0 abiVersion u32 | 4 pageCount u32 | 8 contextBytes u32 | 12 reserved u32
//   16 context (DEVICE_BYTES) | pages in page-table order (LOG_PAGE_BYTES each)
// Page numbers inside the copied context are those of the source instance; restore replaces them.

/** Writes the snapshot of a device; returns its byte length, or a negative Status. */
export function snapshotDeviceTo(slot: u32): i32 {
  if (slot >= DEVICES_MAX) return -(<i32>Status.BAD_SLOT);
  if (device(slot).state == DEVICE_FREE) return -(<i32>Status.NO_DEVICE);
  const out: usize = SNAPSHOT_BASE;
  memory.copy(out + SNAPSHOT_HEADER_BYTES, deviceAddress(slot), DEVICE_BYTES);
  let p = out + SNAPSHOT_HEADER_BYTES + DEVICE_BYTES;
  let pageCount: u32 = 0;
  const table = pageTableAddress(slot);
  for (let i: u32 = 0; i < DEVICE_PAGES_MAX; i++) {
    const page = load<u32>(table + i * 4);
    if (page == 0) continue;
    memory.copy(p, pageAddress(page), LOG_PAGE_BYTES);
    p += LOG_PAGE_BYTES;
    pageCount++;
  }
  store<u32>(out, arena().abiVersion);
  store<u32>(out + 4, pageCount);
  store<u32>(out + 8, DEVICE_BYTES);
  store<u32>(out + 12, 0);
  return <i32>(p - out);
}

/** Restores a device from the snapshot at SNAPSHOT_BASE into a slot (replacing what it held). */
export function restoreDeviceFrom(slot: u32, length: u32): Status {
  if (slot >= DEVICES_MAX) return Status.BAD_SLOT;
  const src: usize = SNAPSHOT_BASE;
  if (length < SNAPSHOT_HEADER_BYTES + DEVICE_BYTES) return Status.BAD_LENGTH;
  if (load<u32>(src) != arena().abiVersion) return Status.ABI_MISMATCH;
  const pageCount = load<u32>(src + 4);
  if (load<u32>(src + 8) != DEVICE_BYTES || pageCount > DEVICE_PAGES_MAX) return Status.BAD_LENGTH;
  if (length != SNAPSHOT_HEADER_BYTES + DEVICE_BYTES + pageCount * LOG_PAGE_BYTES) return Status.BAD_LENGTH;
  // The page table inside the snapshot must list exactly pageCount pages.
  const srcTable = src + SNAPSHOT_HEADER_BYTES + (pageTableAddress(0) - deviceAddress(0));
  let listed: u32 = 0;
  for (let i: u32 = 0; i < DEVICE_PAGES_MAX; i++) if (load<u32>(srcTable + i * 4) != 0) listed++;
  if (listed != pageCount) return Status.BAD_LENGTH;
  // The prepayment ledger's invariants are re-checked on the image before anything is replaced
  // (STYLE.md: after restore; devices 4.13): an image that breaks one is refused whole.
  const ledgerImage = imagePageAddress(srcTable, LEDGER_PAGE_ID);
  if (ledgerImage != 0 && !ledgerConsistent(changetype<Ledger>(ledgerImage))) return Status.BAD_INPUT;
  const wasFree = device(slot).state == DEVICE_FREE;
  if (!wasFree) releasePages(slot);
  memory.copy(deviceAddress(slot), src + SNAPSHOT_HEADER_BYTES, DEVICE_BYTES);
  const table = pageTableAddress(slot);
  let p = src + SNAPSHOT_HEADER_BYTES + DEVICE_BYTES;
  for (let i: u32 = 0; i < DEVICE_PAGES_MAX; i++) {
    if (load<u32>(table + i * 4) == 0) continue;
    const page = allocatePage();
    if (page == 0) {
      // Leave the slot consistent: no pages, device removed.
      for (let j: u32 = i; j < DEVICE_PAGES_MAX; j++) store<u32>(table + j * 4, 0);
      releasePages(slot);
      memory.fill(deviceAddress(slot), 0, DEVICE_BYTES);
      if (!wasFree) arena().deviceCount--;
      return Status.OUT_OF_MEMORY;
    }
    memory.copy(pageAddress(page), p, LOG_PAGE_BYTES);
    store<u32>(table + i * 4, page);
    p += LOG_PAGE_BYTES;
  }
  if (wasFree) arena().deviceCount++;
  const ledgerPage = load<u32>(table + LEDGER_PAGE_ID * 4);
  if (ledgerPage != 0) assert(ledgerConsistent(changetype<Ledger>(pageAddress(ledgerPage)))); // the copy holds what was checked
  return Status.OK;
}

/** Where page `pageId` of the snapshot image lies (pages follow the context in page-table order), or 0 when it has none. */
function imagePageAddress(srcTable: usize, pageId: u32): usize {
  if (load<u32>(srcTable + pageId * 4) == 0) return 0;
  let before: u32 = 0;
  for (let i: u32 = 0; i < pageId; i++) if (load<u32>(srcTable + i * 4) != 0) before++;
  return SNAPSHOT_BASE + SNAPSHOT_HEADER_BYTES + DEVICE_BYTES + before * LOG_PAGE_BYTES;
}
