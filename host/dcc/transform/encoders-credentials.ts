import type { DuisRequest } from '../duis/request.js';
import type { EncoderRow, TransformInput, TransformedContent } from './types.js';
import { CREDENTIAL_UPDATE_ENCODERS, ACB_EUI } from './encoders-credentials-update.js';
import { JOIN_ENCODERS } from './encoders-join.js';
import {
  cellIdentifier, certificate, commandCode, CREDENTIAL_TYPE, derSequence, integer, keyUsage, REMOTE_PARTY_ROLE, ROLE_ACB, ROLE_LOAD_CONTROLLER, text, texts,
} from './encoders-credentials-der.js';

// Security credentials (GBCS 7, gbcs.md 7), joins (CS03*) and the hub's device-log restore:
//   CS02a / CS02f (SR 6.24.1) SEQUENCE { the requester's cell (the ACB's KA: it MACs and is
//     answered), SEQUENCE OF INTEGER role }; sent by the ACB. CS02f is the ESME and SAPC variant
//     that reports the load controller's cells, chosen when the body names that role.
//   CS02c (SR 6.17) SEQUENCE { BIT STRING key usage } of the key pair the device is to generate.
//   CS02d (SR 6.15.2) the device's new certificate, as the body carries it.
// CS02b / CS02g: encoders-credentials-update.ts; CS03*: encoders-join.ts.

function provideDetails(i: TransformInput, code: number): TransformedContent {
  const roles = texts(i.request, 'RemotePartyRole').map((name) => integer(REMOTE_PARTY_ROLE[name]!));
  return { messageCode: code, content: derSequence(cellIdentifier(ROLE_ACB, 'ka'), derSequence(...roles)), originator: ACB_EUI };
}

const knownRoles = (r: DuisRequest): boolean => texts(r, 'RemotePartyRole').every((name) => REMOTE_PARTY_ROLE[name] !== undefined);
const namesLoadController = (r: DuisRequest): boolean => texts(r, 'RemotePartyRole').some((name) => REMOTE_PARTY_ROLE[name] === ROLE_LOAD_CONTROLLER);
const knownCredentialType = (r: DuisRequest): boolean => CREDENTIAL_TYPE[text(r, 'CredentialType') ?? ''] !== undefined;

function row(useCase: string, srv: string, matches: EncoderRow['matches'], encode: (i: TransformInput, code: number) => TransformedContent): EncoderRow {
  const { code, devices } = commandCode(useCase);
  return { useCase, srv, deviceTypes: devices, ...(matches ? { matches } : {}), encode: (i) => encode(i, code) };
}

const DEVICE_CREDENTIAL_ENCODERS: readonly EncoderRow[] = [
  row('CS02f', '6.24.1', (r) => knownRoles(r) && namesLoadController(r), provideDetails),
  row('CS02a', '6.24.1', (r) => knownRoles(r) && !namesLoadController(r), provideDetails),
  row('CS02c', '6.17', knownCredentialType, (i, code) => ({ messageCode: code, content: derSequence(keyUsage(CREDENTIAL_TYPE[text(i.request, 'CredentialType')!]!)) })),
  row('CS02d', '6.15.2', (r) => text(r, 'DeviceCertificate') !== undefined, (i, code) => ({ messageCode: code, content: certificate(text(i.request, 'DeviceCertificate')!) })),
];

export const CREDENTIAL_ENCODERS: readonly EncoderRow[] = [...DEVICE_CREDENTIAL_ENCODERS, ...CREDENTIAL_UPDATE_ENCODERS, ...JOIN_ENCODERS];
