import { derEncode } from '../../../gbcs/keys/der-writer.js';
import type { DeviceType } from '../../../gbcs/tables/message-codes.js';
import { euiFromDuis, type DuisRequest } from '../duis/request.js';
import type { DeviceTypeLookup, EncoderRow, TransformInput, TransformedContent } from './types.js';
import { ACB_EUI } from './encoders-credentials-update.js';
import { commandCode, derSequence, integer, text } from './encoders-credentials-der.js';

// Joins (SR 8.7.1 critical, 8.7.2 non-critical; GBCS 7, gbcs.md 7): the Business Target is told to
// join the other device:
//   SEQUENCE { INTEGER joinMethodAndRole, OCTET STRING other device EUI, INTEGER other device type
//              [, the other device's KA certificate (Method C)] }
// The method follows the pair (GBCS 7, RTDS 8.7): Method A between an ESME and a non-meter device
// (CS03A1 to the meter, role 0; CS03A2 to the HCALCS / PPMID, role 1), Method B a GSME and its
// GPF (CS03B, 2), Method C a GSME and a PPMID (CS03C, 3, with the other's KA certificate, which
// the DCC holds). The other device's type comes from the SMI. 8.7.1 goes to the User as a
// pre-command; 8.7.2 is sent by the ACB for the User (supplementary remote party) and, where the
// GBCS use case is critical (CS03A2, CS03C), signed by it [D: RTDS 8.7.2 commands].

const TAG_OCTET_STRING = 0x04;
/** GBCS 7 device types (gbcs.md 7). */
const ASN1_DEVICE_TYPE: Partial<Record<DeviceType, number>> = { GSME: 0, ESME: 1, CHF: 2, GPF: 3, HCALCS: 4, PPMID: 5 };

interface JoinMethod {
  useCase: 'CS03A1' | 'CS03A2' | 'CS03B' | 'CS03C';
  joinMethodAndRole: number;
  /** The Business Target's type and the other device's types this method joins. */
  target: readonly DeviceType[];
  other: readonly DeviceType[];
  certificate: boolean;
}

const METHODS: readonly JoinMethod[] = [
  { useCase: 'CS03A1', joinMethodAndRole: 0, target: ['ESME'], other: ['HCALCS', 'PPMID'], certificate: false },
  { useCase: 'CS03A2', joinMethodAndRole: 1, target: ['HCALCS', 'PPMID'], other: ['ESME'], certificate: false },
  { useCase: 'CS03B', joinMethodAndRole: 2, target: ['GSME'], other: ['GPF'], certificate: false },
  { useCase: 'CS03C', joinMethodAndRole: 3, target: ['GSME', 'PPMID'], other: ['GSME', 'PPMID'], certificate: true },
];

const otherDevice = (r: DuisRequest): string => text(r, 'OtherDeviceID') ?? '';

function encode(method: JoinMethod, code: number, critical: boolean, i: TransformInput): TransformedContent {
  const other = otherDevice(i.request);
  const otherType = i.deviceTypeOf(other)!; // matched by the row
  const eui = euiFromDuis(other);
  const cert = method.certificate ? i.certificateOf?.(eui, 'ka') : undefined;
  const content = derSequence(integer(method.joinMethodAndRole), derEncode(TAG_OCTET_STRING, Buffer.from(eui, 'hex')), integer(ASN1_DEVICE_TYPE[otherType]!), ...(cert ? [cert] : []));
  if (critical) return { messageCode: code, content };
  const signed = method.useCase !== 'CS03B';
  return { messageCode: code, content, originator: ACB_EUI, supplementaryRemoteParty: true, ...(signed ? { signedBy: 'dcc' as const } : {}) };
}

function joinRow(method: JoinMethod, srv: '8.7.1' | '8.7.2', tag: string): EncoderRow {
  const { code } = commandCode(method.useCase);
  const matches = (r: DuisRequest, deviceTypeOf: DeviceTypeLookup): boolean => {
    const type = deviceTypeOf(otherDevice(r));
    return type !== undefined && method.other.includes(type) && ASN1_DEVICE_TYPE[type] !== undefined;
  };
  return { useCase: tag, srv, deviceTypes: method.target, matches, encode: (i) => encode(method, code, srv === '8.7.1', i) };
}

const method = (useCase: JoinMethod['useCase']): JoinMethod => METHODS.find((m) => m.useCase === useCase)!;

export const JOIN_ENCODERS: readonly EncoderRow[] = [
  joinRow(method('CS03A1'), '8.7.1', 'CS03A1'),
  joinRow(method('CS03A2'), '8.7.1', 'CS03A2Critical'),
  joinRow(method('CS03C'), '8.7.1', 'CS03CCritical'),
  joinRow(method('CS03A2'), '8.7.2', 'CS03A2NonCritical'),
  joinRow(method('CS03B'), '8.7.2', 'CS03B'),
  joinRow(method('CS03C'), '8.7.2', 'CS03CNonCritical'),
];
