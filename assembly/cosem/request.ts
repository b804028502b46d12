import { loadU16BE } from '../bytes';
import { ITEMS_BASE, ITEMS_MAX, ITEM_BYTES, PARSED_BASE, PARSED_BYTES } from '../envelope/scratch';
import { axdrEnd, axdrLength } from '../dlms/axdr-walk';

// Parser of a DLMS access-request (GBCS 5.1) into the item table: one row per request
// specification, joined with its entry of the list-of-data. Nothing is copied; rows point into
// the INBOX. Returns the item count, or -1 when the APDU is malformed (devices 1.3 cause 8).

export const ACCESS_REQUEST_TAG: u8 = 0xd9;
export const SPEC_GET: u8 = 1;
export const SPEC_SET: u8 = 2;
export const SPEC_ACTION: u8 = 3;
export const SPEC_GET_WITH_SELECTION: u8 = 4;
const DESCRIPTOR_BYTES: u32 = 9; // class u16, OBIS 6, attribute/method u8
const DLMS_DATE_TIME_BYTES: u32 = 12;

//   0 kind u8 (SPEC_*) | 1 member u8 | 2 classId u16 | 4 obisPtr u32 | 8 selectorPtr u32 (0 = none)
//  12 selectorEnd u32 | 16 dataPtr u32 | 20 dataEnd u32 | 24 result u8 | 25..31 reserved
@unmanaged
export class RequestItem {
  kind: u8;
  member: u8;
  classId: u16;
  obisPtr: u32;
  selectorPtr: u32;
  selectorEnd: u32;
  dataPtr: u32;
  dataEnd: u32;
  result: u8;
}

if (offsetof<RequestItem>() > ITEM_BYTES) ERROR('RequestItem overflows its row');

// @ts-ignore: decorator
@inline export function requestItem(index: u32): RequestItem {
  return changetype<RequestItem>(ITEMS_BASE + index * ITEM_BYTES);
}

const SIZE_CELL: usize = PARSED_BASE + PARSED_BYTES - 8;

/** Invoke-id (4 bytes after the tag) is echoed by the response; the caller reads it at content + 1. */
export function parseAccessRequest(content: usize, contentBytes: u32): i32 {
  const end = content + contentBytes;
  if (contentBytes < 7 || load<u8>(content) != ACCESS_REQUEST_TAG) return -1;
  let p = content + 5;
  const dateTimeLength = <u32>load<u8>(p);
  if (dateTimeLength != 0 && dateTimeLength != DLMS_DATE_TIME_BYTES) return -1;
  p += 1 + dateTimeLength;
  const count = axdrLength(p, end, SIZE_CELL);
  if (count <= 0 || <u32>count > ITEMS_MAX) return -1;
  p += load<u32>(SIZE_CELL);
  for (let i: u32 = 0; i < <u32>count; i++) {
    if (p + 1 + DESCRIPTOR_BYTES > end) return -1;
    const item = requestItem(i);
    const kind = load<u8>(p);
    if (kind < SPEC_GET || kind > SPEC_GET_WITH_SELECTION) return -1;
    item.kind = kind;
    item.classId = <u16>loadU16BE(p + 1);
    item.obisPtr = <u32>(p + 3);
    item.member = load<u8>(p + 9);
    item.result = 0;
    p += 1 + DESCRIPTOR_BYTES;
    item.selectorPtr = 0;
    item.selectorEnd = 0;
    if (kind == SPEC_GET_WITH_SELECTION) {
      if (p >= end) return -1;
      item.selectorPtr = <u32>p; // access-selector u8, then its parameters as one Data
      const selectorEnd = axdrEnd(p + 1, end, SIZE_CELL);
      if (selectorEnd == 0) return -1;
      item.selectorEnd = <u32>selectorEnd;
      p = selectorEnd;
    }
  }
  const dataCount = axdrLength(p, end, SIZE_CELL);
  if (dataCount != count) return -1;
  p += load<u32>(SIZE_CELL);
  for (let i: u32 = 0; i < <u32>count; i++) {
    const item = requestItem(i);
    const dataEnd = axdrEnd(p, end, SIZE_CELL);
    if (dataEnd == 0) return -1;
    item.dataPtr = <u32>p;
    item.dataEnd = <u32>dataEnd;
    p = dataEnd;
  }
  if (p != end) return -1;
  return count;
}
