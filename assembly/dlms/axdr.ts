// A-XDR data tags (GBCS 5.3) and DLMS result codes (GBCS 5.2), the ones the firmware writes.
export const AXDR_NULL: u8 = 0x00;
export const AXDR_STRUCTURE: u8 = 0x02;
export const AXDR_DOUBLE_LONG_UNSIGNED: u8 = 0x06;
export const AXDR_INTEGER: u8 = 0x0f;
export const AXDR_ENUM: u8 = 0x16;

export const APDU_ACCESS_REQUEST: u8 = 0xd9;
export const APDU_ACCESS_RESPONSE: u8 = 0xda;
export const ACCESS_GET: u8 = 0x01;

export const RESULT_SUCCESS: u8 = 0;
export const RESULT_OBJECT_UNDEFINED: u8 = 4;
export const RESULT_OTHER_REASON: u8 = 250;

/** DLMS units (IEC 62056-62) used by the registers. */
export const UNIT_WH: u8 = 30;
export const UNIT_VARH: u8 = 32;
