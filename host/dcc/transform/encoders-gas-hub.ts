import { euiFromDuis } from '../duis/request.js';
import type { DeviceType } from '../../../gbcs/tables/message-codes.js';
import { commandCode } from './encoders-gas-zcl.js';
import type { EncoderRow, TransformInput } from './types.js';

// GCS59 Restore GPF Device Log (SR 8.12.2): the new GPF of a replaced hub gets the devices the
// SMI places on that hub's HAN that a GPF talks to (devices 6.3: GSME, PPMID, Type 2), as the
// ASN.1 list CS07 reads, SEQUENCE OF SEQUENCE { OCTET STRING(8) EUI, INTEGER device type }
// (no RTDS folder; assembly/gpf/device-log-restore.ts) [A]. OldGPFID names the GPF replaced: the
// DCC holds no copy of its log apart from the SMI, so the SMI is what is restored.

/** GBCS 7 device types of the GPF's peers. */
const GPF_PEER_TYPE: Partial<Record<DeviceType, number>> = { GSME: 0, PPMID: 5 };
const TAG = { integer: 0x02, octetString: 0x04, sequence: 0x30 } as const;
const EUI_BYTES = 8;
/** Short-form DER lengths only: a GPF device log holds a handful of devices. */
const SHORT_LENGTH_MAX = 0x7f;

function der(tag: number, content: readonly number[]): number[] {
  if (content.length > SHORT_LENGTH_MAX) throw new RangeError(`${content.length}-byte DER element`); // bounded by the log size
  return [tag, content.length, ...content];
}

function restoreList(i: TransformInput): Uint8Array {
  const chfId = i.target?.chfId;
  const peers = chfId && i.hanDevicesOf ? i.hanDevicesOf(chfId).filter((d) => GPF_PEER_TYPE[d.deviceType] !== undefined) : [];
  const entries = peers.flatMap((d) => der(TAG.sequence, [
    ...der(TAG.octetString, [...Buffer.from(euiFromDuis(d.deviceId), 'hex')].slice(0, EUI_BYTES)),
    ...der(TAG.integer, [GPF_PEER_TYPE[d.deviceType]!]),
  ]));
  return Uint8Array.from(der(TAG.sequence, entries));
}

const GCS59 = commandCode('GCS59');

export const GAS_HUB_ENCODERS: readonly EncoderRow[] = [
  // Only where the SMI knows the GPF's hub: an empty list would wipe the new GPF's log.
  { useCase: 'GCS59', srv: '8.12.2', deviceTypes: ['GPF'], matches: (_r, _t, target) => target?.chfId !== undefined, encode: (i) => ({ messageCode: GCS59, content: restoreList(i) }) },
];
