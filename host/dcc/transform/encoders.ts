import { DLMS_ENCODERS } from './encoders-dlms.js';
import { GBZ_ENCODERS } from './encoders-gbz.js';
import { DLMS_LOG_ENCODERS } from './encoders-dlms-logs.js';
import { DLMS_CONFIG_ENCODERS } from './encoders-dlms-config.js';
import { HAN_ENCODERS } from './encoders-han.js';
import { DLMS_PAYMENT_MODE_ENCODERS } from './encoders-dlms-payment-mode.js';
import { DLMS_MAX_DEMAND_ENCODERS } from './encoders-dlms-max-demand.js';
import { CHF_SUBGHZ_ENCODERS } from './encoders-chf-subghz.js';
import { DLMS_DEBT_ENCODERS } from './encoders-dlms-debt.js';
import { DLMS_VOLTAGE_ENCODERS } from './encoders-dlms-voltage.js';
import { DLMS_NETWORK_ENCODERS } from './encoders-dlms-network.js';
import { GBZ_TABLE_ENCODERS } from './encoders-gbz-table.js';
import { ESME_TARIFF_PREPAY_ENCODERS } from './encoders-esme-tariff-prepay.js';
import { GAS_ENCODERS } from './encoders-gas.js';
import { CREDENTIAL_ENCODERS } from './encoders-credentials.js';
import { FIRMWARE_ENCODERS } from './encoders-firmware.js';
import { siblingRows } from './encoders-siblings.js';
import type { EncoderRow } from './types.js';

// Every use-case encoder the transformer has, first match wins (transform.ts). Use cases absent
// here are answered EX-NOT-SUPPORTED (issue 9 point 2); the template walk lists them.

const BASE: readonly EncoderRow[] = [...DLMS_ENCODERS, ...DLMS_LOG_ENCODERS, ...DLMS_CONFIG_ENCODERS, ...DLMS_NETWORK_ENCODERS, ...DLMS_VOLTAGE_ENCODERS, ...DLMS_DEBT_ENCODERS, ...DLMS_PAYMENT_MODE_ENCODERS, ...DLMS_MAX_DEMAND_ENCODERS, ...CHF_SUBGHZ_ENCODERS, ...HAN_ENCODERS, ...GBZ_ENCODERS, ...GBZ_TABLE_ENCODERS,
  ...ESME_TARIFF_PREPAY_ENCODERS,
  ...GAS_ENCODERS,
  ...CREDENTIAL_ENCODERS,
  ...FIRMWARE_ENCODERS,
];

/** Sibling use cases first: each serves only the targets its condition picks (tables/sibling-use-cases.ts). */
export const ENCODERS: readonly EncoderRow[] = [...siblingRows(BASE), ...BASE];
