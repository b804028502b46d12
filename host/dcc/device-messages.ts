import { parseEnvelope } from '../../gbcs/envelope.js';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import { EmulatorError } from '../../gbcs/errors.js';
import { euiToDuis } from './duis/request.js';
import { isRegistered } from './registration.js';
import type { DccService } from './service.js';
import { pendingKey } from './state.js';
import { queueDccAlert } from './anomaly/anomaly-service.js';
import { applyCredentialTransition } from './credential-transitions.js';

/** dcc.md 7.3: result of an SR 8.11 HAN device log update. */
export const DCC_ALERT_HAN_LOG = 'N24';

// Device responses and alerts coming back from the WAN (dcc.md 5.4, 7.1): a response is matched
// to its pending request by (device, originator counter) and goes to the requesting User as an
// I0 Service Response; an alert goes to the device's registered supplier(s). Anything unmatched
// or undecodable is logged as an orphan.

/** Depth of the decoded payload searched for the alert code. */
const ALERT_SEARCH_DEPTH_MAX = 6;

function findAlertCode(value: unknown, depth: number): number | undefined {
  if (depth > ALERT_SEARCH_DEPTH_MAX || value === null || typeof value !== 'object' || value instanceof Uint8Array) return undefined;
  const code = (value as { alertCode?: unknown }).alertCode;
  if (typeof code === 'number') return code;
  for (const child of Object.values(value)) {
    const found = findAlertCode(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The GBCS alert code (e.g. 0x8F36) inside an alert's payload (DLMS, GBZ or ASN.1), undefined when not found. */
export function alertCodeOf(bytes: Uint8Array): number | undefined {
  try {
    return findAlertCode(decodeFullMessage(bytes).payload, 0);
  } catch (error) {
    if (error instanceof EmulatorError) return undefined;
    throw error;
  }
}

export function handleDeviceMessage(service: DccService, bytes: Uint8Array, nowMs: number): void {
  const state = service.state;
  let env;
  try {
    env = parseEnvelope(bytes);
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
    state.log({ kind: 'RESPONSE', tMs: nowMs, detail: `orphan: undecodable (${error.message})` });
    return;
  }
  const deviceId = euiToDuis(env.originator);
  if (env.cra === 2) {
    const key = pendingKey(deviceId, env.transactionId.toString());
    const pending = state.pending.get(key);
    if (!pending) {
      state.log({ kind: 'RESPONSE', tMs: nowMs, deviceId, detail: 'orphan: no pending request' });
      return;
    }
    state.pending.delete(key);
    // dcc.md 9.3: a successful 8.1.1 clock synchronisation commissions the device; credential
    // updates withdraw (8.5) or recommission (6.15.1, 6.21) it.
    const target = state.devices.get(deviceId);
    if (pending.srv === '8.1.1' && target && (target.status === 'InstalledNotCommissioned' || target.status === 'Whitelisted')) {
      target.status = 'Commissioned';
      target.statusChangedAtMs = nowMs;
    }
    applyCredentialTransition(pending.srv, target, env, service.security, nowMs);
    service.queue({ userId: pending.userId, requestId: pending.requestId, xml: service.responseXml(pending.requestId, 'I0', { kind: 'gbcs', srv: pending.srv, payload: bytes }) });
    // dcc.md 9.3, 7.3: the CHF confirmed the whitelist update: the device is Whitelisted, N24 to the requester.
    const added = pending.subjectDeviceId === undefined ? undefined : state.devices.get(pending.subjectDeviceId);
    if (added && added.status === 'Pending') {
      added.status = 'Whitelisted';
      added.statusChangedAtMs = nowMs;
      queueDccAlert(service, pending.userId, service.config.dccAlertCodes[DCC_ALERT_HAN_LOG] ?? DCC_ALERT_HAN_LOG, `UpdateHANDeviceLogResult: ${added.deviceId} added`, pending.requestId, added.deviceId);
    }
    state.log({ kind: 'RESPONSE', tMs: nowMs, requestId: pending.requestId, userId: pending.userId, srv: pending.srv, deviceId, responseCode: 'I0' });
    return;
  }
  // An alert: to the registered suppliers of the device's MPxN(s) at receipt (dcc.md 7.1 [A]).
  const device = state.devices.get(deviceId);
  const recipients = new Set<string>();
  for (const mpxn of device?.mpxns ?? []) {
    for (const r of state.registrations) {
      if (r.mpxn === mpxn && (r.role === 'IS' || r.role === 'GS') && isRegistered(state.registrations, r.userId, r.role, mpxn, nowMs)) recipients.add(r.userId);
    }
  }
  if (recipients.size === 0) state.log({ kind: 'DEVICE_ALERT', tMs: nowMs, deviceId, detail: 'orphan: no registered recipient' });
  for (const userId of recipients) {
    const alertId = `${deviceId}:${userId}:${state.nextAlertCounter(userId)}`;
    const alertCode = alertCodeOf(bytes) ?? env.otherInfo.messageCode;
    service.queue({ userId, requestId: alertId, xml: service.responseXml(alertId, 'I0', { kind: 'device-alert', alertCode, payload: bytes }) });
    state.log({ kind: 'DEVICE_ALERT', tMs: nowMs, requestId: alertId, userId, deviceId, responseCode: 'I0' });
  }
}
