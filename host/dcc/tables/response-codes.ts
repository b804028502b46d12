// DUIS response codes (dcc.md 5.3) and the emulator's placeholder codes. The EX-* placeholders
// stand for conditions whose real DUIS code was not confirmed; dcc.md 2.4 requires them to go
// through one mapping table so they can be replaced without code changes: DccConfig.exCodes
// (default: identity) is that table, applied when a reply is written.

export const RESPONSE_CODES = [
  { code: 'I0', meaning: 'Success' },
  { code: 'I99', meaning: 'Acknowledgement' },
  { code: 'E1', meaning: 'Invalid User / User Role' },
  { code: 'E2', meaning: 'Invalid User Role / Service Reference' },
  { code: 'E3', meaning: 'Invalid User Status' },
  { code: 'E4', meaning: 'Invalid User / Role for Device' },
  { code: 'E5', meaning: 'Invalid Device Status' },
  { code: 'E11', meaning: 'Invalid SR / device type' },
  { code: 'E12', meaning: 'Invalid request / CV' },
  { code: 'E13', meaning: 'Invalid request type for URL' },
  { code: 'E17', meaning: 'Local command services not available' },
  { code: 'E19', meaning: 'Device does not exist' },
  { code: 'E20', meaning: 'Unable to communicate with device' },
  { code: 'E21', meaning: 'No response from device' },
  { code: 'E30', meaning: 'Time-out, future-dated command' },
  { code: 'EX-COUNTER', meaning: 'counter not increasing / duplicate RequestID' },
  { code: 'EX-PAST-DATE', meaning: 'ExecutionDateTime in the past' },
  { code: 'EX-FAR-DATE', meaning: 'ExecutionDateTime too far ahead' },
  { code: 'EX-PRECOMMAND-MISMATCH', meaning: 'Signed Pre-Command differs from the stored pre-command or none held' },
  { code: 'EX-QUARANTINED', meaning: 'request held by anomaly detection' },
  { code: 'EX-MAINTENANCE', meaning: 'request during planned maintenance of the gateway' },
  { code: 'EX-DEVICE-EXISTS', meaning: 'SR 12.2 names a DeviceID already in the SMI' },
  // Emulator: a use case the transformer does not implement yet (issue 9 point 2).
  { code: 'EX-NOT-SUPPORTED', meaning: 'service request not supported by this emulator yet' },
] as const;

export type ResponseCode = (typeof RESPONSE_CODES)[number]['code'];

/** Only codes starting with I are successes (dcc.md 5.3). */
export function isSuccess(code: ResponseCode): boolean {
  return code.startsWith('I');
}
