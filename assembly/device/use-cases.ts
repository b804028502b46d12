import {
  USE_CASE_TABLE, USE_CASE_ROW_WORDS, USE_CASE_PAYLOAD_SHIFT,
} from '../generated/use-cases';

// Use cases by GBCS message code (GBCS 3), generated from gbcs/tables/message-codes.ts: whether
// critical, whether the response carries the device clock, the payload kind, and which device
// types receive them.

/** Row index of a message code this device type receives, or -1 (devices 1.3 cause 9). */
export function findUseCase(messageCode: u32, deviceType: u32): i32 {
  const bit: u32 = 1 << deviceType;
  for (let i = 0; i < USE_CASE_TABLE.length; i += USE_CASE_ROW_WORDS) {
    if (unchecked(USE_CASE_TABLE[i]) == messageCode && (unchecked(USE_CASE_TABLE[i + 2]) & bit) != 0) return i / USE_CASE_ROW_WORDS;
  }
  return -1;
}

export function useCaseFlags(row: i32): u32 {
  return USE_CASE_TABLE[row * USE_CASE_ROW_WORDS + 1];
}

export function useCasePayload(row: i32): u32 {
  return (useCaseFlags(row) >> USE_CASE_PAYLOAD_SHIFT) & 3;
}
