// The one memory map of the firmware (ARCHITECTURE.md principle 3, STYLE.md "wasmboy").
// Every region is a BASE/BYTES pair derived from the one before; host/firmware.ts reads these
// numbers through the `layout` export and hard-codes none of them. Device state is plain data
// at fixed offsets, so a snapshot is a byte copy.
//
//   0x0000_0000  null guard (a stray null pointer never lands on state)
//   ARENA_HEADER  counters of the instance: ABI version, page pool, outbox fill
//   SE_SCRATCH    small buffers the secure-element imports read and write (IV, KDF info, tags)
//   INBOX         host -> firmware: the message, provisioning record or snapshot to restore
//   OUTBOX        firmware -> host: produced messages, drained by readOutbox
//   WORK          firmware scratch: MAC input, response under construction
//   SNAPSHOT      firmware -> host: one device's context and its log pages
//   DEVICE        DEVICES_MAX fixed contexts of DEVICE_BYTES each
//   STATIC_DATA   AssemblyScript's own static data (asconfig memoryBase must equal this)
//   page pool     log pages, allocated as logs fill, the memory growing 64 KiB at a time

export const NULL_GUARD_BYTES: u32 = 64;

export const ARENA_HEADER_BASE: u32 = NULL_GUARD_BYTES;
export const ARENA_HEADER_BYTES: u32 = 64;

export const SE_SCRATCH_BASE: u32 = ARENA_HEADER_BASE + ARENA_HEADER_BYTES;
export const SE_SCRATCH_BYTES: u32 = 4096 - SE_SCRATCH_BASE;

// GBCS messages in the reference data are at most 1.5 KiB; 64 KiB leaves room for firmware
// image blocks and URP certificates without a second buffer.
export const INBOX_BASE: u32 = SE_SCRATCH_BASE + SE_SCRATCH_BYTES;
export const INBOX_BYTES: u32 = 64 * 1024;

// One advanceTime over a long jump may produce many alerts; 256 KiB holds ~170 maximal
// messages. When it is full, the producing call returns OUTBOX_FULL and changes nothing.
export const OUTBOX_BASE: u32 = INBOX_BASE + INBOX_BYTES;
export const OUTBOX_BYTES: u32 = 256 * 1024;
export const OUTBOX_ENTRY_HEADER_BYTES: u32 = 16;

export const WORK_BASE: u32 = OUTBOX_BASE + OUTBOX_BYTES;
export const WORK_BYTES: u32 = 64 * 1024;

// A log page holds one log's entries; 4 KiB fits a 100-entry log of 16-byte entries
// (devices 1.2) with its header, so an idle device owns no page at all.
export const LOG_PAGE_BYTES: u32 = 4096;
// Page-table slots per device: log ids 0..7, object-store pages 8..63 (224 KiB of COSEM values).
// Ids 0..7: 0 event log, 1 security log, 2..4 CHF firmware images and 5 firmware state (CHF image
// directory, or a device's image receipt and pending activation: device/firmware-image.ts), 6 power
// journal, 7 ledger.
export const DEVICE_PAGES_MAX: u32 = 64;

export const DEVICE_BYTES: u32 = 4096; // fixed part of one device context; logs grow in pages
export const DEVICES_MAX: u32 = 4096; // device contexts per instance (a fleet arena)

export const SNAPSHOT_BASE: u32 = WORK_BASE + WORK_BYTES;
export const SNAPSHOT_HEADER_BYTES: u32 = 16;
export const SNAPSHOT_BYTES: u32 = SNAPSHOT_HEADER_BYTES + DEVICE_BYTES + DEVICE_PAGES_MAX * LOG_PAGE_BYTES;

export const DEVICE_BASE: u32 = (SNAPSHOT_BASE + SNAPSHOT_BYTES + 0xffff) & ~0xffff;
export const STATIC_DATA_BASE: u32 = DEVICE_BASE + DEVICES_MAX * DEVICE_BYTES;

// The stub runtime's bump allocator starts at __heap_base; nothing allocates in steady state,
// but abort messages and the like may, so the page pool keeps a reserve above the heap base.
export const HEAP_RESERVE_BYTES: u32 = 64 * 1024;
export const WASM_PAGE_BYTES: u32 = 65536;

// Compile-time checks (a top-level ERROR fails the build when its condition holds).
if (DEVICE_BASE % WASM_PAGE_BYTES != 0) ERROR('DEVICE_BASE must be page aligned');
if (DEVICE_BYTES % 8 != 0) ERROR('DEVICE_BYTES must keep 8-byte alignment');
if (WASM_PAGE_BYTES % LOG_PAGE_BYTES != 0) ERROR('log pages must tile a wasm page');
if (SE_SCRATCH_BYTES < 1024) ERROR('SE scratch too small');

/** The regions in order, as [base, bytes] pairs: exported for the host and hashed into the ABI version. */
export const LAYOUT_TABLE: StaticArray<u32> = [
    ARENA_HEADER_BASE, ARENA_HEADER_BYTES,
    SE_SCRATCH_BASE, SE_SCRATCH_BYTES,
    INBOX_BASE, INBOX_BYTES,
    OUTBOX_BASE, OUTBOX_BYTES,
    WORK_BASE, WORK_BYTES,
    SNAPSHOT_BASE, SNAPSHOT_BYTES,
    DEVICE_BASE, DEVICES_MAX * DEVICE_BYTES,
    LOG_PAGE_BYTES, DEVICE_PAGES_MAX,
];
