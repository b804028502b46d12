// Sibling use cases (dcc.md 4): one SRV, one device type, and a byte-identical DUIS body, yet a
// different GBCS use case depending on the Business Target. The DCC picks the sibling from the
// target's SMI record (its ESME variant, devices.md 2; the GBCS version of its model, from the
// Central Products List [A]) or from a body element the older sibling lacks. Rows are tried before
// the older sibling (transform/encoders-siblings.ts); the older one serves every other target.
//
// Content of the sibling's command: 'same' = the older sibling's APDU under the sibling's message
// code (GCS21k, GCS60a: RTDS byte-identical apart from the code); 'own' = the sibling already has
// an encoder row (ECS26m/n, GCS21m); otherwise the DLMS items listed (GBCS 5.5 objects).

/** The condition on the target (or the body) that selects the sibling. */
export type SiblingCondition =
  | { readonly esmeVariantHas: string }
  | { readonly esmeVariantLacks: string }
  | { readonly gbcsFrom: string }
  | { readonly bodyHas: string };

/** A DLMS item of a sibling's own command: a get, a reset (method, integer 0) or a call (method, null-data). */
export type SiblingItem = readonly [kind: 'get' | 'reset' | 'call', classId: number, obis: string, member: number];

export interface SiblingUseCase {
  readonly useCase: string;
  /** The older sibling: its SRV, device types, roles and body matcher also bind this row. */
  readonly of: string;
  readonly when: SiblingCondition;
  readonly content: 'same' | 'own' | readonly SiblingItem[];
}

/** GBCS versions that introduced the newer siblings [A]: the estate's 'first' models predate them. */
const GBCS_V2 = '2.0';
const GBCS_V4 = '4.0';
const POLYPHASE = 'C';

const VOLTAGE_LIMITERS: SiblingItem[] = [1, 2, 3, 4].flatMap((n): SiblingItem[] => [['get', 71, `0-0:17.0.${n}.255`, 4], ['get', 71, `0-0:17.0.${n}.255`, 6]]);
/** Average RMS voltage over / under thresholds per phase (1-0:32 L1, 52 L2, 72 L3). */
const PHASE_GROUPS = [32, 52, 72];

export const SIBLING_USE_CASES: readonly SiblingUseCase[] = [
  { useCase: 'ECS26k', of: 'ECS26b', when: { esmeVariantHas: POLYPHASE }, content: [...VOLTAGE_LIMITERS, ...PHASE_GROUPS.flatMap((g): SiblingItem[] => [['get', 1, `1-0:${g}.35.0.4`, 2], ['get', 1, `1-0:${g}.31.0.4`, 2]])] },
  { useCase: 'ECS23b', of: 'ECS23', when: { esmeVariantHas: POLYPHASE }, content: 'own' },
  // ECS29f (polyphase) resets the counters of the three phases; ECS29e, on any other ESME, those of L1.
  { useCase: 'ECS29e', of: 'ECS29f', when: { esmeVariantLacks: POLYPHASE }, content: [['reset', 3, '1-0:32.32.0.4', 1], ['reset', 3, '1-0:32.36.0.4', 1]] },
  { useCase: 'ECS26l', of: 'ECS26d', when: { gbcsFrom: GBCS_V2 }, content: 'same' },
  // ECS08a writes the maximum meter balance passive, activated with the rest [A: GBCS version].
  { useCase: 'ECS08a', of: 'ECS08', when: { gbcsFrom: GBCS_V2 }, content: 'own' },
  { useCase: 'GCS21k', of: 'GCS21d', when: { gbcsFrom: GBCS_V2 }, content: 'same' },
  { useCase: 'GCS60a', of: 'GCS60', when: { gbcsFrom: GBCS_V2 }, content: 'own' },
  { useCase: 'ECS26m', of: 'ECS26e', when: { gbcsFrom: GBCS_V4 }, content: 'own' },
  { useCase: 'ECS26n', of: 'ECS26i', when: { gbcsFrom: GBCS_V4 }, content: 'own' },
  { useCase: 'GCS21m', of: 'GCS21e', when: { gbcsFrom: GBCS_V4 }, content: 'own' },
  // The auxiliary controller event log replaced the ALCS event log (same profile object [A]).
  { useCase: 'ECS35g', of: 'ECS35f', when: { gbcsFrom: GBCS_V4 }, content: 'same' },
  // CCS07 adds the CHF historic device log (0-0:30.3.1.255) and the credential hashes.
  { useCase: 'CCS07', of: 'CCS06', when: { bodyHas: 'ReadSecurityDetails' }, content: [['call', 104, '0-0:30.3.0.255', 4], ['call', 104, '0-0:30.3.1.255', 4]] },
];
