import { ParsedHeader } from '../envelope/header';
import { provideCredentialDetails } from './details';
import { joinMethodA, unjoin } from './join';

// The ESME's ASN.1 use cases (GBCS 7): security credentials and HAN joins. Each writes its DER
// answer at CONTENT_BASE and returns its length, or -1 when the content is malformed (devices
// 1.3 cause 8: no response, 0x8F1E).

// GBCS 3 message codes of the ASN.1 use cases the ESME serves (gbcs/tables/message-codes.ts).
const CS02A: u32 = 0x0008;
const CS02F: u32 = 0x011b;
const CS03A1: u32 = 0x000d;
const CS04AC: u32 = 0x000f;
// Outcome for a role the device holds no cells for [D]: CS02a answers 25 (NA_CS02aSignature ERROR,
// role 6), CS02f 127 (6.24.1_CS02fMAC ERROR, role 5).
const CS02A_ROLE_ABSENT: u32 = 25;
const CS02F_ROLE_ABSENT: u32 = 127;

export function credentialsPayload(slot: u32, h: ParsedHeader): i32 {
  const content = <usize>h.contentPtr;
  const end = content + h.contentBytes;
  const code = h.messageCode;
  if (code == CS02A) return provideCredentialDetails(slot, content, end, CS02A_ROLE_ABSENT);
  if (code == CS02F) return provideCredentialDetails(slot, content, end, CS02F_ROLE_ABSENT);
  if (code == CS03A1) return joinMethodA(slot, content, end);
  if (code == CS04AC) return unjoin(slot, content, end);
  return -1;
}
