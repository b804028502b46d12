// The ZigBee OTA upgrade file header a firmware image starts with (GBCS 11: the DCC distributes
// OTA Upgrade Images; the DUIS 11.1 / 11.4 templates carry one), little-endian:
//   0 file id u32 0x0BEEF11E | 4 header version u16 0x0100 | 6 header length u16 | 8 field control u16
//  10 manufacturer u16 | 12 image type u16 | 14 file version u32 | 18 stack version u16
//  20 header string 32 | 52 total image size u32
//  56 [fc bit 0] security credential version u8 | [bit 1] destination EUI u64 | [bit 2] hardware min u16, max u16
// The file version is the version a device runs once it activates the image (ECS52 / GCS38 / CS08).
// An ESME or GSME image ends with its manufacturer signature (firmware-image.ts).

export const OTA_FILE_ID: u32 = 0x0beef11e;
export const OTA_HEADER_VERSION: u32 = 0x0100;
export const OTA_HEADER_BYTES_MIN: u32 = 56;
export const OTA_HEADER_BYTES_MAX: u32 = 56 + 1 + 8 + 4;
const FC_SECURITY_CREDENTIAL: u32 = 1;
const FC_DESTINATION: u32 = 2;
const FC_HARDWARE_VERSIONS: u32 = 4;
const FC_KNOWN: u32 = FC_SECURITY_CREDENTIAL | FC_DESTINATION | FC_HARDWARE_VERSIONS;

// @ts-ignore: decorator
@inline export function otaManufacturer(p: usize): u32 { return <u32>load<u16>(p + 10); }
// @ts-ignore: decorator
@inline export function otaImageType(p: usize): u32 { return <u32>load<u16>(p + 12); }
// @ts-ignore: decorator
@inline export function otaFileVersion(p: usize): u32 { return load<u32>(p + 14); }
// @ts-ignore: decorator
@inline export function otaTotalBytes(p: usize): u32 { return load<u32>(p + 52); }

/**
 * The header's length when the `available` bytes at p hold a well-formed OTA header whose
 * declared total size is at least the header plus `trailerBytes` and at most `imageBytesMax`;
 * 0 otherwise.
 */
export function otaHeaderBytes(p: usize, available: u32, trailerBytes: u32, imageBytesMax: u32): u32 {
  if (available < OTA_HEADER_BYTES_MIN) return 0;
  if (load<u32>(p) != OTA_FILE_ID || <u32>load<u16>(p + 4) != OTA_HEADER_VERSION) return 0;
  const headerBytes = <u32>load<u16>(p + 6);
  const fc = <u32>load<u16>(p + 8);
  if ((fc & ~FC_KNOWN) != 0) return 0;
  let expected = OTA_HEADER_BYTES_MIN;
  if ((fc & FC_SECURITY_CREDENTIAL) != 0) expected += 1;
  if ((fc & FC_DESTINATION) != 0) expected += 8;
  if ((fc & FC_HARDWARE_VERSIONS) != 0) expected += 4;
  if (headerBytes != expected || available < headerBytes) return 0;
  const total = otaTotalBytes(p);
  if (total < headerBytes + trailerBytes || total > imageBytesMax) return 0;
  return headerBytes;
}
