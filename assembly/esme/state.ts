import { DEVICE_BYTES } from '../layout';
import { deviceAddress, DEVICE_CONTEXT_END } from '../device/context';

// The ESME's own state beyond the common device context: the metering elements (devices 2,
// twin-element variant), the supply state machine (devices 5) and the certificate store
// (GBCS 4.7, 7; devices 1.1). It sits at the TOP of the device context, after
// DEVICE_CONTEXT_END, so regions other device types or the common context add after
// DEVICE_CONTEXT_END never move it, and it never moves them.
//
//   0 elementCount u32 (1 single element, 2 twin) | 4 supplyState u32 (SUPPLY_*)
//   8 element2ImportActiveWh i64 (devices 2.1 "secondary element registers")
//  16 supplyCause u32 (why DISABLED, devices 5.1) | 20 supplyLostS u32 (UTC seconds the supply was lost
//     at, 0 while supplied: power/power-event.ts)
//  24 credential store (assembly/credentials/store.ts): CREDENTIAL_STORE_BYTES
@unmanaged
export class EsmeState {
  elementCount: u32;
  supplyState: u32;
  element2ImportActiveWh: i64;
  supplyCause: u32;
  supplyLostS: u32;
}

export const ESME_STATE_HEADER_BYTES: u32 = 24;
// Room for the credential store (assembly/credentials/store.ts checks its size against this).
export const CREDENTIAL_STORE_BYTES: u32 = 1024;
export const ESME_STATE_BYTES: u32 = ESME_STATE_HEADER_BYTES + CREDENTIAL_STORE_BYTES;
export const ESME_STATE_OFFSET: u32 = DEVICE_BYTES - ESME_STATE_BYTES;
export const CREDENTIAL_STORE_OFFSET: u32 = ESME_STATE_OFFSET + ESME_STATE_HEADER_BYTES;

if (offsetof<EsmeState>() != ESME_STATE_HEADER_BYTES) ERROR('EsmeState header size drifted');
if (ESME_STATE_OFFSET < DEVICE_CONTEXT_END) ERROR('ESME state overlaps the common device context');
if (ESME_STATE_OFFSET % 8 != 0) ERROR('ESME state must keep 8-byte alignment');

export const ELEMENTS_SINGLE: u32 = 1;
export const ELEMENTS_TWIN: u32 = 2;

// @ts-ignore: decorator
@inline export function esmeState(slot: u32): EsmeState {
  return changetype<EsmeState>(deviceAddress(slot) + ESME_STATE_OFFSET);
}

/** A zeroed context (a new device) counts as a single-element meter. */
export function isTwin(slot: u32): bool {
  return esmeState(slot).elementCount == ELEMENTS_TWIN;
}
