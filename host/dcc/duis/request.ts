import { DuisXmlError } from '../errors.js';
import { srvRow, serviceReferenceOf } from '../tables/srv-catalogue.js';
import { DS_NS, signatureIndex } from '../xml/xmldsig.js';
import { type XmlElement, attrOf, childElements, localName, namespacesIn, parseXmlDocument, prefixOf, textOf } from '../xml/xml-tree.js';

// A DUIS Service Request (dcc.md 3.1, 3.2): the structural checks that stand in for the DUIS XSD
// (dcc.md 2.4 step 2) and the header fields the rest of the pipeline reads.

export const SR_NS = 'http://www.dccinterface.co.uk/ServiceUserGateway';
/** schemaVersion values accepted (dcc.md 3.1: 5.4 MUST, others MAY by config). */
export const SCHEMA_VERSIONS_DEFAULT: readonly string[] = ['5.4'];
/** Originator Counter: unsigned 64-bit (dcc.md 3.2). */
export const COUNTER_MAX = (1n << 64n) - 1n;
export const COMMAND_VARIANTS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type CommandVariant = (typeof COMMAND_VARIANTS)[number];

/** EUI-64 as DUIS writes it: 8 dash-separated upper-case hex octets (dcc.md 0). */
const DUIS_EUI = /^[0-9A-F]{2}(?:-[0-9A-F]{2}){7}$/;
const HEADER_ORDER = ['RequestID', 'CommandVariant', 'ServiceReference', 'ServiceReferenceVariant'] as const;

export interface RequestId {
  /** Business Originator ID (User ID), DUIS form. */
  originator: string;
  /** Business Target ID (device, or the DCC for CV 8), DUIS form. */
  target: string;
  counter: bigint;
  /** As written. */
  text: string;
}

export interface DuisRequest {
  root: XmlElement;
  requestId: RequestId;
  cv: CommandVariant;
  serviceReference: string;
  srv: string;
  /** The service element under sr:Body. */
  body: XmlElement;
  /** sr:ExecutionDateTime of the body, when present (dcc.md 3.5). */
  executionDateTime?: string;
}

/** 'AB-CD-…' → 'ABCD…' (the keystore and GBCS form). */
export function euiFromDuis(eui: string): string {
  return eui.replace(/-/g, '');
}

/** 'ABCD…' → 'AB-CD-…'. */
export function euiToDuis(eui: string): string {
  return eui.toUpperCase().match(/../g)!.join('-');
}

function schemaError(detail: string): never {
  throw new DuisXmlError('schema', detail);
}

export function parseRequestId(text: string): RequestId {
  const parts = text.split(':');
  if (parts.length !== 3) schemaError(`RequestID '${text}' is not originator:target:counter`);
  const [originator, target, counterText] = parts as [string, string, string];
  if (!DUIS_EUI.test(originator) || !DUIS_EUI.test(target)) schemaError(`RequestID '${text}' has a malformed EUI-64`);
  if (!/^[0-9]{1,20}$/.test(counterText)) schemaError(`RequestID counter '${counterText}' is not an unsigned decimal`);
  const counter = BigInt(counterText);
  if (counter > COUNTER_MAX) schemaError(`RequestID counter ${counterText} exceeds 64 bits`);
  return { originator, target, counter, text };
}

function srElement(el: XmlElement, scope: ReadonlyMap<string, string>, local: string): boolean {
  return localName(el.name) === local && namespacesIn(el, scope).get(prefixOf(el.name)) === SR_NS;
}

function findDeep(el: XmlElement, local: string, depth: number): XmlElement | undefined {
  if (depth > 8) return undefined;
  for (const child of childElements(el)) {
    if (localName(child.name) === local) return child;
    const found = findDeep(child, local, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses and structurally checks a request (dcc.md 2.4 step 2). Throws DuisXmlError with
 * reason 'not-well-formed' / 'schema' / a size reason; never touches state.
 */
export function parseDuisRequest(text: string, schemaVersions: readonly string[] = SCHEMA_VERSIONS_DEFAULT): DuisRequest {
  const root = parseXmlDocument(text);
  const scope = namespacesIn(root, new Map());
  if (!srElement(root, new Map(), 'Request')) schemaError(`root element '${root.name}' is not sr:Request`);
  if (scope.get('ds') !== DS_NS && ![...scope.values()].includes(DS_NS)) schemaError('the xmldsig namespace is not declared');
  const version = attrOf(root, 'schemaVersion');
  if (version === undefined || !schemaVersions.includes(version)) schemaError(`schemaVersion '${String(version)}' not accepted`);
  const elements = childElements(root);
  const signatures = elements.filter((e) => localName(e.name) === 'Signature');
  if (signatures.length !== 1 || signatureIndex(root) < 0) schemaError(`${signatures.length} ds:Signature elements, expected one`);
  const names = elements.map((e) => localName(e.name));
  if (names.join(',') !== 'Header,Body,Signature') schemaError(`children ${names.join(', ')}, expected Header, Body, Signature`);
  const [header, bodyWrapper] = elements as [XmlElement, XmlElement];
  if (!srElement(header, scope, 'Header') || !srElement(bodyWrapper, scope, 'Body')) schemaError('Header and Body must be in the sr namespace');
  const fields = childElements(header);
  if (fields.map((f) => localName(f.name)).join(',') !== HEADER_ORDER.join(',')) schemaError(`Header must hold ${HEADER_ORDER.join(', ')} in that order`);
  const [idText, cvText, srText, srvText] = fields.map((f) => textOf(f).trim()) as [string, string, string, string];
  const requestId = parseRequestId(idText);
  const cv = Number(cvText);
  if (!/^[1-8]$/.test(cvText)) schemaError(`CommandVariant '${cvText}' is not 1-8`);
  const row = srvRow(srvText);
  if (!/^[0-9]{1,2}(?:\.[0-9]{1,2}){1,2}$/.test(srvText)) schemaError(`ServiceReferenceVariant '${srvText}' is malformed`);
  if (srText !== serviceReferenceOf(srvText)) schemaError(`ServiceReference '${srText}' does not match ServiceReferenceVariant '${srvText}'`);
  // Step 2 matches the body to the SRV's row of dcc.md 4; an SRV with no row cannot match (the DUIS XSD enumerates them too).
  if (!row) schemaError(`ServiceReferenceVariant '${srvText}' is not in the SRV catalogue (dcc.md 4)`);
  const bodies = childElements(bodyWrapper);
  if (bodies.length !== 1) schemaError(`sr:Body holds ${bodies.length} elements, expected one`);
  const body = bodies[0]!;
  const bodyName = localName(body.name);
  // CV 5-7 carry the signed pre-command instead of the service body (dcc.md 6 step 5).
  const expected = cv >= 5 && cv <= 7 ? 'SignedPreCommand' : row.body;
  if (bodyName !== expected) schemaError(`body element '${bodyName}' does not match SRV ${srvText} ('${expected}')`);
  const request: DuisRequest = { root, requestId, cv: cv as CommandVariant, serviceReference: srText, srv: srvText, body };
  const execution = findDeep(body, 'ExecutionDateTime', 0);
  if (execution) request.executionDateTime = textOf(execution).trim();
  return request;
}
