import { loadU16BE, loadU32BE } from '../bytes';
import { ITEMS_BASE, ITEMS_MAX, ITEM_BYTES } from '../envelope/scratch';

// The components of a GBZ command (GBCS 6.1), parsed whole before any runs so a malformed
// payload changes nothing (devices 1.3 cause 8):
//   01 09 | N | N x { control, cluster u16 BE, length u16 BE, [from-date-time u32 BE],
//                     ZCL frame control, sequence number, command id, ZCL payload (LE) }
// Commands are never encrypted (GBCS 4.5 encrypts answers only) nor manufacturer-specific; both
// are refused. Components are kept in the ITEMS scratch table (free while a GBZ command runs).

export const GBZ_PROFILE_ID: u32 = 0x0109;
export const GBZ_CONTROL_LAST: u8 = 0x01;
export const GBZ_CONTROL_ENCRYPTED: u8 = 0x02;
export const GBZ_CONTROL_FROM_DATE_TIME: u8 = 0x10;
const ZCL_MANUFACTURER_SPECIFIC: u8 = 0x04;
export const ZCL_FRAME_TYPE_MASK: u8 = 0x03;
export const ZCL_FRAME_CLUSTER_SPECIFIC: u8 = 0x01;
export const ZCL_DIRECTION_SERVER_TO_CLIENT: u8 = 0x08;
/** GBZ_COMPONENTS_MAX of gbcs/payload/gbz.ts: a month of daily snapshots plus headroom (RTDS max 31). */
export const GBZ_COMPONENTS_MAX: u32 = 64;
const COMPONENT_HEADER_BYTES: u32 = 5;
const ZCL_HEADER_BYTES: u32 = 3;
const FROM_DATE_TIME_BYTES: u32 = 4;

if (GBZ_COMPONENTS_MAX > ITEMS_MAX) ERROR('GBZ components do not fit the item table');

//   0 control u8 | 1 frameControl u8 | 2 sequence u8 | 3 commandId u8 | 4 clusterId u16 | 6 hasFrom u8 | 7 status u8
//   8 fromDateTime u32 (seconds since 2000) | 12 payloadPtr u32 | 16 payloadEnd u32
@unmanaged
export class GbzComponent {
  control: u8;
  frameControl: u8;
  sequence: u8;
  commandId: u8;
  clusterId: u16;
  hasFrom: u8;
  status: u8; // the ZCL status the server gave it
  fromDateTime: u32;
  payloadPtr: u32;
  payloadEnd: u32;
}

if (offsetof<GbzComponent>() > ITEM_BYTES) ERROR('GbzComponent overflows an item');

// @ts-ignore: decorator
@inline export function gbzComponent(index: u32): GbzComponent {
  return changetype<GbzComponent>(ITEMS_BASE + index * ITEM_BYTES);
}

/** Whether the component is a server-to-client (Publish…) command. */
// @ts-ignore: decorator
@inline export function isServerToClient(c: GbzComponent): bool {
  return (c.frameControl & ZCL_DIRECTION_SERVER_TO_CLIENT) != 0;
}

/** Parses the GBZ command content [ptr, ptr + length); returns the component count or -1. */
export function parseGbzCommand(ptr: usize, length: u32): i32 {
  if (length < 3 || loadU16BE(ptr) != GBZ_PROFILE_ID) return -1;
  const count = <u32>load<u8>(ptr + 2);
  if (count == 0 || count > GBZ_COMPONENTS_MAX) return -1;
  const end = ptr + length;
  let p = ptr + 3;
  for (let i: u32 = 0; i < count; i++) {
    if (p + COMPONENT_HEADER_BYTES > end) return -1;
    const control = load<u8>(p);
    const componentEnd = p + COMPONENT_HEADER_BYTES + loadU16BE(p + 3);
    if (componentEnd > end) return -1;
    if ((control & GBZ_CONTROL_ENCRYPTED) != 0) return -1;
    // The last-component bit marks the last component and only it (GBCS 14 trap 10).
    if (((control & GBZ_CONTROL_LAST) != 0) != (i + 1 == count)) return -1;
    const c = gbzComponent(i);
    c.control = control;
    c.clusterId = <u16>loadU16BE(p + 1);
    let q = p + COMPONENT_HEADER_BYTES;
    c.hasFrom = 0;
    c.fromDateTime = 0;
    if ((control & GBZ_CONTROL_FROM_DATE_TIME) != 0) {
      if (q + FROM_DATE_TIME_BYTES > componentEnd) return -1;
      c.hasFrom = 1;
      c.fromDateTime = loadU32BE(q);
      q += FROM_DATE_TIME_BYTES;
    }
    if (q + ZCL_HEADER_BYTES > componentEnd) return -1;
    c.frameControl = load<u8>(q);
    if ((c.frameControl & ZCL_MANUFACTURER_SPECIFIC) != 0) return -1;
    c.sequence = load<u8>(q + 1);
    c.commandId = load<u8>(q + 2);
    c.payloadPtr = <u32>(q + ZCL_HEADER_BYTES);
    c.payloadEnd = <u32>componentEnd;
    c.status = 0;
    p = componentEnd;
  }
  return p == end ? <i32>count : -1;
}
