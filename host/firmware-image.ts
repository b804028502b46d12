import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import type { KeyLookup } from '../gbcs/keys/keystore.js';

// Firmware images as the DCC distributes them (devices 9; assembly/device/ota-header.ts and
// firmware-image.ts read them): a ZigBee OTA header (field control 0x0004: hardware version range,
// as the DUIS 11.1 template image), the manufacturer image, and, for an ESME or GSME, a 66-byte tail
// `00 40` + the manufacturer's ECDSA P-256 signature (r || s) over the image hash. The image hash
// (CS06 FirmwareHash, alert 0x8F72) is SHA-256 over everything before that tail.

/** The manufacturer whose DS key signs images; devices verify with it (secure-element key slot 0xFF). */
export const MANUFACTURER_EUI = '00DB0000000000F0';
export const MANUFACTURER_KEY_SLOT = 0xff;
const OTA_FILE_ID = 0x0beef11e;
const OTA_HEADER_VERSION = 0x0100;
const HEADER_BYTES = 60;
const FIELD_CONTROL_HARDWARE_VERSIONS = 0x0004;
const HEADER_STRING_BYTES = 32;
const SIGNATURE_BYTES = 64;
export const SIGNATURE_TAIL_BYTES = 2 + SIGNATURE_BYTES;

export interface FirmwareImageSpec {
  manufacturer: number;
  imageType: number;
  /** The version the device reports once it runs the image (its 4 bytes big-endian in ECS52). */
  fileVersion: number;
  body: Uint8Array;
  headerString?: string;
}

export interface FirmwareImage {
  bytes: Uint8Array;
  /** SHA-256 of the image before the signature tail: what CS06 names. */
  hash: Uint8Array;
  fileVersion: number;
}

/** Signs with the manufacturer's DS key when `signer` is given (ESME / GSME images); a PPMID image has no tail. */
export function buildFirmwareImage(provider: CryptoProvider, spec: FirmwareImageSpec, signer?: KeyLookup): FirmwareImage {
  const signed = signer !== undefined;
  const total = HEADER_BYTES + spec.body.length + (signed ? SIGNATURE_TAIL_BYTES : 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, OTA_FILE_ID, true);
  view.setUint16(4, OTA_HEADER_VERSION, true);
  view.setUint16(6, HEADER_BYTES, true);
  view.setUint16(8, FIELD_CONTROL_HARDWARE_VERSIONS, true);
  view.setUint16(10, spec.manufacturer, true);
  view.setUint16(12, spec.imageType, true);
  view.setUint32(14, spec.fileVersion, true);
  view.setUint16(18, 2, true); // ZigBee PRO stack
  bytes.set(new TextEncoder().encode((spec.headerString ?? '').slice(0, HEADER_STRING_BYTES)), 20);
  view.setUint32(52, total, true);
  view.setUint16(56, 0x0000, true); // hardware versions 0000..FFFF: any
  view.setUint16(58, 0xffff, true);
  bytes.set(spec.body, HEADER_BYTES);
  const hashed = total - (signed ? SIGNATURE_TAIL_BYTES : 0);
  const hash = provider.sha256(bytes.subarray(0, hashed));
  if (signer) {
    const key = signer.privateKey(MANUFACTURER_EUI, 'ds');
    if (!key) throw new Error(`no DS key for the manufacturer ${MANUFACTURER_EUI}`); // the key lookup must know it
    view.setUint16(hashed, SIGNATURE_BYTES, false);
    bytes.set(provider.ecdsaSign(key, hash), hashed + 2);
  }
  return { bytes, hash, fileVersion: spec.fileVersion };
}

export interface OtaHeaderFields {
  manufacturer: number;
  imageType: number;
  fileVersion: number;
  totalBytes: number;
}

/** The OTA header fields of an image, or undefined when it does not start with one. */
export function otaHeaderFields(image: Uint8Array): OtaHeaderFields | undefined {
  if (image.length < 56) return undefined;
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  if (view.getUint32(0, true) !== OTA_FILE_ID) return undefined;
  return { manufacturer: view.getUint16(10, true), imageType: view.getUint16(12, true), fileVersion: view.getUint32(14, true), totalBytes: view.getUint32(52, true) };
}

/** The 4 version bytes a device reports (ECS52 octet-string, CS08), as hex. */
export function versionHex(fileVersion: number): string {
  return fileVersion.toString(16).toUpperCase().padStart(8, '0');
}

/** RTDS cancellation date-time of future-dated ASN.1 commands (CS02b): 9999-12-31T23:59:59Z. */
export const CANCEL_EXECUTION_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** CS06 command content: SEQUENCE { OCTET STRING hash, GeneralizedTime execution time OPTIONAL } (GBCS 7). */
export function activateFirmwareContent(hash: Uint8Array, executeAtMs?: number): Uint8Array {
  if (hash.length !== 32) throw new RangeError('a firmware hash is 32 bytes');
  const time = executeAtMs === undefined ? [] : [0x18, 15, ...new TextEncoder().encode(generalizedTime(executeAtMs))];
  const body = [0x04, 32, ...hash, ...time];
  return Uint8Array.from([0x30, body.length, ...body]);
}

function generalizedTime(ms: number): string {
  if (!Number.isInteger(ms) || ms % 1000 !== 0) throw new RangeError('an execution time is whole seconds');
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}/, '').slice(0, 14) + 'Z';
}
