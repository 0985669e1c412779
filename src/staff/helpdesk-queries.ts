import type { HelpdeskSearch } from './helpdesk-search.js';
import { type Db, type RegistrationStatus, REGISTRATION_SQL, likeEscape } from './queries.js';

// ------------------------------------------------------------------ helpdesk

export interface UserListRow {
  kind: 'employee' | 'company';
  account_id: number | null;
  id_no: string;
  name: string;
  email: string | null;
  registration: RegistrationStatus;
}

/**
 * Employees and suppliers matching the helpdesk's search, with their account status (no money
 * anywhere). Whole values only (see helpdesk-search.ts): no prefix of an IC ever matches.
 */
export async function searchUsers(
  db: Db,
  search: HelpdeskSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: UserListRow[]; total: number }> {
  // Each name word must be a whole word of the name: ' nur aisyah binti ' LIKE '% aisyah %'.
  const spacedName = (column: string) => `(' ' || regexp_replace(lower(${column}), '\\s+', ' ', 'g') || ' ')`;
  const words = search.nameWords.map((w) => `% ${likeEscape(w)} %`);
  const nameMatch = (column: string) =>
    words.length
      ? words.map((_, i) => `${spacedName(column)} LIKE :w${i} ESCAPE '\\'`).join(' AND ')
      : 'false';
  const sql = `
    SELECT 'employee' AS kind, a.id AS account_id, e.ic_no AS id_no, e.name, e.email, ${REGISTRATION_SQL} AS registration
      FROM employees e LEFT JOIN accounts a ON a.employee_id = e.id
     WHERE (e.ic_no = :ic OR lower(e.email) = :email OR (${nameMatch('e.name')}))
    UNION ALL
    SELECT 'company', a.id, s.company_id, s.name, s.email, ${REGISTRATION_SQL}
      FROM suppliers s LEFT JOIN accounts a ON a.supplier_id = s.id
     WHERE (s.company_id = :upper OR lower(s.email) = :email OR (${nameMatch('s.name')}))`;
  const params: Record<string, string> = {
    ic: search.ic ?? '',
    email: search.email ?? '',
    upper: search.companyId,
    ...Object.fromEntries(words.map((w, i) => [`w${i}`, w])),
  };
  const count = await db.raw<{ rows: { n: number }[] }>(`SELECT count(*)::int AS n FROM (${sql}) u`, params);
  const list = await db.raw<{ rows: UserListRow[] }>(
    `SELECT * FROM (${sql}) u ORDER BY name, id_no LIMIT :limit OFFSET :offset`,
    { ...params, limit: page.limit, offset: page.offset },
  );
  return { rows: list.rows, total: count.rows[0]?.n ?? 0 };
}

export interface HelpdeskAccount {
  id: number;
  login_id: string;
  kind: 'employee' | 'company';
  status: 'pending' | 'active' | 'disabled';
  registration: RegistrationStatus;
  name: string;
  email: string | null;
  department_code: string | null;
  department_name: string | null;
  last_login_at: Date | null;
  failed_count: number;
  locked_until: Date | null;
  activated_at: Date | null;
  temp_password_sent_at: Date | null;
  temp_password_expires_at: Date | null;
  outbox_status: 'pending' | 'sent' | 'failed' | null;
  outbox_attempts: number | null;
  outbox_last_error: string | null;
  outbox_sent_at: Date | null;
}

/**
 * What the helpdesk sees of an account: status and delivery facts, never salary.
 *
 * "Last temporary password sent" and its delivery come from the same place as the event list:
 * the account's latest `temp_password.sent` audit row and the outbox message it names (issue 14
 * item 15). The account's own temp_password_* columns are cleared by a Unit Gaji reset, which
 * made the page say "-" and "Tiada" beside an event list showing the password sent.
 */
export async function findHelpdeskAccount(db: Db, accountId: number): Promise<HelpdeskAccount | undefined> {
  return db('accounts as a')
    .leftJoin('employees as e', 'e.id', 'a.employee_id')
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .leftJoin('suppliers as s', 's.id', 'a.supplier_id')
    .joinRaw(
      `LEFT JOIN LATERAL (
         SELECT l.occurred_at, (l.details ->> 'outboxId')::bigint AS outbox_id
           FROM audit_log l
          WHERE l.subject_account_id = a.id AND l.action = 'temp_password.sent'
          ORDER BY l.occurred_at DESC, l.id DESC
          LIMIT 1) tp ON true`,
    )
    .leftJoin('email_outbox as o', 'o.id', 'tp.outbox_id')
    .where('a.id', accountId)
    .first<HelpdeskAccount | undefined>(
      'a.id',
      'a.login_id',
      'a.kind',
      'a.status',
      db.raw(`${REGISTRATION_SQL} as registration`),
      db.raw('coalesce(e.name, s.name) as name'),
      db.raw('coalesce(e.email, s.email) as email'),
      'd.code as department_code',
      'd.name as department_name',
      'a.last_login_at',
      'a.failed_count',
      'a.locked_until',
      'a.activated_at',
      'tp.occurred_at as temp_password_sent_at',
      'a.temp_password_expires_at',
      'o.status as outbox_status',
      'o.attempts as outbox_attempts',
      'o.last_error as outbox_last_error',
      'o.sent_at as outbox_sent_at',
    );
}

export interface SecurityEvent {
  occurred_at: Date;
  action: string;
  ip: string | null;
}

/** The account's latest audit events, without staff page views (which would drown them). */
export async function recentSecurityEvents(db: Db, accountId: number, limit = 20): Promise<SecurityEvent[]> {
  return db('audit_log')
    .where('subject_account_id', accountId)
    .whereNot('action', 'like', 'staff.%.viewed')
    .orderBy([
      { column: 'occurred_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
    .select<SecurityEvent[]>('occurred_at', 'action', 'ip');
}

/** Clears the lock and the failed count; returns 1 when the account was locked or had failures. */
export async function unlockAccount(db: Db, accountId: number): Promise<number> {
  return db('accounts')
    .where('id', accountId)
    .where((w) => w.whereNotNull('locked_until').orWhere('failed_count', '>', 0))
    .update({ locked_until: null, failed_count: 0, updated_at: db.fn.now() });
}
