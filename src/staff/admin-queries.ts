import type { StaffRole } from '../core/current-user.js';
import { type Db, type DepartmentRow } from './queries.js';

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

/**
 * Locks the staff_roles TABLE (not rows) for a role change: two administrators cannot remove the
 * last two administrators at once, and a count of holders cannot miss a concurrent grant.
 */
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
