import type { EncoderRow } from './types.js';

// ESME tariffs, prepayment configuration, alert configuration, auxiliary schedules and supply commands (issue 9 templates).
export const ESME_TARIFF_PREPAY_ENCODERS: readonly EncoderRow[] = [];
