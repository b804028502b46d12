import { encodePayload, type DecodedPayload } from '../../../gbcs/payload/index.js';
import type { EncoderRow } from './types.js';

// SR 11.2 Read Firmware Version on the gas meter (GCS38, GBCS 6; no RTDS folder): one ZCL Read
// Attributes of the OTA Upgrade cluster's CurrentFileVersion [A: the version a GSME reports once it
// runs an image, assembly/device/activate-firmware.ts]. ECS52 (ESME) and CS08 (PPMID, HCALCS) have
// their encoders with the other DLMS / HAN reads.

const GCS38 = 0x0084;
const GBZ_PROFILE_ID = 0x0109;
const OTA_UPGRADE_CLUSTER = 0x0019;
const CURRENT_FILE_VERSION = 0x0002;
const LAST_COMPONENT = 1;
const READ_ATTRIBUTES = 0x00;

function readCurrentFileVersion(): Uint8Array {
  const component = {
    control: LAST_COMPONENT, clusterId: OTA_UPGRADE_CLUSTER,
    zcl: { frameControl: READ_ATTRIBUTES, sequenceNumber: 0, commandId: READ_ATTRIBUTES },
    payload: { kind: 'read-attributes', attributes: [{ attributeId: CURRENT_FILE_VERSION }] },
  };
  return encodePayload({ kind: 'gbz', body: { form: 'components', profileId: GBZ_PROFILE_ID, components: [component] } } as unknown as DecodedPayload);
}

export const FIRMWARE_READ_ENCODERS: readonly EncoderRow[] = [
  { useCase: 'GCS38', srv: '11.2', deviceTypes: ['GSME'], encode: () => ({ messageCode: GCS38, content: readCurrentFileVersion() }) },
];
