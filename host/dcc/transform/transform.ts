import { encodeEnvelope } from '../../../gbcs/envelope.js';
import { buildCommand, envelopeFromParts } from '../../../gbcs/message-build.js';
import type { KeyUsageSlot } from '../../../gbcs/keys/keystore.js';
import type { SecurityContext } from '../../../gbcs/security.js';
import { messageCodeRow, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { euiFromDuis } from '../duis/request.js';
import type { DuisRequest } from '../duis/request.js';
import { srvRow, type UserRole } from '../tables/srv-catalogue.js';
import type { DeviceRecord } from '../inventory.js';
import type { DeviceTypeLookup, EncoderRow, HanDevicesLookup } from './types.js';

// Transformation (dcc.md 1, 5.1, 6): a Service Request becomes the GBCS command for its Business
// Target. Non-critical commands are MACed under the DCC access control broker's key (GBCS 4.1);
// critical ones become a PRECOMMAND (the unsigned general-signing APDU, GBCS 4.4) that goes back
// to the User to correlate and sign. The use case is chosen by SRV, the target's device type and
// the request body (encoder rows); a request no row serves is 'not-supported'.

export type TransformOutcome =
  | { kind: 'command'; useCase: string; messageCode: number; bytes: Uint8Array; deviceDated?: boolean }
  | { kind: 'precommand'; useCase: string; messageCode: number; bytes: Uint8Array }
  | { kind: 'not-supported'; reason: string };

export interface TransformContext {
  security: SecurityContext;
  encoders: readonly EncoderRow[];
  deviceType: DeviceType;
  role: UserRole | undefined;
  nowMs: number;
  deviceTypeOf: DeviceTypeLookup;
  /** The Business Target's SMI record: its variant picks between sibling use cases. */
  target?: DeviceRecord;
  hanDevicesOf?: HanDevicesLookup;
}

/** The encoder rows that serve a request, in table order (first wins). */
export function encoderFor(encoders: readonly EncoderRow[], request: DuisRequest, deviceType: DeviceType, role: UserRole | undefined, deviceTypeOf: DeviceTypeLookup, target?: DeviceRecord): EncoderRow | undefined {
  return encoders.find((row) => row.srv === request.srv && row.deviceTypes.includes(deviceType) && (role === undefined || !row.roles || row.roles.includes(role)) && (row.matches?.(request, deviceTypeOf, target) ?? true));
}

export function transform(request: DuisRequest, ctx: TransformContext): TransformOutcome {
  const row = encoderFor(ctx.encoders, request, ctx.deviceType, ctx.role, ctx.deviceTypeOf, ctx.target);
  if (!row) return { kind: 'not-supported', reason: `SRV ${request.srv} to a ${ctx.deviceType} is not implemented by the transformer` };
  const counter = request.requestId.counter;
  // The DCC's key store holds the certificates of devices and parties (a KeyLookup carries their DER).
  const certificateOf = (eui: string, usage: KeyUsageSlot): Uint8Array | undefined => {
    const held = ctx.security.keystore.certificate(eui, usage);
    return held && 'der' in held && held.der instanceof Uint8Array ? held.der : undefined;
  };
  const out = row.encode({ request, counter, nowMs: ctx.nowMs, deviceTypeOf: ctx.deviceTypeOf, certificateOf, ...(ctx.target ? { target: ctx.target } : {}), ...(ctx.hanDevicesOf ? { hanDevicesOf: ctx.hanDevicesOf } : {}) });
  const { messageCode, content } = out;
  const code = messageCodeRow(messageCode);
  const user = euiFromDuis(request.requestId.originator);
  const parts = {
    originator: out.originator ?? user, recipient: euiFromDuis(request.requestId.target), counter, messageCode, content,
    ...(out.supplementaryRemoteParty ? { supplementaryRemotePartyId: user, supplementaryRemotePartyCounter: counter } : {}),
  };
  // dcc.md 4: criticality follows the CV permitted for the SRV, not the use case (8.7.2 / 8.8.2 send
  // the critical-in-GBCS CS03A2 / CS04AC as CV 1); a variant use case says so itself (CS02e).
  const userSigns = out.signedBy === 'user' || (out.signedBy === undefined && code?.critical && !code.unsignedCommand && srvRow(request.srv)?.crit === 'C');
  if (userSigns) {
    const envelope = { ...envelopeFromParts(parts, 'general-signing'), messageType: 'precommand' as const };
    return { kind: 'precommand', useCase: row.useCase, messageCode, bytes: encodeEnvelope(envelope) };
  }
  const built = buildCommand(parts, { security: ctx.security, sign: out.signedBy === 'dcc' });
  return { kind: 'command', useCase: row.useCase, messageCode, bytes: built.bytes, ...(out.deviceDated ? { deviceDated: true } : {}) };
}
