import { ensurePage, pageOf, pageAddress } from '../device/pages';
import { LOG_PAGE_BYTES } from '../layout';
import { LOG_EVENT, LOG_SECURITY } from '../logs/log';
import { STORE_FIRST_PAGE_ID } from '../cosem/store';
import { Ledger, LEDGER_PAGE_ID, NDC_OFFSET } from '../ledger/state';

// Power loss in the middle of a persistent write (ARCHITECTURE.md principles 6, 7; issue 8).
//
// The persistence model. A device's persistent memory is its context and pages; every store is
// a write that lands in order, and power can fail between any two of them. A top-up changes
// the UTRN cache and a dozen ledger registers, so a cut between those stores would leave a
// counter cached with no credit (money lost: the retry is a duplicate) or credit with no
// counter (applied twice). The ledger therefore commits each top-up through an undo journal in
// a page of its own (JOURNAL_PAGE_ID):
//
//   page: 0 state u32 (JOURNAL_OPEN magic, else closed) | 4 imageBytes u32 | 8 commits u32
//         12 reserved u32 | 16 image: the ledger page's first LEDGER_IMAGE_BYTES as they were
//
//   write 1  the image ← the ledger's registers, UTRN cache, alert trace and pending alerts
//   write 2  state ← JOURNAL_OPEN (the commit record; written after the image, so a torn image
//            is never open, and a u32 magic rather than a flag so a torn marker is not open)
//   write 3  the UTRN cache gains the counter
//   write 4  the registers are credited (applyTopUp: PDR share, ADR, ECused, MB, thresholds)
//   write 5  state ← closed: the top-up is durable; only now can an answer leave the device
//
// On restart (any LOCAL POWER_EVENT, and before the next top-up) an OPEN journal is rolled
// back: the image is copied over the ledger and the journal closed, so a torn top-up is undone
// whole and the device answers nothing for it (the outbox is volatile). An acknowledged top-up
// (its answer left after write 5) is applied exactly once; an unacknowledged one at most once.
// Not journalled [A]: the ESME's supply relay state (esme/state.ts), which the next threshold
// evaluation re-derives from the rolled-back ledger. A rolled-back CS01a's retry (the same
// command bytes) is accepted and applied once; a keypad retry likewise; a retry of a committed
// one is refused as a duplicate (test/world/power-tearing.test.ts).
//
// The fault knob. armPowerCut(slot, k) makes device `slot` lose power right after its k-th
// persistent write from then on: the firmware aborts with POWER_CUT_MESSAGE, leaving memory as
// the writes before the cut left it, and the host takes that image (host/firmware.ts). k = 0
// disarms and only counts; powerWriteCount() returns the writes counted since the last arm, so
// a test learns how many write points an operation has. The knob and the count are wasm
// globals, not device state: never in a snapshot, identical on every run given the same calls.

export const JOURNAL_PAGE_ID: u32 = 6;
if (JOURNAL_PAGE_ID >= STORE_FIRST_PAGE_ID || JOURNAL_PAGE_ID == LEDGER_PAGE_ID || JOURNAL_PAGE_ID == LOG_EVENT ||
  JOURNAL_PAGE_ID == LOG_SECURITY) ERROR('journal page id collides');

const JOURNAL_OPEN: u32 = 0x4a524e4c; // 'JRNL'
const JOURNAL_CLOSED: u32 = 0;
const STATE_OFFSET: u32 = 0;
const IMAGE_BYTES_OFFSET: u32 = 4;
const COMMITS_OFFSET: u32 = 8;
const IMAGE_OFFSET: u32 = 16;
/** What a top-up may change in the ledger page: everything before the non-disablement calendar. */
export const LEDGER_IMAGE_BYTES: u32 = NDC_OFFSET;
if (IMAGE_OFFSET + LEDGER_IMAGE_BYTES > LOG_PAGE_BYTES) ERROR('ledger image does not fit the journal page');

/** The message of the abort that stands for a power cut (host/firmware.ts matches it). */
export const POWER_CUT_MESSAGE: string = 'power cut';

let cutSlot: u32 = 0xffffffff;
let cutAfterWrite: u32 = 0;
let writeCount: u32 = 0;

/** Arms (k > 0) or disarms (k = 0) the power cut after the k-th write of device `slot`; resets the count. */
export function armPowerCut(slot: u32, afterWrite: u32): void {
  cutSlot = slot;
  cutAfterWrite = afterWrite;
  writeCount = 0;
}

export function powerWriteCount(): u32 {
  return writeCount;
}

/** One persistent write of device `slot` has landed: the power may fail here. */
export function writePoint(slot: u32): void {
  if (slot != cutSlot) return;
  writeCount++;
  if (cutAfterWrite != 0 && writeCount == cutAfterWrite) {
    cutAfterWrite = 0; // one cut per arming
    abort(POWER_CUT_MESSAGE, null, 0, 0);
  }
}

/**
 * Opens the top-up's journal (writes 1, 2). Returns false, changing nothing, when the journal
 * page cannot be allocated (out of memory): the caller refuses the top-up rather than apply it
 * unprotected.
 */
export function beginLedgerWrite(slot: u32, l: Ledger): bool {
  recoverLedger(slot);
  const page = ensurePage(slot, JOURNAL_PAGE_ID);
  if (page == 0) return false;
  const journal = pageAddress(page);
  memory.copy(journal + IMAGE_OFFSET, changetype<usize>(l), LEDGER_IMAGE_BYTES);
  store<u32>(journal + IMAGE_BYTES_OFFSET, LEDGER_IMAGE_BYTES);
  writePoint(slot);
  store<u32>(journal + STATE_OFFSET, JOURNAL_OPEN);
  writePoint(slot);
  return true;
}

/** Closes the journal (the last write): the top-up is durable. */
export function commitLedgerWrite(slot: u32): void {
  const page = pageOf(slot, JOURNAL_PAGE_ID);
  assert(page != 0);
  const journal = pageAddress(page);
  assert(load<u32>(journal + STATE_OFFSET) == JOURNAL_OPEN);
  store<u32>(journal + STATE_OFFSET, JOURNAL_CLOSED);
  store<u32>(journal + COMMITS_OFFSET, load<u32>(journal + COMMITS_OFFSET) + 1);
  writePoint(slot);
}

/** Restart: rolls an open journal back over the ledger page. Returns whether it did. Idempotent. */
export function recoverLedger(slot: u32): bool {
  const page = pageOf(slot, JOURNAL_PAGE_ID);
  if (page == 0) return false;
  const journal = pageAddress(page);
  if (load<u32>(journal + STATE_OFFSET) != JOURNAL_OPEN) return false;
  const ledgerPage = pageOf(slot, LEDGER_PAGE_ID);
  // The journal opens only over an existing ledger, and pages are never released while a device lives.
  assert(ledgerPage != 0 && load<u32>(journal + IMAGE_BYTES_OFFSET) == LEDGER_IMAGE_BYTES);
  // A cut during this copy leaves the journal open: the next restart copies it again.
  memory.copy(pageAddress(ledgerPage), journal + IMAGE_OFFSET, LEDGER_IMAGE_BYTES);
  store<u32>(journal + STATE_OFFSET, JOURNAL_CLOSED);
  return true;
}
