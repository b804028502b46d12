import { ParsedHeader } from '../envelope/header';
import { runAccessRequest } from '../cosem/server';

// The ESME's payload handler: every ESME use case is a DLMS access-request (GBCS 5) served by
// the COSEM server over the ESME object model. device/command.ts has run the common checks.

/** Writes the access-response at CONTENT_BASE; returns its length or -1 when the APDU is malformed. */
export function esmePayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  return runAccessRequest(slot, h, originatorParty, replyParty, replyEui);
}
