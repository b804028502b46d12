import type { EncoderRow } from './types.js';

// firmware distribution and activation (SR 11.x: CS06, GCS38, ...).
export const FIRMWARE_ENCODERS: readonly EncoderRow[] = [];
