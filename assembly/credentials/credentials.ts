import { ParsedHeader } from '../envelope/header';
import { provideCredentialDetails } from './details';
import { joinMethodA, unjoin } from './join';
import { updateDeviceCertificate } from './device-certificate';
import { issueCredentials } from './issue';
import { MESSAGE_CODE_CS02c, MESSAGE_CODE_CS02d } from '../generated/use-cases';
import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { derBegin, derFinish, derOpen, derClose, derNull } from '../asn1/der-writer';
import { DER_SEQUENCE } from '../asn1/der';
import { parseUpdate, putResultAndApply, storeHasRoom, SCRATCH_RECORD, EXECUTE_NOW, EXECUTE_CANCEL, UpdateRecord } from './update';
import { schedulePending, cancelPending } from './pending';

// The ESME's ASN.1 use cases (GBCS 7): security credentials and HAN joins. Each writes its DER
// answer at CONTENT_BASE and returns its length, or -1 when the content is malformed (devices
// 1.3 cause 8: no response, 0x8F1E).

// GBCS 3 message codes of the ASN.1 use cases the ESME serves (gbcs/tables/message-codes.ts).
const CS02A: u32 = 0x0008;
const CS02F: u32 = 0x011b;
const CS03A1: u32 = 0x000d;
const CS04AC: u32 = 0x000f;
const CS02B_FIRST: u32 = 0x0100; // CS02b replacement modes 0x0100-0x0109
const CS02B_LAST: u32 = 0x0109;
const CS02G_SUPPLIER: u32 = 0x0126; // CS02g by the supplier
const CS02G_LOAD_CONTROLLER: u32 = 0x0125; // CS02g by the load controller (the SAPC's, NA_CS02gLoadControllerByLoadController)
const CS02B_FUTURE_DATED_ALERT: u32 = 0x00cb; // GBCS 3: future-dated update-security-credentials alert
const CS02G_ALERT: u32 = 0x0124; // GBCS 3: the CS02g alert code (RTDS 6.15.1 CS02g 8F66 / 8F67)
// Outcome for a role the device holds no cells for [D]: CS02a answers 25 (NA_CS02aSignature ERROR,
// role 6), CS02f 127 (6.24.1_CS02fMAC ERROR, role 5).
const CS02A_ROLE_ABSENT: u32 = 25;
const CS02F_ROLE_ABSENT: u32 = 127;
const ALL_ROLES: u32 = 0xffff;
// CS02f (ESME and SAPC, the load controller's use case) reports the supplier's and the load
// controller's (role 8) cells [A from D: 6.24.1_CS02fMAC asks for 2 and 8; TransCoS, whose cell
// the device holds (NA_CS02bTransCoSByTransCoS), answers 127].
const CS02F_ROLES: u32 = (1 << 2) | (1 << 8);

export function credentialsPayload(slot: u32, h: ParsedHeader, originatorParty: u32): i32 {
  const content = <usize>h.contentPtr;
  const end = content + h.contentBytes;
  const code = h.messageCode;
  if (code == CS02A) return provideCredentialDetails(slot, content, end, CS02A_ROLE_ABSENT, ALL_ROLES);
  if (code == CS02F) return provideCredentialDetails(slot, content, end, CS02F_ROLE_ABSENT, CS02F_ROLES);
  if (code == CS03A1) return joinMethodA(slot, content, end);
  if (code == CS04AC) return unjoin(slot, content, end);
  if (code == MESSAGE_CODE_CS02d) return updateDeviceCertificate(slot, content, end);
  if (code == MESSAGE_CODE_CS02c) return issueCredentials(slot, content, end);
  const cs02g = code == CS02G_SUPPLIER || code == CS02G_LOAD_CONTROLLER;
  if ((code >= CS02B_FIRST && code <= CS02B_LAST) || cs02g) {
    return updateCredentials(slot, content, end, cs02g ? CS02G_ALERT : CS02B_FUTURE_DATED_ALERT, originatorParty);
  }
  return -1;
}

/**
 * CS02b / CS02g (credentials/update.ts): immediate ones are applied and answered with their
 * result; future-dated ones are kept and answered SEQUENCE { NULL } (R.6 "30 02 05 00 accepted for
 * later"), as is a cancellation (execution date-time 9999-12-31T23:59:59Z), which drops the pending one.
 */
function updateCredentials(slot: u32, content: usize, end: usize, alertMessageCode: u32, party: u32): i32 {
  if (!parseUpdate(slot, content, end, SCRATCH_RECORD)) return -1;
  if (!storeHasRoom(slot, SCRATCH_RECORD)) return -1; // [A] more new cells than the store holds: refused whole
  const executeAtS = changetype<UpdateRecord>(SCRATCH_RECORD).executeAtS;
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  derNull();
  if (executeAtS == EXECUTE_NOW) putResultAndApply(slot, SCRATCH_RECORD);
  else if (executeAtS == EXECUTE_CANCEL) cancelPending(slot, alertMessageCode);
  else schedulePending(slot, SCRATCH_RECORD, alertMessageCode, party);
  derClose();
  const written = derFinish();
  assert(written != 0); // bounded: REPLACEMENTS_MAX results fit the content region
  return <i32>(written - CONTENT_BASE);
}
