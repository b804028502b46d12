import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device, findRole, ROLE_ACB } from '../device/context';
import { DEVICE_TYPE_PPMID } from '../device/types';
import { storeValue } from '../cosem/store';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { outboxHasRoom } from '../outbox';
import { DER_SEQUENCE, DER_OCTET_STRING } from '../asn1/der';
import { derBegin, derFinish, derOpen, derClose, derInteger, derPrimitive } from '../asn1/der-writer';
import { sendAlert, putGeneralizedTime } from '../credentials/pending';

// A firmware image activated on the PPMID (devices 8.1, 9: CS05c distributes it, the device
// activates it on its own): the device now reports the new version (CS08) and tells the ACB with
// the critical ASN.1 alert CS09 0x8F8B (GBCS 9.1; devices 8.3 "CS09 from the PPMID: {0x8F8B,
// 20150101000000Z, version 12 34 AB CD, 0}", NA_CS09):
//   SEQUENCE { INTEGER 0x8F8B, GeneralizedTime activation time (device clock), OCTET STRING version, INTEGER 0 }
// sent signed with message code 0x012B.
//   LOCAL FIRMWARE_ACTIVATED  09 | versionBytes u8 (1..32) | version: the A-XDR octet-string the
//                             device stores as its version (class 1 a2 of 0-0:0.2.0.255)

export const LOCAL_FIRMWARE_ACTIVATED: u8 = 35;
const ALERT_FIRMWARE_ACTIVATED: u64 = 0x8f8b;
const MESSAGE_CODE_CS09: u32 = 0x012b;
const ACTIVATION_SUCCESS: u64 = 0; // [D] the reference alert's last INTEGER
const AXDR_OCTET_STRING: u8 = 0x09;
const VERSION_BYTES_MAX: u32 = 32; // as han-device.ts FIRMWARE_VERSION_BYTES_MAX
const CLASS_DATA: u32 = 1;
const VALUE: u32 = 2;
const OBIS_FIRMWARE_VERSION: usize = memory.data<u8>([0, 0, 0, 2, 0, 255]);
const ALERT_BYTES_MAX: u32 = CONTENT_BYTES + 256;
const VERSION_SCRATCH: usize = memory.data(8);

export function firmwareActivated(slot: u32, length: u32): Status {
  if (length < 4) return Status.BAD_LENGTH;
  const value = INBOX_BASE + 1;
  const versionBytes = <u32>load<u8>(value + 1);
  if (load<u8>(value) != AXDR_OCTET_STRING || versionBytes < 1 || versionBytes > VERSION_BYTES_MAX) return Status.BAD_INPUT;
  if (length != 3 + versionBytes) return Status.BAD_LENGTH;
  return activate(slot, value, versionBytes);
}

/** A verified image delivered over the HAN (device/firmware-image.ts): its OTA file version, big-endian, becomes the version. */
export function activatePpmidFirmware(slot: u32, fileVersion: u32): Status {
  store<u8>(VERSION_SCRATCH, AXDR_OCTET_STRING);
  store<u8>(VERSION_SCRATCH + 1, 4);
  store<u32>(VERSION_SCRATCH + 2, bswap<u32>(fileVersion));
  return activate(slot, VERSION_SCRATCH, 4);
}

function activate(slot: u32, value: usize, versionBytes: u32): Status {
  const d = device(slot);
  if (d.deviceType != DEVICE_TYPE_PPMID) return Status.BAD_INPUT;
  const party = findRole(slot, ROLE_ACB);
  if (party < 0) return Status.UNKNOWN_ORIGINATOR;
  if (!outboxHasRoom(ALERT_BYTES_MAX)) return Status.OUTBOX_FULL;
  const stored = storeValue(slot, CLASS_DATA, OBIS_FIRMWARE_VERSION, VALUE, value, 2 + versionBytes);
  if (stored != Status.OK) return stored;
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  derInteger(ALERT_FIRMWARE_ACTIVATED);
  putGeneralizedTime(d.clockS);
  derPrimitive(DER_OCTET_STRING, value + 2, versionBytes);
  derInteger(ACTIVATION_SUCCESS);
  derClose();
  const end = derFinish();
  assert(end != 0); // bounded: at most 32 version bytes
  return sendAlert(slot, <u32>party, MESSAGE_CODE_CS09, <u32>(end - CONTENT_BASE));
}
