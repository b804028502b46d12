// LOCAL inputs of firmware distribution (assembly/device/firmware-input.ts documents the layouts):
// the DCC handing the hub an image, a target asking the hub for a block, a block reaching its
// target, and the end of a target's HAN transfer.

export const FIRMWARE_INPUT = { IMAGE: 64, BLOCK_REQUEST: 65, BLOCK: 66, TRANSFER_RESULT: 67 } as const;
export const TRANSFER_DELIVERED = 0;
export const TRANSFER_FAILED = 1;

function euiBytes(eui: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{16}$/.test(eui)) throw new RangeError(`not an EUI-64: ${eui}`);
  return Uint8Array.from(Buffer.from(eui, 'hex'));
}

/** FIRMWARE_IMAGE (CHF): the image and the devices it is for. */
export function firmwareImageInput(targets: readonly string[], image: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + targets.length * 8 + image.length);
  out[0] = FIRMWARE_INPUT.IMAGE;
  out[1] = targets.length;
  targets.forEach((t, i) => out.set(euiBytes(t), 2 + i * 8));
  out.set(image, 2 + targets.length * 8);
  return out;
}

/** BLOCK_REQUEST (CHF): up to maxBytes of the target's image from offset. */
export function blockRequestInput(target: string, offset: number, maxBytes: number): Uint8Array {
  const out = new Uint8Array(1 + 8 + 4 + 2);
  const view = new DataView(out.buffer);
  out[0] = FIRMWARE_INPUT.BLOCK_REQUEST;
  out.set(euiBytes(target), 1);
  view.setUint32(9, offset, true);
  view.setUint16(13, maxBytes, true);
  return out;
}

/** FIRMWARE_BLOCK (ESME, GSME, PPMID): bytes of the image at offset. */
export function firmwareBlockInput(offset: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + bytes.length);
  out[0] = FIRMWARE_INPUT.BLOCK;
  new DataView(out.buffer).setUint32(1, offset, true);
  out.set(bytes, 5);
  return out;
}

/** TRANSFER_RESULT (CHF): the target's transfer ended. */
export function transferResultInput(target: string, result: typeof TRANSFER_DELIVERED | typeof TRANSFER_FAILED): Uint8Array {
  const out = new Uint8Array(10);
  out[0] = FIRMWARE_INPUT.TRANSFER_RESULT;
  out.set(euiBytes(target), 1);
  out[9] = result;
  return out;
}

/** A block the CHF sent on CHANNEL_HAN: its target and the FIRMWARE_BLOCK input to deliver. */
export function hanBlock(message: Uint8Array): { target: string; input: Uint8Array } | undefined {
  if (message.length < 8 + 5 || message[8] !== FIRMWARE_INPUT.BLOCK) return undefined;
  return { target: Buffer.from(message.subarray(0, 8)).toString('hex').toUpperCase(), input: message.subarray(8) };
}
