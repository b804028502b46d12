import { DEVICE_BYTES } from '../layout';
import { deviceAddress, DEVICE_CONTEXT_END } from '../device/context';
import { MAC_INPUT_BASE, MAC_INPUT_BYTES } from '../envelope/scratch';
import { ESME_STATE_OFFSET } from '../esme/state';

// The GSME / GPF part of a device context: a fixed region after the common context
// (DEVICE_CONTEXT_END, inside DEVICE_BYTES; a slot holds one device type, so each type's region
// may start at the same offset). Everything else (attributes, records, logs) is in the object
// store pages (gbz/attributes.ts).
//
//   0 pendingCount u32 | 4 nextSampleId u32 | 8 friendlyCreditCalendarId u32 | 12 friendlyCredit u8
//  13 mirrorClockStatus u8 | 14 eventsCleared u8 | 15 reserved u8 | 16 mirrorSyncS i64 (0 = none)
//  24 reserved | GSME_PENDING_OFFSET: GSME_PENDING_MAX x GsmePending (32 bytes)

@unmanaged
export class GsmeState {
  pendingCount: u32;
  nextSampleId: u32;
  friendlyCreditCalendarId: u32;
  friendlyCredit: u8;
  mirrorClockStatus: u8;
  eventsCleared: u8;
  reserved: u8;
  mirrorSyncS: i64;
  reserved2: i64;
}

//   0 executeAtS i64 | 8 counter u64 (the command's) | 16 messageCode u16 | 18 clusterId u16
//  20 commandId u8 | 21 alertFrameControl u8 | 22 party u8 | 23 serverToClient u8 | 24 reserved u64
@unmanaged
export class GsmePending {
  executeAtS: i64;
  counter: u64;
  messageCode: u16;
  clusterId: u16;
  commandId: u8;
  alertFrameControl: u8;
  party: u8;
  serverToClient: u8;
  reserved: u64;
}

export const GSME_STATE_OFFSET: u32 = (DEVICE_CONTEXT_END + 7) & ~7;
export const GSME_STATE_BYTES: u32 = 32;
// Future-dated components waiting (devices 1.3): GCS01a schedules 5, GCS05 6; 16 leaves room
// for several use cases pending together. When full, a further future-dated component is refused (C0).
export const GSME_PENDING_MAX: u32 = 16;
export const GSME_PENDING_BYTES: u32 = 32;
export const GSME_PENDING_OFFSET: u32 = GSME_STATE_OFFSET + GSME_STATE_BYTES;
export const GSME_REGION_END: u32 = GSME_PENDING_OFFSET + GSME_PENDING_MAX * GSME_PENDING_BYTES;

if (offsetof<GsmeState>() > GSME_STATE_BYTES) ERROR('GsmeState overflows its region');
if (offsetof<GsmePending>() != GSME_PENDING_BYTES) ERROR('GsmePending size drifted');
if (GSME_REGION_END > DEVICE_BYTES) ERROR('GSME region overflows DEVICE_BYTES');
// The GSME and GPF keep their credential store and device log where the ESME does (gsme/asn1.ts
// reuses credentials/): the tail of the context, after the GSME region.
if (GSME_REGION_END > ESME_STATE_OFFSET) ERROR('GSME region overlaps the credential store');

// @ts-ignore: decorator
@inline export function gsmeState(slot: u32): GsmeState {
  return changetype<GsmeState>(deviceAddress(slot) + GSME_STATE_OFFSET);
}

// @ts-ignore: decorator
@inline export function gsmePending(slot: u32, index: u32): GsmePending {
  return changetype<GsmePending>(deviceAddress(slot) + GSME_PENDING_OFFSET + index * GSME_PENDING_BYTES);
}

// Scratch of a GBZ command run, in the MAC input region (free until the answer is MACed):
// plaintext and ciphertext of an encrypted component, and a small value buffer.
export const GBZ_PLAINTEXT_BASE: usize = MAC_INPUT_BASE;
export const GBZ_CIPHER_BYTES_MAX: u32 = 8 * 1024;
export const GBZ_CIPHERTEXT_BASE: usize = MAC_INPUT_BASE + GBZ_CIPHER_BYTES_MAX;
export const GBZ_VALUE_SCRATCH: usize = MAC_INPUT_BASE + 2 * GBZ_CIPHER_BYTES_MAX;
export const GBZ_VALUE_SCRATCH_BYTES: u32 = 4 * 1024;

if (GBZ_CIPHER_BYTES_MAX * 2 + GBZ_VALUE_SCRATCH_BYTES > MAC_INPUT_BYTES) ERROR('GBZ scratch overflows the MAC input region');
