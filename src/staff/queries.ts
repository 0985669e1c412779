import type { Knex } from 'knex';
import type { StaffRole } from '../core/current-user.js';
import type { HelpdeskSearch } from './helpdesk-search.js';

/**
 * Every SQL query of Pengurusan Pentadbir. A payroll officer's queries take a PayrollScope and
 * filter by its departments INSIDE the query, so no route can forget the limit: an employee of
 * another department is simply not found (the route answers 404).
 */
export interface PayrollScope {
  /** The officer's account (uploads belong to it). */
  accountId: number;
  departmentIds: number[];
}

type Db = Knex | Knex.Transaction;

// The payroll import's queries live beside these; re-exported so callers have one place to look.
export * from './import-queries.js';

export type RegistrationStatus = 'none' | 'pending' | 'active' | 'locked' | 'disabled';

/** The registration status of an employee or supplier row joined to its account as `a`. */
const REGISTRATION_SQL = `CASE WHEN a.id IS NULL THEN 'none'
  WHEN a.status = 'disabled' THEN 'disabled'
  WHEN a.locked_until IS NOT NULL AND a.locked_until > now() THEN 'locked'
  ELSE a.status END`;

/** Escapes LIKE wildcards in user input. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The parts of a search text: IC digits (if it looks like one), and the text for name/email. */
function searchTerms(q: string): { digits: string | null; text: string } {
  const compact = q.replace(/[-\s]/g, '');
  return { digits: /^\d{3,12}$/.test(compact) ? compact : null, text: q.trim().toLowerCase() };
}

// ------------------------------------------------------------------ departments

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
}

export async function listDepartments(db: Db): Promise<DepartmentRow[]> {
  return db('departments').select<DepartmentRow[]>('id', 'code', 'name').orderBy('code');
}

export async function departmentsInScope(db: Db, scope: PayrollScope): Promise<DepartmentRow[]> {
  return db('departments')
    .whereIn('id', scope.departmentIds)
    .select<DepartmentRow[]>('id', 'code', 'name')
    .orderBy('code');
}

// ------------------------------------------------------------------ Unit Gaji: employees

export interface EmployeeListRow {
  id: number;
  ic_no: string;
  name: string;
  email: string | null;
  department_code: string;
  registration: RegistrationStatus;
}

export async function searchEmployees(
  db: Db,
  scope: PayrollScope,
  q: string,
  page: { limit: number; offset: number },
): Promise<{ rows: EmployeeListRow[]; total: number }> {
  const { digits, text } = searchTerms(q);
  const base = () =>
    db('employees as e')
      .join('departments as d', 'd.id', 'e.department_id')
      .leftJoin('accounts as a', 'a.employee_id', 'e.id')
      .whereIn('e.department_id', scope.departmentIds)
      .where((w) => {
        if (digits) w.orWhere('e.ic_no', 'like', `${digits}%`);
        w.orWhereRaw("lower(e.name) like ? escape '\\'", [`%${likeEscape(text)}%`]);
        w.orWhereRaw("e.email like ? escape '\\'", [`%${likeEscape(text)}%`]);
      });
  const [countRow] = await base().count<{ n: number }[]>({ n: '*' });
  const rows = await base()
    .select<EmployeeListRow[]>(
      'e.id',
      'e.ic_no',
      'e.name',
      'e.email',
      'd.code as department_code',
      db.raw(`${REGISTRATION_SQL} as registration`),
    )
    .orderBy([{ column: 'e.name' }, { column: 'e.id' }])
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: Number(countRow?.n ?? 0) };
}

export interface EmployeeRecord {
  id: number;
  ic_no: string;
  payroll_no: string;
  name: string;
  email: string | null;
  department_id: number;
  department_code: string;
  department_name: string;
  position: string;
  grade: string;
  service_scheme: string;
  bank_name: string;
  bank_account: string;
  kwsp_no: string | null;
  is_pensionable: boolean;
  tax_no: string | null;
  start_date: string;
  status: string;
  account_id: number | null;
  account_status: 'pending' | 'active' | 'disabled' | null;
  login_id: string | null;
  last_login_at: Date | null;
  activated_at: Date | null;
  locked_until: Date | null;
  registration: RegistrationStatus;
  /** The account holds a staff role: only an administrator may change its email or reset it. */
  holds_staff_role: boolean;
  /** First-time login is held until then after an email change (null when not held). */
  email_hold_until: Date | null;
}

/** One employee of the officer's departments, or undefined (another department's → 404). */
export async function findEmployeeInScope(
  db: Db,
  scope: PayrollScope,
  employeeId: number,
  options: { forUpdate?: boolean } = {},
): Promise<EmployeeRecord | undefined> {
  const q = db('employees as e')
    .join('departments as d', 'd.id', 'e.department_id')
    .leftJoin('accounts as a', 'a.employee_id', 'e.id')
    .where('e.id', employeeId)
    .whereIn('e.department_id', scope.departmentIds)
    .first<EmployeeRecord | undefined>(
      'e.id',
      'e.ic_no',
      'e.payroll_no',
      'e.name',
      'e.email',
      'e.department_id',
      'd.code as department_code',
      'd.name as department_name',
      'e.position',
      'e.grade',
      'e.service_scheme',
      'e.bank_name',
      'e.bank_account',
      'e.kwsp_no',
      'e.is_pensionable',
      'e.tax_no',
      'e.start_date',
      'e.status',
      'a.id as account_id',
      'a.status as account_status',
      'a.login_id',
      'a.last_login_at',
      'a.activated_at',
      'a.locked_until',
      db.raw(`${REGISTRATION_SQL} as registration`),
      db.raw('EXISTS (SELECT 1 FROM staff_roles r WHERE r.account_id = a.id) AS holds_staff_role'),
      db.raw('CASE WHEN e.email_hold_until > now() THEN e.email_hold_until END AS email_hold_until'),
    );
  if (options.forUpdate) q.forUpdate('e');
  return q;
}

export interface RegistrationFigures {
  department_id: number;
  code: string;
  name: string;
  total: number;
  none: number;
  pending: number;
  active: number;
  locked: number;
  disabled: number;
}

/** Employees per registration status, for each of the officer's departments. */
export async function registrationFigures(db: Db, scope: PayrollScope): Promise<RegistrationFigures[]> {
  const { rows } = await db.raw<{ rows: RegistrationFigures[] }>(
    `SELECT d.id AS department_id, d.code, d.name,
            count(e.id)::int AS total,
            count(e.id) FILTER (WHERE s.registration = 'none')::int AS none,
            count(e.id) FILTER (WHERE s.registration = 'pending')::int AS pending,
            count(e.id) FILTER (WHERE s.registration = 'active')::int AS active,
            count(e.id) FILTER (WHERE s.registration = 'locked')::int AS locked,
            count(e.id) FILTER (WHERE s.registration = 'disabled')::int AS disabled
       FROM departments d
       LEFT JOIN employees e ON e.department_id = d.id
       LEFT JOIN accounts a ON a.employee_id = e.id
       CROSS JOIN LATERAL (SELECT ${REGISTRATION_SQL} AS registration) s
      WHERE d.id = ANY(?::int[])
      GROUP BY d.id, d.code, d.name
      ORDER BY d.code`,
    [scope.departmentIds],
  );
  return rows;
}

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

/** Stores a new temporary password (hash only) and the outbox row of its email; voids the old one. */
export async function storeTemporaryPassword(
  db: Db,
  accountId: number,
  facts: { hash: string; expiresAt: Date; outboxId: number },
): Promise<void> {
  await db('accounts').where({ id: accountId, status: 'pending' }).update({
    temp_password_hash: facts.hash,
    temp_password_expires_at: facts.expiresAt,
    temp_password_sent_at: db.fn.now(),
    temp_password_outbox_id: facts.outboxId,
    updated_at: db.fn.now(),
  });
}

// ------------------------------------------------------------------ administrator: roles

export interface StaffListRow {
  account_id: number;
  login_id: string;
  name: string;
  roles: StaffRole[];
  departments: string[] | null;
}

export async function listStaff(db: Db): Promise<StaffListRow[]> {
  const { rows } = await db.raw<{ rows: StaffListRow[] }>(
    `SELECT a.id AS account_id, a.login_id, coalesce(e.name, '') AS name,
            array_agg(r.role ORDER BY r.role) AS roles,
            (SELECT array_agg(d.code ORDER BY d.code) FROM staff_departments sd JOIN departments d ON d.id = sd.department_id
              WHERE sd.account_id = a.id) AS departments
       FROM staff_roles r JOIN accounts a ON a.id = r.account_id LEFT JOIN employees e ON e.id = a.employee_id
      GROUP BY a.id, a.login_id, e.name
      ORDER BY e.name, a.login_id`,
  );
  return rows;
}

export interface RoleAccount {
  id: number;
  login_id: string;
  kind: 'employee' | 'company';
  status: 'pending' | 'active' | 'disabled';
  name: string;
  roles: StaffRole[];
  departments: DepartmentRow[];
}

export async function findAccountIdByLoginId(db: Db, loginId: string): Promise<number | undefined> {
  const row = await db('accounts').where('login_id', loginId).first<{ id: number } | undefined>('id');
  return row?.id;
}

export async function findRoleAccount(db: Db, accountId: number): Promise<RoleAccount | undefined> {
  const account = await db('accounts as a')
    .leftJoin('employees as e', 'e.id', 'a.employee_id')
    .leftJoin('suppliers as s', 's.id', 'a.supplier_id')
    .where('a.id', accountId)
    .first<Omit<RoleAccount, 'roles' | 'departments'> | undefined>(
      'a.id',
      'a.login_id',
      'a.kind',
      'a.status',
      db.raw('coalesce(e.name, s.name) as name'),
    );
  if (!account) return undefined;
  const roles = await db('staff_roles').where('account_id', accountId).orderBy('role').pluck('role');
  const departments = await db('staff_departments as sd')
    .join('departments as d', 'd.id', 'sd.department_id')
    .where('sd.account_id', accountId)
    .orderBy('d.code')
    .select<DepartmentRow[]>('d.id', 'd.code', 'd.name');
  return { ...account, roles: roles as StaffRole[], departments };
}

/** Locks the account's role rows for a role change (two admins cannot remove the last two at once). */
export async function lockStaffRoles(db: Db): Promise<void> {
  await db.raw('LOCK TABLE staff_roles IN SHARE ROW EXCLUSIVE MODE');
}

export async function grantRole(
  db: Db,
  accountId: number,
  role: StaffRole,
  grantedBy: number,
): Promise<boolean> {
  const rows = await db('staff_roles')
    .insert({ account_id: accountId, role, granted_by: grantedBy })
    .onConflict(['account_id', 'role'])
    .ignore()
    .returning('role');
  return rows.length > 0;
}

export async function removeRole(db: Db, accountId: number, role: StaffRole): Promise<boolean> {
  return (await db('staff_roles').where({ account_id: accountId, role }).delete()) > 0;
}

export async function countRoleHolders(db: Db, role: StaffRole): Promise<number> {
  const [row] = await db('staff_roles').where('role', role).count<{ n: number }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

export async function addDepartments(db: Db, accountId: number, departmentIds: number[]): Promise<number> {
  if (departmentIds.length === 0) return 0;
  const rows = await db('staff_departments')
    .insert(departmentIds.map((department_id) => ({ account_id: accountId, department_id })))
    .onConflict(['account_id', 'department_id'])
    .ignore()
    .returning('department_id');
  return rows.length;
}

export async function removeDepartment(db: Db, accountId: number, departmentId: number): Promise<boolean> {
  return (
    (await db('staff_departments').where({ account_id: accountId, department_id: departmentId }).delete()) > 0
  );
}

export async function removeAllDepartments(db: Db, accountId: number): Promise<void> {
  await db('staff_departments').where('account_id', accountId).delete();
}

/** Ends an account's sessions (all, or all but one): a privilege change takes a new login. */

// ------------------------------------------------------------------ administrator: audit log

export interface AuditFilters {
  /** Inclusive start (an instant). */
  from?: Date;
  /** Exclusive end (an instant). */
  to?: Date;
  actorAccountId?: number;
  subjectAccountId?: number;
  /** Exactly these actions (one chosen, or a group's). */
  actions?: string[];
}

export interface AuditRow {
  id: number;
  occurred_at: Date;
  action: string;
  actor_login_id: string | null;
  subject_login_id: string | null;
  actor_account_id: number | null;
  subject_account_id: number | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

function auditBase(db: Db, f: AuditFilters) {
  const q = db('audit_log as l');
  if (f.from) q.where('l.occurred_at', '>=', f.from);
  if (f.to) q.where('l.occurred_at', '<', f.to);
  if (f.actorAccountId !== undefined) q.where('l.actor_account_id', f.actorAccountId);
  if (f.subjectAccountId !== undefined) q.where('l.subject_account_id', f.subjectAccountId);
  if (f.actions) q.whereIn('l.action', f.actions);
  return q;
}

function auditColumns(db: Db) {
  return [
    'l.id',
    'l.occurred_at',
    'l.action',
    'l.actor_account_id',
    'l.subject_account_id',
    'l.ip',
    'l.user_agent',
    'l.details',
    db.raw('(SELECT login_id FROM accounts WHERE id = l.actor_account_id) AS actor_login_id'),
    db.raw('(SELECT login_id FROM accounts WHERE id = l.subject_account_id) AS subject_login_id'),
  ];
}

export async function searchAudit(
  db: Db,
  f: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const [countRow] = await auditBase(db, f).count<{ n: number }[]>({ n: '*' });
  const rows = await auditBase(db, f)
    .select<AuditRow[]>(auditColumns(db))
    .orderBy('l.id', 'desc')
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: Number(countRow?.n ?? 0) };
}

/** One batch of the export, newest first, strictly older than `beforeId` (keyset pagination). */
export async function auditBatch(
  db: Db,
  f: AuditFilters,
  beforeId: number | null,
  limit: number,
): Promise<AuditRow[]> {
  const q = auditBase(db, f).select<AuditRow[]>(auditColumns(db)).orderBy('l.id', 'desc').limit(limit);
  if (beforeId !== null) q.where('l.id', '<', beforeId);
  return q;
}
