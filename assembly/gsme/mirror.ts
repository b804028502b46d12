import { ParsedHeader } from '../envelope/header';
import { setResponseDateTime } from '../envelope/outgoing';
import { device } from '../device/context';
import { MESSAGE_CODE_GCS13b, MESSAGE_CODE_GCS14, MESSAGE_CODE_GCS60a } from '../generated/use-cases';
import { gsmeState } from './state';

// The time-reliability of the GSME/GPF mirror reads (gbcs.md 1.2, devices.md 6.3 "Reliability
// flag"): GCS13b, GCS14 and GCS60a answer with the header date-time = the time the served data
// were obtained from the GSME (the device clock when none is held) and the clock status as the
// reliability indicator: 00 mirror current, served by the GPF; 04 served at a GSME wake; 02
// mirror older than a wake interval or a GSME command queued. The HAN step (host side) keeps them
// (LOCAL SET_MIRROR_SYNC, gsme/local-input.ts); a device created without them answers 00.

function isMirrorRead(messageCode: u32): bool {
  return messageCode == MESSAGE_CODE_GCS13b || messageCode == MESSAGE_CODE_GCS14 || messageCode == MESSAGE_CODE_GCS60a;
}

/** Sets the response header date-time of a mirror read (after its payload ran); other use cases keep the device clock. */
export function dateMirrorRead(slot: u32, h: ParsedHeader): void {
  if (!isMirrorRead(h.messageCode)) return;
  const s = gsmeState(slot);
  setResponseDateTime(s.mirrorSyncS != 0 ? s.mirrorSyncS : device(slot).clockS, s.mirrorClockStatus);
}
