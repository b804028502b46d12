import type { EncoderRow } from './types.js';

// GSME and GPF use cases of the DUIS templates (GCS*).
export const GAS_ENCODERS: readonly EncoderRow[] = [];
