import { ParsedHeader } from '../envelope/header';
import { dateMirrorRead } from './mirror';
import { runGbzCommand } from './server';

// The GSME's payload handler (devices 6): its use cases are GBZ commands (GBCS 6) served by the
// GBZ server over the GSME's ZCL state. device/command.ts has run the common checks.
// GCS28 (ASN.1 set clock) and the ASN.1 join / unjoin / device-log use cases are not served yet:
// their content does not parse as GBZ, so they are refused as malformed (cause 8).

/** Writes the answer at CONTENT_BASE; returns its length or -1 when the payload is malformed. */
export function gsmePayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const bytes = runGbzCommand(slot, h, originatorParty, replyParty, replyEui);
  if (bytes >= 0) dateMirrorRead(slot, h);
  return bytes;
}
