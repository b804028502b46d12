// GBZ alert payload (GBCS 6.1, 9.1, 9.3): `01 09 <N> <alert code u16 BE> <UTC time u32 BE>
// [alert data]`. N is not a component count here: 00 when nothing follows the timestamp, 01 when
// one alert-specific block follows, and that block has no CF/cluster/length header.

import { GbcsDecodeError } from '../errors.js';
import { alertName, METER_INTEGRITY_REASONS } from '../tables/alert-codes.js';
import { AXDR_TAG } from './axdr-types.js';
import { ByteReader, ByteWriter } from './bytes.js';

/** GBCS 9.2 alert codes whose data block layout GBCS 6.1 / 9.3 gives. */
export const GBZ_ALERT_CODE = {
  meterIntegrityWarning: 0x81a0,
  firmwareVerificationSuccessful: 0x8f72,
  futureDatedSuccess: 0x8f66,
  futureDatedFailure: 0x8f67,
} as const;

/** GBCS 9.3: the future-dated block is `0E` + code(2) + counter(8) + cluster(2) + fc(1) + cmd(1). */
export const GBZ_FUTURE_DATED_BYTES = 14;
/** GBCS 6.1: the 0x8F72 block is an octet-string of the 32-byte manufacturer image hash. */
export const GBZ_IMAGE_HASH_BYTES = 32;

export type GbzAlertData =
  | { readonly kind: 'meter-integrity'; readonly reason: number; readonly reasonName?: string }
  | { readonly kind: 'image-hash'; readonly hash: Uint8Array }
  | {
      readonly kind: 'future-dated';
      readonly messageCode: number;
      readonly originatorCounter: bigint;
      readonly clusterId: number;
      readonly frameControl: number;
      readonly commandId: number;
    }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

export interface GbzAlert {
  readonly form: 'alert';
  readonly profileId: number;
  readonly alertCode: number;
  readonly alertName?: string;
  /** UTC seconds since 2000-01-01 (GBCS 6.1). */
  readonly timestamp: number;
  readonly data?: GbzAlertData;
}

const ALERT_BLOCK_ABSENT = 0;
const ALERT_BLOCK_PRESENT = 1;
const REASON_BYTES = 2;

export function readGbzAlert(r: ByteReader, profileId: number): GbzAlert {
  const countAt = r.offset;
  const count = r.u8('GBZ alert block count');
  if (count !== ALERT_BLOCK_ABSENT && count !== ALERT_BLOCK_PRESENT) {
    throw new GbcsDecodeError('bad-value', countAt, 'GBZ alert block count 0 or 1');
  }
  const alertCode = r.uintBE(2, 'alert code');
  const timestamp = r.uintBE(4, 'alert timestamp');
  const name = alertName(alertCode);
  const base = { form: 'alert' as const, profileId, alertCode, ...(name === undefined ? {} : { alertName: name }), timestamp };
  if (count === ALERT_BLOCK_ABSENT) return base;
  if (r.atEnd()) throw new GbcsDecodeError('truncated', r.offset, 'GBZ alert data block');
  return { ...base, data: readAlertData(r.sub(r.remaining, 'alert data'), alertCode) };
}

function readAlertData(r: ByteReader, alertCode: number): GbzAlertData {
  const start = r.offset;
  const end = start + r.remaining;
  if (alertCode === GBZ_ALERT_CODE.meterIntegrityWarning && r.remaining === REASON_BYTES) {
    const reason = r.uintBE(REASON_BYTES, 'meter integrity reason');
    const reasonName = METER_INTEGRITY_REASONS[reason];
    return { kind: 'meter-integrity', reason, ...(reasonName === undefined ? {} : { reasonName }) };
  }
  if (
    alertCode === GBZ_ALERT_CODE.firmwareVerificationSuccessful &&
    r.remaining === 2 + GBZ_IMAGE_HASH_BYTES &&
    r.peekU8('image hash tag') === AXDR_TAG.octetString
  ) {
    r.u8('image hash tag');
    if (r.u8('image hash length') === GBZ_IMAGE_HASH_BYTES) return { kind: 'image-hash', hash: r.take(GBZ_IMAGE_HASH_BYTES, 'image hash') };
  }
  if (
    (alertCode === GBZ_ALERT_CODE.futureDatedSuccess || alertCode === GBZ_ALERT_CODE.futureDatedFailure) &&
    r.remaining === 1 + GBZ_FUTURE_DATED_BYTES &&
    r.peekU8('future-dated length') === GBZ_FUTURE_DATED_BYTES
  ) {
    r.u8('future-dated length');
    return {
      kind: 'future-dated',
      messageCode: r.uintBE(2, 'message code'),
      originatorCounter: r.u64BE('originator counter'),
      clusterId: r.uintBE(2, 'cluster id'),
      frameControl: r.u8('frame control'),
      commandId: r.u8('command id'),
    };
  }
  // Unknown layout: keep the whole block, from its start whatever was already read.
  return { kind: 'raw', bytes: r.bytes.slice(start, end) };
}

export function writeGbzAlert(w: ByteWriter, a: GbzAlert): void {
  w.u8(a.data === undefined ? ALERT_BLOCK_ABSENT : ALERT_BLOCK_PRESENT);
  w.uintBE(a.alertCode, 2).uintBE(a.timestamp, 4);
  const d = a.data;
  if (d === undefined) return;
  switch (d.kind) {
    case 'meter-integrity':
      w.uintBE(d.reason, REASON_BYTES);
      return;
    case 'image-hash':
      w.u8(AXDR_TAG.octetString).u8(d.hash.length).bytes(d.hash);
      return;
    case 'future-dated':
      w.u8(GBZ_FUTURE_DATED_BYTES).uintBE(d.messageCode, 2).u64BE(d.originatorCounter);
      w.uintBE(d.clusterId, 2).u8(d.frameControl).u8(d.commandId);
      return;
    case 'raw':
      w.bytes(d.bytes);
  }
}
