import type { DuisRequest } from './duis/request.js';
import { euiFromDuis } from './duis/request.js';
import { type DeviceRecord, statusAllows } from './inventory.js';
import { hasConsent, isRegistered, type ConsentRecord, type RegistrationRecord } from './registration.js';
import type { ResponseCode } from './tables/response-codes.js';
import { srvRow, type UserRole } from './tables/srv-catalogue.js';
import { deviceTypesOfSrv } from './tables/use-case-tags.js';
import { certificateFitsRole, suspendedFor, type UserRecord } from './users.js';
import { childElements, localName, textOf, type XmlElement } from './xml/xml-tree.js';

// Access control in the order of dcc.md 2.4 steps 4-14, first failure wins. A pure function of
// the request, the signer and a read-only view of the DCC's state: it changes nothing, so a
// refused request leaves no trace but its log entry (STYLE.md "Errors").

/** What access control reads; the service passes its state, tests pass fixtures. */
export interface AccessView {
  user(userId: string): UserRecord | undefined;
  device(deviceId: string): DeviceRecord | undefined;
  registrations(): readonly RegistrationRecord[];
  consents(): readonly ConsentRecord[];
  /** Last accepted originator counter (CV 1-4, 8). */
  lastCounter(originator: string): bigint | undefined;
  /** Whether an unexpired pre-command is held for this RequestID (CV 5-7). */
  hasPreCommand(requestId: string, nowMs: number): boolean;
  /** Roles eligible for an SRV (configuration, default dcc.md 4). */
  eligibleRoles(srv: string): readonly UserRole[];
  certificateRole(eui: string): number | undefined;
  dccInternalOriginator: string;
}

export interface AccessContext {
  request: DuisRequest;
  /** EUI (16 hex digits) of the XML signer. */
  signerEui: string;
  nowMs: number;
}

export type AccessResult = { ok: true; user: UserRecord | undefined; device: DeviceRecord | undefined; role: UserRole | undefined } | { ok: false; code: ResponseCode; step: number };

/** SRVs (CV 8) whose body DeviceID must exist (dcc.md 2.4 step 8). */
const BODY_DEVICE_SRVS = new Set(['5.1', '8.2', '8.3', '8.4', '8.6', '8.14.1', '8.14.2', '8.14.3', '8.14.4', '11.1', '11.4']);
const LOCAL_CVS = new Set([2, 3, 6, 7]);
const BODY_DEVICE_DEPTH_MAX = 6;
/** Device IDs one CV 8 request may name (11.1 DeviceIDList); beyond it the request is E19-checked no further. */
export const BODY_DEVICES_MAX = 1000;

/** Text of every element named `local` under `el` (bounded depth and count). */
export function findTexts(el: XmlElement, local: string, depth = 0, out: string[] = []): string[] {
  if (depth > BODY_DEVICE_DEPTH_MAX || out.length >= BODY_DEVICES_MAX) return out;
  for (const child of childElements(el)) {
    if (localName(child.name) === local) out.push(textOf(child).trim());
    else findTexts(child, local, depth + 1, out);
  }
  return out;
}

/** CVs permitted for an SRV: its criticality decides (dcc.md 3.3, 4, 6). */
export function cvAllowed(srv: string, cv: number): boolean {
  const row = srvRow(srv);
  if (!row) return false;
  switch (row.crit) {
    case 'C':
      return cv >= 4 && cv <= 7;
    case 'ND':
      return cv === 8;
    default:
      return cv >= 1 && cv <= 3;
  }
}

function relevantTimeMs(request: DuisRequest, nowMs: number): number {
  const t = request.executionDateTime ? Date.parse(request.executionDateTime) : Number.NaN;
  return Number.isFinite(t) && t > nowMs && t < Date.UTC(3000, 0, 1) ? t : nowMs;
}

const fail = (code: ResponseCode, step: number): AccessResult => ({ ok: false, code, step });

/** Runs dcc.md 2.4 steps 4-14 in order. */
export function checkAccess(view: AccessView, ctx: AccessContext): AccessResult {
  const { request, signerEui, nowMs } = ctx;
  const { requestId, cv, srv } = request;
  const originator = euiFromDuis(requestId.originator);
  // Step 4: originator = signer; counters (CV 1-4, 8) or the held pre-command (CV 5-7).
  if (originator !== signerEui.toUpperCase()) return fail('EX-COUNTER', 4);
  if (cv >= 5 && cv <= 7) {
    if (!view.hasPreCommand(requestId.text, nowMs)) return fail('EX-PRECOMMAND-MISMATCH', 4);
  } else {
    const last = view.lastCounter(requestId.originator);
    if (last !== undefined && requestId.counter <= last) return fail('EX-COUNTER', 4);
  }
  const internal = requestId.originator === view.dccInternalOriginator;
  const user = view.user(requestId.originator);
  // Step 5: a valid party / role combination, the role fitting the signer's certificate.
  const fitting = internal ? [] : (user?.roles ?? []).filter((r) => certificateFitsRole(view.certificateRole(originator), r));
  if (!internal && fitting.length === 0) return fail('E1', 5);
  const row = srvRow(srv);
  // Step 6: a role eligible for the SRV.
  const candidates = fitting.filter((r) => row !== undefined && view.eligibleRoles(srv).includes(r));
  if (!internal && candidates.length === 0) return fail('E2', 6);
  // Step 7: status.
  if (!internal && (user!.status !== 'Active' || candidates.every((r) => suspendedFor(user!, r)))) return fail('E3', 7);
  // Step 8: device existence.
  let device: DeviceRecord | undefined;
  const bodyDevices = cv === 8 ? findTexts(request.body, 'DeviceID') : [];
  if (cv !== 8) {
    device = view.device(requestId.target);
    if (!device) return fail('E19', 8);
  } else if (srv === '12.2') {
    if (bodyDevices.some((id) => view.device(id) !== undefined)) return fail('EX-DEVICE-EXISTS', 8);
  } else if (BODY_DEVICE_SRVS.has(srv)) {
    for (const id of bodyDevices) if (!view.device(id)) return fail('E19', 8);
    device = bodyDevices.length > 0 ? view.device(bodyDevices[0]!) : undefined;
  }
  // Step 9: SRV valid for the device type (device commands).
  if (cv !== 8 && device && !deviceTypesOfSrv(srv).has(device.deviceType)) return fail('E11', 9);
  // Step 10: CV valid for the SRV.
  if (!cvAllowed(srv, cv)) return fail('E12', 10);
  // Step 11: registration (Type A/B roles) at the relevant date-time (dcc.md 2.3); the acting
  // role is the first candidate registered for the device, else Other User when eligible.
  const at = relevantTimeMs(request, nowMs);
  let role: UserRole | undefined = candidates[0];
  if (!internal && device && device.mpxns.length > 0) {
    const registered = candidates.find((r) => r !== 'OU' && device!.mpxns.some((m) => isRegistered(view.registrations(), user!.userId, r, m, at)));
    role = registered ?? (candidates.includes('OU') ? 'OU' : undefined);
    if (role === undefined) return fail('E4', 11);
  }
  // Step 12: SMI status compatible with the SRV (on the target, or the body device for CV 8);
  // 8.11 adding a device also needs that device Pending or already Whitelisted (dcc.md 9.3).
  if (device && !statusAllows(srv, device.status)) return fail('E5', 12);
  if (srv === '8.11' && findTexts(request.body, 'RequestType')[0] === 'Add') {
    const added = view.device(findTexts(request.body, 'DeviceID')[0] ?? '');
    if (!added) return fail('E19', 12);
    if (added.status !== 'Pending' && added.status !== 'Whitelisted') return fail('E5', 12);
  }
  // Step 13: local delivery (not for Other Users [A]).
  if (LOCAL_CVS.has(cv) && role === 'OU') return fail('E17', 13);
  // Step 14: OU consent.
  if (role === 'OU' && device) {
    if (!device.mpxns.some((m) => hasConsent(view.consents(), user!.userId, m, at))) return fail('E4', 14);
  }
  return { ok: true, user, device, role };
}
