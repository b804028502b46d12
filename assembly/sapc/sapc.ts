import { ParsedHeader } from '../envelope/header';
import { runAccessRequest } from '../cosem/server';
import { findUseCase, useCasePayload } from '../device/use-cases';
import { PAYLOAD_ASN1 } from '../generated/use-cases';
import { DEVICE_TYPE_SAPC } from '../device/types';
import { credentialsPayload } from '../credentials/credentials';

// The SAPC's payload handler (devices.md 8.4, `…A6`, device type 7): a DLMS device of its own
// whose use cases (ECS46d APC_OUTPUT, ECS52) are access-requests served by the COSEM server over
// the SAPC object model (gbcs/tables/sapc-objects.ts). Future-dated ECS46d activations run
// through the common activation table and raise 0x8F66 (DLMS 0x00CC) at execution, as on the ESME.
// Its ASN.1 use cases (CS02g by the load controller, 0x0125) run the ESME's credential handlers
// (credentials/) over the SAPC's own certificate store, which sits where the ESME's does (the SAPC
// has no other state there); future-dated ones execute from advanceTime as on the ESME.

export function sapcPayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  const row = findUseCase(h.messageCode, DEVICE_TYPE_SAPC);
  if (row >= 0 && useCasePayload(row) == PAYLOAD_ASN1) return credentialsPayload(slot, h, originatorParty);
  return runAccessRequest(slot, h, originatorParty, replyParty, replyEui);
}
