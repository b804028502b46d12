import type { EncoderRow } from './types.js';

// credential updates (CS02*), joins (CS03*) and hub CCS use cases.
export const CREDENTIAL_ENCODERS: readonly EncoderRow[] = [];
