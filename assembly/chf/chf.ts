import { ParsedHeader } from '../envelope/header';
import { Status } from '../status';
import { runAccessRequest } from '../cosem/server';
import { sendPendingChfAlerts } from './alerts';
import { findUseCase, useCasePayload } from '../device/use-cases';
import { PAYLOAD_ASN1 } from '../generated/use-cases';
import { DEVICE_TYPE_CHF } from '../device/types';
import { credentialsPayload } from '../credentials/credentials';
import { CREDENTIAL_STORE_OFFSET, CREDENTIAL_STORE_BYTES } from '../esme/state';
import { CHF_STATE_OFFSET, CHF_STATE_END } from './state';

// The CHF's payload handler (devices.md 7.2): every CHF use case in the reference data is a DLMS
// access-request (GBCS 5.5), served by the COSEM server over the CHF object model
// (gbcs/tables/chf-objects.ts). device/command.ts has run the common checks. Its ASN.1 use case
// (CS02a, NA_CS02aSignature on `…A2`) runs the ESME's credential handlers (credentials/) over the
// CHF's own certificate store, which sits where the ESME's does, clear of the CHF's state below.

if (CHF_STATE_END > CREDENTIAL_STORE_OFFSET && CREDENTIAL_STORE_OFFSET + CREDENTIAL_STORE_BYTES > CHF_STATE_OFFSET) {
  ERROR('CHF state overlaps the credential store');
}

export function chfPayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const row = findUseCase(h.messageCode, DEVICE_TYPE_CHF);
  if (row >= 0 && useCasePayload(row) == PAYLOAD_ASN1) return credentialsPayload(slot, h, originatorParty);
  return runAccessRequest(slot, h, originatorParty, replyParty, replyEui);
}

/** After the response is in the outbox: the DCC alerts the command made due (alerts.ts). */
export function chfAfterResponse(slot: u32): Status {
  return sendPendingChfAlerts(slot);
}
