// Names of the firmware Status codes (assembly/status.ts). The numbers are the ABI: append only.
// test/unit/abi.test.ts checks this table against the firmware source so the two never drift.
export const STATUS_NAMES = [
  'OK',
  'BAD_LENGTH',
  'BAD_MAC',
  'COUNTER_REPLAYED',
  'OUTBOX_FULL',
  'UNKNOWN_USE_CASE',
  'BAD_SLOT',
  'NO_DEVICE',
  'SLOT_IN_USE',
  'UNKNOWN_DEVICE_TYPE',
  'BAD_ENVELOPE',
  'WRONG_RECIPIENT',
  'UNKNOWN_ORIGINATOR',
  'BAD_PAYLOAD',
  'BAD_TIME',
  'OUT_OF_MEMORY',
  'ABI_MISMATCH',
  'SECURE_ELEMENT_FAILED',
  'BAD_INPUT',
  'TRUST_STORE_FULL',
  'BAD_SIGNATURE',
  'TABLE_FULL',
  'IMAGE_INVALID',
  'IMAGE_STORE_FULL',
  'NOT_IN_DEVICE_LOG',
] as const;

export type StatusName = (typeof STATUS_NAMES)[number];

export const Status = Object.fromEntries(STATUS_NAMES.map((name, code) => [name, code])) as {
  readonly [K in StatusName]: number;
};

export function statusName(code: number): StatusName | `UNKNOWN_STATUS_${number}` {
  return STATUS_NAMES[code] ?? `UNKNOWN_STATUS_${code}`;
}

/** Device types of the firmware (assembly/device/types.ts). */
export const DEVICE_TYPES = {
  ESME: 1,
  GSME: 2,
  CHF: 3,
  GPF: 4,
  PPMID: 5,
  HCALCS: 6,
  SAPC: 7,
  IHD: 8,
} as const;
export type DeviceTypeName = keyof typeof DEVICE_TYPES;

/** Delivery channels (assembly/outbox.ts). */
export const CHANNEL = { WAN: 0, HAN: 1, LOCAL: 2 } as const;
export type ChannelName = keyof typeof CHANNEL;

/** Remote-party roles (GBCS 4.7 organisation certificate OU). */
export const ROLE = {
  RECOVERY: 1,
  SUPPLIER: 2,
  NETWORK_OPERATOR: 3,
  ACB: 4,
  TRANSCOS: 5,
  WAN_PROVIDER: 6,
  /** OU 08: the test-only organisation of the reference data (gbcs.md §4.7). */
  TEST_PARTY: 8,
  /** Not an OU: a HAN device bound to this one, whose KA key keys device-to-device MACs (assembly/device/context.ts). */
  HAN_PEER: 16,
} as const;
