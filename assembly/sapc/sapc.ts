import { ParsedHeader } from '../envelope/header';
import { runAccessRequest } from '../cosem/server';

// The SAPC's payload handler (devices.md 8.4, `…A6`, device type 7): a DLMS device of its own
// whose use cases (ECS46d APC_OUTPUT, ECS52) are access-requests served by the COSEM server over
// the SAPC object model (gbcs/tables/sapc-objects.ts). Future-dated ECS46d activations run
// through the common activation table and raise 0x8F66 (DLMS 0x00CC) at execution, as on the ESME.

export function sapcPayload(slot: u32, h: ParsedHeader, originatorParty: u32, replyParty: u32, replyEui: u64): i32 {
  return runAccessRequest(slot, h, originatorParty, replyParty, replyEui);
}
