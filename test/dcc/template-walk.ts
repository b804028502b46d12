import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvelope, encodeEnvelope } from '../../gbcs/envelope.js';
import { decodeFullMessage } from '../../gbcs/message-payload.js';
import type { DerNode } from '../../gbcs/payload/der.js';
import type { Asn1Payload } from '../../gbcs/payload/index.js';
import { SecurityContext, signEnvelope } from '../../gbcs/security.js';
import { readHexFile } from '../../host/conformance/reference-files.js';
import { prepareRequest } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS, referenceEstate } from '../../host/dcc/reference-estate.js';
import { DccService, type Endpoint } from '../../host/dcc/service.js';
import type { SmiStatus } from '../../host/dcc/inventory.js';
import { ENCODERS } from '../../host/dcc/transform/encoders.js';
import { nextHeldRunMs, runDueHeld } from '../../host/dcc/dsp-scheduler.js';
import { baseUseCase } from '../../host/dcc/tables/use-case-tags.js';
import { messageCodeRow } from '../../gbcs/tables/message-codes.js';
import { keystore, provider, readTemplate, RTDS_DIR } from './fixture.js';

// Walks one DUIS template through the DCC service as a real User would send it (re-signed with
// the originator's DS key, a fresh counter, dates moved into the run's time), into a fresh DCC
// holding the reference estate, and grades what came out against the RTDS reference folder.

export type TemplateClass = 'matching-reference' | 'differs-from-reference' | 'transformed-no-reference' | 'non-device-handled' | 'not-supported' | 'rejected';

export interface TemplateOutcome {
  name: string;
  srv: string;
  tag: string;
  cv: number;
  cls: TemplateClass;
  detail: string;
  /** The command (or pre-command) the DCC produced, when it transformed the request. */
  produced?: Uint8Array;
  /** The command as it goes to the device (the User-signed one for a critical request). */
  delivered?: Uint8Array;
  /** The Business Target (DUIS form) and its SMI device type. */
  target?: string;
  targetType?: string;
}

const ENDPOINT_OF_CV: Record<number, Endpoint> = { 1: 'serviceS', 2: 'serviceD', 3: 'serviceS', 4: 'serviceT', 8: 'serviceD' };
/** The 'given' of each non-device SRV (dcc.md 9.3): the body device's status before the request. */
const PRECONDITION: Readonly<Record<string, SmiStatus | 'absent'>> = {
  '12.2': 'absent', '8.4': 'Pending', '8.11': 'Pending', '8.6': 'Withdrawn', '8.14.1': 'Pending', '8.14.2': 'Pending', '8.14.3': 'Pending', '8.14.4': 'Pending',
};
const HOUR_MS = 3_600_000;
/**
 * The target each sibling use case was written for (host/dcc/tables/sibling-use-cases.ts): a
 * polyphase ESME (variant C) or a model of a later GBCS version. Every other template addresses
 * the reference estate as it is (single-phase ESME, first GBCS version).
 */
const GIVEN_TARGET: Readonly<Record<string, { esmeVariant?: string; gbcsVersion?: string }>> = {
  ECS26k: { esmeVariant: 'C' }, ECS29f: { esmeVariant: 'C' }, ECS23b: { esmeVariant: 'C' },
  ECS26l: { gbcsVersion: '4.0' }, ECS08a: { gbcsVersion: '2.0' }, ECS26m: { gbcsVersion: '4.0' }, ECS26n: { gbcsVersion: '4.0' }, ECS35g: { gbcsVersion: '4.0' },
  GCS21k: { gbcsVersion: '4.0' }, GCS21m: { gbcsVersion: '4.0' }, GCS60a: { gbcsVersion: '4.0' },
};
/** The Customer Identification Number (SR 9.1) is chosen by the DCC, like a counter. */
const CIN_OBIS = '0-3:96.13.1.255';

function field(xml: string, local: string): string {
  return new RegExp(`<sr:${local}>([^<]*)<`).exec(xml)?.[1] ?? '';
}

/** UC tag of a template file name (dcc.md 4); '' for non-device files. */
export function tagOf(name: string): string {
  const first = name.split('_')[0]!;
  return /^\d/.test(first) ? '' : first;
}

/** The reference folder of a (SRV, tag) pair (5.1/ECS21a uses 4.6.1_ECS21a, dcc.md 4). */
export function referenceFolder(srv: string, tag: string): string | undefined {
  const folder = join(RTDS_DIR, srv === '5.1' ? '4.6.1_ECS21a' : `${srv}_${tag}`);
  return tag !== '' && existsSync(folder) ? folder : undefined;
}

/** UTC seconds since 2000 (GBCS / ZCL epoch) of 2012..2034: a date in a DLMS range selection. */
const isGbcsUtcSeconds = (v: unknown): boolean => typeof v === 'number' && v > 4e8 && v < 1.1e9;

/** Drops the fields that legitimately differ: invoke ids, counters, date-times, signatures, identifiers the remote party picks (issuer event / calendar ids). */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const typed = value as { type?: unknown; value?: unknown };
    // DLMS date-times (12-byte octet strings from 20xx), transaction ids (04 + counter) and range dates.
    const hex = typed.value instanceof Uint8Array ? Buffer.from(typed.value).toString('hex') : typed.value;
    if (typed.type === 'octet-string' && typeof hex === 'string' && (/^07[d-e][0-9a-f]{21}$/i.test(hex) || /^04[0-9a-f]{16}$/i.test(hex))) return 'masked';
    if (typed.type === 'double-long-unsigned' && isGbcsUtcSeconds(typed.value)) return 'masked';
    const out: Record<string, unknown> = {};
    const isCin = (value as { target?: { obis?: unknown } }).target?.obis === CIN_OBIS;
    for (const [k, v] of Object.entries(value)) if (!/invoke|date|time|signature|counter|sequence|issuerEventId|issuerCalendarId|messageId|customerIdNumber/i.test(k)) out[k] = isCin && k === 'data' ? 'masked' : normalise(v);
    return out;
  }
  return value;
}

const GBCS_CANCELLATION_TIME = '99991231235959Z';
const hexOf = (n: DerNode | undefined): string => Buffer.from(n?.value ?? []).toString('hex');
const isCertificate = (n: DerNode): boolean => n.children?.length === 3 && n.children[0]?.children?.[0]?.tagClass === 'context' && n.children[0].children[0].tagNumber === 0;

/**
 * ASN.1 shapes (GBCS 7): date-times (execution, the GCS28 validity window) and the CS02b control's
 * originator counter ([3]) are masked; the cancellation value is kept. `structural`: certificates
 * compare by place only, for templates that carry the User's new key material (the 8.5 template's
 * KeyAgreementCertificate even holds a DS certificate).
 */
function maskAsn1(n: DerNode, depth: number, credentialsUpdate: boolean, structural: boolean): unknown {
  if (structural && isCertificate(n)) return 'certificate';
  if (n.tagClass === 'universal' && n.tagNumber === 24) return Buffer.from(n.value ?? []).toString('latin1') === GBCS_CANCELLATION_TIME ? 'cancellation' : 'masked';
  if (credentialsUpdate && depth === 2 && n.tagClass === 'context' && n.tagNumber === 3) return 'masked';
  return { tag: `${n.tagClass}:${n.tagNumber}`, ...(n.children ? { children: n.children.map((c) => maskAsn1(c, depth + 1, credentialsUpdate, structural)) } : { value: hexOf(n) }) };
}

function payloadShape(bytes: Uint8Array, structural: boolean): string {
  const message = decodeFullMessage(bytes);
  const payload = message.payload;
  if (payload?.kind === 'asn1') {
    const body = payload.body as Asn1Payload;
    const credentialsUpdate = body.named?.schema === 'update-credentials-request';
    return JSON.stringify({ code: message.envelope.otherInfo.messageCode, asn1: maskAsn1(body.tree, 0, credentialsUpdate, structural) });
  }
  return JSON.stringify({ code: message.envelope.otherInfo.messageCode, payload: normalise(payload) });
}

/**
 * Compares our command / pre-command with every COMMAND or PRECOMMAND of the folder, certificates
 * included, else structurally (the file name then says so).
 */
export function matchReference(folder: string, ours: Uint8Array, kind: 'COMMAND' | 'PRECOMMAND'): string | undefined {
  const files = readdirSync(folder).filter((f) => f.endsWith(`_${kind}_GBCS.HEX`)).sort();
  for (const structural of [false, true]) {
    const shape = payloadShape(ours, structural);
    const found = files.find((f) => payloadShape(readHexFile(join(folder, f)), structural) === shape);
    if (found) return structural ? `${found} (structural: new key material)` : found;
  }
  return undefined;
}

export function walkTemplate(name: string, counter: bigint): TemplateOutcome {
  const xml = readTemplate(name);
  const srv = field(xml, 'ServiceReferenceVariant');
  const cv = Number(field(xml, 'CommandVariant'));
  const [originator, target] = field(xml, 'RequestID').split(':') as [string, string];
  const tag = tagOf(name);
  const state = referenceEstate();
  const sent: Uint8Array[] = [];
  const service = new DccService({ keys: keystore, provider, clock: () => ESTATE_CLOCK_MS, encoders: ENCODERS, state, gateway: { send: (_d, bytes) => sent.push(bytes) } });
  const bodyDevice = field(xml, 'DeviceID');
  const given = PRECONDITION[srv];
  if (given === 'absent') service.state.devices.delete(bodyDevice);
  else if (given && service.state.devices.has(bodyDevice)) service.state.devices.get(bodyDevice)!.status = given;
  const targetRecord = service.state.devices.get(target);
  if (targetRecord && GIVEN_TARGET[tag]) Object.assign(targetRecord, GIVEN_TARGET[tag]);
  // `…_TWIN_…` templates address a twin-element ESME (variant B, devices.md 2).
  if (targetRecord && /_TWIN_/.test(name)) targetRecord.esmeVariant = 'AB';
  const key = service.signers.signingKey(originator.replace(/-/g, ''))!;
  const redate = (): string => new Date(ESTATE_CLOCK_MS + HOUR_MS).toISOString().replace(/\.\d{3}Z$/, '.00Z');
  let source = xml;
  if (srv === '5.2' || srv === '5.3') {
    // A User reads or deletes a schedule it created: create one first (SR 5.1).
    const created = service.handle('serviceD', prepareRequest(readTemplate('ECS21a_5.1._DCC_SCHEDULED_REQUEST_DUIS.XML'), key, provider, { counter: counter - 1n }));
    source = xml.replace(/<sr:DSPScheduleID>[^<]*</, `<sr:DSPScheduleID>${field(created.body, 'DSPScheduleID')}<`);
  }
  const request = prepareRequest(source, key, provider, { counter, redate });
  const reply = service.handle(ENDPOINT_OF_CV[cv]!, request);
  const base = { name, srv, tag, cv };
  if (reply.code === 'EX-NOT-SUPPORTED') return { ...base, cls: 'not-supported', detail: reply.code };
  if (cv === 8) return reply.code.startsWith('I') ? { ...base, cls: 'non-device-handled', detail: reply.code } : { ...base, cls: 'rejected', detail: reply.code };
  if (!reply.code.startsWith('I')) return { ...base, cls: 'rejected', detail: reply.code };
  let produced: Uint8Array;
  let kind: 'COMMAND' | 'PRECOMMAND' = 'COMMAND';
  if (cv === 4) {
    kind = 'PRECOMMAND';
    produced = new Uint8Array(Buffer.from(field(reply.body, 'GBCSPayload'), 'base64'));
    // The User correlates, signs the pre-command with its DS key (GBCS 4.4) and sends CV 5.
    const user = new SecurityContext({ keystore, provider });
    const signed = encodeEnvelope({ ...signEnvelope(parseEnvelope(produced), user), kind: 'general-signing' });
    const body = `<sr:SignedPreCommand xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:GBCSPayload>${Buffer.from(signed).toString('base64')}</sr:GBCSPayload></sr:SignedPreCommand>`;
    const cv5 = prepareRequest(request, key, provider, { cv: 5, bodyXml: body });
    const sendReply = service.handle('serviceS', cv5);
    if (sendReply.code !== 'I99' || sent.length !== 1) return { ...base, cls: 'rejected', detail: `CV 5 answered ${sendReply.code}` };
  } else if (cv === 2) {
    produced = new Uint8Array(Buffer.from(field(reply.body, 'GBCSPayload'), 'base64'));
  } else {
    // A DSP future-dated request is held until its ExecutionDateTime (dcc.md 7.2): run it then.
    const heldAt = nextHeldRunMs(service);
    if (sent.length === 0 && heldAt !== undefined) runDueHeld(service, heldAt);
    if (sent.length !== 1) return { ...base, cls: 'rejected', detail: `${reply.code} but ${sent.length} commands sent` };
    produced = sent[0]!;
  }
  // The transformer picks the use case by SRV, device type, role and body; where only the device
  // variant tells siblings apart (ECS26b/k, ECS29e/f, CCS06/07), it may pick the sibling.
  const targetType = service.state.devices.get(target)?.deviceType;
  Object.assign(base, { produced, delivered: sent[0] ?? produced, target, ...(targetType ? { targetType } : {}) });
  const used = messageCodeRow(parseEnvelope(produced).otherInfo.messageCode)?.useCase ?? '?';
  const wanted = baseUseCase(tag);
  if (wanted !== undefined && used !== wanted) return { ...base, cls: 'differs-from-reference', detail: `transformed as ${used}` };
  const folder = referenceFolder(srv, tag);
  if (!folder) return { ...base, cls: 'transformed-no-reference', detail: reply.code };
  const match = matchReference(folder, produced, kind);
  return match ? { ...base, cls: 'matching-reference', detail: match } : { ...base, cls: 'differs-from-reference', detail: kind };
}
