import { ESME_USE_CASE_TABLE, USE_CASE_ROW_WORDS } from '../generated/esme-use-cases';

// ESME use cases by GBCS message code (generated from gbcs/tables/message-codes.ts).

/** Row index for a message code, or -1 (use case not supported by this device). */
export function findUseCase(messageCode: u32): i32 {
  for (let i = 0; i < ESME_USE_CASE_TABLE.length; i += USE_CASE_ROW_WORDS) {
    if (unchecked(ESME_USE_CASE_TABLE[i]) == messageCode) return i / USE_CASE_ROW_WORDS;
  }
  return -1;
}

export function useCaseFlags(row: i32): u32 {
  return ESME_USE_CASE_TABLE[row * USE_CASE_ROW_WORDS + 1];
}
