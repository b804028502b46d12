// GBZ container (GBCS 6.1): `01 09` profile id, N, then N components, each with an extended
// header control byte (bit0 last, bit1 encrypted, bit4 from-date-time), cluster id (BE), length
// (BE), optional from-date-time (BE), optional additional header (encrypted components), ZCL
// header and ZCL payload (LE). Alerts (CRA 3) use the different layout of gbz-alert.ts.

import { GbcsDecodeError } from '../errors.js';
import { ZCL_DIRECTION_SERVER_TO_CLIENT, ZCL_FRAME_TYPE_MASK, ZCL_FRAME_TYPE_PROFILE_WIDE, zclClusterName, zclGeneralCommandName, ZSE_PROFILE_ID } from '../tables/zcl.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { cipheredBytes, decodeCiphered, encodeCiphered, type CipheredBlock } from './ciphered.js';
import { readGbzAlert, writeGbzAlert, type GbzAlert } from './gbz-alert.js';
import { zclCommandRow, type ZclDirection } from './zcl-commands.js';
import { readZclFields, writeZclFields, type ZclRecord } from './zcl-fields.js';
import { readZclGeneral, writeZclGeneral, type ZclGeneralPayload } from './zcl-general.js';

/** Most components in one GBZ payload. RTDS maximum: 31 (GCS16a, one GetSnapshot per day); a
 * GBZ count is one byte, and 64 bounds a month of daily snapshots plus headroom. */
export const GBZ_COMPONENTS_MAX = 64;

/** GBCS 6.1 extended header control bits. */
export const GBZ_CONTROL_LAST = 0x01;
export const GBZ_CONTROL_ENCRYPTED = 0x02;
export const GBZ_CONTROL_FROM_DATE_TIME = 0x10;

const PROFILE_ID_BYTES = 2;
const CLUSTER_ID_BYTES = 2;
const COMPONENT_LENGTH_BYTES = 2;
const FROM_DATE_TIME_BYTES = 4;
const CIPHERED_LENGTH_BYTES = 2;

export type ZclPayload =
  | ZclGeneralPayload
  | { readonly kind: 'command'; readonly fields: ZclRecord }
  /** GBCS 4.5: `<len u16 BE><31 00000000><ciphertext><tag>` replaces the ZCL payload. */
  | { readonly kind: 'ciphered'; readonly block: CipheredBlock }
  /** A command without a layout in zcl-commands.ts. */
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

export interface ZclHeader {
  readonly frameControl: number;
  readonly sequenceNumber: number;
  readonly commandId: number;
  /** Informational; ignored by the encoder. */
  readonly commandName?: string;
}

export interface GbzComponent {
  /** Extended header control byte as sent; the encoder writes the optional parts it announces. */
  readonly control: number;
  readonly clusterId: number;
  readonly clusterName?: string;
  /** UTC seconds since 2000-01-01, present when control bit4 is set. */
  readonly fromDateTime?: number;
  /** Present when control bit1 (encrypted) is set (GBCS 4.5). */
  readonly additionalHeader?: { readonly control: number; readonly frameCounter: number };
  readonly zcl: ZclHeader;
  readonly payload: ZclPayload;
}

export interface GbzComponents {
  readonly form: 'components';
  readonly profileId: number;
  readonly components: readonly GbzComponent[];
}

export type GbzPayload = GbzComponents | GbzAlert;

export function decodeGbz(content: Uint8Array, opts: { alert: boolean }): GbzPayload {
  const r = new ByteReader(content);
  const profileId = r.uintBE(PROFILE_ID_BYTES, 'GBZ profile id');
  if (profileId !== ZSE_PROFILE_ID) throw new GbcsDecodeError('bad-value', 0, 'GBZ profile id 0x0109');
  if (opts.alert) {
    const alert = readGbzAlert(r, profileId);
    r.finish('GBZ alert');
    return alert;
  }
  const countAt = r.offset;
  const count = r.u8('GBZ component count');
  if (count > GBZ_COMPONENTS_MAX) throw new GbcsDecodeError('length-exceeds-max', countAt, `<= ${GBZ_COMPONENTS_MAX} GBZ components`);
  const components: GbzComponent[] = [];
  for (let k = 0; k < count; k++) components.push(readComponent(r));
  r.finish('GBZ payload');
  return { form: 'components', profileId, components };
}

function readComponent(r: ByteReader): GbzComponent {
  const control = r.u8('extended header control');
  const clusterId = r.uintBE(CLUSTER_ID_BYTES, 'cluster id');
  const length = r.uintBE(COMPONENT_LENGTH_BYTES, 'component length');
  const body = r.sub(length, 'GBZ component');
  const fromDateTime = control & GBZ_CONTROL_FROM_DATE_TIME ? body.uintBE(FROM_DATE_TIME_BYTES, 'from-date-time') : undefined;
  const additionalHeader =
    control & GBZ_CONTROL_ENCRYPTED
      ? { control: body.u8('additional header control'), frameCounter: body.u8('additional frame counter') }
      : undefined;
  const frameControl = body.u8('ZCL frame control');
  const sequenceNumber = body.u8('ZCL sequence number');
  const commandId = body.u8('ZCL command id');
  const payload = readZclPayload(body, clusterId, frameControl, commandId, additionalHeader !== undefined);
  body.finish('GBZ component');
  const clusterName = zclClusterName(clusterId);
  const commandName = commandNameOf(clusterId, frameControl, commandId);
  return {
    control,
    clusterId,
    ...(clusterName === undefined ? {} : { clusterName }),
    ...(fromDateTime === undefined ? {} : { fromDateTime }),
    ...(additionalHeader === undefined ? {} : { additionalHeader }),
    zcl: { frameControl, sequenceNumber, commandId, ...(commandName === undefined ? {} : { commandName }) },
    payload,
  };
}

function direction(frameControl: number): ZclDirection {
  return frameControl & ZCL_DIRECTION_SERVER_TO_CLIENT ? 'server-to-client' : 'client-to-server';
}

function isProfileWide(frameControl: number): boolean {
  return (frameControl & ZCL_FRAME_TYPE_MASK) === ZCL_FRAME_TYPE_PROFILE_WIDE;
}

function commandNameOf(clusterId: number, frameControl: number, commandId: number): string | undefined {
  if (isProfileWide(frameControl)) return zclGeneralCommandName(commandId);
  return zclCommandRow(clusterId, direction(frameControl), commandId)?.name;
}

function readZclPayload(r: ByteReader, clusterId: number, frameControl: number, commandId: number, encrypted: boolean): ZclPayload {
  if (encrypted) {
    const lenAt = r.offset;
    const len = r.uintBE(CIPHERED_LENGTH_BYTES, 'ciphered payload length');
    if (len !== r.remaining) throw new GbcsDecodeError('bad-length', lenAt, `ciphered payload length ${r.remaining}`);
    return { kind: 'ciphered', block: decodeCiphered(r.take(len, 'ciphered payload'), lenAt + CIPHERED_LENGTH_BYTES) };
  }
  if (isProfileWide(frameControl)) {
    const general = readZclGeneral(r, clusterId, commandId);
    if (general !== undefined) return general;
  } else {
    const row = zclCommandRow(clusterId, direction(frameControl), commandId);
    if (row?.fields !== undefined) return { kind: 'command', fields: readZclFields(r, row.fields) };
  }
  return { kind: 'raw', bytes: r.take(r.remaining, 'ZCL payload') };
}

export function encodeGbz(p: GbzPayload): Uint8Array {
  const w = new ByteWriter().uintBE(p.profileId, PROFILE_ID_BYTES);
  if (p.form === 'alert') writeGbzAlert(w, p);
  else {
    w.u8(p.components.length);
    for (const c of p.components) writeComponent(w, c);
  }
  return w.finish();
}

function writeComponent(w: ByteWriter, c: GbzComponent): void {
  const body = new ByteWriter();
  if (c.control & GBZ_CONTROL_FROM_DATE_TIME) {
    if (c.fromDateTime === undefined) throw new RangeError('control announces from-date-time but none given');
    body.uintBE(c.fromDateTime, FROM_DATE_TIME_BYTES);
  }
  if (c.control & GBZ_CONTROL_ENCRYPTED) {
    if (c.additionalHeader === undefined) throw new RangeError('control announces encryption but no additional header');
    body.u8(c.additionalHeader.control).u8(c.additionalHeader.frameCounter);
  }
  body.u8(c.zcl.frameControl).u8(c.zcl.sequenceNumber).u8(c.zcl.commandId);
  writeZclPayload(body, c);
  const bytes = body.finish();
  w.u8(c.control).uintBE(c.clusterId, CLUSTER_ID_BYTES).uintBE(bytes.length, COMPONENT_LENGTH_BYTES).bytes(bytes);
}

function writeZclPayload(w: ByteWriter, c: GbzComponent): void {
  const p = c.payload;
  switch (p.kind) {
    case 'ciphered':
      w.uintBE(cipheredBytes(p.block), CIPHERED_LENGTH_BYTES).bytes(encodeCiphered(p.block));
      return;
    case 'raw':
      w.bytes(p.bytes);
      return;
    case 'command': {
      const row = zclCommandRow(c.clusterId, direction(c.zcl.frameControl), c.zcl.commandId);
      if (row?.fields === undefined) throw new RangeError(`no ZCL layout for cluster ${c.clusterId} command ${c.zcl.commandId}`);
      writeZclFields(w, row.fields, p.fields);
      return;
    }
    default:
      writeZclGeneral(w, p);
  }
}
