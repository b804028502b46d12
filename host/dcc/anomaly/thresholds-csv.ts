import { srvRow, USER_ROLES, type UserRole } from '../tables/srv-catalogue.js';

// Anomaly Detection Threshold files (dcc.md 11.2): UTF-8, LF or CRLF, the exact header, no
// quoting, no blank lines, at most THRESHOLD_LINES_MAX data lines. The whole file is refused on
// any error (the old set is kept); errors name their line (0 = the file itself).

export const THRESHOLD_HEADER = 'UserID,UserRole,ServiceReferenceVariant,PeriodMinutes,MaxCount';
/** dcc.md 11.2: at most 10,000 data lines. */
export const THRESHOLD_LINES_MAX = 10_000;
/** dcc.md 11.2: PeriodMinutes 1-10080 (one week). */
export const PERIOD_MINUTES_MAX = 10_080;
/** MaxCount is an unsigned decimal; beyond 2^31 no User could send that many requests in a week. */
export const MAX_COUNT_MAX = 2 ** 31 - 1;

export interface ThresholdRow {
  /** DUIS form, or '*' in the DCC's own file (every User). */
  userId: string;
  role: UserRole;
  srv: string;
  periodMinutes: number;
  maxCount: number;
}

export interface LineError {
  line: number;
  reason: string;
}

export type ThresholdParse = { ok: true; rows: ThresholdRow[] } | { ok: false; errors: LineError[] };

const UNSIGNED = /^(?:0|[1-9][0-9]{0,9})$/;
const DUIS_EUI = /^[0-9A-F]{2}(?:-[0-9A-F]{2}){7}$/;

export interface ParseOptions {
  /** The submitting User (a User's file); undefined for the DCC's own file, where UserID may be '*'. */
  submitter?: { userId: string; roles: readonly UserRole[] };
}

export function parseThresholdCsv(text: string, options: ParseOptions = {}): ThresholdParse {
  if (text.startsWith('\uFEFF')) return { ok: false, errors: [{ line: 0, reason: 'byte order mark' }] };
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop(); // final newline optional
  if (lines[0] !== THRESHOLD_HEADER) return { ok: false, errors: [{ line: 1, reason: `header must be '${THRESHOLD_HEADER}'` }] };
  if (lines.length - 1 > THRESHOLD_LINES_MAX) return { ok: false, errors: [{ line: 0, reason: `more than ${THRESHOLD_LINES_MAX} data lines` }] };
  const errors: LineError[] = [];
  const rows: ThresholdRow[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const fields = lines[i]!.split(',');
    if (fields.length !== 5) {
      errors.push({ line, reason: fields.length === 1 && fields[0] === '' ? 'blank line' : `${fields.length} fields, expected 5` });
      continue;
    }
    const [userId, role, srv, period, max] = fields as [string, string, string, string, string];
    const reason =
      !(DUIS_EUI.test(userId) || (options.submitter === undefined && userId === '*')) ? `UserID '${userId}' is not an EUI-64` :
      options.submitter !== undefined && userId !== options.submitter.userId ? `UserID ${userId} is not the submitter` :
      !USER_ROLES.includes(role as UserRole) ? `UserRole '${role}' unknown` :
      options.submitter !== undefined && !options.submitter.roles.includes(role as UserRole) ? `role ${role} not held by the submitter` :
      srvRow(srv) === undefined ? `ServiceReferenceVariant '${srv}' unknown` :
      !UNSIGNED.test(period) || Number(period) < 1 || Number(period) > PERIOD_MINUTES_MAX ? `PeriodMinutes '${period}' outside 1-${PERIOD_MINUTES_MAX}` :
      !UNSIGNED.test(max) || Number(max) > MAX_COUNT_MAX ? `MaxCount '${max}' is not an integer >= 0` :
      seen.has(`${userId}|${role}|${srv}`) ? `duplicate (${role}, ${srv})` : undefined;
    if (reason) {
      errors.push({ line, reason });
      continue;
    }
    seen.add(`${userId}|${role}|${srv}`);
    rows.push({ userId, role: role as UserRole, srv, periodMinutes: Number(period), maxCount: Number(max) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
