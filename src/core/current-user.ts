import type { Knex } from 'knex';
import { prepared } from './db.js';

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

interface Row {
  id: number;
  login_id: string;
  kind: 'employee' | 'company';
  status: 'pending' | 'active' | 'disabled';
  employee_id: number | null;
  supplier_id: number | null;
  previous_login_at: Date | null;
  notify_payment_status: boolean;
  name: string;
  email: string | null;
  roles: StaffRole[] | null;
  departments: number[] | null;
}

/** One query: the account, its person or company, roles and payroll departments. */
export async function loadCurrentUser(db: Knex, accountId: number): Promise<CurrentUser | undefined> {
  const row = await db('accounts as a')
    .leftJoin('employees as e', 'e.id', 'a.employee_id')
    .leftJoin('suppliers as s', 's.id', 'a.supplier_id')
    .where('a.id', accountId)
    .first<Row | undefined>(
      'a.id',
      'a.login_id',
      'a.kind',
      'a.status',
      'a.employee_id',
      'a.supplier_id',
      'a.previous_login_at',
      'a.notify_payment_status',
      db.raw('coalesce(e.name, s.name) as name'),
      db.raw('coalesce(e.email, s.email) as email'),
      db.raw('(select array_agg(role order by role) from staff_roles r where r.account_id = a.id) as roles'),
      db.raw(
        '(select array_agg(department_id order by department_id) from staff_departments d where d.account_id = a.id) as departments',
      ),
    )
    .options(prepared('current-user'));
  if (!row) return undefined;
  return {
    accountId: row.id,
    loginId: row.login_id,
    kind: row.kind,
    status: row.status,
    name: row.name,
    email: row.email,
    employeeId: row.employee_id,
    supplierId: row.supplier_id,
    roles: row.roles ?? [],
    payrollDepartmentIds: row.departments ?? [],
    previousLoginAt: row.previous_login_at,
    notifyPaymentStatus: row.notify_payment_status,
  };
}
