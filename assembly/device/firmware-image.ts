import { Status } from '../status';
import { device, findRole, ROLE_SUPPLIER } from './context';
import { ensurePage, pageOf, pageAddress } from './pages';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_GSME, DEVICE_TYPE_PPMID } from './types';
import { sha256Init, sha256Update, sha256Final, SHA256_STATE_BYTES, SHA256_BYTES } from './sha256';
import { otaHeaderBytes, otaFileVersion, otaTotalBytes } from './ota-header';
import { seVerify } from '../platform';
import { raiseAlert, ALERT_EXTRA_BASE, MESSAGE_CODE_CRITICAL_ALERT } from '../alerts/alert';
import { raiseGbzAlertTo, GBZ_ALERT_DATA_BASE } from '../alerts/gbz-alert';
import { outboxHasRoom } from '../outbox';
import { CONTENT_BYTES } from '../envelope/outgoing';
import { loadU16BE } from '../bytes';
import { activatePpmidFirmware } from '../han-devices/firmware-activation';

// A firmware image reaching a device block by block from the CHF's store over the HAN (devices 9
// steps 3 and 5; ZigBee OTA: the device pulls blocks in order, a sleepy GSME over many wakes).
// The device does not keep the image: it hashes it as it arrives (SHA-256) and, for an ESME or a
// GSME, keeps the manufacturer signature that ends it:
//   image = OTA header (ota-header.ts) | manufacturer image | 00 40 | ECDSA P-256 r || s (64)
// [A, from the DUIS 11.1 template image: its declared size covers a 66-byte tail the 11.4 PPMID
// image lacks]. The image hash ("manufacturer image hash", 0x8F72, CS06) is SHA-256 over
// everything before that tail; the signature is the manufacturer's over the hash, checked by the
// secure element with the manufacturer key it was built with (MANUFACTURER_KEY_SLOT).
// Verified: the device holds the image (hash, version) for activation (firmware-activation.ts)
// and sends 0x8F72 "Firmware Verification Successful" (ESME DLMS alert 0x00CE, GSME GBZ alert
// 0x00CF with `09 20` + hash, RTDS NA_FDRA-ZigBee); a PPMID activates it on its own (CS09). Not
// verified: the receipt is discarded and 0x8F1C "Firmware Verification Failed" goes out; an image
// already held stays held.
//
// State in the device's page FIRMWARE_PAGE_ID (allocated with the first block; snapshots carry it):
//   0 receiving u32 | 4 totalBytes u32 | 8 receivedBytes u32 | 12 hashedBytes u32 | 16 fileVersion u32
//  20 held u32 | 24 heldVersion u32 | 28 reserved u32 | 32 heldHash 32 | 64 SHA-256 state 112
// 176 signature tail 66 | 248 digest 32 | 280.. activation state (firmware-activation.ts)

export const FIRMWARE_PAGE_ID: u32 = 5;
/** Secure-element key slot naming the manufacturer's signing key (host/keyring.ts), not a trust-store entry. */
export const MANUFACTURER_KEY_SLOT: u32 = 0xff;
export const SIGNATURE_TAIL_BYTES: u32 = 66;
const SIGNATURE_BYTES: u32 = 64;
/** [A] a device hashes as it receives, so it takes images of any size the CHF can hold. */
const DEVICE_IMAGE_BYTES_MAX: u32 = 1 << 24;

const RECEIVING: usize = 0;
const TOTAL: usize = 4;
const RECEIVED: usize = 8;
const HASHED: usize = 12;
const FILE_VERSION: usize = 16;
export const HELD: usize = 20;
export const HELD_VERSION: usize = 24;
export const HELD_HASH: usize = 32;
const SHA_STATE: usize = 64;
const TAIL: usize = 176;
const DIGEST: usize = 248;
export const ACTIVATION_STATE: usize = 280;

const ALERT_VERIFIED: u32 = 0x8f72;
const ALERT_VERIFICATION_FAILED: u32 = 0x8f1c;
const MESSAGE_CODE_FDRA_DLMS: u32 = 0x00ce;
const MESSAGE_CODE_FDRA_GBZ: u32 = 0x00cf;
const AXDR_OCTET_STRING: u8 = 0x09;
const ALERT_BYTES_MAX: u32 = CONTENT_BYTES + 256;

if (SHA_STATE + SHA256_STATE_BYTES > TAIL || TAIL + SIGNATURE_TAIL_BYTES > DIGEST) ERROR('firmware receipt fields overlap');

/** The device's firmware page, or 0 when it has received nothing. */
export function firmwarePage(slot: u32): usize {
  const page = pageOf(slot, FIRMWARE_PAGE_ID);
  return page == 0 ? 0 : pageAddress(page);
}

/** Trailer an image for this device type ends with: ESME and GSME images are signed. */
export function signatureTailBytes(deviceType: u32): u32 {
  return deviceType == DEVICE_TYPE_ESME || deviceType == DEVICE_TYPE_GSME ? SIGNATURE_TAIL_BYTES : 0;
}

/** LOCAL FIRMWARE_BLOCK: offset u32 LE | bytes; blocks arrive in order from offset 0, whose block holds the whole OTA header (a new image restarts the receipt). */
export function receiveImageBlock(slot: u32, block: usize, length: u32): Status {
  if (length < 5) return Status.BAD_LENGTH;
  const type = device(slot).deviceType;
  if (type != DEVICE_TYPE_ESME && type != DEVICE_TYPE_GSME && type != DEVICE_TYPE_PPMID) return Status.BAD_INPUT;
  const offset = load<u32>(block);
  const data = block + 4;
  const bytes = length - 4;
  const tail = signatureTailBytes(type);
  let base = firmwarePage(slot);
  let total: u32;
  if (offset == 0) {
    if (otaHeaderBytes(data, bytes, tail, DEVICE_IMAGE_BYTES_MAX) == 0) return Status.IMAGE_INVALID;
    total = otaTotalBytes(data);
  } else {
    if (base == 0 || load<u32>(base + RECEIVING) == 0 || load<u32>(base + RECEIVED) != offset) return Status.BAD_INPUT;
    total = load<u32>(base + TOTAL);
  }
  if (<u64>offset + <u64>bytes > <u64>total) return Status.BAD_LENGTH;
  const completes = offset + bytes == total;
  if (completes && !outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  if (base == 0) {
    const page = ensurePage(slot, FIRMWARE_PAGE_ID);
    if (page == 0) return Status.OUT_OF_MEMORY;
    base = pageAddress(page);
  }
  if (offset == 0) {
    store<u32>(base + RECEIVING, 1);
    store<u32>(base + TOTAL, total);
    store<u32>(base + RECEIVED, 0);
    store<u32>(base + HASHED, total - tail);
    store<u32>(base + FILE_VERSION, otaFileVersion(data));
    sha256Init(base + SHA_STATE);
  }
  const hashed = load<u32>(base + HASHED);
  // Bytes before the tail are hashed; the tail's are kept for the signature check.
  const hashPart: u32 = offset >= hashed ? 0 : min(bytes, hashed - offset);
  if (hashPart > 0) sha256Update(base + SHA_STATE, data, hashPart);
  if (bytes > hashPart) memory.copy(base + TAIL + (offset + hashPart - hashed), data + hashPart, bytes - hashPart);
  store<u32>(base + RECEIVED, offset + bytes);
  if (!completes) return Status.OK;
  store<u32>(base + RECEIVING, 0);
  sha256Final(base + SHA_STATE, base + DIGEST);
  if (!verified(slot, base, tail)) return alertVerification(slot, ALERT_VERIFICATION_FAILED, base);
  store<u32>(base + HELD, 1);
  store<u32>(base + HELD_VERSION, load<u32>(base + FILE_VERSION));
  memory.copy(base + HELD_HASH, base + DIGEST, SHA256_BYTES);
  if (type == DEVICE_TYPE_PPMID) return activatePpmidFirmware(slot, load<u32>(base + HELD_VERSION));
  return alertVerification(slot, ALERT_VERIFIED, base);
}

function verified(slot: u32, base: usize, tail: u32): bool {
  if (tail == 0) return true;
  if (loadU16BE(base + TAIL) != SIGNATURE_BYTES) return false;
  return seVerify(slot, MANUFACTURER_KEY_SLOT, base + DIGEST, SHA256_BYTES, base + TAIL + 2) == 0;
}

/** 0x8F72 (with the image hash) or 0x8F1C to the supplier; no supplier in the trust store: nobody to tell. */
function alertVerification(slot: u32, code: u32, base: usize): Status {
  const party = findRole(slot, ROLE_SUPPLIER);
  if (party < 0) return Status.OK;
  const d = device(slot);
  const withHash = code == ALERT_VERIFIED;
  const data = d.deviceType == DEVICE_TYPE_GSME ? GBZ_ALERT_DATA_BASE : ALERT_EXTRA_BASE;
  if (withHash) {
    store<u8>(data, AXDR_OCTET_STRING);
    store<u8>(data + 1, <u8>SHA256_BYTES);
    memory.copy(data + 2, base + DIGEST, SHA256_BYTES);
  }
  const dataBytes: u32 = withHash ? 2 + SHA256_BYTES : 0;
  if (d.deviceType == DEVICE_TYPE_GSME) {
    return raiseGbzAlertTo(slot, code, withHash ? MESSAGE_CODE_FDRA_GBZ : MESSAGE_CODE_CRITICAL_ALERT, true, <u32>party, d.clockS, dataBytes);
  }
  return raiseAlert(slot, code, withHash ? MESSAGE_CODE_FDRA_DLMS : MESSAGE_CODE_CRITICAL_ALERT, true, ROLE_SUPPLIER, d.clockS, withHash ? 1 : 0, dataBytes);
}
