import type { Knex } from 'knex';
import { preparedRows } from './hot-query.js';

export type StaffRole = 'payroll' | 'helpdesk' | 'admin' | 'treasury';

/** The signed-in account as every page sees it. */
export interface CurrentUser {
  accountId: number;
  loginId: string;
  kind: 'employee' | 'company';
  status: 'pending' | 'active' | 'disabled';
  name: string;
  email: string | null;
  employeeId: number | null;
  supplierId: number | null;
  roles: StaffRole[];
  /** Departments a payroll officer may see. */
  payrollDepartmentIds: number[];
  /**
   * The login before the current one (issue 14 item 17): the latest is this very session, and
   * only the one before lets a person notice a login that was not theirs.
   */
  previousLoginAt: Date | null;
  /** Whether eMaklum should email the user when a payment's status changes. */
  notifyPaymentStatus: boolean;
}

/** The columns of the current user (prefixed `u_` so they sit beside the session row's own). */
export interface CurrentUserRow {
  u_id: number | null;
  u_login_id: string;
  u_kind: 'employee' | 'company';
  u_status: 'pending' | 'active' | 'disabled';
  u_employee_id: number | null;
  u_supplier_id: number | null;
  u_previous_login_at: Date | null;
  u_notify_payment_status: boolean;
  u_name: string;
  u_email: string | null;
  u_roles: StaffRole[] | null;
  u_departments: number[] | null;
}

/**
 * The select list and joins of the current user, for the account `a` (joined by the caller): its
 * person or company, roles and payroll departments. Shared by the session store's read (one
 * round trip for session and user, src/middleware/session-store.ts) and loadCurrentUser.
 */
export const CURRENT_USER_COLUMNS = `a.id AS u_id, a.login_id AS u_login_id, a.kind AS u_kind, a.status AS u_status,
       a.employee_id AS u_employee_id, a.supplier_id AS u_supplier_id,
       a.previous_login_at AS u_previous_login_at, a.notify_payment_status AS u_notify_payment_status,
       coalesce(e.name, su.name) AS u_name, coalesce(e.email, su.email) AS u_email,
       (SELECT array_agg(role ORDER BY role) FROM staff_roles r WHERE r.account_id = a.id) AS u_roles,
       (SELECT array_agg(department_id ORDER BY department_id) FROM staff_departments d
         WHERE d.account_id = a.id) AS u_departments`;
export const CURRENT_USER_JOINS = `LEFT JOIN employees e ON e.id = a.employee_id
  LEFT JOIN suppliers su ON su.id = a.supplier_id`;

export function toCurrentUser(row: CurrentUserRow): CurrentUser | undefined {
  if (row.u_id === null) return undefined;
  return {
    accountId: row.u_id,
    loginId: row.u_login_id,
    kind: row.u_kind,
    status: row.u_status,
    name: row.u_name,
    email: row.u_email,
    employeeId: row.u_employee_id,
    supplierId: row.u_supplier_id,
    roles: row.u_roles ?? [],
    payrollDepartmentIds: row.u_departments ?? [],
    previousLoginAt: row.u_previous_login_at,
    notifyPaymentStatus: row.u_notify_payment_status,
  };
}

const LOAD_CURRENT_USER = {
  name: 'current-user',
  text: `SELECT ${CURRENT_USER_COLUMNS} FROM accounts a ${CURRENT_USER_JOINS} WHERE a.id = $1`,
};

/**
 * One query: the account, its person or company, roles and payroll departments. A signed-in
 * page normally has it already from the session read; this is for the request that signed in.
 */
export async function loadCurrentUser(db: Knex, accountId: number): Promise<CurrentUser | undefined> {
  const [row] = await preparedRows<CurrentUserRow>(db, LOAD_CURRENT_USER, [accountId]);
  return row ? toCurrentUser(row) : undefined;
}
