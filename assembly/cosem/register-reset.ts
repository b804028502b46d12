import { device } from '../device/context';
import { Status } from '../status';
import { storeDlmsDateTime } from '../time';
import { loadU32BE, loadU16BE } from '../bytes';
import { findValue, storeValue, valueAddress, valueLength } from './store';
import { TAG_OCTET_STRING, DATE_TIME_BYTES, isIntegerTag } from './axdr-tags';
import { RESULT_SUCCESS, RESULT_OTHER_REASON } from './results';

// Register resets (class 3 / class 4 m1; GBCS 5.4): ECS28b load-limit counter, ECS29a/b/f
// voltage event counters, ECS57 maximum demand (devices 2.1, 5.3, 5.4). The value becomes zero
// in its own type (DLMS: "the value is set to the default value"); a class 4 reset also sets
// capture_time (a5) to the device clock, and the MD reset date-time object of that register.

const REGISTER_VALUE: u32 = 2;
const EXTENDED_CAPTURE_TIME: u32 = 5;
const DATA_VALUE: u32 = 2;
const CLASS_DATA: u32 = 1;
const DATE_TIME_VALUE_BYTES: u32 = 2 + DATE_TIME_BYTES; // octet-string tag, length, date-time
const RESET_SCRATCH: usize = memory.data(DATE_TIME_VALUE_BYTES);

// The MD reset date-time objects beside the MD registers (R.4 [A] pairing: ECS18b reads 94.44.5.0
// and 5.1 with 1-0:1.6.0 / 1.6.1, ECS18a reads 94.44.5.2 with 1-0:2.6.0).
const MD_IMPORT: usize = memory.data<u8>([1, 0, 1, 6, 0, 255]);
const MD_IMPORT_CONFIGURABLE: usize = memory.data<u8>([1, 0, 1, 6, 1, 255]);
const MD_EXPORT: usize = memory.data<u8>([1, 0, 2, 6, 0, 255]);
const MD_IMPORT_RESET_TIME: usize = memory.data<u8>([0, 0, 94, 44, 5, 0]);
const MD_IMPORT_CONFIGURABLE_RESET_TIME: usize = memory.data<u8>([0, 0, 94, 44, 5, 1]);
const MD_EXPORT_RESET_TIME: usize = memory.data<u8>([0, 0, 94, 44, 5, 2]);

/** Class 3 m1 reset: a2 becomes zero. A register never written is already zero. */
export function resetRegister(slot: u32, classId: u32, obis: usize): u8 {
  return zeroValue(slot, classId, obis, REGISTER_VALUE) ? RESULT_SUCCESS : RESULT_OTHER_REASON;
}

/** Class 4 m1 reset: a2 zero, a5 and the register's MD reset date-time = the device clock. */
export function resetExtendedRegister(slot: u32, classId: u32, obis: usize): u8 {
  if (!zeroValue(slot, classId, obis, REGISTER_VALUE)) return RESULT_OTHER_REASON;
  const clockS = device(slot).clockS;
  if (!storeClock(slot, classId, obis, EXTENDED_CAPTURE_TIME, clockS)) return RESULT_OTHER_REASON;
  const resetTime = resetTimeObject(obis);
  if (resetTime != 0 && !storeClock(slot, CLASS_DATA, resetTime, DATA_VALUE, clockS)) return RESULT_OTHER_REASON;
  return RESULT_SUCCESS;
}

function resetTimeObject(obis: usize): usize {
  if (sameObis(obis, MD_IMPORT)) return MD_IMPORT_RESET_TIME;
  if (sameObis(obis, MD_IMPORT_CONFIGURABLE)) return MD_IMPORT_CONFIGURABLE_RESET_TIME;
  if (sameObis(obis, MD_EXPORT)) return MD_EXPORT_RESET_TIME;
  return 0;
}

function sameObis(a: usize, b: usize): bool {
  return loadU32BE(a) == loadU32BE(b) && loadU16BE(a + 4) == loadU16BE(b + 4);
}

/** Zeroes the stored numeric value in place, keeping its tag; false when it is not a number. */
function zeroValue(slot: u32, classId: u32, obis: usize, member: u32): bool {
  const entry = findValue(slot, classId, obis, member);
  if (entry == 0) return true;
  const length = valueLength(entry);
  if (length < 2 || !isIntegerTag(load<u8>(valueAddress(entry)))) return false;
  memory.fill(valueAddress(entry) + 1, 0, length - 1);
  return true;
}

/** Writes the clock as a date-time octet-string (the form of the reference capture times, R.4). */
function storeClock(slot: u32, classId: u32, obis: usize, member: u32, clockS: i64): bool {
  store<u8>(RESET_SCRATCH, TAG_OCTET_STRING);
  store<u8>(RESET_SCRATCH + 1, <u8>DATE_TIME_BYTES);
  storeDlmsDateTime(RESET_SCRATCH + 2, clockS);
  return storeValue(slot, classId, obis, member, RESET_SCRATCH, DATE_TIME_VALUE_BYTES) == Status.OK;
}
