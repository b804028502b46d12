import { ESME_ALERT_ENCODERS } from './encoders-esme-alerts.js';
import { ESME_AUXILIARY_ENCODERS } from './encoders-esme-auxiliary.js';
import { ESME_PREPAY_ENCODERS } from './encoders-esme-prepay.js';
import { ESME_TARIFF_ENCODERS } from './encoders-esme-tariff.js';
import { ESME_CONFIG_ENCODERS } from './encoders-esme-config.js';
import { ESME_SUPPLY_ENCODERS } from './encoders-esme-supply.js';
import type { EncoderRow } from './types.js';

// ESME tariffs, prepayment configuration, alert configuration, auxiliary schedules and supply commands (issue 9 templates).
export const ESME_TARIFF_PREPAY_ENCODERS: readonly EncoderRow[] = [
  ...ESME_TARIFF_ENCODERS,
  ...ESME_PREPAY_ENCODERS,
  ...ESME_ALERT_ENCODERS,
  ...ESME_CONFIG_ENCODERS,
  ...ESME_SUPPLY_ENCODERS,
  ...ESME_AUXILIARY_ENCODERS,
];
