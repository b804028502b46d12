import { encodeGbz, type GbzComponent } from '../../gbcs/payload/gbz.js';
import type { DecodedMessage } from '../../gbcs/message.js';
import type { DecodedPayload } from '../../gbcs/payload/index.js';
import { ECS17A_MESSAGE_CODE, ecs17aContent, invokeIdBytes, responseRegisterValues } from '../head-end.js';
import { rawGbzComponents, readResponseRecords } from '../gbz-components.js';
import type { ReadUseCase, TopUpUseCase } from '../scenario/scenario.js';

// The commands a premises' remote parties send (reads and top-ups) as GBCS content, and what
// their answers say. Layouts follow the reference commands of RTDS 4.5.0: GCS13b
// (`4.1.4_GCS13b`, GPF-addressed RELIABLE_GPF form), GCS14 (`4.3_GCS14`), GCS60a (`4.18_GCS60a`),
// GCS33 (`7.4_GCS33`), CS01a (`2.2_CS01a`: Token gateway 0-0:19.40.0.255 method 1) and CS01b
// (`2.2_CS01b`: Prepayment ConsumerTopUp). GBZ content goes through gbcs/payload/gbz.ts.

const METERING = 0x0702;
const PRICE = 0x0700;
const PREPAYMENT = 0x0705;
const GBZ_PROFILE_ID = 0x0109;
const ZCL_CONSUMER_TOP_UP = 0x04;
const ZCL_FC_CLUSTER_SPECIFIC = 0x01;
const ZCL_READ_ATTRIBUTES_RESPONSE = 0x01;
const ZCL_CONSUMER_TOP_UP_RESPONSE = 0x03;
const ZCL_DEFAULT_RESPONSE = 0x0b;
const ORIGINATING_DEVICE_REMOTE = 0x00;

/** GBZ attributes the premises keeps on the GSME and mirrors to the GPF. */
export const GAS_ATTRIBUTE = {
  /** CurrentNoTierBlock1SummationDelivered (uint48, dm3 with divisor 1000): the whole volume without block tariffs. */
  BLOCK1_SUMMATION: 0x0700,
  BLOCK2_SUMMATION: 0x0701,
  BLOCK3_SUMMATION: 0x0702,
  BLOCK4_SUMMATION: 0x0703,
  UNIT_OF_MEASURE: 0x0300,
  MULTIPLIER: 0x0301,
  DIVISOR: 0x0302,
  SUPPLY_STATUS: 0x0014,
  REMAINING_BATTERY_DAYS: 0x0205,
} as const;
export const METERING_CLUSTER = METERING;

export const MESSAGE_CODE: Record<ReadUseCase | TopUpUseCase | 'ECS01b' | 'CS06', number> = {
  ECS17a: ECS17A_MESSAGE_CODE, GCS13b: 0x00b8, GCS14: 0x0075, GCS60a: 0x012a, GCS33: 0x0082, CS01a: 0x0007, CS01b: 0x0097, ECS01b: 0x00a2, CS06: 0x0012,
};
/** CS06 outcome INTEGER 0 (GBCS 7): the image is activated or its activation scheduled. */
const CS06_SUCCESS = '020100';

function readComponent(clusterId: number, sequence: number, attributes: readonly number[], last: boolean): GbzComponent {
  return {
    control: last ? 1 : 0, clusterId,
    zcl: { frameControl: 0, sequenceNumber: sequence, commandId: 0 },
    payload: { kind: 'read-attributes', attributes: attributes.map((attributeId) => ({ attributeId })) },
  };
}

function gbz(components: GbzComponent[]): Uint8Array {
  return encodeGbz({ form: 'components', profileId: GBZ_PROFILE_ID, components });
}

const A = GAS_ATTRIBUTE;
const READ_CONTENT: Record<ReadUseCase, (counter: bigint) => Uint8Array> = {
  ECS17a: ecs17aContent,
  GCS13b: () => gbz([readComponent(METERING, 0, [A.BLOCK1_SUMMATION, A.BLOCK2_SUMMATION, A.BLOCK3_SUMMATION, A.BLOCK4_SUMMATION, A.DIVISOR, A.MULTIPLIER, A.UNIT_OF_MEASURE], true)]),
  GCS14: () => gbz([readComponent(PRICE, 0, [0x0617, 0x0616], false), readComponent(PREPAYMENT, 1, [0x0005, 0x0002, 0x0001, 0x0231, 0x0211, 0x0221], true)]),
  GCS60a: () => gbz([readComponent(METERING, 0, [0x0a00], false), readComponent(PREPAYMENT, 1, [0x0001], true)]),
  GCS33: () => gbz([readComponent(METERING, 0, [A.REMAINING_BATTERY_DAYS, A.SUPPLY_STATUS], true)]),
};

export function readContent(useCase: ReadUseCase): (counter: bigint) => Uint8Array {
  return READ_CONTENT[useCase];
}

const TOKEN_GATEWAY_OBIS = [0, 0, 19, 40, 0, 255];
const TOKEN_GATEWAY_CLASS_ID = 115;
const DLMS_ACCESS_REQUEST = 0xd9;
const DLMS_ACTION = 0x03;
const AXDR_OCTET_STRING = 0x09;

/** CS01a: ACTION Token gateway method 1 with the UTRN's 20 ASCII digits (GBCS 5.1). */
export function cs01aContent(utrn: string): (counter: bigint) => Uint8Array {
  const digits = Buffer.from(utrn, 'latin1');
  return (counter) => Uint8Array.from([
    DLMS_ACCESS_REQUEST, ...invokeIdBytes(counter), 0x00, 0x01,
    DLMS_ACTION, TOKEN_GATEWAY_CLASS_ID >> 8, TOKEN_GATEWAY_CLASS_ID & 0xff, ...TOKEN_GATEWAY_OBIS, 0x01, 0x01,
    AXDR_OCTET_STRING, digits.length, ...digits,
  ]);
}

/** CS01b: Prepayment ConsumerTopUp {originating device 00 remote, top-up code octets} (GBCS 6; RTDS 2.2_CS01b). */
export function cs01bContent(utrn: string): (counter: bigint) => Uint8Array {
  const digits = Buffer.from(utrn, 'latin1');
  const payload = Uint8Array.from([ORIGINATING_DEVICE_REMOTE, digits.length, ...digits]);
  return () => gbz([{
    control: 1, clusterId: PREPAYMENT, zcl: { frameControl: ZCL_FC_CLUSTER_SPECIFIC, sequenceNumber: 0, commandId: ZCL_CONSUMER_TOP_UP },
    payload: { kind: 'raw', bytes: payload },
  }]);
}

/** What a response says, as far as the premises counts it. */
export interface AnswerReading {
  /** The device refused (a ZCL status other than success / not found, a DLMS result other than 0, a top-up result other than 0). */
  refused: boolean;
  /** The register the use case is about, when answered: export Wh (ECS17a), block 1 dm3 (GCS13b), battery days (GCS33). */
  value?: number;
}

/** Reads the answer of `message` (a verified response) to the use case of its message code. */
export function readAnswer(message: DecodedMessage<DecodedPayload>, messageCode: number): AnswerReading {
  if (messageCode === ECS17A_MESSAGE_CODE) {
    const [exportWh] = responseRegisterValues(message);
    return exportWh === undefined ? { refused: true } : { refused: false, value: exportWh };
  }
  if (messageCode === MESSAGE_CODE.CS01a || messageCode === MESSAGE_CODE.ECS01b) {
    const payload = message.payload;
    const ok = payload?.kind === 'dlms' && payload.body.apdu === 'access-response' && payload.body.items.every((i) => i.result === 0);
    return { refused: !ok };
  }
  if (messageCode === MESSAGE_CODE.CS06) return { refused: Buffer.from(message.envelope.content).toString('hex') !== CS06_SUCCESS };
  return gbzAnswer(message, messageCode);
}

function gbzAnswer(message: DecodedMessage<DecodedPayload>, messageCode: number): AnswerReading {
  const plaintexts = (message.decrypted ?? []).map((b) => b.plaintext);
  let refused = false;
  let value: number | undefined;
  for (const c of rawGbzComponents(message.envelope.content)) {
    const payload = c.cipheredIndex === undefined ? c.payload : plaintexts[c.cipheredIndex];
    if (payload === undefined) continue;
    if (c.commandId === ZCL_DEFAULT_RESPONSE) {
      const status = payload[1] ?? 0xff;
      if (status !== 0x00 && status !== 0x8b) refused = true;
    } else if (c.commandId === ZCL_CONSUMER_TOP_UP_RESPONSE && (c.frameControl & 0x03) === ZCL_FC_CLUSTER_SPECIFIC) {
      if (payload[0] !== 0x00) refused = true;
    } else if (c.commandId === ZCL_READ_ATTRIBUTES_RESPONSE && c.clusterId === METERING) {
      for (const r of readResponseRecords(payload)) {
        if (r.status !== 0) refused = true;
        const wanted = messageCode === MESSAGE_CODE.GCS13b ? A.BLOCK1_SUMMATION : messageCode === MESSAGE_CODE.GCS33 ? A.REMAINING_BATTERY_DAYS : -1;
        if (r.attributeId === wanted && r.typed !== undefined) value = uintLE(r.typed.subarray(1));
      }
    }
  }
  return value === undefined ? { refused } : { refused, value };
}

function uintLE(bytes: Uint8Array): number {
  let v = 0;
  for (let i = bytes.length - 1; i >= 0; i--) v = v * 256 + bytes[i]!;
  return v;
}

/** A typed ZCL value (type id + little-endian bytes) of an unsigned integer, for SET_ZCL_ATTRIBUTE. */
export function typedUint(typeId: number, bytes: number, value: number): Uint8Array {
  const out = new Uint8Array(1 + bytes);
  out[0] = typeId;
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out[1 + i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}
