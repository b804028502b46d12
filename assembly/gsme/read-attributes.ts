import { valueAddress, valueLength } from '../cosem/store';
import { findAttribute } from '../gbz/attributes';
import { GbzComponent } from '../gbz/request';
import { gbzRoom, gbzPutU16LE, gbzPutU8, gbzPutBytes, ZCL_READ_ATTRIBUTES_RESPONSE, ZCL_SUCCESS, ZCL_UNSUPPORTED_ATTRIBUTE } from '../gbz/response';
import { READ_RESPONSE_FC_TABLE } from '../generated/gsme-commands';
import { beginAnswer, endAnswer, gbzRun } from './run';
import { attributeRefusal } from './refusals';

// Read Attributes (ZCL general 00; GBCS 6.2): attribute ids u16 LE; the answer is one Read
// Attributes Response record per id: id u16 LE, status, then type + value only when the status is
// SUCCESS. A refused attribute gets its refusal status and the other records are still returned
// (devices 6.4), the component then counting as failed. An attribute the device does not hold is
// UNSUPPORTED_ATTRIBUTE [standard ZCL], which does not fail the component.

const READ_RESPONSE_FC: u32 = 0x08;
const ATTRIBUTE_IDS_MAX: u32 = 64; // the reference reads list at most 12

function readResponseFrameControl(messageCode: u32): u32 {
  for (let i = 0; i < READ_RESPONSE_FC_TABLE.length; i++) {
    const row = unchecked(READ_RESPONSE_FC_TABLE[i]);
    if (row >> 8 == messageCode) return row & 0xff;
  }
  return READ_RESPONSE_FC;
}

/** Returns the component status: SUCCESS, a refusal status, or 0x80 (malformed) / 0x89 (no room) before anything is written. */
export function readAttributes(slot: u32, c: GbzComponent): u8 {
  const payload = <usize>c.payloadPtr;
  const bytes = c.payloadEnd - c.payloadPtr;
  if (bytes == 0 || (bytes & 1) != 0 || bytes / 2 > ATTRIBUTE_IDS_MAX) return 0x80;
  const run = gbzRun();
  if (!beginAnswer(c, readResponseFrameControl(run.messageCode), ZCL_READ_ATTRIBUTES_RESPONSE)) return 0x89;
  let status: u8 = ZCL_SUCCESS;
  for (let p = payload; p < <usize>c.payloadEnd; p += 2) {
    const attributeId = <u32>load<u16>(p);
    const refusal = attributeRefusal(slot, run.messageCode, run.index, <u32>c.clusterId, attributeId);
    const entry = refusal == ZCL_SUCCESS ? findAttribute(slot, <u32>c.clusterId, attributeId) : 0;
    const valueBytes = entry != 0 ? valueLength(entry) : 0;
    if (!gbzRoom(3 + valueBytes)) return 0x89;
    gbzPutU16LE(attributeId);
    if (refusal != ZCL_SUCCESS) {
      gbzPutU8(refusal);
      if (status == ZCL_SUCCESS) status = refusal;
    } else if (entry == 0) {
      gbzPutU8(ZCL_UNSUPPORTED_ATTRIBUTE);
    } else {
      gbzPutU8(ZCL_SUCCESS);
      gbzPutBytes(valueAddress(entry), valueBytes);
    }
  }
  if (!endAnswer()) return 0x89;
  return status;
}
