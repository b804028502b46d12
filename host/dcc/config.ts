import { srvRow, type UserRole } from './tables/srv-catalogue.js';

// The DCC service layer's configuration (dcc.md [A] items): every knob the spec marks as
// configurable, with the spec's defaults.

export interface DccConfig {
  /** DCC ID: Business Target of CV 8 requests and originator of DCC alerts (dcc.md 2.2, 3.2). */
  dccId: string;
  /** Identity accepted as DCC-internal originator (dcc.md 3.2). */
  dccInternalOriginator: string;
  /** EUI whose DS key signs responses and alerts (dcc.md 3.4; the ACB identity in the reference keystore). */
  xmlSignerEui: string;
  /** EUI of the access control broker that MACs commands (GBCS 4.1). */
  acbEui: string;
  schemaVersions: readonly string[];
  /** dcc.md 3.4: placeholder signatures fail unless off. */
  signatureCheck: boolean;
  /** dcc.md 6 step 2: pre-command lifetime. */
  preCommandLifetimeMs: number;
  /** dcc.md 3.5 ExecutionDateTime window. */
  executionPastToleranceMs: number;
  executionFutureMaxMs: number;
  /** dcc.md 2.4: EX-* placeholders mapped to real codes, one table. */
  exCodes: Readonly<Record<string, string>>;
  /** dcc.md 4: eligibility override per SRV (default: the catalogue's roles). */
  eligibility: Readonly<Record<string, readonly UserRole[]>>;
  /** dcc.md 3.3 callback retry: delays after each failed POST, and the answer timeout. */
  callbackRetryDelaysMs: readonly number[];
  callbackTimeoutMs: number;
  /** dcc.md 5.1: no device response within 120 s of the last transmission -> E21. */
  responseTimeoutMs: number;
  /** dcc.md 7.3: DCC alert codes by placeholder (config/dcc-alert-codes.json in the spec); default identity. */
  dccAlertCodes: Readonly<Record<string, string>>;
}

export const DCC_ID = '90-B3-D5-1F-30-00-00-02';

/**
 * Where the templates contradict the [K] roles column of dcc.md 4 (the data wins, ARCHITECTURE.md):
 * GCS18 (4.10, Read Network Data on a gas meter) is sent by the supplier ID [T], so a gas supplier
 * must be eligible; dcc.md 15 question 1 lists this column as unverified. test/dcc/access-control.test.ts records it.
 */
export const ELIGIBILITY_FROM_TEMPLATES: Readonly<Record<string, readonly UserRole[]>> = {
  '4.10': ['IS', 'GS', 'ED', 'GT'],
};
const DAY_MS = 86_400_000;

export function defaultConfig(): DccConfig {
  return {
    dccId: DCC_ID,
    dccInternalOriginator: DCC_ID,
    xmlSignerEui: '90B3D51F30000002',
    acbEui: '90B3D51F30000002',
    schemaVersions: ['5.4'],
    signatureCheck: true,
    preCommandLifetimeMs: DAY_MS,
    executionPastToleranceMs: 60_000,
    executionFutureMaxMs: 365 * DAY_MS,
    exCodes: {},
    eligibility: ELIGIBILITY_FROM_TEMPLATES,
    callbackRetryDelaysMs: [1_000, 2_000, 4_000, 8_000, 16_000],
    callbackTimeoutMs: 10_000,
    responseTimeoutMs: 120_000,
    dccAlertCodes: {},
  };
}

export function eligibleRoles(config: DccConfig, srv: string): readonly UserRole[] {
  return config.eligibility[srv] ?? srvRow(srv)?.roles ?? [];
}
