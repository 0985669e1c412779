import {
  type PayrollScope,
  type Db,
  type RegistrationStatus,
  REGISTRATION_SQL,
  likeEscape,
  searchTerms,
} from './queries.js';

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
