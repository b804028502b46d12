import { encodeEnvelope, parseEnvelope, type GbcsEnvelope } from '../../gbcs/envelope.js';
import { EmulatorError } from '../../gbcs/errors.js';
import { protectAndEncode } from '../../gbcs/message.js';
import { verifySignature } from '../../gbcs/security.js';
import type { DuisRequest } from './duis/request.js';
import type { DccService, SyncReply } from './service.js';
import { childByLocalName, textOf } from './xml/xml-tree.js';

// CV 5/6/7: the User's Signed Pre-Command (dcc.md 6 steps 5-6). It must be the held pre-command
// of the same RequestID and SRV, byte for byte once its signature is taken off, and its GBCS
// signature must verify with the User's DS key; then the DCC MACs it as the access control
// broker (GBCS 4.1) and sends it (CV 5, 7) or returns it for local delivery (CV 6). Any failure
// answers EX-PRECOMMAND-MISMATCH and keeps the pre-command held (the User may retry).

/** The signed pre-command bytes of a CV 5-7 body, undefined when absent or not base64. */
export function signedPreCommandBytes(request: DuisRequest): Uint8Array | undefined {
  const payload = childByLocalName(request.body, 'GBCSPayload');
  if (!payload) return undefined;
  const text = textOf(payload).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function parseSigned(bytes: Uint8Array): GbcsEnvelope | undefined {
  try {
    const env = parseEnvelope(bytes);
    return env.kind === 'general-signing' && env.signature !== undefined ? env : undefined;
  } catch (error) {
    if (error instanceof EmulatorError) return undefined;
    throw error;
  }
}

export function handleSignedPreCommand(service: DccService, request: DuisRequest, nowMs: number): SyncReply {
  const id = request.requestId.text;
  const held = service.state.preCommands.get(id);
  const bytes = signedPreCommandBytes(request);
  const env = bytes ? parseSigned(bytes) : undefined;
  if (!held || !env || held.srv !== request.srv) return service.reply(id, 'EX-PRECOMMAND-MISMATCH');
  const unsigned = encodeEnvelope({ ...env, messageType: 'precommand', signature: undefined, wire: undefined });
  if (Buffer.from(unsigned).toString('hex') !== held.preCommandHex) return service.reply(id, 'EX-PRECOMMAND-MISMATCH');
  try {
    verifySignature(env, service.security);
  } catch (error) {
    if (error instanceof EmulatorError) return service.reply(id, 'EX-PRECOMMAND-MISMATCH');
    throw error;
  }
  service.state.preCommands.delete(id);
  const command = protectAndEncode({ ...env, kind: 'general-ciphering', messageType: 'command', wire: undefined }, { security: service.security });
  service.sendToDevice(request, command, nowMs, request.cv !== 6);
  if (request.cv === 6) return service.reply(id, 'I0', { kind: 'gbcs', srv: request.srv, payload: command });
  return service.reply(id, 'I99');
}
