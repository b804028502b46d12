// The CHF's COSEM object model (GBCS 5.4 class 104, 5.5 CCS01-07, ECS26i/n, ECS35c, DBCH01-05;
// devices.md 7.1, 7.2, Appendix S.3) as data, in the form of gbcs/tables/esme-objects.ts:
// scripts/generate-firmware-tables.ts renders assembly/generated/chf-objects.ts from it and
// test/unit/generated-tables.test.ts fails if they drift. Rows name either a handler the ESME
// server already has (ESME_HANDLERS: stored values, profile buffers) or one of the CHF's own
// (CHF_HANDLERS, assembly/chf/handlers.ts), numbered from DEVICE_HANDLER_BASE so both fit one
// dispatch.
//
// CHF handlers:
// - device-id: class 1 a2 of 0-0:96.1.1.255, the CHF's own EUI (ECS26i).
// - device-log-register / -unregister / -backup / -restore: class 104 m1 / m2 / m4 / m5 on the
//   CHF device log (0-0:30.3.0.255) and m4 on the historic device log (0-0:30.3.1.255), kept in
//   the CHF region of the device context (assembly/chf/device-log.ts).
// - han-check: class 104 a4, one 14-field structure per device-log entry except the GPF (CCS06).
// - join-enabled / join-timeout: class 104 a2 boolean, a3 long-unsigned (CCS01).
// - sub-ghz-configuration: class 1 a2 of 0-0:94.44.10.0; GET the stored value, SET stores it
//   and raises DBCH09 0x8F2A with the new values (DBCH03, DBCH04).
// - channel-scan: class 1 a2 of 0-0:94.44.10.1; SET requests a scan, answered by DBCH08 0x8F28.
import { type CosemAccess, type EsmeHandler } from './esme-objects.js';

export const CHF_HANDLERS = [
  'device-id',
  'device-log-register',
  'device-log-unregister',
  'device-log-backup',
  'device-log-restore',
  'han-check',
  'join-enabled',
  'join-timeout',
  'sub-ghz-configuration',
  'channel-scan',
] as const;
export type ChfHandler = (typeof CHF_HANDLERS)[number];

/** Device-specific handlers are numbered from here; below it are the ESME server's (ESME_HANDLERS). */
export const DEVICE_HANDLER_BASE = 64;

export interface DeviceObjectRow<H extends string> {
  readonly classId: number;
  readonly obis: string;
  readonly member: number;
  readonly access: readonly CosemAccess[];
  readonly handler: EsmeHandler | H;
  readonly useCases: readonly string[];
}

const attribute = (classId: number, obis: string, member: number, access: readonly CosemAccess[], handler: EsmeHandler | ChfHandler, useCases: readonly string[]): DeviceObjectRow<ChfHandler> =>
  ({ classId, obis, member, access, handler, useCases });
const method = (classId: number, obis: string, member: number, handler: ChfHandler, useCases: readonly string[]): DeviceObjectRow<ChfHandler> =>
  ({ classId, obis, member, access: ['action'], handler, useCases });

const DEVICE_LOG = '0-0:30.3.0.255';
const HISTORIC_DEVICE_LOG = '0-0:30.3.1.255';

export const CHF_OBJECTS: readonly DeviceObjectRow<ChfHandler>[] = [
  attribute(1, '0-0:94.44.10.0', 2, ['get', 'set'], 'sub-ghz-configuration', ['DBCH03', 'DBCH04']),
  attribute(1, '0-0:94.44.10.1', 2, ['set'], 'channel-scan', ['DBCH05']),
  attribute(1, '0-0:94.44.10.2', 2, ['get'], 'stored', ['DBCH01']),
  attribute(1, '0-0:96.1.1.255', 2, ['get'], 'device-id', ['ECS26i']),
  attribute(1, '0-0:96.1.4.255', 2, ['get'], 'stored', ['ECS26i', 'ECS26n']),
  attribute(1, '0-0:96.1.6.255', 2, ['get'], 'stored', ['ECS26i', 'ECS26n']),
  attribute(7, '0-0:94.44.10.3', 2, ['get-with-selection'], 'profile-buffer', ['DBCH02']),
  attribute(7, '0-0:99.98.0.255', 2, ['get-with-selection'], 'profile-buffer', ['ECS35c']),
  attribute(8, '0-0:1.0.0.255', 2, ['get'], 'clock-time', []),
  method(104, DEVICE_LOG, 1, 'device-log-register', ['CCS01']),
  method(104, DEVICE_LOG, 2, 'device-log-unregister', ['CCS02']),
  method(104, DEVICE_LOG, 4, 'device-log-backup', ['CCS07']),
  method(104, DEVICE_LOG, 5, 'device-log-restore', ['CCS03']),
  attribute(104, DEVICE_LOG, 2, ['get', 'set'], 'join-enabled', ['CCS01']),
  attribute(104, DEVICE_LOG, 3, ['get', 'set'], 'join-timeout', ['CCS01']),
  attribute(104, DEVICE_LOG, 4, ['get'], 'han-check', ['CCS06']),
  method(104, HISTORIC_DEVICE_LOG, 4, 'device-log-backup', ['CCS07']),
];
