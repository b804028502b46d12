// The SAPC's COSEM object model (standalone auxiliary proportional controller `…A6`, device
// type 7 'LC'; devices.md 8.4, Appendix S.3): the objects ECS46d (APC_OUTPUT variant) writes,
// the clock and the firmware version (ECS52 "ESME/SAPC/Comms Hub"). Every row uses a handler of
// the ESME server, so the SAPC is the ESME's DLMS server over a different table; its future-dated
// activations (9000 a6 of 0-0:94.44.128.26 / .35) run through the ESME activation table
// (gbcs/tables/esme-activations.ts), which lists both. Rendered to assembly/generated/sapc-objects.ts.
import type { DeviceObjectRow } from './chf-objects.js';

const attribute = (classId: number, obis: string, member: number, access: DeviceObjectRow<never>['access'], handler: DeviceObjectRow<never>['handler'], useCases: readonly string[]): DeviceObjectRow<never> =>
  ({ classId, obis, member, access, handler, useCases });

export const SAPC_OBJECTS: readonly DeviceObjectRow<never>[] = [
  attribute(1, '0-0:0.2.1.255', 2, ['get'], 'stored', ['ECS52']),
  attribute(1, '0-0:96.1.1.255', 2, ['get'], 'stored', ['ECS26e']),
  attribute(8, '0-0:1.0.0.255', 2, ['get'], 'clock-time', []),
  attribute(10, '0-0:12.0.2.255', 2, ['get'], 'stored', []),
  attribute(10, '0-1:12.0.2.255', 2, ['set'], 'stored', ['ECS46d']),
  attribute(11, '0-0:11.0.3.255', 2, ['get'], 'stored', []),
  attribute(11, '0-1:11.0.3.255', 2, ['set'], 'stored', ['ECS46d']),
  attribute(9000, '0-0:94.44.128.26', 6, ['set'], 'stored', ['ECS46d']),
  attribute(9000, '0-0:94.44.128.35', 6, ['set'], 'stored', ['ECS46d']),
];
