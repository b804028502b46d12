// The payload codecs (gbcs/payload/, GBCS 5-7) plugged into the message layer: decodeMessage with
// PAYLOAD_CODEC gives envelope + use case + decoded payload + security + decrypted blocks.
// Kept apart from message.ts so the envelope layer stays usable without the payload codecs.

import { decodePayload, encodePayload, type DecodedPayload } from './payload/index.js';
import { decodeMessage, encodeMessage, type DecodedMessage, type EncodeOptions, type MessageOptions, type PayloadCodec } from './message.js';

export const PAYLOAD_CODEC: PayloadCodec<DecodedPayload> = { decodePayload, encodePayload };

/** decodeMessage with the project's payload codecs. */
export function decodeFullMessage(bytes: Uint8Array, opts: Omit<MessageOptions<DecodedPayload>, 'payloadCodec'> = {}): DecodedMessage<DecodedPayload> {
  return decodeMessage(bytes, { ...opts, payloadCodec: PAYLOAD_CODEC });
}

/** encodeMessage re-encoding the decoded payload (not the raw content bytes). */
export function encodeFullMessage(decoded: DecodedMessage<DecodedPayload>, opts: Omit<EncodeOptions<DecodedPayload>, 'payloadCodec'> = {}): Uint8Array {
  return encodeMessage(decoded, { ...opts, payloadCodec: PAYLOAD_CODEC });
}
