import { loadU16BE, loadU32BE, storeU32BE } from '../bytes';
import { DeviceContext } from '../device/context';
import { ParsedHeader } from '../envelope/header';
import { RESPONSE_CONTENT_BASE, RESPONSE_CONTENT_BYTES } from '../envelope/response';
import {
  APDU_ACCESS_REQUEST, APDU_ACCESS_RESPONSE, ACCESS_GET, AXDR_NULL, AXDR_STRUCTURE, AXDR_DOUBLE_LONG_UNSIGNED,
  AXDR_INTEGER, AXDR_ENUM, RESULT_SUCCESS, RESULT_OBJECT_UNDEFINED, RESULT_OTHER_REASON,
} from '../dlms/axdr';
import {
  findRegister, registerUnit, registerValue, REGISTER_CLASS_ID, REGISTER_ATTR_VALUE, REGISTER_ATTR_SCALER_UNIT,
} from './registers';

// ECS17a Read ESME Energy Registers (Export Energy), and any list of class-3 register GETs:
// a DLMS access-request of GETs (GBCS 5.1) answered by an access-response (GBCS 5.2) with
// break-on-error (devices 1.3). Returns the content length written at RESPONSE_CONTENT_BASE,
// or -1 when the payload is malformed (devices 1.3 cause 8).

const GET_SPEC_BYTES: u32 = 10; // tag, class u16, OBIS 6, attribute
const ITEMS_MAX: u32 = 32; // more GETs than any use case sends; bounds the loop over wire data
const REQUEST_HEADER_BYTES: u32 = 6; // D9, invoke-id 4, empty date-time

export function readRegisters(d: DeviceContext, h: ParsedHeader): i32 {
  const c: usize = h.contentPtr;
  const end: usize = c + h.contentBytes;
  if (h.contentBytes < REQUEST_HEADER_BYTES + 1) return -1;
  if (load<u8>(c) != APDU_ACCESS_REQUEST || load<u8>(c + 5) != 0) return -1;
  const count = <u32>load<u8>(c + REQUEST_HEADER_BYTES);
  if (count == 0 || count > ITEMS_MAX) return -1;
  const specs = c + REQUEST_HEADER_BYTES + 1;
  const dataList = specs + count * GET_SPEC_BYTES;
  if (dataList + 1 + count != end || <u32>load<u8>(dataList) != count) return -1;
  for (let i: u32 = 0; i < count; i++) {
    if (load<u8>(specs + i * GET_SPEC_BYTES) != ACCESS_GET) return -1;
    if (load<u8>(dataList + 1 + i) != AXDR_NULL) return -1;
  }
  // Worst case per item: structure of integer + enum (6 bytes) in data, 2 in results.
  if (<u32>8 + count * 8 > RESPONSE_CONTENT_BYTES) return -1;

  const out: usize = RESPONSE_CONTENT_BASE;
  store<u8>(out, APDU_ACCESS_RESPONSE);
  storeU32BE(out + 1, loadU32BE(c + 1)); // invoke-id echoed
  store<u8>(out + 5, 0); // empty date-time
  store<u8>(out + 6, 0); // access-request-specification absent
  store<u8>(out + 7, <u8>count);
  let p = out + 8;
  // Results follow the data; they are written to a second cursor after the data is known.
  let failed = false;
  const results = RESPONSE_CONTENT_BASE + RESPONSE_CONTENT_BYTES / 2;
  for (let i: u32 = 0; i < count; i++) {
    const spec = specs + i * GET_SPEC_BYTES;
    const classId = loadU16BE(spec + 1);
    const row = findRegister(loadU32BE(spec + 3), loadU16BE(spec + 7));
    const attribute = <u32>load<u8>(spec + 9);
    let result: u8 = RESULT_SUCCESS;
    if (failed) {
      result = RESULT_OTHER_REASON;
    } else if (classId != REGISTER_CLASS_ID || row < 0 ||
      (attribute != REGISTER_ATTR_VALUE && attribute != REGISTER_ATTR_SCALER_UNIT)) {
      result = RESULT_OBJECT_UNDEFINED;
      failed = true;
    }
    if (result != RESULT_SUCCESS) {
      store<u8>(p, AXDR_NULL);
      p += 1;
    } else if (attribute == REGISTER_ATTR_VALUE) {
      store<u8>(p, AXDR_DOUBLE_LONG_UNSIGNED);
      storeU32BE(p + 1, <u32>registerValue(d, row));
      p += 5;
    } else {
      store<u8>(p, AXDR_STRUCTURE);
      store<u8>(p + 1, 2);
      store<u8>(p + 2, AXDR_INTEGER);
      store<u8>(p + 3, 0); // scaler 10^0: registers hold whole Wh / varh
      store<u8>(p + 4, AXDR_ENUM);
      store<u8>(p + 5, <u8>registerUnit(row));
      p += 6;
    }
    store<u8>(results + i * 2, ACCESS_GET);
    store<u8>(results + i * 2 + 1, result);
  }
  store<u8>(p, <u8>count);
  p += 1;
  memory.copy(p, results, count * 2);
  p += count * 2;
  return <i32>(p - out);
}
