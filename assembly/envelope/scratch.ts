import { WORK_BASE, WORK_BYTES } from '../layout';

// Sub-regions of WORK: the parsed header of the message being processed, the MAC input
// (AAD prefix + APDU) and the response under construction. Each call uses them from scratch.
export const PARSED_BASE: u32 = WORK_BASE;
export const PARSED_BYTES: u32 = 256;
// Parsed access-request items (cosem/request.ts): ITEMS_MAX x ITEM_BYTES.
export const ITEMS_BASE: u32 = PARSED_BASE + PARSED_BYTES;
export const ITEMS_MAX: u32 = 64; // the largest reference command has 21 items (ECS01a)
export const ITEM_BYTES: u32 = 32;
export const MAC_INPUT_BASE: u32 = ITEMS_BASE + ITEMS_MAX * ITEM_BYTES;
export const MAC_INPUT_BYTES: u32 = 24 * 1024;
export const BUILD_BASE: u32 = MAC_INPUT_BASE + MAC_INPUT_BYTES;
export const BUILD_BYTES: u32 = WORK_BYTES - PARSED_BYTES - ITEMS_MAX * ITEM_BYTES - MAC_INPUT_BYTES;

if (BUILD_BYTES < 16 * 1024) ERROR('WORK too small for a response');
