import { CONTENT_BASE, CONTENT_BYTES } from '../envelope/outgoing';
import { derContent, derExpect, derSmallInteger, DER_SEQUENCE, DER_INTEGER, DER_BIT_STRING } from '../asn1/der';
import { derBegin, derFinish, derOpen, derClose, derInteger, derUnsigned, derOctets8, derBits8 } from '../asn1/der-writer';
import { cell, cellCount, hasRole, sequenceNumber, CELLS_MAX, ROLES_MAX, USAGE_DS } from './store';

// CS02a / CS02f Provide Security Credentials Details (GBCS 7; devices R.12): for each remote-party
// role the command lists, the trust-anchor cells the device holds for it.
//   command  SEQUENCE { SEQUENCE { INTEGER role, BIT STRING key usage } (the requester),
//                       SEQUENCE OF INTEGER role }
//   response SEQUENCE OF SEQUENCE { INTEGER role, ENUMERATED 0, INTEGER sequence number,
//                                   SEQUENCE OF SEQUENCE { BIT STRING usage, [INTEGER cell id],
//                                                          OCTET STRING subject EUI, OCTET STRING key id } }
//            and for a role without cells SEQUENCE { INTEGER role, ENUMERATED failure }.

const DER_ENUMERATED: u8 = 0x0a;
const OUTCOME_SUCCESS: u64 = 0;
/** Roles one command may ask for: GBCS 7 defines nine (0-8) plus 127. */
const REQUESTED_ROLES_MAX: i32 = 16;
const USAGE_BITS_DS: u8 = 0x80; // digitalSignature, 7 unused bits (GBCS 4.7 03 02 07 80)
const USAGE_BITS_KA: u8 = 0x08; // keyAgreement, 3 unused bits (03 02 03 08)

/**
 * Writes the response at CONTENT_BASE; its length, or -1 when the command is malformed (devices
 * 1.3 cause 8). Roles outside the `reportableRoles` bit mask, or without cells, get absentOutcome.
 */
export function provideCredentialDetails(slot: u32, content: usize, end: usize, absentOutcome: u32, reportableRoles: u32): i32 {
  if (derExpect(content, end, DER_SEQUENCE) != end) return -1;
  const requester = derContent(content);
  const requesterEnd = derExpect(requester, end, DER_SEQUENCE);
  if (requesterEnd == 0) return -1;
  const roleEnd = derExpect(derContent(requester), requesterEnd, DER_INTEGER);
  if (roleEnd == 0 || derExpect(roleEnd, requesterEnd, DER_BIT_STRING) != requesterEnd) return -1;
  const listEnd = derExpect(requesterEnd, end, DER_SEQUENCE);
  if (listEnd != end) return -1;
  // Validate the whole list before writing anything.
  let p = derContent(requesterEnd);
  let count = 0;
  while (p < listEnd) {
    if (count >= REQUESTED_ROLES_MAX) return -1;
    const e = derExpect(p, listEnd, DER_INTEGER);
    if (e == 0 || derSmallInteger(p, e) < 0) return -1;
    p = e;
    count++;
  }
  derBegin(CONTENT_BASE, CONTENT_BASE + CONTENT_BYTES);
  derOpen(DER_SEQUENCE);
  p = derContent(requesterEnd);
  for (let i = 0; i < count; i++) {
    const e = derExpect(p, listEnd, DER_INTEGER);
    const role = <u32>derSmallInteger(p, e);
    p = e;
    derOpen(DER_SEQUENCE);
    derInteger(role);
    if (role < ROLES_MAX && ((reportableRoles >> role) & 1) != 0 && hasRole(slot, role)) {
      derUnsigned(DER_ENUMERATED, OUTCOME_SUCCESS);
      derInteger(sequenceNumber(slot, role));
      putCells(slot, role);
    } else {
      derUnsigned(DER_ENUMERATED, absentOutcome);
    }
    derClose();
  }
  derClose();
  const written = derFinish();
  return written == 0 ? -1 : <i32>(written - CONTENT_BASE);
}

/** The cells of `role` in store order: SEQUENCE OF { usage, [cell id], subject, key id }. */
export function putCells(slot: u32, role: u32): void {
  derOpen(DER_SEQUENCE);
  const count = cellCount(slot);
  for (let i: u32 = 0; i < count && i < CELLS_MAX; i++) {
    const c = cell(slot, i);
    if (<u32>c.role != role) continue;
    derOpen(DER_SEQUENCE);
    putUsage(<u32>c.usage, <u32>c.cellId);
    derOctets8(c.subjectEui);
    derOctets8(c.subjectKeyId);
    derClose();
  }
  derClose();
}

/** SEQUENCE-less cell identification: BIT STRING usage, then INTEGER cell id when it is not 0. */
export function putUsage(usage: u32, cellId: u32): void {
  if (usage == USAGE_DS) derBits8(7, USAGE_BITS_DS);
  else derBits8(3, USAGE_BITS_KA);
  if (cellId != 0) derInteger(cellId);
}
