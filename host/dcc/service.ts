import type { CryptoProvider } from '../../gbcs/crypto/provider.js';
import type { KeyLookup } from '../../gbcs/keys/keystore.js';
import { SecurityContext } from '../../gbcs/security.js';
import { checkAccess, findTexts, type AccessView } from './access-control.js';
import { defaultConfig, eligibleRoles, type DccConfig } from './config.js';
import { handleNonDevice } from './non-device.js';
import { responseDocument, type ResponseBody } from './duis/response.js';
import { euiFromDuis, parseDuisRequest, type DuisRequest } from './duis/request.js';
import { DuisSignatureError, DuisXmlError } from './errors.js';
import { SignerDirectory } from './identities.js';
import { handleSignedPreCommand } from './pre-command.js';
import { DccState, emptyState, pendingKey, PENDING_MAX, type DccStateData } from './state.js';
import { transform } from './transform/transform.js';
import type { EncoderRow } from './transform/types.js';
import { verifyDocument } from './xml/xmldsig.js';
import { handleDeviceMessage } from './device-messages.js';
import { checkAnomaly, expireQuarantines } from './anomaly/anomaly-service.js';
import { holdFutureDated } from './dsp-scheduler.js';
import { hanDevices } from './inventory.js';
import type { DeviceType } from '../../gbcs/tables/message-codes.js';
import type { UserRole } from './tables/srv-catalogue.js';

// The DCC service layer as a library (dcc.md 5.1): one call per HTTP request, synchronous reply,
// asynchronous messages queued for the callback deliverer. Time comes only from the injected
// clock; the device side is a gateway the caller provides (an emulated fleet, or a recorder).

export type Endpoint = 'serviceT' | 'serviceS' | 'serviceD';
/** dcc.md 3.3: which CVs each DCC Boxed path takes; others get E13. */
export const ENDPOINT_CVS: Readonly<Record<Endpoint, readonly number[]>> = {
  serviceT: [4],
  serviceS: [1, 3, 5, 7],
  serviceD: [2, 6, 8],
};

export interface SyncReply {
  httpStatus: number;
  contentType: string;
  body: string;
  /** DUIS response code, or the logged failure ('SchemaFailure', 'SignatureFailure'). */
  code: string;
}

/** An asynchronous message for a User's callback URL (dcc.md 3.3, 5.2). */
export interface Outbound {
  userId: string;
  requestId: string;
  xml: string;
}

/** Where commands go: the fleet delivers them and later passes device messages back. */
export interface DeviceGateway {
  send(deviceId: string, bytes: Uint8Array, nowMs: number): void;
}

/** Async messages waiting for the deliverer; beyond it the oldest is dropped and counted. */
export const OUTBOUND_MAX = 100_000;

export interface DccServiceOptions {
  config?: Partial<DccConfig>;
  keys: KeyLookup;
  provider: CryptoProvider;
  clock: () => number;
  encoders: readonly EncoderRow[];
  state?: DccStateData;
  gateway?: DeviceGateway;
  /** EUIs whose DS certificates may sign requests (default: every EUI the key lookup lists, if it can). */
  signerEuis?: Iterable<string>;
}

export class DccService {
  readonly config: DccConfig;
  readonly state: DccState;
  readonly signers: SignerDirectory;
  readonly security: SecurityContext;
  readonly outbound: Outbound[] = [];
  droppedOutbound = 0;

  constructor(readonly options: DccServiceOptions) {
    this.config = { ...defaultConfig(), ...options.config };
    this.state = new DccState(options.state ?? emptyState('0'));
    const euis = options.signerEuis ?? ('euis' in options.keys ? (options.keys as { euis(): string[] }).euis() : []);
    this.signers = new SignerDirectory(options.keys, euis);
    this.security = new SecurityContext({ keystore: options.keys, provider: options.provider, accessControlBroker: this.config.acbEui });
  }

  now(): number {
    return this.options.clock();
  }

  /** The view access control reads. */
  accessView(): AccessView {
    const s = this.state;
    return {
      user: (id) => s.users.get(id),
      device: (id) => s.devices.get(id),
      registrations: () => s.registrations,
      consents: () => s.consents,
      lastCounter: (originator) => s.counters.get(originator),
      hasPreCommand: (id, nowMs) => {
        const held = s.preCommands.get(id);
        return held !== undefined && nowMs - held.createdAtMs <= this.config.preCommandLifetimeMs;
      },
      eligibleRoles: (srv) => eligibleRoles(this.config, srv),
      certificateRole: (eui) => this.signers.byEui(eui)?.certificateRole,
      dccInternalOriginator: this.config.dccInternalOriginator,
    };
  }

  /** A signed DUIS response document; `srv` names the SRV of a response without data. */
  responseXml(requestId: string, code: string, body?: ResponseBody, srv?: string): string {
    const key = this.signers.signingKey(this.config.xmlSignerEui);
    if (!key) throw new DuisSignatureError('unknown-certificate', `no DS key for the DCC XML signer ${this.config.xmlSignerEui}`);
    const header = { requestId, responseCode: this.config.exCodes[code] ?? code, responseDateTimeMs: this.now(), ...(srv !== undefined ? { srv } : {}) };
    return responseDocument(header, body, key, this.options.provider);
  }

  /** The synchronous answer to the request being handled (its SRV goes into a body-less response). */
  reply(requestId: string, code: string, body?: ResponseBody): SyncReply {
    return { httpStatus: 200, contentType: 'application/xml', body: this.responseXml(requestId, code, body, this.#srvInHand), code };
  }

  /** SRV of the request being handled or dispatched, for reply(). */
  #srvInHand: string | undefined;

  queue(message: Outbound): void {
    if (this.outbound.length >= OUTBOUND_MAX) {
      this.outbound.shift();
      this.droppedOutbound++;
    }
    this.outbound.push(message);
  }

  /** Takes the queued asynchronous messages (the deliverer posts them). */
  takeOutbound(): Outbound[] {
    return this.outbound.splice(0, this.outbound.length);
  }

  /** One HTTP request to a DCC Boxed path (dcc.md 2.4, 5.1). */
  handle(endpoint: Endpoint, xml: string): SyncReply {
    try {
      return this.#handle(endpoint, xml);
    } finally {
      this.#srvInHand = undefined;
    }
  }

  #handle(endpoint: Endpoint, xml: string): SyncReply {
    const nowMs = this.now();
    expireQuarantines(this, nowMs);
    let request: DuisRequest;
    try {
      request = parseDuisRequest(xml, this.config.schemaVersions);
    } catch (error) {
      if (!(error instanceof DuisXmlError)) throw error;
      this.state.log({ kind: 'REQUEST', tMs: nowMs, responseCode: 'SchemaFailure', detail: error.detail });
      return { httpStatus: 400, contentType: 'text/plain', body: `SchemaFailure: ${error.detail}\n`, code: 'SchemaFailure' };
    }
    this.#srvInHand = request.srv;
    const id = request.requestId.text;
    const logBase = { kind: 'REQUEST' as const, tMs: nowMs, requestId: id, userId: request.requestId.originator, srv: request.srv, cv: request.cv };
    // Step 1: the URL must match the CV.
    if (!ENDPOINT_CVS[endpoint].includes(request.cv)) {
      this.state.log({ ...logBase, responseCode: 'E13' });
      return this.reply(id, 'E13');
    }
    // Step 3: XMLDSig.
    let signerEui = euiFromDuis(request.requestId.originator);
    if (this.config.signatureCheck) {
      try {
        signerEui = verifyDocument(request.root, (issuer, serial) => this.signers.resolve(issuer, serial), this.options.provider).signerEui;
      } catch (error) {
        if (!(error instanceof DuisSignatureError)) throw error;
        this.state.log({ ...logBase, responseCode: 'SignatureFailure', detail: `${error.reason}: ${error.detail}` });
        return { httpStatus: 400, contentType: 'text/plain', body: `SignatureFailure: ${error.reason}\n`, code: 'SignatureFailure' };
      }
    }
    // Steps 4-14.
    const access = checkAccess(this.accessView(), { request, signerEui, nowMs });
    if (!access.ok) {
      this.state.log({ ...logBase, responseCode: access.code, detail: `step ${access.step}` });
      return this.reply(id, access.code);
    }
    const dateCode = this.executionDateCode(request, nowMs);
    if (dateCode) {
      this.state.log({ ...logBase, responseCode: dateCode });
      return this.reply(id, dateCode);
    }
    // Step 15: anomaly detection on counted requests (not CV 4; DCC-internal requests are not counted).
    const internal = request.requestId.originator === this.config.dccInternalOriginator;
    const held = internal ? undefined : checkAnomaly(this, request, access.role, access.device?.deviceType, xml, nowMs);
    if (held) return held;
    const result = this.dispatch(request, access.device?.deviceType, access.role, nowMs);
    this.state.log({ ...logBase, deviceId: request.requestId.target, responseCode: result.code });
    return result;
  }

  executionDateCode(request: DuisRequest, nowMs: number): string | undefined {
    const text = request.executionDateTime;
    if (text === undefined || text.startsWith('3000-12-31T00:00:00')) return undefined;
    const t = Date.parse(text);
    if (!Number.isFinite(t)) return undefined;
    if (t < nowMs - this.config.executionPastToleranceMs) return 'EX-PAST-DATE';
    if (t > nowMs + this.config.executionFutureMaxMs) return 'EX-FAR-DATE';
    return undefined;
  }

  /** Accepts the counter (CV 1-4, 8): only requests that pass every check consume it. */
  acceptCounter(request: DuisRequest): void {
    if (request.cv >= 5 && request.cv <= 7) return;
    const last = this.state.counters.get(request.requestId.originator);
    // Monotonic: a released quarantined request never lowers the last accepted counter.
    if (last === undefined || request.requestId.counter > last) this.state.counters.set(request.requestId.originator, request.requestId.counter);
  }

  dispatch(request: DuisRequest, deviceType: DeviceType | undefined, role: UserRole | undefined, nowMs: number): SyncReply {
    const outer = this.#srvInHand;
    this.#srvInHand = request.srv;
    try {
      return this.#dispatch(request, deviceType, role, nowMs);
    } finally {
      this.#srvInHand = outer;
    }
  }

  #dispatch(request: DuisRequest, deviceType: DeviceType | undefined, role: UserRole | undefined, nowMs: number): SyncReply {
    const id = request.requestId.text;
    if (request.cv === 8) return handleNonDevice(this, request, nowMs);
    if (request.cv >= 5) return handleSignedPreCommand(this, request, nowMs);
    if (!deviceType) return this.reply(id, 'E19');
    const outcome = transform(request, { security: this.security, encoders: this.options.encoders, deviceType, role, nowMs, deviceTypeOf: (id) => this.state.devices.get(id)?.deviceType, target: this.state.devices.get(request.requestId.target), hanDevicesOf: (chfId) => hanDevices(this.state, chfId) });
    if (outcome.kind === 'not-supported') return this.reply(id, 'EX-NOT-SUPPORTED');
    this.acceptCounter(request);
    // dcc.md 7.2: a non-critical request with a future ExecutionDateTime is held by the DCC, unless the
    // command carries the date-time to the device (6.23, GBCS 7).
    const executionMs = request.executionDateTime ? Date.parse(request.executionDateTime) : Number.NaN;
    if (outcome.kind === 'command' && !outcome.deviceDated && executionMs > nowMs && (request.cv === 1 || request.cv === 3)) return holdFutureDated(this, request, deviceType, role, executionMs);
    if (outcome.kind === 'precommand') {
      this.state.holdPreCommand({ requestId: id, srv: request.srv, preCommandHex: Buffer.from(outcome.bytes).toString('hex'), createdAtMs: nowMs });
      return this.reply(id, 'I0', { kind: 'gbcs', srv: request.srv, payload: outcome.bytes, wrapper: 'PreCommand' });
    }
    // CV 2: returned for local delivery; the device's reply comes back by SR 8.13 (dcc.md 5.1).
    this.sendToDevice(request, outcome.bytes, nowMs, request.cv !== 2);
    if (request.cv === 2) return this.reply(id, 'I0', { kind: 'gbcs', srv: request.srv, payload: outcome.bytes });
    return this.reply(id, 'I99');
  }

  /** Hands a command to the gateway and remembers it for correlation (dcc.md 5.4). */
  sendToDevice(request: DuisRequest, bytes: Uint8Array, nowMs: number, overWan = true): void {
    const deviceId = request.requestId.target;
    const counter = request.requestId.counter.toString();
    if (this.state.pending.size >= PENDING_MAX) this.state.pending.delete(this.state.pending.keys().next().value!);
    const subject = request.srv === '8.11' && findTexts(request.body, 'RequestType')[0] === 'Add' ? findTexts(request.body, 'DeviceID')[0] : undefined;
    const entry = { requestId: request.requestId.text, userId: request.requestId.originator, srv: request.srv, deviceId, counter, sentAtMs: nowMs, ...(subject ? { subjectDeviceId: subject } : {}) };
    this.state.pending.set(pendingKey(deviceId, counter), overWan ? { ...entry, commandHex: Buffer.from(bytes).toString('hex') } : { ...entry, local: true });
    if (overWan) this.options.gateway?.send(deviceId, bytes, nowMs);
  }

  /** dcc.md 5.1: no device response within the timeout of the transmission -> async E21. */
  expirePending(nowMs: number): void {
    for (const [key, p] of this.state.pending) {
      if (p.local || nowMs - p.sentAtMs < this.config.responseTimeoutMs) continue;
      this.state.pending.delete(key);
      this.queue({ userId: p.userId, requestId: p.requestId, xml: this.responseXml(p.requestId, 'E21', undefined, p.srv) });
      this.state.log({ kind: 'RESPONSE', tMs: nowMs, requestId: p.requestId, userId: p.userId, srv: p.srv, deviceId: p.deviceId, responseCode: 'E21' });
    }
  }

  /** When the next WAN request times out, undefined when none is pending. */
  nextPendingExpiry(): number | undefined {
    let next: number | undefined;
    for (const p of this.state.pending.values()) {
      const at = p.sentAtMs + this.config.responseTimeoutMs;
      if (!p.local && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** A response or alert from a device (or returned by SR 8.13). */
  onDeviceMessage(bytes: Uint8Array): void {
    handleDeviceMessage(this, bytes, this.now());
  }
}
