import type { DuisRequest } from '../duis/request.js';
import { euiFromDuis, parseDuisRequest } from '../duis/request.js';
import type { DccService, SyncReply } from '../service.js';
import type { UserRole } from '../tables/srv-catalogue.js';
import { countRequest, QUARANTINE_LIFETIME_MS, QUARANTINES_MAX, type Quarantine } from './detector.js';
import { derSignatureToRaw } from './der-signature.js';
import { parseThresholdCsv, type LineError } from './thresholds-csv.js';
import type { DeviceType } from '../../../gbcs/tables/message-codes.js';

// Anomaly detection in the service (dcc.md 2.4 step 15, 11.2): threshold file submission, the
// count-and-quarantine check on every counted request (CV 1, 2, 3, 5, 6, 7, 8; CV 4 is not
// counted), the DCC-ANOMALY alert, and release / delete / expiry of quarantined requests.

export const DCC_ALERT_ANOMALY = 'DCC-ANOMALY';
const COUNTED_CVS: readonly number[] = [1, 2, 3, 5, 6, 7, 8];

export type ThresholdSubmission = { httpStatus: 200; accepted: number } | { httpStatus: 400; errors: LineError[] };

/** POST /api/v1/anomaly-thresholds: verifies the DER signature over the exact bytes with the submitter's DS key. */
export function submitThresholds(service: DccService, file: Uint8Array, signatureBase64: string, submitterId?: string): ThresholdSubmission {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file);
  const firstData = text.split(/\r?\n/)[1]?.split(',')[0];
  const userId = submitterId ?? firstData ?? '';
  const user = service.state.users.get(userId);
  const signer = user ? service.signers.byEui(euiFromDuis(userId)) : undefined;
  const raw = derSignatureToRaw(new Uint8Array(Buffer.from(signatureBase64.trim(), 'base64')));
  if (!user || !signer || !raw || !service.options.provider.ecdsaVerify(signer.publicKey, file, raw)) {
    return { httpStatus: 400, errors: [{ line: 0, reason: 'signature does not verify with the submitter\'s DS certificate' }] };
  }
  const parsed = parseThresholdCsv(text, { submitter: { userId, roles: user.roles } });
  if (!parsed.ok) return { httpStatus: 400, errors: parsed.errors };
  service.state.thresholds = [...service.state.thresholds.filter((r) => r.userId !== userId), ...parsed.rows];
  return { httpStatus: 200, accepted: parsed.rows.length };
}

/** Queues a DCC alert (dcc.md 5.2) to a User. */
export function queueDccAlert(service: DccService, userId: string, code: string, detail: string, relatedRequestId?: string, deviceId?: string): void {
  const alertId = `${service.config.dccId}:${userId}:${service.state.nextAlertCounter(userId)}`;
  const body = { kind: 'dcc-alert' as const, dccAlertCode: code, detail, ...(relatedRequestId ? { relatedRequestId } : {}), ...(deviceId ? { deviceId } : {}) };
  service.queue({ userId, requestId: alertId, xml: service.responseXml(alertId, 'I0', body) });
  service.state.log({ kind: 'DCC_ALERT', tMs: service.now(), requestId: alertId, userId, responseCode: code, detail });
}

/** Step 15: counts the request; when a threshold is breached, quarantines it and answers I99. */
export function checkAnomaly(service: DccService, request: DuisRequest, role: UserRole | undefined, deviceType: DeviceType | undefined, xml: string, nowMs: number): SyncReply | undefined {
  if (!COUNTED_CVS.includes(request.cv) || role === undefined) return undefined;
  const state = service.state;
  const breach = countRequest(state.anomalyCounts, state.thresholds, state.dccThresholds, { userId: request.requestId.originator, role, srv: request.srv, nowMs });
  if (!breach) return undefined;
  const quarantineId = `q-${String(++state.quarantineSequence).padStart(6, '0')}`;
  const q: Quarantine = {
    quarantineId, requestId: request.requestId.text, userId: request.requestId.originator, role, srv: request.srv, cv: request.cv, xml, detectMs: nowMs, notifyMs: nowMs, status: 'held',
    ...(deviceType ? { deviceType } : {}),
  };
  if (state.quarantines.size >= QUARANTINES_MAX) {
    const resolved = [...state.quarantines.values()].find((x) => x.status !== 'held');
    if (resolved) state.quarantines.delete(resolved.quarantineId);
  }
  state.quarantines.set(quarantineId, q);
  service.acceptCounter(request);
  const window = `${new Date(breach.windowStartMs).toISOString().replace('.000Z', 'Z')}/${breach.row.periodMinutes}`;
  const detail = `quarantineId=${quarantineId}; srv=${request.srv}; window=${window}; count=${breach.count}; maxCount=${breach.row.maxCount}`;
  queueDccAlert(service, q.userId, service.config.dccAlertCodes[DCC_ALERT_ANOMALY] ?? DCC_ALERT_ANOMALY, detail, q.requestId, request.cv === 8 ? undefined : request.requestId.target);
  state.log({ kind: 'REQUEST', tMs: nowMs, requestId: q.requestId, userId: q.userId, srv: q.srv, cv: q.cv, responseCode: 'I99', detail: `QUARANTINE ${quarantineId}` });
  return service.reply(q.requestId, 'I99');
}

export type ResolveResult = 'released' | 'deleted' | 'unknown' | 'not-held';

/** POST /api/v1/anomaly/{id}/release|delete (dcc.md 11.2). Only the quarantined request's User may resolve it. */
export function resolveQuarantine(service: DccService, quarantineId: string, action: 'release' | 'delete', userId?: string): ResolveResult {
  const q = service.state.quarantines.get(quarantineId);
  if (!q || (userId !== undefined && q.userId !== userId)) return 'unknown';
  if (q.status !== 'held') return 'not-held';
  const nowMs = service.now();
  if (action === 'delete') {
    q.status = 'deleted';
    service.queue({ userId: q.userId, requestId: q.requestId, xml: service.responseXml(q.requestId, 'EX-QUARANTINED', undefined, q.srv) });
      return 'deleted';
  }
  q.status = 'released';
  const reply = service.dispatch(parseDuisRequest(q.xml, service.config.schemaVersions), q.deviceType as DeviceType | undefined, q.role, nowMs);
  // The User already has its I99; anything else (I0 for CV 2/6/8, a late failure) goes to its callback.
  if (reply.code !== 'I99') service.queue({ userId: q.userId, requestId: q.requestId, xml: reply.body });
  return 'released';
}

/** Deletes quarantines unresolved after 24 h (called as the clock moves). */
export function expireQuarantines(service: DccService, nowMs: number): void {
  for (const q of service.state.quarantines.values()) {
    if (q.status !== 'held' || nowMs - q.detectMs < QUARANTINE_LIFETIME_MS) continue;
    q.status = 'expired';
    service.queue({ userId: q.userId, requestId: q.requestId, xml: service.responseXml(q.requestId, 'EX-QUARANTINED', undefined, q.srv) });
  }
}

/** When the next held quarantine expires, undefined when none is held. */
export function nextQuarantineExpiry(service: DccService): number | undefined {
  let next: number | undefined;
  for (const q of service.state.quarantines.values()) {
    if (q.status === 'held' && (next === undefined || q.detectMs + QUARANTINE_LIFETIME_MS < next)) next = q.detectMs + QUARANTINE_LIFETIME_MS;
  }
  return next;
}
