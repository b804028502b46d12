import { GAS_CONFIG_ENCODERS } from './encoders-gas-config.js';
import { GAS_HUB_ENCODERS } from './encoders-gas-hub.js';
import { GAS_PREPAY_ENCODERS } from './encoders-gas-prepay.js';
import { GAS_PROFILE_ENCODERS } from './encoders-gas-profile.js';
import { GAS_TARIFF_ENCODERS } from './encoders-gas-tariff.js';
import type { EncoderRow } from './types.js';

// GSME and GPF use cases of the DUIS templates (GCS*): one module per family, spread here.
export const GAS_ENCODERS: readonly EncoderRow[] = [...GAS_TARIFF_ENCODERS, ...GAS_PREPAY_ENCODERS, ...GAS_CONFIG_ENCODERS, ...GAS_PROFILE_ENCODERS, ...GAS_HUB_ENCODERS];
