import { DEVICE_BASE, DEVICE_BYTES, DEVICE_PAGES_MAX } from '../layout';

// One device's fixed context (DEVICE_BYTES at DEVICE_BASE + slot * DEVICE_BYTES). Fields live
// at their offsets, so a snapshot is a copy of this region plus the pages in the page table.
//
//   0 state u32 | 4 deviceType u32 | 8 eui u64 (the EUI-64 read big-endian)
//  16 clockS i64 (device clock, UTC seconds) | 24 lastAdvanceS i64
//  32 importActiveWh i64 | 40 exportActiveWh i64 | 48 importReactiveVarh i64 | 56 exportReactiveVarh i64
//  64 alertCounter u64 | 72 messagesIn u32 | 76 messagesOut u32 | 80 rejectedCount u32 | 84 alertsRaised u32
//  88 partyCount u32 | 92 pageCount u32 | 96 refusalRuleCount u32 | 100 pendingCount u32
// TRUST_STORE_OFFSET: TRUST_STORE_MAX x TrustEntry (24 bytes)
// PAGE_TABLE_OFFSET:  DEVICE_PAGES_MAX x u32 page numbers (0 = no page): log ids, then object-store pages
// REFUSAL_RULES_OFFSET: REFUSAL_RULES_MAX x RefusalRule (16 bytes)
@unmanaged
export class DeviceContext {
  state: u32;
  deviceType: u32;
  eui: u64;
  clockS: i64;
  lastAdvanceS: i64;
  importActiveWh: i64;
  exportActiveWh: i64;
  importReactiveVarh: i64;
  exportReactiveVarh: i64;
  alertCounter: u64;
  messagesIn: u32;
  messagesOut: u32;
  rejectedCount: u32;
  alertsRaised: u32;
  partyCount: u32;
  pageCount: u32;
  refusalRuleCount: u32;
  pendingCount: u32;
}

//   0 eui u64 | 8 lastCounter u64 (last accepted originator counter, GBCS 4.6) | 16 role u32 | 20 reserved u32
@unmanaged
export class TrustEntry {
  eui: u64;
  lastCounter: u64;
  role: u32;
  reserved: u32;
}

export const DEVICE_FREE: u32 = 0;
export const DEVICE_ACTIVE: u32 = 1;

// Trust-anchor cells of a device (GBCS 4.7): root, recovery, supplier, network operator,
// ACB, WAN provider, TransCoS, plus the prepayment key; 12 leaves room for both supplier KA
// and DS roles being distinct entries.
export const TRUST_STORE_MAX: u32 = 12;
export const TRUST_ENTRY_BYTES: u32 = 24;
export const TRUST_STORE_OFFSET: u32 = 128;
export const PAGE_TABLE_OFFSET: u32 = TRUST_STORE_OFFSET + TRUST_STORE_MAX * TRUST_ENTRY_BYTES;
// Refusal rules (fault injection, ARCHITECTURE.md principle 6): REFUSAL_RULES_MAX x 16 bytes.
export const REFUSAL_RULES_MAX: u32 = 16;
export const REFUSAL_RULE_BYTES: u32 = 16;
export const REFUSAL_RULES_OFFSET: u32 = PAGE_TABLE_OFFSET + DEVICE_PAGES_MAX * 4;
// The 0x8F60 tally (devices 1.3): times (device clock, u32 seconds since 2000) of the last
// UNUSUAL_REJECTIONS_MAX counted rejections, a ring, then the time 0x8F60 was last raised.
export const UNUSUAL_REJECTIONS_MAX: u32 = 10;
export const UNUSUAL_TALLY_OFFSET: u32 = REFUSAL_RULES_OFFSET + REFUSAL_RULES_MAX * REFUSAL_RULE_BYTES;
export const UNUSUAL_TALLY_BYTES: u32 = UNUSUAL_REJECTIONS_MAX * 4 + 8; // ring + next index u32 + last raised u32
// Pending future-dated activations (devices 1.3), in arrival order: PENDING_MAX x 32 bytes.
// ECS08 schedules 9 parts at once; 24 leaves room for several use cases pending together.
export const PENDING_MAX: u32 = 24;
export const PENDING_BYTES: u32 = 32;
export const PENDING_OFFSET: u32 = UNUSUAL_TALLY_OFFSET + UNUSUAL_TALLY_BYTES;
export const DEVICE_CONTEXT_END: u32 = PENDING_OFFSET + PENDING_MAX * PENDING_BYTES;

if (offsetof<DeviceContext>() > TRUST_STORE_OFFSET) ERROR('DeviceContext overlaps the trust store');
if (offsetof<TrustEntry>() != TRUST_ENTRY_BYTES) ERROR('TrustEntry size drifted');
if (DEVICE_CONTEXT_END > DEVICE_BYTES) ERROR('device context overflows DEVICE_BYTES');

/** Remote-party roles (GBCS 4.7 OU values). */
export const ROLE_RECOVERY: u32 = 1;
export const ROLE_SUPPLIER: u32 = 2;
export const ROLE_NETWORK_OPERATOR: u32 = 3;
export const ROLE_ACB: u32 = 4;
/** A HAN device bound to this one (not a GBCS OU): its KA key keys device-to-device MACs (han-devices/han-message.ts). */
export const ROLE_HAN_PEER: u32 = 16;

// @ts-ignore: decorator
@inline export function deviceAddress(slot: u32): usize {
  return <usize>DEVICE_BASE + <usize>slot * <usize>DEVICE_BYTES;
}

// @ts-ignore: decorator
@inline export function device(slot: u32): DeviceContext {
  return changetype<DeviceContext>(deviceAddress(slot));
}

// @ts-ignore: decorator
@inline export function trustEntry(slot: u32, index: u32): TrustEntry {
  return changetype<TrustEntry>(deviceAddress(slot) + TRUST_STORE_OFFSET + index * TRUST_ENTRY_BYTES);
}

/** Index of the trust entry for an EUI, or -1. */
export function findParty(slot: u32, eui: u64): i32 {
  const count = device(slot).partyCount;
  for (let i: u32 = 0; i < count; i++) {
    if (trustEntry(slot, i).eui == eui) return <i32>i;
  }
  return -1;
}

/** Index of the first trust entry with a role, or -1. */
export function findRole(slot: u32, role: u32): i32 {
  const count = device(slot).partyCount;
  for (let i: u32 = 0; i < count; i++) {
    if (trustEntry(slot, i).role == role) return <i32>i;
  }
  return -1;
}

// @ts-ignore: decorator
@inline export function pageTableAddress(slot: u32): usize {
  return deviceAddress(slot) + PAGE_TABLE_OFFSET;
}

//   0 messageCode u16 (0 = any) | 2 kind u8 | 3 result u8 | 4 classId u16 | 6 member u8 | 7 reserved u8 | 8 OBIS 6 | 14 reserved u16
@unmanaged
export class RefusalRule {
  messageCode: u16;
  kind: u8;
  result: u8;
  classId: u16;
  member: u8;
  reserved: u8;
  obisHigh: u32; // OBIS bytes 0..3, big-endian value
  obisLow: u16; // OBIS bytes 4..5, big-endian value
  reserved2: u16;
}

if (offsetof<RefusalRule>() != REFUSAL_RULE_BYTES) ERROR('RefusalRule size drifted');

// @ts-ignore: decorator
@inline export function refusalRule(slot: u32, index: u32): RefusalRule {
  return changetype<RefusalRule>(deviceAddress(slot) + REFUSAL_RULES_OFFSET + index * REFUSAL_RULE_BYTES);
}

//   0 executeAtS i64 | 8 counter u64 (the command's) | 16 messageCode u16 | 18 party u8 | 19 reserved u8
//  20 classId u16 | 22 attribute u8 | 23 reserved u8 | 24 obisHigh u32 | 28 obisLow u16 | 30 reserved u16
@unmanaged
export class PendingActivation {
  executeAtS: i64;
  counter: u64;
  messageCode: u16;
  party: u8;
  reserved: u8;
  classId: u16;
  attribute: u8;
  reserved2: u8;
  obisHigh: u32;
  obisLow: u16;
  reserved3: u16;
}

if (offsetof<PendingActivation>() != PENDING_BYTES) ERROR('PendingActivation size drifted');

// @ts-ignore: decorator
@inline export function pendingActivation(slot: u32, index: u32): PendingActivation {
  return changetype<PendingActivation>(deviceAddress(slot) + PENDING_OFFSET + index * PENDING_BYTES);
}
