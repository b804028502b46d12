import { INBOX_BASE, DEVICES_MAX, STATIC_DATA_BASE, HEAP_RESERVE_BYTES, WASM_PAGE_BYTES, LAYOUT_TABLE } from '../layout';
import { loadU64BE } from '../bytes';
import { Status } from '../status';
import { arena } from './arena';
import {
  device, deviceAddress, trustEntry, DeviceContext, TrustEntry, DEVICE_ACTIVE, DEVICE_FREE, TRUST_STORE_MAX,
  TRUST_STORE_OFFSET, PAGE_TABLE_OFFSET,
} from './context';
import { isImplementedType } from './types';
import { releasePages } from './pages';
import { DEVICE_BYTES } from '../layout';
import { secondsOf } from '../time';
import { LOG_ENTRY_BYTES, LOG_ENTRIES_MAX } from '../logs/log';

/** FNV-1a over the memory map and the struct layouts: the ABI version snapshots carry. */
export function computeAbiVersion(): u32 {
  let hash: u32 = 0x811c9dc5;
  for (let i = 0; i < LAYOUT_TABLE.length; i++) hash = fnvWord(hash, unchecked(LAYOUT_TABLE[i]));
  hash = fnvWord(hash, <u32>offsetof<DeviceContext>());
  hash = fnvWord(hash, <u32>offsetof<TrustEntry>());
  hash = fnvWord(hash, TRUST_STORE_OFFSET);
  hash = fnvWord(hash, PAGE_TABLE_OFFSET);
  hash = fnvWord(hash, LOG_ENTRY_BYTES);
  hash = fnvWord(hash, LOG_ENTRIES_MAX);
  return hash;
}

function fnvWord(hash: u32, word: u32): u32 {
  for (let shift: u32 = 0; shift < 32; shift += 8) {
    hash ^= (word >> shift) & 0xff;
    hash *= 0x01000193;
  }
  return hash;
}

/** Sets up the arena once per instance: the page pool starts above the static data and heap reserve. */
export function initArena(): void {
  const a = arena();
  a.abiVersion = computeAbiVersion();
  const poolBase = (<u32>__heap_base + HEAP_RESERVE_BYTES + WASM_PAGE_BYTES - 1) & ~(WASM_PAGE_BYTES - 1);
  a.poolBase = poolBase;
  a.poolTop = poolBase;
  a.freePageHead = 0;
  a.pagesInUse = 0;
  a.outboxUsedBytes = 0;
  a.outboxCount = 0;
  a.deviceCount = 0;
  a.currentSlot = 0xffffffff;
}

// Provisioning record in the INBOX (host-made):
//   eui u64 BE | partyCount u8 | partyCount x (eui u64 BE | role u8)
const PARTY_RECORD_BYTES: u32 = 9;

export function createDeviceIn(slot: u32, deviceType: u32, nowMs: f64, length: u32): Status {
  if (slot >= DEVICES_MAX) return Status.BAD_SLOT;
  if (!isImplementedType(deviceType)) return Status.UNKNOWN_DEVICE_TYPE;
  const d = device(slot);
  if (d.state != DEVICE_FREE) return Status.SLOT_IN_USE;
  if (length < 9) return Status.BAD_LENGTH;
  const partyCount = <u32>load<u8>(INBOX_BASE + 8);
  if (partyCount > TRUST_STORE_MAX) return Status.TRUST_STORE_FULL;
  if (length != 9 + partyCount * PARTY_RECORD_BYTES) return Status.BAD_LENGTH;
  memory.fill(deviceAddress(slot), 0, DEVICE_BYTES);
  d.state = DEVICE_ACTIVE;
  d.deviceType = deviceType;
  d.eui = loadU64BE(INBOX_BASE);
  d.clockS = secondsOf(nowMs);
  d.lastAdvanceS = d.clockS;
  d.partyCount = partyCount;
  for (let i: u32 = 0; i < partyCount; i++) {
    const record = INBOX_BASE + 9 + i * PARTY_RECORD_BYTES;
    const entry = trustEntry(slot, i);
    entry.eui = loadU64BE(record);
    entry.role = load<u8>(record + 8);
  }
  arena().deviceCount++;
  return Status.OK;
}

export function removeDeviceIn(slot: u32): Status {
  if (slot >= DEVICES_MAX) return Status.BAD_SLOT;
  const d = device(slot);
  if (d.state == DEVICE_FREE) return Status.NO_DEVICE;
  releasePages(slot);
  memory.fill(deviceAddress(slot), 0, DEVICE_BYTES);
  arena().deviceCount--;
  return Status.OK;
}
