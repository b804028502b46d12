import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { receiveImageBlock } from './firmware-image';
import { storeImage, serveBlock, transferResult } from '../chf/firmware-store';

// LOCAL inputs of firmware distribution (devices 9; host/firmware-inputs.ts encodes them):
//  64 FIRMWARE_IMAGE    the DCC hands the CHF an image and its targets (chf/firmware-store.ts)
//  65 BLOCK_REQUEST     a target asks the CHF for its next block (chf/firmware-store.ts)
//  66 FIRMWARE_BLOCK    offset u32 LE | bytes: a block reaches the target (device/firmware-image.ts)
//  67 TRANSFER_RESULT   the HAN transfer to a target ended (chf/firmware-store.ts: CCS08)

export const LOCAL_FIRMWARE_FIRST: u8 = 64;
export const LOCAL_FIRMWARE_IMAGE: u8 = 64;
export const LOCAL_BLOCK_REQUEST: u8 = 65;
export const LOCAL_FIRMWARE_BLOCK: u8 = 66;
export const LOCAL_TRANSFER_RESULT: u8 = 67;
export const LOCAL_FIRMWARE_LAST: u8 = 67;

export function firmwareLocalInput(slot: u32, kind: u8, length: u32): Status {
  const input = INBOX_BASE + 1;
  const bytes = length - 1;
  if (kind == LOCAL_FIRMWARE_IMAGE) return storeImage(slot, input, bytes);
  if (kind == LOCAL_BLOCK_REQUEST) return serveBlock(slot, input, bytes);
  if (kind == LOCAL_FIRMWARE_BLOCK) return receiveImageBlock(slot, input, bytes);
  if (kind == LOCAL_TRANSFER_RESULT) return transferResult(slot, input, bytes);
  return Status.BAD_INPUT;
}
