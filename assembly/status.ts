// Status codes returned by every ABI export (STYLE.md "OpenThread error.h"). Numbers are
// stable: append only, never renumber or reuse. host/firmware.ts maps them to names.
export enum Status {
  /** The call did what it was asked. */
  OK = 0,
  /** A length argument or a length field is out of range for its buffer. */
  BAD_LENGTH = 1,
  /** The GBCS MAC did not verify (devices 1.3 cause 4). */
  BAD_MAC = 2,
  /** Originator counter not greater than the last accepted one (devices 1.3 cause 5). */
  COUNTER_REPLAYED = 3,
  /** The outbox has no room for what the call would produce; nothing changed. */
  OUTBOX_FULL = 4,
  /** The message code names a use case this device does not implement. */
  UNKNOWN_USE_CASE = 5,
  /** Slot index outside [0, DEVICES_MAX). */
  BAD_SLOT = 6,
  /** The slot holds no device. */
  NO_DEVICE = 7,
  /** The slot already holds a device. */
  SLOT_IN_USE = 8,
  /** Device type not built into this firmware. */
  UNKNOWN_DEVICE_TYPE = 9,
  /** Envelope unparseable or its length fields inconsistent (devices 1.3 cause 1). */
  BAD_ENVELOPE = 10,
  /** The message is addressed to another device (devices 1.3 cause 2). */
  WRONG_RECIPIENT = 11,
  /** Originator unknown to this device's trust store (devices 1.3 cause 3). */
  UNKNOWN_ORIGINATOR = 12,
  /** Payload malformed after authentication (devices 1.3 cause 8). */
  BAD_PAYLOAD = 13,
  /** Time moved backwards. */
  BAD_TIME = 14,
  /** The page pool could not grow. */
  OUT_OF_MEMORY = 15,
  /** A snapshot was taken by a firmware with another memory map. */
  ABI_MISMATCH = 16,
  /** A secure-element call failed (missing key for a slot, provider error). */
  SECURE_ELEMENT_FAILED = 17,
  /** Unknown delivery channel or local input kind. */
  BAD_INPUT = 18,
  /** The trust store (provisioning record) is full. */
  TRUST_STORE_FULL = 19,
  /** Critical command without a valid signature of its originator (devices 1.3 cause 6). */
  BAD_SIGNATURE = 20,
  /** The local input table (refusal rules) is full. */
  TABLE_FULL = 21,
  /** A firmware image whose OTA header is malformed or inconsistent with its length (devices 9 step 2). */
  IMAGE_INVALID = 22,
  /** The CHF's firmware image store has no free image slot, or the image exceeds one (devices 9, 7.1). */
  IMAGE_STORE_FULL = 23,
  /** A firmware image names a target the CHF device log does not hold (devices 9 step 2). */
  NOT_IN_DEVICE_LOG = 24,
}

// Trap reasons (programmer errors, never input errors), defined once (STYLE.md, AS std/util/error.ts).
export const E_INVARIANT = 'firmware invariant broken';
export const E_PAGE_TABLE = 'device page table corrupt';
export const E_OUTBOX = 'outbox accounting broken';
