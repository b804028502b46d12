import type { DuisRequest } from '../duis/request.js';
import type { UserRole } from '../tables/srv-catalogue.js';
import type { EncoderRow, TransformInput, TransformedContent } from './types.js';
import {
  cellIdentifier, certificate, commandCode, contextConstructed, contextInteger, contextPrimitive, derSequence, executionTime, integer,
  REMOTE_PARTY_ROLE, ROLE_ACB, ROLE_LOAD_CONTROLLER, ROLE_NETWORK_OPERATOR, ROLE_SUPPLIER, ROLE_TRANSITIONAL_COS, text, texts,
  type KeyUsageName,
} from './encoders-credentials-der.js';

// CS02b Update Security Credentials and CS02g (load controller credentials) from SR 6.15.1, 6.21,
// 6.23 and 8.5 (GBCS 7, gbcs.md 7): the trust-anchor cells of one remote-party role get the User's
// replacement certificates. The command, as the RTDS 6.15.1 / 6.21 / 6.23 / 8.5 data carry it:
//   SEQUENCE { control SEQUENCE { INTEGER credentialsReplacementMode,
//                                 [1] 01 when time-based certification path checks are not applied,
//                                 [2] { role, usage } the authorising party's cell,
//                                 [3] the command's originator counter, [4] the new floor sequence number,
//                                 [5] { { 0, prepayment top-up floor } } (supplier) or
//                                 [6] { { role, floor [, { { 0, prepayment top-up floor } }] } } },
//              replacements SEQUENCE OF { certificate, cell identifier },
//              SEQUENCE { the certification path certificate },
//              [GeneralizedTime execution date-time: future dated, or 9999-12-31T23:59:59Z to cancel] }
// Role rules (dcc.md 4, 10.3): each role replaces only its own cells: a supplier its supplier cells
// and, on an ESME, the load controller's (CS02g); a network operator its own; the ACB its own key
// agreement cell (8.5, sent MAC-only by the ACB); the incoming supplier at change of supplier its
// supplier cells, authorised by the TransCoS party's cell (6.23, signed by the DCC as TransCoS);
// a handover (6.21) puts a supplier's or a network operator's own credentials in the cells the
// DCC held, signed by the ACB. Which INTEGER of a prepayment floor pair carries the DUIS value is
// not shown by the data (every RTDS and template value is 0): we put it second [A].

const MODE = { supplierBySupplier: 2, networkOperatorByNetworkOperator: 3, accessControlBrokerByACB: 4, supplierByTransCoS: 7, loadControllerBySupplier: 11 } as const;
/** GBCS 0 identities of the DCC parties that originate commands for Users (gbcs.md 0, 4.1). */
export const ACB_EUI = '90B3D51F30000002';
const TRANSITIONAL_COS_EUI = '90B3D51F30000004';
const PREPAYMENT_CELL_ID = 1;

const SUPPLIER_ROLES: readonly UserRole[] = ['IS', 'ES', 'GS'];
const NETWORK_OPERATOR_ROLES: readonly UserRole[] = ['ED', 'GT'];

interface Replacement {
  certificate: Uint8Array;
  role: number;
  usage: KeyUsageName;
  cellId?: number;
}

/** The replacement certificates of the body, DS, KA, then the supplier's prepayment top-up KA (RTDS order). */
function replacements(r: DuisRequest, role: number): Replacement[] {
  const out: Replacement[] = [];
  const ds = text(r, 'DigitalSigningCertificate');
  const ka = text(r, 'KeyAgreementCertificate');
  const topUp = text(r, 'KeyAgreementTopUpCertificate');
  if (ds) out.push({ certificate: certificate(ds), role, usage: 'ds' });
  if (ka) out.push({ certificate: certificate(ka), role, usage: 'ka' });
  if (topUp) out.push({ certificate: certificate(topUp), role, usage: 'ka', cellId: PREPAYMENT_CELL_ID });
  return out;
}

const number = (r: DuisRequest, local: string): number | undefined => {
  const value = text(r, local);
  return value === undefined ? undefined : Number(value);
};

/** [1] 01: the User asked not to apply the time-based certification path checks. */
const cpvFlag = (r: DuisRequest): Uint8Array[] => (text(r, 'ApplyTimeBasedCPVChecks') === 'false' ? [contextPrimitive(1, Uint8Array.of(1))] : []);
/** One prepayment top-up floor pair; [5] holds the pairs, a [6] entry a SEQUENCE OF them. */
const prepaymentFloor = (floor: number): Uint8Array => derSequence(integer(0), integer(floor));
const isCancellation = (r: DuisRequest): boolean => r.executionDateTime?.startsWith('3000-12-31') === true;

function command(i: TransformInput, messageCode: number, control: Uint8Array[], cells: Replacement[], extra: Partial<TransformedContent> = {}): TransformedContent {
  const r = i.request;
  const content = derSequence(
    derSequence(...control),
    derSequence(...cells.map((c) => derSequence(c.certificate, cellIdentifier(c.role, c.usage, c.cellId)))),
    derSequence(...texts(r, 'Certificate').map(certificate)),
    ...(r.executionDateTime === undefined ? [] : [executionTime(r.executionDateTime)]),
  );
  return { messageCode, content, ...(r.executionDateTime === undefined ? {} : { deviceDated: true }), ...extra };
}

/** The control of a party replacing its own cells: mode, [1], [2] its DS cell, [3] counter, [4] floor, [5] prepayment floors. */
function ownControl(i: TransformInput, mode: number, role: number): Uint8Array[] {
  const r = i.request;
  const topUpFloor = number(r, 'RemotePartyPrepaymentTopUpFloorSeqNumber');
  return [
    integer(mode), ...cpvFlag(r), contextConstructed(2, ...cellIdentifierParts(role)), contextInteger(3, i.counter),
    contextInteger(4, number(r, 'RemotePartyFloorSeqNumber') ?? 0),
    ...(topUpFloor === undefined ? [] : [contextConstructed(5, prepaymentFloor(topUpFloor))]),
  ];
}

/** The authorising cell { role, DS } as the contents of an implicit [2]. */
function cellIdentifierParts(role: number): Uint8Array[] {
  const cell = cellIdentifier(role, 'ds');
  return [cell.subarray(2)];
}

const namesRole = (role: number) => (r: DuisRequest): boolean => REMOTE_PARTY_ROLE[text(r, 'RemotePartyRole') ?? ''] === role;

function row(useCase: string, srv: string, title: string, roles: readonly UserRole[] | undefined, matches: EncoderRow['matches'], encode: (i: TransformInput, code: number) => TransformedContent): EncoderRow {
  const { code, devices } = commandCode(useCase.slice(0, 5), title);
  return { useCase, srv, deviceTypes: devices, ...(roles ? { roles } : {}), ...(matches ? { matches } : {}), encode: (i) => encode(i, code) };
}

/** SR 6.15.1 / 6.21: a supplier or network operator replacing its own cells. */
function ownCells(mode: number, role: number) {
  return (i: TransformInput, code: number): TransformedContent => command(i, code, ownControl(i, mode, role), replacements(i.request, role));
}

/** SR 6.21: the same command, sent by the ACB on the User's behalf and signed by it (dcc.md 4 NC→C(DCC)). */
function handover(mode: number, role: number) {
  return (i: TransformInput, code: number): TransformedContent => ({ ...ownCells(mode, role)(i, code), originator: ACB_EUI, signedBy: 'dcc' });
}

/** SR 6.23: the incoming supplier's cells, authorised by the TransCoS party's cell; the DCC signs as TransCoS (dcc.md 10.3). */
function changeOfSupplier(i: TransformInput, code: number): TransformedContent {
  const r = i.request;
  const floors = derSequence(integer(ROLE_SUPPLIER), integer(number(r, 'SupplierFloorSeqNumber') ?? 0), derSequence(prepaymentFloor(number(r, 'SupplierPrepaymentTopUpFloorSeqNumber') ?? 0)));
  const control = [
    integer(MODE.supplierByTransCoS), ...cpvFlag(r), contextConstructed(2, ...cellIdentifierParts(ROLE_TRANSITIONAL_COS)), contextInteger(3, i.counter),
    // [D] the RTDS CANCELLATION command names no new sequence numbers.
    ...(isCancellation(r) ? [] : [contextConstructed(6, floors)]),
  ];
  return command(i, code, control, replacements(r, ROLE_SUPPLIER), { originator: TRANSITIONAL_COS_EUI, signedBy: 'dcc' });
}

/** SR 8.5 Service Opt Out: the ACB replaces its own key agreement cell; MAC-only, held by the DCC until ExecutionDateTime (RTDS 8.5). */
function serviceOptOut(i: TransformInput, code: number): TransformedContent {
  const r = i.request;
  const control = [integer(MODE.accessControlBrokerByACB), ...cpvFlag(r), contextInteger(3, i.counter), contextInteger(4, number(r, 'ACBFloorSeqNumber') ?? 0)];
  const content = derSequence(
    derSequence(...control),
    derSequence(...replacements(r, ROLE_ACB).map((c) => derSequence(c.certificate, cellIdentifier(c.role, c.usage, c.cellId)))),
    derSequence(...texts(r, 'Certificate').map(certificate)),
  );
  return { messageCode: code, content, originator: ACB_EUI };
}

/** SR 6.15.1 for the load controller (CS02g): the supplier replaces the load controller's cells on the ESME. */
function loadController(i: TransformInput, code: number): TransformedContent {
  const r = i.request;
  const control = [
    integer(MODE.loadControllerBySupplier), ...cpvFlag(r), contextConstructed(2, ...cellIdentifierParts(ROLE_SUPPLIER)), contextInteger(3, i.counter),
    contextConstructed(6, derSequence(integer(ROLE_LOAD_CONTROLLER), integer(number(r, 'RemotePartyFloorSeqNumber') ?? 0))),
  ];
  return command(i, code, control, replacements(r, ROLE_LOAD_CONTROLLER));
}

export const CREDENTIAL_UPDATE_ENCODERS: readonly EncoderRow[] = [
  row('CS02bSupplierBySupplier', '6.15.1', 'SupplierBySupplier', SUPPLIER_ROLES, namesRole(ROLE_SUPPLIER), ownCells(MODE.supplierBySupplier, ROLE_SUPPLIER)),
  row('CS02bNOByNO', '6.15.1', 'NetworkOperatorByNetworkOperator', NETWORK_OPERATOR_ROLES, namesRole(ROLE_NETWORK_OPERATOR), ownCells(MODE.networkOperatorByNetworkOperator, ROLE_NETWORK_OPERATOR)),
  row('CS02gLoadControllerBySupplier', '6.15.1', '(alert/variant, supplier)', SUPPLIER_ROLES, namesRole(ROLE_LOAD_CONTROLLER), loadController),
  // [T] the NO handover template comes from the supplier ID: any 6.21-eligible role may ask for either.
  row('CS02bSupplierBySupplierHandover', '6.21', 'SupplierBySupplier', undefined, namesRole(ROLE_SUPPLIER), handover(MODE.supplierBySupplier, ROLE_SUPPLIER)),
  row('CS02bNOByNOHandover', '6.21', 'NetworkOperatorByNetworkOperator', undefined, namesRole(ROLE_NETWORK_OPERATOR), handover(MODE.networkOperatorByNetworkOperator, ROLE_NETWORK_OPERATOR)),
  row('CS02bSupplierByTransCoS', '6.23', 'SupplierByTransCoS', SUPPLIER_ROLES, undefined, changeOfSupplier),
  row('CS02bACBByACB', '8.5', 'AccessControlBrokerByACB', undefined, undefined, serviceOptOut),
];
