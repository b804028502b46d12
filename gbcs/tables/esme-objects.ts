// The ESME's COSEM object model (GBCS 5.4, 5.5; devices.md 11.6, Appendix R) as data: every
// attribute and method a remote party may reach, how it may be reached, and which firmware
// handler serves it. scripts/generate-firmware-tables.ts turns this table into
// assembly/generated/esme-objects.ts; test/unit/generated-tables.test.ts fails if they drift.
//
// Handlers (assembly/cosem/handlers.ts):
// - stored: the A-XDR value kept in the device's object store; SET writes it, GET reads it back.
// - register-*: energy registers computed from the meter's own accumulators (devices 2.1).
// - scaler-unit-*: the constant {scaler 0, unit} of those registers.
// - import-registers: structure {active import, {0, Wh}, reactive import, {0, varh}} (ECS17b).
// - protected-read: class 30 m1 get_protected_attributes: reads the listed attributes and
//   returns them encrypted (GBCS 4.5).

export type CosemAccess = 'get' | 'set' | 'action' | 'get-with-selection';

export const ESME_HANDLERS = [
  'stored',
  'register-import-active',
  'register-export-active',
  'register-import-reactive',
  'register-export-reactive',
  'scaler-unit-wh',
  'scaler-unit-varh',
  'import-registers',
  'protected-read',
] as const;
export type EsmeHandler = (typeof ESME_HANDLERS)[number];

export interface CosemObjectRow {
  readonly classId: number;
  readonly obis: string;
  /** Attribute id for get/set/get-with-selection rows, method id for action rows. */
  readonly member: number;
  readonly access: readonly CosemAccess[];
  readonly handler: EsmeHandler;
  /** The use cases that reach it (documentation; GBCS 5.5). */
  readonly useCases: readonly string[];
}

export const ESME_OBJECTS = [
  { classId: 3, obis: '1-0:1.8.0.255', member: 2, access: ['get'], handler: 'register-import-active', useCases: [] },
  { classId: 3, obis: '1-0:1.8.0.255', member: 3, access: ['get'], handler: 'scaler-unit-wh', useCases: [] },
  { classId: 3, obis: '1-0:2.8.0.255', member: 2, access: ['get'], handler: 'register-export-active', useCases: ['ECS17a'] },
  { classId: 3, obis: '1-0:2.8.0.255', member: 3, access: ['get'], handler: 'scaler-unit-wh', useCases: ['ECS17a'] },
  { classId: 3, obis: '1-0:3.8.0.255', member: 2, access: ['get'], handler: 'register-import-reactive', useCases: [] },
  { classId: 3, obis: '1-0:3.8.0.255', member: 3, access: ['get'], handler: 'scaler-unit-varh', useCases: [] },
  { classId: 3, obis: '1-0:4.8.0.255', member: 2, access: ['get'], handler: 'register-export-reactive', useCases: ['ECS17a'] },
  { classId: 3, obis: '1-0:4.8.0.255', member: 3, access: ['get'], handler: 'scaler-unit-varh', useCases: ['ECS17a'] },
  { classId: 1, obis: '0-0:94.44.34.10', member: 2, access: ['get'], handler: 'import-registers', useCases: ['ECS17b'] },
  { classId: 30, obis: '0-0:43.2.8.255', member: 1, access: ['action'], handler: 'protected-read', useCases: ['ECS17b'] },
  { classId: 1, obis: '0-2:96.13.1.255', member: 2, access: ['set', 'get'], handler: 'stored', useCases: ['ECS10'] },
] as const satisfies readonly CosemObjectRow[];
