import { messageCodesOf, type DeviceType } from '../../../gbcs/tables/message-codes.js';
import { findTexts } from '../access-control.js';
import { euiFromDuis, type DuisRequest } from '../duis/request.js';
import { accessRequest, action, AXDR, set } from './dlms-request.js';
import type { EncoderRow, TransformInput } from './types.js';

// HAN management and device-log use cases: CHF device log add / remove (CCS01, CCS02, GBCS 5.5
// class 104), unjoin (CS04AC, CS04B: an OCTET STRING naming the other device, GBCS 7), and the
// ASN.1 NULL reads of a device log (CS07) and a firmware version (CS08).

const DEVICE_LOG_CLASS = 104;
const DEVICE_LOG_OBIS = '0-0:30.3.0.255';
const REGISTER_DEVICE = 1;
const UNREGISTER_DEVICE = 2;
const JOIN_ENABLED = 2;
const JOIN_TIMEOUT = 3;
/** GBCS 7 device types, as the CHF firmware numbers them (assembly/chf/device-log.ts). */
const HAN_DEVICE_TYPE: Partial<Record<DeviceType, number>> = { GSME: 0, ESME: 1, GPF: 3 };
const INSTALL_CODE_BYTES_MAX = 18;
const ASN1_NULL = Uint8Array.of(0x05, 0x00);
const ASN1_OCTET_STRING = 0x04;
const EUI_BYTES = 8;

function code(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

const eui = (duis: string): number[] => [...Buffer.from(euiFromDuis(duis), 'hex')];
const text = (r: DuisRequest, local: string): string => findTexts(r.body, local)[0] ?? '';

function fixed(useCase: string, srv: string, deviceTypes: DeviceType[], content: (i: TransformInput) => Uint8Array, matches?: EncoderRow['matches']): EncoderRow {
  const messageCode = code(useCase.replace(/(Critical|NonCritical)$/, ''));
  const row: EncoderRow = { useCase, srv, deviceTypes, encode: (i) => ({ messageCode, content: content(i) }) };
  return matches ? { ...row, matches } : row;
}

const unjoin = (i: TransformInput): Uint8Array => Uint8Array.from([ASN1_OCTET_STRING, EUI_BYTES, ...eui(text(i.request, 'OtherDeviceID'))]);

export const HAN_ENCODERS: readonly EncoderRow[] = [
  fixed('CCS01', '8.11', ['CHF'], (i) => {
      const added = text(i.request, 'DeviceID');
      const installCode = [...Buffer.from(text(i.request, 'InstallCode'), 'hex')].slice(0, INSTALL_CODE_BYTES_MAX);
      const entry = [0x02, 4, ...AXDR.octetString(eui(added)), 0x16, HAN_DEVICE_TYPE[i.deviceTypeOf(added)!] ?? 0, ...AXDR.octetString(installCode), 0x16, 0];
    return accessRequest(i.counter, [
      action(DEVICE_LOG_CLASS, DEVICE_LOG_OBIS, REGISTER_DEVICE, entry),
        set(DEVICE_LOG_CLASS, DEVICE_LOG_OBIS, JOIN_TIMEOUT, AXDR.longUnsigned(Number(text(i.request, 'JoinTimePeriod')))),
        set(DEVICE_LOG_CLASS, DEVICE_LOG_OBIS, JOIN_ENABLED, AXDR.boolean(true)),
      ]);
    }, (r, deviceTypeOf) => text(r, 'RequestType') === 'Add' && HAN_DEVICE_TYPE[deviceTypeOf(text(r, 'DeviceID')) ?? 'LC'] !== undefined),
  fixed('CCS02', '8.11', ['CHF'], (i) => accessRequest(i.counter, [action(DEVICE_LOG_CLASS, DEVICE_LOG_OBIS, UNREGISTER_DEVICE, AXDR.octetString(eui(text(i.request, 'DeviceID'))))]),
      (r) => text(r, 'RequestType') === 'Remove'),
  fixed('CS04ACCritical', '8.8.1', ['ESME', 'PPMID', 'HCALCS', 'LC'], unjoin),
  fixed('CS04ACNonCritical', '8.8.2', ['ESME', 'PPMID', 'HCALCS', 'LC'], unjoin),
  fixed('CS04B', '8.8.2', ['GSME'], unjoin),
  fixed('CS07', '8.9', ['GSME', 'GPF'], () => ASN1_NULL),
  fixed('CS08', '11.2', ['PPMID', 'HCALCS', 'LC'], () => ASN1_NULL),
];
