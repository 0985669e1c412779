import type { Knex } from 'knex';
import { BULK_QUERY } from '../core/db.js';
import { type PayrollScope } from './queries.js';

/**
 * The monthly payroll import's queries: reference data, the staging tables, commit and publish.
 * Every query that touches employees or payslips takes the officer's PayrollScope. Statements
 * over a whole upload or month carry `.options(BULK_QUERY)` and run in a bulkTransaction
 * (src/core/db.ts): up to 200,000 rows may take longer than the ordinary 10 s statement bound.
 */
type Db = Knex | Knex.Transaction;
// ------------------------------------------------------------------ payroll import: reference data

export interface DepartmentRef {
  id: number;
  code: string;
}

export async function departmentsByCode(db: Db): Promise<Map<string, DepartmentRef>> {
  const rows = await db('departments').select<DepartmentRef[]>('id', 'code');
  return new Map(rows.map((r) => [r.code, r]));
}

export interface PayslipCodeRef {
  code: string;
  kind: 'earning' | 'deduction';
  description_ms: string;
  is_housing_loan: boolean;
  sort_order: number;
}

export async function payslipCodes(db: Db): Promise<Map<string, PayslipCodeRef>> {
  const rows = await db('payslip_codes').select<PayslipCodeRef[]>(
    'code',
    'kind',
    'description_ms',
    'is_housing_loan',
    'sort_order',
  );
  return new Map(rows.map((r) => [r.code, r]));
}

export interface EmployeeRef {
  id: number;
  ic_no: string;
  name: string;
  department_id: number;
  payroll_no: string;
  position: string;
  grade: string;
  is_pensionable: boolean;
  bank_account: string;
}

/** The employees with these IC numbers in the officer's departments (others are "not found"). */
export async function employeesByIcInScope(
  db: Db,
  scope: PayrollScope,
  ics: string[],
): Promise<Map<string, EmployeeRef>> {
  if (ics.length === 0) return new Map();
  const rows = await db('employees')
    .whereIn('ic_no', ics)
    .whereIn('department_id', scope.departmentIds)
    .select<EmployeeRef[]>(
      'id',
      'ic_no',
      'name',
      'department_id',
      'payroll_no',
      'position',
      'grade',
      'is_pensionable',
      'bank_account',
    );
  return new Map(rows.map((r) => [r.ic_no, r]));
}

// ------------------------------------------------------------------ payroll import: staging

export type UploadStatus = 'invalid' | 'valid' | 'committed';

export interface UploadRow {
  id: number;
  uploaded_by: number;
  file_name: string;
  byte_size: number;
  year: number | null;
  month: number | null;
  row_count: number;
  error_count: number;
  status: UploadStatus;
  import_id: number | null;
  content_hash: string | null;
  warning_count: number;
  correction_count: number;
  created_at: Date;
}

/** An officer's earlier uploads that were never committed are dropped (with their staging rows). */
export async function deleteUncommittedUploads(db: Db, scope: PayrollScope): Promise<void> {
  await db('payroll_uploads').where('uploaded_by', scope.accountId).whereNot('status', 'committed').delete();
}

export async function createUpload(db: Db, scope: PayrollScope, fileName: string): Promise<number> {
  const [row] = await db('payroll_uploads')
    .insert({ uploaded_by: scope.accountId, file_name: fileName, status: 'invalid' })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('upload insert returned no id');
  return row.id;
}

export async function deleteUpload(db: Db, scope: PayrollScope, uploadId: number): Promise<number> {
  return db('payroll_uploads').where({ id: uploadId, uploaded_by: scope.accountId }).delete();
}

/** The officer's own upload (another officer's → undefined → 404). */
export async function findUpload(
  db: Db,
  scope: PayrollScope,
  uploadId: number,
  options: { forUpdate?: boolean } = {},
): Promise<UploadRow | undefined> {
  const q = db('payroll_uploads')
    .where({ id: uploadId, uploaded_by: scope.accountId })
    .first<UploadRow | undefined>('*');
  if (options.forUpdate) q.forUpdate();
  return q;
}

export interface StagedRow {
  row_no: number;
  employee_id: number;
  department_id: number;
  position: string;
  grade: string;
  pay_date: string;
  code: string;
  kind: 'earning' | 'deduction';
  description: string;
  amount_sen: number;
  sort_order: number;
  is_housing_loan: boolean;
}

export interface UploadError {
  severity?: 'error' | 'warning';
  row_no: number | null;
  field: string | null;
  message_key: string;
  params: Record<string, string | number>;
}

/** One batch of staged rows in one statement (the batch travels as one JSON parameter). */
export async function insertStagedRows(db: Db, uploadId: number, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .raw(
      `INSERT INTO payroll_upload_rows (upload_id, row_no, employee_id, department_id, position, grade, pay_date,
                                      code, kind, description, amount_sen, sort_order, is_housing_loan)
     SELECT ?::int, x.row_no, x.employee_id, x.department_id, x.position, x.grade, x.pay_date,
            x.code, x.kind, x.description, x.amount_sen, x.sort_order, x.is_housing_loan
       FROM jsonb_to_recordset(?::jsonb) AS x(row_no int, employee_id int, department_id int, position text,
            grade text, pay_date date, code text, kind text, description text, amount_sen int,
            sort_order smallint, is_housing_loan boolean)`,
      [uploadId, JSON.stringify(rows)],
    )
    .options(BULK_QUERY);
}

export async function insertUploadErrors(db: Db, uploadId: number, errors: UploadError[]): Promise<void> {
  if (errors.length === 0) return;
  await db
    .raw(
      `INSERT INTO payroll_upload_errors (upload_id, severity, row_no, field, message_key, params)
     SELECT ?::int, coalesce(x.severity, 'error'), x.row_no, x.field, x.message_key, coalesce(x.params, '{}'::jsonb)
       FROM jsonb_to_recordset(?::jsonb) AS x(severity text, row_no int, field text, message_key text, params jsonb)`,
      [uploadId, JSON.stringify(errors)],
    )
    .options(BULK_QUERY);
}

/**
 * Fresh planner statistics for the staging table, once an upload's rows are in. Without them the
 * planner may still describe an earlier upload (autovacuum's last ANALYZE): an estimate of one
 * row for this upload, and a plan that walks the whole upload once per row. That is what once
 * made a 50,000-row check run past 300 s (test/staff/import-scale.test.ts recreates it).
 */
export async function analyzeStagedRows(db: Db): Promise<void> {
  await db.raw('ANALYZE payroll_upload_rows').options(BULK_QUERY);
}

/**
 * The checks that need more than one row, as SQL over the staged rows: a code repeated for an
 * employee, an employee's rows that disagree on position, grade or pay date, net pay not above
 * zero, and deductions other than the housing loan above 60% of gross pay (DESIGN 1.6).
 */
export async function runCrossRowChecks(db: Db, uploadId: number): Promise<void> {
  await db
    .raw(
      `INSERT INTO payroll_upload_errors (upload_id, row_no, field, message_key, params)
     SELECT upload_id, row_no, 'kod', 'staff.import.err.duplicate', jsonb_build_object('code', code, 'first', first_row)
       FROM (SELECT upload_id, row_no, code, min(row_no) OVER (PARTITION BY employee_id, code) AS first_row
               FROM payroll_upload_rows WHERE upload_id = ?) d
      WHERE row_no <> first_row`,
      [uploadId],
    )
    .options(BULK_QUERY);
  await db
    .raw(
      // Each row against its employee's first row, by window functions over one scan: no join that
      // a planner misled by stale statistics could turn into a nested loop over the whole upload.
      `INSERT INTO payroll_upload_errors (upload_id, row_no, field, message_key, params)
     SELECT r.upload_id, r.row_no, x.field, 'staff.import.err.inconsistent', jsonb_build_object('first', r.first_row)
       FROM (SELECT upload_id, row_no, position, grade, pay_date,
                    first_value(row_no) OVER w AS first_row,
                    first_value(position) OVER w AS first_position,
                    first_value(grade) OVER w AS first_grade,
                    first_value(pay_date) OVER w AS first_pay_date
               FROM payroll_upload_rows WHERE upload_id = ?
             WINDOW w AS (PARTITION BY employee_id ORDER BY row_no)) r
      CROSS JOIN LATERAL (VALUES ('jawatan', r.position <> r.first_position),
                                 ('gred', r.grade <> r.first_grade),
                                 ('tarikh_bayar', r.pay_date <> r.first_pay_date)) AS x(field, differs)
      WHERE x.differs`,
      [uploadId],
    )
    .options(BULK_QUERY);
  await db
    .raw(
      `WITH s AS (
       SELECT employee_id, min(row_no) AS first_row,
              coalesce(sum(amount_sen) FILTER (WHERE kind = 'earning'), 0)::bigint AS earnings,
              coalesce(sum(amount_sen) FILTER (WHERE kind = 'deduction'), 0)::bigint AS deductions,
              coalesce(sum(amount_sen) FILTER (WHERE kind = 'deduction' AND NOT is_housing_loan), 0)::bigint AS other
         FROM payroll_upload_rows WHERE upload_id = ? GROUP BY employee_id)
     INSERT INTO payroll_upload_errors (upload_id, row_no, field, message_key, params)
     SELECT ?::int, first_row, 'amaun', 'staff.import.err.netNotPositive',
            jsonb_build_object('earnings', earnings, 'deductions', deductions)
       FROM s WHERE earnings - deductions <= 0
     UNION ALL
     SELECT ?::int, first_row, 'amaun', 'staff.import.err.deductionLimit',
            jsonb_build_object('earnings', earnings, 'deductions', other)
       FROM s WHERE other * 10 > earnings * 6`,
      [uploadId, uploadId, uploadId],
    )
    .options(BULK_QUERY);
}

export async function countUploadErrors(
  db: Db,
  uploadId: number,
  severity: 'error' | 'warning' = 'error',
): Promise<number> {
  const [row] = await db('payroll_upload_errors')
    .where({ upload_id: uploadId, severity })
    .count<{ n: number }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

export async function finishUpload(
  db: Db,
  uploadId: number,
  facts: {
    status: UploadStatus;
    byteSize: number;
    rowCount: number;
    errorCount: number;
    warningCount: number;
    correctionCount: number;
    contentHash: string;
    year: number | null;
    month: number | null;
  },
): Promise<void> {
  await db('payroll_uploads').where('id', uploadId).update({
    status: facts.status,
    byte_size: facts.byteSize,
    row_count: facts.rowCount,
    error_count: facts.errorCount,
    warning_count: facts.warningCount,
    correction_count: facts.correctionCount,
    content_hash: facts.contentHash,
    year: facts.year,
    month: facts.month,
  });
}

export async function listUploadErrors(
  db: Db,
  uploadId: number,
  page: { limit: number; offset: number },
  severity: 'error' | 'warning' = 'error',
): Promise<UploadError[]> {
  return db('payroll_upload_errors')
    .where({ upload_id: uploadId, severity })
    .orderByRaw('row_no NULLS FIRST, id')
    .limit(page.limit)
    .offset(page.offset)
    .select<UploadError[]>('row_no', 'field', 'message_key', 'params');
}

export interface UploadSummary {
  rows: number;
  employees: number;
  earnings: number;
  deductions: number;
}

export async function uploadSummary(db: Db, uploadId: number): Promise<UploadSummary> {
  const { rows } = await db.raw<{ rows: UploadSummary[] }>(
    `SELECT count(*)::int AS rows, count(DISTINCT employee_id)::int AS employees,
            coalesce(sum(amount_sen) FILTER (WHERE kind = 'earning'), 0)::bigint AS earnings,
            coalesce(sum(amount_sen) FILTER (WHERE kind = 'deduction'), 0)::bigint AS deductions
       FROM payroll_upload_rows WHERE upload_id = ?`,
    [uploadId],
  );
  return rows[0] ?? { rows: 0, employees: 0, earnings: 0, deductions: 0 };
}

export interface UploadSampleRow {
  ic_no: string;
  name: string;
  department_code: string;
  lines: number;
  earnings: number;
  deductions: number;
}

export async function uploadSample(db: Db, uploadId: number, limit: number): Promise<UploadSampleRow[]> {
  const { rows } = await db.raw<{ rows: UploadSampleRow[] }>(
    `SELECT e.ic_no, e.name, d.code AS department_code, s.lines, s.earnings, s.deductions
       FROM (SELECT employee_id, min(row_no) AS first_row, count(*)::int AS lines,
                    coalesce(sum(amount_sen) FILTER (WHERE kind = 'earning'), 0)::bigint AS earnings,
                    coalesce(sum(amount_sen) FILTER (WHERE kind = 'deduction'), 0)::bigint AS deductions,
                    min(department_id) AS department_id
               FROM payroll_upload_rows WHERE upload_id = ? GROUP BY employee_id) s
       JOIN employees e ON e.id = s.employee_id
       JOIN departments d ON d.id = s.department_id
      ORDER BY s.first_row
      LIMIT ?`,
    [uploadId, limit],
  );
  return rows;
}
