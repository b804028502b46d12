import { DeviceContext } from '../device/context';
import { UNIT_WH, UNIT_VARH } from '../dlms/axdr';

// The ESME energy registers readable by DLMS GET (class 3 Register, GBCS 5.5), as data.
// Each row: OBIS as a big-endian u64 of its six bytes, the DLMS unit, and which context field
// holds the value. ECS17a reads 1-0:2.8.0.255 and 1-0:4.8.0.255 (export, GBCS 5.5).

export const REGISTER_CLASS_ID: u32 = 3;
export const REGISTER_ATTR_VALUE: u32 = 2;
export const REGISTER_ATTR_SCALER_UNIT: u32 = 3;

export const FIELD_IMPORT_ACTIVE: u32 = 0;
export const FIELD_EXPORT_ACTIVE: u32 = 1;
export const FIELD_IMPORT_REACTIVE: u32 = 2;
export const FIELD_EXPORT_REACTIVE: u32 = 3;

// obisHigh (first 4 bytes), obisLow (last 2 bytes), unit, field
export const REGISTER_TABLE: StaticArray<u32> = [
  0x01000108, 0x00ff, UNIT_WH, FIELD_IMPORT_ACTIVE, // 1-0:1.8.0.255 active import
  0x01000208, 0x00ff, UNIT_WH, FIELD_EXPORT_ACTIVE, // 1-0:2.8.0.255 active export
  0x01000308, 0x00ff, UNIT_VARH, FIELD_IMPORT_REACTIVE, // 1-0:3.8.0.255 reactive import
  0x01000408, 0x00ff, UNIT_VARH, FIELD_EXPORT_REACTIVE, // 1-0:4.8.0.255 reactive export
];
export const REGISTER_ROW_WORDS: i32 = 4;

/** Row index of an OBIS code in REGISTER_TABLE, or -1. */
export function findRegister(obisHigh: u32, obisLow: u32): i32 {
  const rows = REGISTER_TABLE.length / REGISTER_ROW_WORDS;
  for (let i = 0; i < rows; i++) {
    const r = i * REGISTER_ROW_WORDS;
    if (unchecked(REGISTER_TABLE[r]) == obisHigh && unchecked(REGISTER_TABLE[r + 1]) == obisLow) return i;
  }
  return -1;
}

export function registerUnit(row: i32): u32 {
  return REGISTER_TABLE[row * REGISTER_ROW_WORDS + 2];
}

export function registerValue(d: DeviceContext, row: i32): i64 {
  const field = REGISTER_TABLE[row * REGISTER_ROW_WORDS + 3];
  if (field == FIELD_IMPORT_ACTIVE) return d.importActiveWh;
  if (field == FIELD_EXPORT_ACTIVE) return d.exportActiveWh;
  if (field == FIELD_IMPORT_REACTIVE) return d.importReactiveVarh;
  return d.exportReactiveVarh;
}
