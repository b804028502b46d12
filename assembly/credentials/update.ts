import { MAC_INPUT_BASE } from '../envelope/scratch';
import { parseDlmsDateTime, DATE_TIME_INVALID } from '../time';
import {
  derContent, derEnd, derExpect, derSmallInteger, DER_SEQUENCE, DER_INTEGER, DER_BIT_STRING, DER_GENERALIZED_TIME,
} from '../asn1/der';
import { derOpen, derClose, derInteger, derUnsigned, derOctets8, derPrimitive, derRaw } from '../asn1/der-writer';
import { parseCertificate, parsedCertificate, KEY_USAGE_DS, KEY_USAGE_KA } from '../asn1/certificate';
import { cell, cellCount, findCell, putCell, setSequenceNumber, ROLES_MAX, CELLS_MAX, USAGE_DS, USAGE_KA, CELL_ID_PREPAYMENT } from './store';
import { putUsage } from './details';
import { device, refusalRule, REFUSAL_RULES_MAX } from '../device/context';
import { parsed } from '../envelope/header';

// CS02b Update Security Credentials and CS02g (load controller credentials) on the ESME (GBCS 7;
// devices 1.3 future-dated, R.6, R.12). The command, as the RTDS 6.15.1 / 6.23 / 8.5 data carry it:
//   SEQUENCE { control SEQUENCE { INTEGER credentialsReplacementMode, [1] INTEGER, [2] { role, usage }
//                                 (authorising cell), [3] originator counter, [4] new sequence number,
//                                 [5] / [6] sequence-number details },
//              replacements SEQUENCE OF { certificate, cell { INTEGER role, BIT STRING usage, [INTEGER id] } },
//              [SEQUENCE { the issuing authority's certificate }], [GeneralizedTime execution date-time] }
// Each replacement is checked (it parses, names a party, has the cell's key usage and is issued by
// the carried issuing authority) into an UpdateRecord; success replaces the cell's subject and key
// id. The answer (and the 0x8F66 / 0x8F67 body of a future-dated one) reports, per cell, the
// outcome, the old and the new subject and key id:
//   SEQUENCE { INTEGER counter, INTEGER mode, sequence-number details, SEQUENCE OF { cell, ENUMERATED
//              outcome, OCTET STRING old subject, old key id, new subject, new key id } }
// Not modelled: the certificate signature check against the issuing authority's key (the secure
// element verifies only by trust-store slot), and which modes a role may use.

export const REPLACEMENTS_MAX: u32 = 8; // the largest RTDS command replaces 3 cells
const SEQUENCE_DETAILS_BYTES_MAX: u32 = 64; // RTDS: 20 bytes at most
const OUTCOME_SUCCESS: u8 = 0;
const OUTCOME_FAILED: u8 = 10; // [D] RTDS CS02b IMMEDIATE_ERROR: a KA certificate of another issuer
const TAG_1: u8 = 0x81;
const TAG_2: u8 = 0xa2;
const TAG_3: u8 = 0x83;
const TAG_4: u8 = 0x84;
const TAG_5: u8 = 0xa5;
const TAG_6: u8 = 0xa6;
const DER_ENUMERATED: u8 = 0x0a;
const GENERALIZED_TIME_BYTES: u32 = 15; // YYYYMMDDHHMMSSZ
const CANCEL_TIME: i64 = 253402300799; // 9999-12-31T23:59:59Z, the RTDS CANCELLATION value
export const EXECUTE_NOW: i64 = 0;
export const EXECUTE_CANCEL: i64 = -1;

//   0 mode u32 | 4 count u32 | 8 counter u64 | 16 executeAtS i64 (EXECUTE_NOW / EXECUTE_CANCEL / time)
//  24 newSequence i32 (-1 none) | 28 role u32 (of the first replacement) | 32 detailsBytes u32
//  36 details (SEQUENCE_DETAILS_BYTES_MAX) | 100 authorisingRole i32 ([2], -1 none) | 104 REPLACEMENTS_MAX x UpdateResult (24)
@unmanaged
export class UpdateRecord {
  mode: u32;
  count: u32;
  counter: u64;
  executeAtS: i64;
  newSequence: i32;
  role: u32;
  detailsBytes: u32;
}

//   0 role u8 | 1 usage u8 | 2 cellId u8 | 3 outcome u8 | 4 reserved u32 | 8 newSubject u64 | 16 newKeyId u64
@unmanaged
export class UpdateResult {
  role: u8;
  usage: u8;
  cellId: u8;
  outcome: u8;
  reserved: u32;
  newSubject: u64;
  newKeyId: u64;
}

export const UPDATE_RECORD_BYTES: u32 = 104 + REPLACEMENTS_MAX * 24;
const DETAILS_OFFSET: usize = 36;
const AUTHORISING_ROLE_OFFSET: usize = 100;
const RESULTS_OFFSET: usize = 104;
/** Where a command's record is built: MAC_INPUT is free once the command's MAC was checked. */
export const SCRATCH_RECORD: usize = MAC_INPUT_BASE;
if (offsetof<UpdateResult>() != 24) ERROR('UpdateResult size drifted');
if (DETAILS_OFFSET + SEQUENCE_DETAILS_BYTES_MAX > RESULTS_OFFSET) ERROR('UpdateRecord details overlap the results');

// @ts-ignore: decorator
@inline export function updateResult(record: usize, index: u32): UpdateResult {
  return changetype<UpdateResult>(record + RESULTS_OFFSET + index * 24);
}

/** Parses and checks the command into the record at `record`; false when it is malformed (cause 8). */
export function parseUpdate(slot: u32, content: usize, end: usize, record: usize): bool {
  const r = changetype<UpdateRecord>(record);
  r.count = 0;
  r.newSequence = -1;
  store<i32>(record + AUTHORISING_ROLE_OFFSET, -1);
  r.detailsBytes = 0;
  r.executeAtS = EXECUTE_NOW;
  if (derExpect(content, end, DER_SEQUENCE) != end) return false;
  const control = derContent(content);
  const controlEnd = derExpect(control, end, DER_SEQUENCE);
  if (controlEnd == 0 || !parseControl(derContent(control), controlEnd, r, record)) return false;
  const replacementsEnd = derExpect(controlEnd, end, DER_SEQUENCE);
  if (replacementsEnd == 0) return false;
  // Optional issuing-authority certificate, then an optional execution date-time.
  let issuer: usize = 0;
  let issuerEnd: usize = 0;
  let p = replacementsEnd;
  if (p < end && load<u8>(p) == DER_SEQUENCE) {
    const chainEnd = derEnd(p, end);
    if (chainEnd == 0 || !parseCertificate(derContent(p), derEnd(derContent(p), chainEnd))) return false;
    issuer = <usize>parsedCertificate().subjectPtr;
    issuerEnd = <usize>parsedCertificate().subjectEnd;
    p = chainEnd;
  }
  if (p < end) {
    const timeEnd = derExpect(p, end, DER_GENERALIZED_TIME);
    if (timeEnd != end || timeEnd - derContent(p) != GENERALIZED_TIME_BYTES) return false;
    const at = generalizedTimeSeconds(derContent(p));
    if (at < 0) return false;
    r.executeAtS = at >= CANCEL_TIME ? EXECUTE_CANCEL : at;
  }
  return parseReplacements(slot, derContent(controlEnd), replacementsEnd, r, record, issuer, issuerEnd);
}

function parseControl(p: usize, end: usize, r: UpdateRecord, record: usize): bool {
  const modeEnd = derExpect(p, end, DER_INTEGER);
  const mode = derSmallInteger(p, modeEnd);
  if (modeEnd == 0 || mode < 0) return false;
  r.mode = <u32>mode;
  r.counter = 0;
  p = modeEnd;
  for (let i = 0; i < 8 && p < end; i++) {
    const tag = load<u8>(p);
    const e = derEnd(p, end);
    if (e == 0) return false;
    const c = derContent(p);
    const n = <u32>(e - c);
    if (tag == TAG_3) {
      if (n < 1 || n > 8) return false;
      let v: u64 = 0;
      for (let k: u32 = 0; k < n; k++) v = (v << 8) | <u64>load<u8>(c + k);
      r.counter = v;
    } else if (tag == TAG_4) {
      if (n != 1) return false;
      r.newSequence = <i32>load<u8>(c);
    } else if (tag == TAG_5 || tag == TAG_6) {
      // Sequence-number details: [6] is the answer's list itself, [5] the details of the replaced role.
      if (n + 2 > SEQUENCE_DETAILS_BYTES_MAX || n >= 0x80) return false;
      store<u8>(record + DETAILS_OFFSET, tag);
      store<u8>(record + DETAILS_OFFSET + 1, <u8>n);
      memory.copy(record + DETAILS_OFFSET + 2, c, n);
      r.detailsBytes = n + 2;
    } else if (tag == TAG_2) {
      // The authorising party's cell { INTEGER role, BIT STRING usage }.
      const role = derSmallInteger(c, derExpect(c, e, DER_INTEGER));
      if (role < 0 || role >= <i64>ROLES_MAX) return false;
      store<i32>(record + AUTHORISING_ROLE_OFFSET, <i32>role);
    } else if (tag != TAG_1) {
      return false;
    }
    p = e;
  }
  return p == end && r.counter != 0;
}

function parseReplacements(slot: u32, p: usize, end: usize, r: UpdateRecord, record: usize, issuer: usize, issuerEnd: usize): bool {
  while (p < end) {
    if (r.count >= REPLACEMENTS_MAX) return false;
    const e = derExpect(p, end, DER_SEQUENCE);
    if (e == 0) return false;
    const certificate = derContent(p);
    const certificateEnd = derExpect(certificate, e, DER_SEQUENCE);
    if (certificateEnd == 0) return false;
    const cellEnd = derExpect(certificateEnd, e, DER_SEQUENCE);
    if (cellEnd != e) return false;
    const q = derContent(certificateEnd);
    const roleEnd = derExpect(q, cellEnd, DER_INTEGER);
    const role = derSmallInteger(q, roleEnd);
    const usageEnd: usize = roleEnd == 0 ? <usize>0 : derExpect(roleEnd, cellEnd, DER_BIT_STRING);
    if (role < 0 || role >= <i64>ROLES_MAX || usageEnd == 0 || usageEnd - derContent(roleEnd) != 2) return false;
    const usageBits = load<u8>(derContent(roleEnd) + 1);
    const usage = usageBits == 0x80 ? USAGE_DS : usageBits == 0x08 ? USAGE_KA : 0;
    let cellId: i64 = 0;
    if (usageEnd < cellEnd) {
      cellId = derSmallInteger(usageEnd, cellEnd);
      if (derExpect(usageEnd, cellEnd, DER_INTEGER) != cellEnd || cellId < 0 || cellId > <i64>CELL_ID_PREPAYMENT) return false;
    }
    if (usage == 0) return false;
    const result = updateResult(record, r.count);
    result.role = <u8>role;
    result.usage = usage;
    result.cellId = <u8>cellId;
    result.outcome = checkReplacement(certificate, certificateEnd, usage, issuer, issuerEnd);
    const refused = credentialsRefusal(slot);
    if (refused != 0) result.outcome = refused; // a device-side failure (R.6: the CS02g ERROR commands equal the SUCCESS ones)
    result.newSubject = parsedCertificate().subjectEui;
    result.newKeyId = parsedCertificate().subjectKeyId;
    if (r.count == 0) r.role = <u32>role;
    r.count++;
    p = e;
  }
  return r.count > 0;
}

// Refusal rule kind 5 (device/local-input.ts, ARCHITECTURE.md principle 6): the device fails
// every replacement of the use case with the rule's outcome.
const RULE_CREDENTIALS: u8 = 5;

/** The outcome a refusal rule imposes on this command's replacements (or on a CS07 read, gsme/asn1.ts), or 0 (none). */
export function credentialsRefusal(slot: u32): u8 {
  const count = device(slot).refusalRuleCount;
  const code = parsed().messageCode;
  for (let i: u32 = 0; i < count && i < REFUSAL_RULES_MAX; i++) {
    const rule = refusalRule(slot, i);
    if (rule.kind == RULE_CREDENTIALS && (rule.messageCode == 0 || <u32>rule.messageCode == code)) return rule.result;
  }
  return 0;
}

function checkReplacement(certificate: usize, end: usize, usage: u8, issuer: usize, issuerEnd: usize): u8 {
  if (!parseCertificate(certificate, end)) return OUTCOME_FAILED;
  const c = parsedCertificate();
  const certificateUsage = c.keyUsage == KEY_USAGE_DS ? USAGE_DS : c.keyUsage == KEY_USAGE_KA ? USAGE_KA : 0;
  if (c.subjectEui == 0 || c.subjectKeyId == 0 || certificateUsage != usage) return OUTCOME_FAILED;
  if (issuer == 0 || !sameBytes(<usize>c.issuerPtr, <usize>c.issuerEnd, issuer, issuerEnd)) return OUTCOME_FAILED;
  return OUTCOME_SUCCESS;
}

function sameBytes(a: usize, aEnd: usize, b: usize, bEnd: usize): bool {
  if (aEnd - a != bEnd - b) return false;
  return memory.compare(a, b, aEnd - a) == 0;
}

/** Whether every replacement of the record succeeded (0x8F66 rather than 0x8F67). */
export function allSucceeded(record: usize): bool {
  const r = changetype<UpdateRecord>(record);
  for (let i: u32 = 0; i < r.count; i++) if (updateResult(record, i).outcome != OUTCOME_SUCCESS) return false;
  return true;
}

/**
 * Writes the result SEQUENCE of the record (old values from the store as it is now), then applies
 * the successful replacements and the new sequence number. The DER writer must be open.
 */
export function putResultAndApply(slot: u32, record: usize): void {
  const r = changetype<UpdateRecord>(record);
  derOpen(DER_SEQUENCE);
  derInteger(r.counter);
  derInteger(r.mode);
  putSequenceDetails(r, record);
  derOpen(DER_SEQUENCE);
  for (let i: u32 = 0; i < r.count; i++) {
    const x = updateResult(record, i);
    const index = findCell(slot, x.role, x.usage, x.cellId);
    const oldSubject = index < 0 ? <u64>0 : cell(slot, <u32>index).subjectEui;
    const oldKeyId = index < 0 ? <u64>0 : cell(slot, <u32>index).subjectKeyId;
    const ok = x.outcome == OUTCOME_SUCCESS;
    derOpen(DER_SEQUENCE);
    derOpen(DER_SEQUENCE);
    derInteger(x.role);
    putUsage(x.usage, x.cellId);
    derClose();
    derUnsigned(DER_ENUMERATED, x.outcome);
    derOctets8(oldSubject);
    derOctets8(oldKeyId);
    derOctets8(ok ? x.newSubject : oldSubject);
    derOctets8(ok ? x.newKeyId : oldKeyId);
    derClose();
  }
  derClose();
  derClose();
  for (let i: u32 = 0; i < r.count; i++) {
    const x = updateResult(record, i);
    if (x.outcome == OUTCOME_SUCCESS) putCell(slot, x.role, x.usage, x.cellId, x.newSubject, x.newKeyId); // room: checked at receipt
  }
  if (r.newSequence >= 0) setSequenceNumber(slot, sequenceRole(r, record), <u32>r.newSequence);
}

/**
 * The sequence-number details of the answer [D: RTDS 6.15.1, 6.23, 8.5, NA]: SEQUENCE { with [4],
 * { role (the authorising party's [2], else the first replaced cell's), new number, [5] as a
 * SEQUENCE }; then the elements of [6] as they came }. The role's number becomes [4].
 */
function putSequenceDetails(r: UpdateRecord, record: usize): void {
  const details = record + DETAILS_OFFSET;
  const tag = r.detailsBytes > 0 ? load<u8>(details) : <u8>0;
  derOpen(DER_SEQUENCE);
  if (r.newSequence >= 0) {
    derOpen(DER_SEQUENCE);
    derInteger(<u64>sequenceRole(r, record));
    derInteger(<u64>r.newSequence);
    if (tag == TAG_5) derPrimitive(DER_SEQUENCE, details + 2, r.detailsBytes - 2);
    derClose();
  }
  if (tag == TAG_6) derRaw(details + 2, r.detailsBytes - 2);
  derClose();
}

function sequenceRole(r: UpdateRecord, record: usize): u32 {
  const authorising = load<i32>(record + AUTHORISING_ROLE_OFFSET);
  return authorising >= 0 ? <u32>authorising : r.role;
}

/** Whether the store has room for every cell the record would add (checked before anything is answered). */
export function storeHasRoom(slot: u32, record: usize): bool {
  const r = changetype<UpdateRecord>(record);
  let added: u32 = 0;
  for (let i: u32 = 0; i < r.count; i++) {
    const x = updateResult(record, i);
    if (x.outcome == OUTCOME_SUCCESS && findCell(slot, x.role, x.usage, x.cellId) < 0) added++;
  }
  return cellCount(slot) + added <= CELLS_MAX;
}

/** UTC seconds of a GeneralizedTime YYYYMMDDHHMMSSZ at p, or -1. */
export function generalizedTimeSeconds(p: usize): i64 {
  if (load<u8>(p + 14) != 0x5a) return -1; // 'Z'
  for (let i: u32 = 0; i < 14; i++) {
    const ch = load<u8>(p + i);
    if (ch < 0x30 || ch > 0x39) return -1;
  }
  const scratch = MAC_INPUT_BASE + UPDATE_RECORD_BYTES; // 12 bytes past the record
  const year = digits(p, 4);
  store<u8>(scratch, <u8>(year >> 8));
  store<u8>(scratch + 1, <u8>year);
  store<u8>(scratch + 2, <u8>digits(p + 4, 2));
  store<u8>(scratch + 3, <u8>digits(p + 6, 2));
  store<u8>(scratch + 4, 0xff);
  store<u8>(scratch + 5, <u8>digits(p + 8, 2));
  store<u8>(scratch + 6, <u8>digits(p + 10, 2));
  store<u8>(scratch + 7, <u8>digits(p + 12, 2));
  store<u8>(scratch + 8, 0);
  const at = parseDlmsDateTime(scratch);
  return at == DATE_TIME_INVALID || at < 0 ? -1 : at;
}

function digits(p: usize, count: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < count; i++) v = v * 10 + <u32>(load<u8>(p + i) - 0x30);
  return v;
}
