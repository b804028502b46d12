import { Status } from '../status';

// devices 1.3: what a rejected command leaves behind, by cause (first failure wins). A row is
// (status, security-log code or 0 for no entry). Alerts for these causes are the ESME issue's;
// the log codes follow the alert column ([A] for the replay row, where GBCS names no code).
export const REJECTION_TABLE: StaticArray<u32> = [
  Status.BAD_ENVELOPE, 0x8f1e,
  Status.WRONG_RECIPIENT, 0,
  Status.UNKNOWN_ORIGINATOR, 0x8f53,
  Status.BAD_MAC, 0x8f53,
  Status.COUNTER_REPLAYED, 0x8f53,
  Status.BAD_SIGNATURE, 0x8f3d,
  Status.BAD_PAYLOAD, 0x8f1e,
  Status.UNKNOWN_USE_CASE, 0x8f1e,
];

/** Security-log code for a rejection status, 0 when the cause leaves no entry. */
export function securityLogCodeFor(status: Status): u32 {
  for (let i = 0; i < REJECTION_TABLE.length; i += 2) {
    if (unchecked(REJECTION_TABLE[i]) == <u32>status) return unchecked(REJECTION_TABLE[i + 1]);
  }
  return 0;
}
