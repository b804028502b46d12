import { activateFirmwareContent, CANCEL_EXECUTION_MS } from '../../firmware-image.js';
import { findTexts } from '../access-control.js';
import type { EncoderRow, TransformInput } from './types.js';

// SR 11.3 Activate Firmware (CS06, critical, GBCS 7; no RTDS folder): the body's FirmwareHash
// (64 hex digits) and, when present, ExecutionDateTime; the DUIS 'cancel' date 3000-12-31 becomes
// the RTDS cancellation date-time of future-dated ASN.1 commands (9999-12-31T23:59:59Z, CS02b),
// which cancels the activation the device holds (assembly/device/activate-firmware.ts).

const CS06 = 0x0012;
const HASH_HEX = /^[0-9A-Fa-f]{64}$/;

function content(i: TransformInput): Uint8Array {
  const hash = findTexts(i.request.body, 'FirmwareHash')[0]?.trim() ?? '';
  if (!HASH_HEX.test(hash)) throw new RangeError('FirmwareHash must be 32 bytes of hex'); // access control validated the schema
  const at = findTexts(i.request.body, 'ExecutionDateTime')[0]?.trim();
  const executeAtMs = at === undefined ? undefined : at.startsWith('3000-12-31') ? CANCEL_EXECUTION_MS : Math.floor(Date.parse(at) / 1000) * 1000;
  return activateFirmwareContent(Uint8Array.from(Buffer.from(hash, 'hex')), executeAtMs);
}

export const FIRMWARE_ACTIVATE_ENCODERS: readonly EncoderRow[] = [
  { useCase: 'CS06', srv: '11.3', deviceTypes: ['ESME', 'GSME'], encode: (i) => ({ messageCode: CS06, content: content(i) }) },
];
