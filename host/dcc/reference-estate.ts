import type { DeviceType } from '../../gbcs/tables/message-codes.js';
import type { DeviceRecord } from './inventory.js';
import type { ConsentRecord, RegistrationRecord } from './registration.js';
import { emptyState, type DccStateData } from './state.js';
import type { UserRecord } from './users.js';

// The DCC state that matches the reference estate (the RTDS devices 00DB1234567890A0…A6 and the
// template originators, dcc.md 3.2): one premises with an ESME (import, secondary import and
// export MPANs), a GSME and GPF on one MPRN, the CHF, a PPMID, an HCALCS and a load controller,
// all Commissioned; the supplier ID registered as IS and GS, the network operator ID as ED and
// GT, the URP originator as an Other User with consent, the 7.16 originator as import supplier of
// the secondary import MPAN (dcc.md 2.3: several import suppliers per system [S003 §171]).

export const ESTATE_CLOCK_MS = Date.UTC(2026, 3, 1, 9, 0, 0);
export const MPAN_IMPORT = '1312345678111';
export const MPAN_SECONDARY_IMPORT = '1312345678222';
export const MPAN_EXPORT = '1312345678333';
export const MPRN = '1234567890';

export const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
export const NETWORK_OPERATOR = '90-B3-D5-1F-30-02-00-00';
export const OTHER_USER = '90-B3-D5-1F-30-03-00-00';
export const SECOND_IMPORT_SUPPLIER = '90-B3-D5-1F-30-01-00-08';

const ELECTRICITY = [MPAN_IMPORT, MPAN_SECONDARY_IMPORT, MPAN_EXPORT];
const DEVICES: readonly [string, DeviceType, string[]][] = [
  ['00-DB-12-34-56-78-90-A0', 'ESME', ELECTRICITY],
  ['00-DB-12-34-56-78-90-A1', 'GSME', [MPRN]],
  ['00-DB-12-34-56-78-90-A2', 'CHF', [...ELECTRICITY, MPRN]],
  ['00-DB-12-34-56-78-90-A3', 'GPF', [MPRN]],
  ['00-DB-12-34-56-78-90-A4', 'PPMID', [...ELECTRICITY, MPRN]],
  ['00-DB-12-34-56-78-90-A5', 'HCALCS', ELECTRICITY],
  ['00-DB-12-34-56-78-90-A6', 'LC', ELECTRICITY],
  // The other devices the RTDS join commands name (8.7.1 / 8.7.2; the SMI gives the DCC their
  // types), in no premises' systems yet.
  ['00-DB-12-34-56-78-90-93', 'ESME', []],
  ['00-DB-12-34-56-78-90-94', 'GSME', []],
  ['00-DB-12-34-56-78-90-98', 'PPMID', []],
  ['00-DB-12-34-56-78-90-9A', 'HCALCS', []],
  ['00-DB-12-34-56-78-90-9C', 'GPF', []],
];

export function referenceEstate(seed = '0', callbackUrl?: string): DccStateData {
  const state = emptyState(seed);
  const user = (userId: string, roles: UserRecord['roles']): UserRecord => (callbackUrl === undefined ? { userId, roles, status: 'Active' } : { userId, roles, status: 'Active', callbackUrl });
  state.users = [user(SUPPLIER, ['IS', 'GS']), user(NETWORK_OPERATOR, ['ED', 'GT']), user(OTHER_USER, ['OU']), user(SECOND_IMPORT_SUPPLIER, ['IS'])];
  state.devices = DEVICES.map(([deviceId, deviceType, mpxns]): DeviceRecord => ({
    deviceId, deviceType, status: 'Commissioned', statusChangedAtMs: 0, mpxns, chfId: '00-DB-12-34-56-78-90-A2', cspRegion: 'North',
  }));
  const reg = (mpxn: string, fuel: 'E' | 'G', role: RegistrationRecord['role'], userId: string): RegistrationRecord => ({ mpxn, fuel, role, userId, effectiveFromMs: 0 });
  state.registrations = [
    reg(MPAN_IMPORT, 'E', 'IS', SUPPLIER),
    reg(MPAN_SECONDARY_IMPORT, 'E', 'IS', SECOND_IMPORT_SUPPLIER),
    reg(MPAN_EXPORT, 'E', 'ES', SUPPLIER),
    reg(MPRN, 'G', 'GS', SUPPLIER),
    reg(MPAN_IMPORT, 'E', 'ED', NETWORK_OPERATOR),
    reg(MPRN, 'G', 'GT', NETWORK_OPERATOR),
  ];
  const consent: ConsentRecord = { ouUserId: OTHER_USER, mpxn: MPRN, validFromMs: 0 };
  state.consents = [consent];
  return state;
}
