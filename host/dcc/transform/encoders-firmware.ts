import type { EncoderRow } from './types.js';
import { FIRMWARE_READ_ENCODERS } from './encoders-firmware-read.js';
import { FIRMWARE_ACTIVATE_ENCODERS } from './encoders-firmware-activate.js';

// firmware distribution and activation (SR 11.x): GCS38 version read (11.2), CS06 activation (11.3).
// SR 11.1 / 11.4 distribute images without a device command (host/dcc/firmware-update.ts).
export const FIRMWARE_ENCODERS: readonly EncoderRow[] = [...FIRMWARE_READ_ENCODERS, ...FIRMWARE_ACTIVATE_ENCODERS];
