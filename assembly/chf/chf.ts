import { ParsedHeader } from '../envelope/header';
import { Status } from '../status';
import { runAccessRequest } from '../cosem/server';
import { sendPendingChfAlerts } from './alerts';

// The CHF's payload handler (devices.md 7.2): every CHF use case in the reference data is a DLMS
// access-request (GBCS 5.5), served by the COSEM server over the CHF object model
// (gbcs/tables/chf-objects.ts). device/command.ts has run the common checks.

export function chfPayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  return runAccessRequest(slot, h, originatorParty, replyParty, replyEui);
}

/** After the response is in the outbox: the DCC alerts the command made due (alerts.ts). */
export function chfAfterResponse(slot: u32): Status {
  return sendPendingChfAlerts(slot);
}
