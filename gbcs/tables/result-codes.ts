// Result codes carried in responses (GBCS 5.2, GBCS 8), as data: DLMS data-access-result and
// action-result, and ZCL status values. Decoders name a code from here; unknown codes decode
// with no name rather than failing, because a result is a value, not framing.

export const DATA_ACCESS_RESULTS = [
  { code: 0, name: 'success' },
  { code: 1, name: 'hardware-fault' },
  { code: 2, name: 'temporary-failure' },
  { code: 3, name: 'read-write-denied' },
  { code: 4, name: 'object-undefined' },
  { code: 9, name: 'object-class-inconsistent' },
  { code: 11, name: 'object-unavailable' },
  { code: 12, name: 'type-unmatched' },
  { code: 13, name: 'scope-of-access-violated' },
  { code: 14, name: 'data-block-unavailable' },
  { code: 250, name: 'other-reason' },
] as const;

/** GBCS 5.2: the action-result codes used by GBCS share numbers and names with data-access. */
export const ACTION_RESULTS = DATA_ACCESS_RESULTS;

export type DataAccessResultName = (typeof DATA_ACCESS_RESULTS)[number]['name'];

/** ZCL status codes (GBCS 6.2, 8). `00`, `01`, `8B`, `C0` occur in RTDS; the rest are standard
 * ZCL values an emulator may meet. */
export const ZCL_STATUSES = [
  { code: 0x00, name: 'SUCCESS' },
  { code: 0x01, name: 'FAILURE' },
  { code: 0x7e, name: 'NOT_AUTHORIZED' },
  { code: 0x80, name: 'MALFORMED_COMMAND' },
  { code: 0x81, name: 'UNSUP_CLUSTER_COMMAND' },
  { code: 0x86, name: 'UNSUPPORTED_ATTRIBUTE' },
  { code: 0x87, name: 'INVALID_VALUE' },
  { code: 0x8b, name: 'NOT_FOUND' },
  { code: 0xc0, name: 'HARDWARE_FAILURE' },
] as const;

export type ZclStatusName = (typeof ZCL_STATUSES)[number]['name'];

const DATA_ACCESS_BY_CODE = new Map<number, DataAccessResultName>(DATA_ACCESS_RESULTS.map((r) => [r.code, r.name]));
const ZCL_BY_CODE = new Map<number, ZclStatusName>(ZCL_STATUSES.map((r) => [r.code, r.name]));

export function dataAccessResultName(code: number): DataAccessResultName | undefined {
  return DATA_ACCESS_BY_CODE.get(code);
}

export function actionResultName(code: number): DataAccessResultName | undefined {
  return DATA_ACCESS_BY_CODE.get(code);
}

export function zclStatusName(code: number): ZclStatusName | undefined {
  return ZCL_BY_CODE.get(code);
}
