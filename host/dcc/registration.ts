import type { UserRole } from './tables/srv-catalogue.js';

// Registration data (dcc.md 2.3): which User is the registered supplier or network operator of
// an MPAN/MPRN over a half-open time interval, and the Other User consent register (2.5).

export interface RegistrationRecord {
  mpxn: string;
  fuel: 'E' | 'G';
  role: Exclude<UserRole, 'OU'>;
  userId: string;
  /** Half-open [effectiveFromMs, effectiveToMs); effectiveToMs absent = open-ended. */
  effectiveFromMs: number;
  effectiveToMs?: number;
}

export interface ConsentRecord {
  ouUserId: string;
  mpxn: string;
  validFromMs: number;
  validToMs?: number;
}

/** Registration rows held: one per (MPxN, role, period); a national RDP load is ~30 million rows,
 *  the emulator's in-memory store is meant for fleets up to ~1 million meters. */
export const REGISTRATIONS_MAX = 4_000_000;

const covers = (from: number, to: number | undefined, atMs: number): boolean => atMs >= from && (to === undefined || atMs < to);

/** Whether user+role is registered for the MPxN at the instant (dcc.md 2.4 step 11). */
export function isRegistered(rows: readonly RegistrationRecord[], userId: string, role: UserRole, mpxn: string, atMs: number): boolean {
  return rows.some((r) => r.mpxn === mpxn && r.role === role && r.userId === userId && covers(r.effectiveFromMs, r.effectiveToMs, atMs));
}

/** Whether an OU consent covers the MPxN at the instant (dcc.md 2.5, step 14). */
export function hasConsent(rows: readonly ConsentRecord[], ouUserId: string, mpxn: string, atMs: number): boolean {
  return rows.some((c) => c.ouUserId === ouUserId && c.mpxn === mpxn && covers(c.validFromMs, c.validToMs, atMs));
}
