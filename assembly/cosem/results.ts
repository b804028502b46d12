// DLMS data-access-result / action-result codes (GBCS 5.2).
export const RESULT_SUCCESS: u8 = 0;
export const RESULT_HARDWARE_FAULT: u8 = 1;
export const RESULT_READ_WRITE_DENIED: u8 = 3;
export const RESULT_OBJECT_UNDEFINED: u8 = 4;
export const RESULT_OBJECT_UNAVAILABLE: u8 = 11;
export const RESULT_TYPE_UNMATCHED: u8 = 12;
export const RESULT_OTHER_REASON: u8 = 250;
