// ESME use cases by GBCS message code (GBCS 3), as data: (message code, handler, header
// date-time in the response per GBCS 1.2). Handlers are numbered; esme/esme.ts switches on them.
export const HANDLER_READ_REGISTERS: u32 = 1;

export const ESME_USE_CASES: StaticArray<u32> = [
  0x0026, HANDLER_READ_REGISTERS, 1, // ECS17a Read ESME Energy Registers (Export Energy)
];
export const USE_CASE_ROW_WORDS: i32 = 3;

/** Row index for a message code, or -1 (use case not supported by this device). */
export function findUseCase(messageCode: u32): i32 {
  for (let i = 0; i < ESME_USE_CASES.length; i += USE_CASE_ROW_WORDS) {
    if (unchecked(ESME_USE_CASES[i]) == messageCode) return i / USE_CASE_ROW_WORDS;
  }
  return -1;
}

export function useCaseHandler(row: i32): u32 {
  return ESME_USE_CASES[row * USE_CASE_ROW_WORDS + 1];
}

export function useCaseDatesResponse(row: i32): bool {
  return ESME_USE_CASES[row * USE_CASE_ROW_WORDS + 2] != 0;
}
