import { Status } from '../status';
import { LOG_PAGE_BYTES } from '../layout';
import { loadU64BE, storeU64BE, storeU16BE } from '../bytes';
import { device, findRole, ROLE_ACB } from '../device/context';
import { DEVICE_TYPE_CHF } from '../device/types';
import { ensurePage, pageOf, pageAddress } from '../device/pages';
import { FIRMWARE_PAGE_ID } from '../device/firmware-image';
import { otaHeaderBytes, otaTotalBytes, otaFileVersion } from '../device/ota-header';
import { findLogEntry } from './device-log';
import { outboxHasRoom, outboxPush, CHANNEL_HAN } from '../outbox';
import { sendAlertContent } from '../alerts/send';
import { SCRATCH_OUT_OTHER_INFO } from '../scratch-map';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { DER_SEQUENCE, DER_OCTET_STRING } from '../asn1/der';
import { derBegin, derFinish, derOpen, derClose, derInteger, derOctets8, derPrimitive } from '../asn1/der-writer';
import { putGeneralizedTime } from '../credentials/pending';
import { BUILD_BASE } from '../envelope/scratch';

// The CHF's firmware image store (devices 7.1 "firmware images in transfer", 9 steps 1-4). The DCC
// hands an OTA image to the hub naming its target devices (SR 11.1 / 11.4; not a Remote Party
// message, GBCS 5.5 note); the hub checks it and keeps it while the targets pull it block by block
// over the HAN (the host carries the blocks, a sleepy GSME's across its wakes), then tells the ACB
// how each transfer ended with CCS08 (0x8F8A success, 0x8F89 failure). A refused image changes
// nothing in the store: a malformed header (IMAGE_INVALID) or a target the device log does not
// hold (NOT_IN_DEVICE_LOG) also raise 0x8F89 as devices 9 step 2 says; a full store answers
// IMAGE_STORE_FULL.
//
// Capacity [A]: IMAGES_MAX images of at most one page (4,096 bytes) each, one page per image
// (page ids IMAGE_FIRST_PAGE_ID..), the directory in the page FIRMWARE_PAGE_ID (the CHF receives
// no image of its own here). Directory row per image (128 bytes):
//   0 held u32 | 4 bytes u32 | 8 fileVersion u32 | 12 targetCount u32 | 16 targets u64 BE x 8
//  80 targetDone u8 x 8 (0 in transfer, 1 reported)
// CCS08 (message code 0x0128, non-critical, MACed to the ACB) [A: GBCS gives no layout here]:
//   SEQUENCE { INTEGER 0x8F8A / 0x8F89, GeneralizedTime, OCTET STRING target EUI (8), OCTET STRING file version (4) }
//
// LOCAL inputs (host/firmware-inputs.ts encodes them):
//  64 FIRMWARE_IMAGE     targetCount u8 (1..8) | targets EUI u64 BE x n | the image
//  65 BLOCK_REQUEST      target u64 BE | offset u32 LE | maxBytes u16 LE: the hub answers on CHANNEL_HAN
//                        with `target u64 BE | 66 | offset u32 LE | bytes`, the target's FIRMWARE_BLOCK input
//  67 TRANSFER_RESULT    target u64 BE | result u8 (0 every block delivered, 1 failed): CCS08, and the
//                        image leaves the store once every target is reported

export const IMAGES_MAX: u32 = 3;
export const IMAGE_BYTES_MAX: u32 = LOG_PAGE_BYTES;
export const TARGETS_MAX: u32 = 8;
const IMAGE_FIRST_PAGE_ID: u32 = 2;
const ROW_BYTES: u32 = 128;
const HELD: usize = 0;
const BYTES: usize = 4;
const FILE_VERSION: usize = 8;
const TARGET_COUNT: usize = 12;
const TARGETS: usize = 16;
const TARGET_DONE: usize = 80;
const LOCAL_FIRMWARE_BLOCK: u8 = 66;
const BLOCK_HEADER_BYTES: u32 = 8 + 1 + 4;
const BLOCK_BYTES_MAX: u32 = 1024;
const RESULT_DELIVERED: u8 = 0;
const ALERT_TRANSFER_SUCCESS: u64 = 0x8f8a;
const ALERT_TRANSFER_FAILED: u64 = 0x8f89;
const MESSAGE_CODE_CCS08: u32 = 0x0128;
const ALERT_BYTES_MAX: u32 = CONTENT_BYTES + 256;
/** Any size a header may declare; the store's own bound is checked after, as IMAGE_STORE_FULL. */
const DECLARED_BYTES_MAX: u32 = 1 << 24;

if (IMAGE_FIRST_PAGE_ID + IMAGES_MAX > FIRMWARE_PAGE_ID) ERROR('image pages overlap the firmware directory page');
if (IMAGES_MAX * ROW_BYTES > LOG_PAGE_BYTES) ERROR('firmware directory overflows its page');
if (TARGET_DONE + TARGETS_MAX > ROW_BYTES || TARGETS + TARGETS_MAX * 8 > TARGET_DONE) ERROR('firmware directory row drifted');

function directory(slot: u32): usize {
  const page = pageOf(slot, FIRMWARE_PAGE_ID);
  return page == 0 ? 0 : pageAddress(page);
}

// @ts-ignore: decorator
@inline function row(dir: usize, index: u32): usize {
  return dir + <usize>index * ROW_BYTES;
}

/** LOCAL FIRMWARE_IMAGE at `input` (after the kind byte), `length` bytes. */
export function storeImage(slot: u32, input: usize, length: u32): Status {
  if (device(slot).deviceType != DEVICE_TYPE_CHF) return Status.BAD_INPUT;
  if (length < 1) return Status.BAD_LENGTH;
  const count = <u32>load<u8>(input);
  if (count < 1 || count > TARGETS_MAX || length < 1 + count * 8) return Status.BAD_LENGTH;
  const image = input + 1 + count * 8;
  const imageBytes = length - 1 - count * 8;
  const firstTarget = loadU64BE(input + 1);
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  if (otaHeaderBytes(image, imageBytes, 0, DECLARED_BYTES_MAX) == 0 || otaTotalBytes(image) != imageBytes) {
    transferAlert(slot, ALERT_TRANSFER_FAILED, firstTarget, 0);
    return Status.IMAGE_INVALID;
  }
  for (let i: u32 = 0; i < count; i++) {
    const target = loadU64BE(input + 1 + i * 8);
    if (findLogEntry(slot, target) < 0) {
      transferAlert(slot, ALERT_TRANSFER_FAILED, target, otaFileVersion(image));
      return Status.NOT_IN_DEVICE_LOG;
    }
  }
  if (imageBytes > IMAGE_BYTES_MAX) return Status.IMAGE_STORE_FULL;
  let free: i32 = -1;
  const existing = directory(slot);
  for (let i: u32 = 0; i < IMAGES_MAX && free < 0; i++) if (existing == 0 || load<u32>(row(existing, i) + HELD) == 0) free = <i32>i;
  if (free < 0) return Status.IMAGE_STORE_FULL;
  const dirPage = ensurePage(slot, FIRMWARE_PAGE_ID);
  if (dirPage == 0) return Status.OUT_OF_MEMORY;
  const dataPage = ensurePage(slot, IMAGE_FIRST_PAGE_ID + <u32>free);
  if (dataPage == 0) return Status.OUT_OF_MEMORY;
  memory.copy(pageAddress(dataPage), image, imageBytes);
  const r = row(pageAddress(dirPage), <u32>free);
  memory.fill(r, 0, ROW_BYTES);
  store<u32>(r + BYTES, imageBytes);
  store<u32>(r + FILE_VERSION, otaFileVersion(image));
  store<u32>(r + TARGET_COUNT, count);
  for (let i: u32 = 0; i < count; i++) store<u64>(r + TARGETS + i * 8, loadU64BE(input + 1 + i * 8));
  store<u32>(r + HELD, 1);
  return Status.OK;
}

/** The directory row and target index of the image `target` is still pulling, as row << 8 | index, or -1. */
function findTransfer(dir: usize, target: u64): i32 {
  if (dir == 0) return -1;
  for (let i: u32 = 0; i < IMAGES_MAX; i++) {
    const r = row(dir, i);
    if (load<u32>(r + HELD) == 0) continue;
    const count = load<u32>(r + TARGET_COUNT);
    for (let t: u32 = 0; t < count; t++) {
      if (load<u64>(r + TARGETS + t * 8) == target && load<u8>(r + TARGET_DONE + t) == 0) return <i32>((i << 8) | t);
    }
  }
  return -1;
}

/** LOCAL BLOCK_REQUEST: the next block for a target goes out on CHANNEL_HAN. */
export function serveBlock(slot: u32, input: usize, length: u32): Status {
  if (device(slot).deviceType != DEVICE_TYPE_CHF) return Status.BAD_INPUT;
  if (length != 8 + 4 + 2) return Status.BAD_LENGTH;
  const target = loadU64BE(input);
  const offset = load<u32>(input + 8);
  const maxBytes = <u32>load<u16>(input + 12);
  const dir = directory(slot);
  const found = findTransfer(dir, target);
  if (found < 0) return Status.BAD_INPUT;
  const index = <u32>found >> 8;
  const total = load<u32>(row(dir, index) + BYTES);
  if (offset >= total || maxBytes == 0) return Status.BAD_INPUT;
  const bytes = min(min(maxBytes, BLOCK_BYTES_MAX), total - offset);
  if (!outboxHasRoom(BLOCK_HEADER_BYTES + bytes)) return Status.OUTBOX_FULL;
  const out = BUILD_BASE;
  storeU64BE(out, target);
  store<u8>(out + 8, LOCAL_FIRMWARE_BLOCK);
  store<u32>(out + 9, offset);
  memory.copy(out + BLOCK_HEADER_BYTES, pageAddress(pageOf(slot, IMAGE_FIRST_PAGE_ID + index)) + offset, bytes);
  outboxPush(slot, CHANNEL_HAN, out, BLOCK_HEADER_BYTES + bytes);
  return Status.OK;
}

/** LOCAL TRANSFER_RESULT: CCS08 to the ACB; the image leaves the store when its last target is reported. */
export function transferResult(slot: u32, input: usize, length: u32): Status {
  if (device(slot).deviceType != DEVICE_TYPE_CHF) return Status.BAD_INPUT;
  if (length != 8 + 1) return Status.BAD_LENGTH;
  const target = loadU64BE(input);
  const result = load<u8>(input + 8);
  if (result > 1) return Status.BAD_INPUT;
  const dir = directory(slot);
  const found = findTransfer(dir, target);
  if (found < 0) return Status.BAD_INPUT;
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  const r = row(dir, <u32>found >> 8);
  store<u8>(r + TARGET_DONE + (<u32>found & 0xff), 1);
  let open = false;
  const count = load<u32>(r + TARGET_COUNT);
  for (let t: u32 = 0; t < count; t++) if (load<u8>(r + TARGET_DONE + t) == 0) open = true;
  const version = load<u32>(r + FILE_VERSION);
  if (!open) store<u32>(r + HELD, 0);
  transferAlert(slot, result == RESULT_DELIVERED ? ALERT_TRANSFER_SUCCESS : ALERT_TRANSFER_FAILED, target, version);
  return Status.OK;
}

/** CCS08 to the ACB (best effort: a hub without an ACB has nobody to tell); the caller checked the outbox. */
function transferAlert(slot: u32, code: u64, target: u64, fileVersion: u32): void {
  const party = findRole(slot, ROLE_ACB);
  if (party < 0) return;
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  derInteger(code);
  putGeneralizedTime(device(slot).clockS);
  derOctets8(target);
  store<u32>(VERSION_SCRATCH, bswap<u32>(fileVersion));
  derPrimitive(DER_OCTET_STRING, VERSION_SCRATCH, 4);
  derClose();
  const end = derFinish();
  assert(end != 0); // bounded: four short items
  storeU16BE(SCRATCH_OUT_OTHER_INFO, MESSAGE_CODE_CCS08);
  sendAlertContent(slot, <u32>party, 2, <u32>(end - CONTENT_BASE), false);
}

const VERSION_SCRATCH: usize = memory.data(8);
