import type { UserRole } from './tables/srv-catalogue.js';

// Users (dcc.md 2.1, 2.2): a User ID acts in the User Roles registered for it (the templates use
// one supplier ID for both IS and GS requests [T]), holds a DS certificate whose OU
// carries the GBCS remote-party role, and has a status and a callback URL. The role a request is
// judged in comes from here (the registration of the User ID), checked against the certificate:
// a supplier-role certificate (OU 02) may act as IS/ES/GS, a network-operator one (OU 03) as
// ED/GT, and OU alone is open to any certificate. OU 08 is the reference data's test-only
// organisation (gbcs.md 4.7); it signs the 7.16 templates as a supplier, so it is accepted for
// supplier roles too [A].

export type UserStatus = 'Active' | 'EntryIncomplete';

/** M8.6 suspension flags (dcc.md 2.5). */
export interface Suspensions {
  otherUserCore?: boolean;
  nonOtherUserCore?: boolean;
  elective?: boolean;
  enrolment?: boolean;
  all?: boolean;
}

export interface UserRecord {
  /** DUIS form, e.g. 90-B3-D5-1F-30-01-00-00. */
  userId: string;
  roles: UserRole[];
  status: UserStatus;
  callbackUrl?: string;
  suspensions?: Suspensions;
}

/** Users the DCC serves: SEC has a few hundred parties; 100k bounds a wrong configuration. */
export const USERS_MAX = 100_000;

const SUPPLIER_CERT_ROLES: readonly number[] = [2, 8];
const NETWORK_OPERATOR_CERT_ROLES: readonly number[] = [3];

/** Whether a certificate's GBCS role fits a User Role (the E1 check, dcc.md 2.4 step 5). */
export function certificateFitsRole(certificateRole: number | undefined, role: UserRole): boolean {
  if (role === 'OU') return true;
  if (certificateRole === undefined) return false;
  if (role === 'IS' || role === 'ES' || role === 'GS') return SUPPLIER_CERT_ROLES.includes(certificateRole);
  return NETWORK_OPERATOR_CERT_ROLES.includes(certificateRole);
}

/** Whether the user's suspensions forbid a core service in its role (dcc.md 2.5; E3). */
export function suspendedFor(user: UserRecord, role: UserRole): boolean {
  const s = user.suspensions;
  if (!s) return false;
  if (s.all) return true;
  return role === 'OU' ? s.otherUserCore === true : s.nonOtherUserCore === true;
}
