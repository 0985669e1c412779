import type { Knex } from 'knex';
import { BULK_QUERY } from '../core/db.js';
import type { PayrollScope } from './queries.js';

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
    .select<EmployeeRef[]>('id', 'ic_no', 'name', 'department_id');
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
  row_no: number | null;
  field: string | null;
  message_key: string;
  params: Record<string, string | number>;
}

/** One batch of staged rows in one statement (the batch travels as one JSON parameter). */
export async function insertStagedRows(db: Db, uploadId: number, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.raw(
    `INSERT INTO payroll_upload_rows (upload_id, row_no, employee_id, department_id, position, grade, pay_date,
                                      code, kind, description, amount_sen, sort_order, is_housing_loan)
     SELECT ?::int, x.row_no, x.employee_id, x.department_id, x.position, x.grade, x.pay_date,
            x.code, x.kind, x.description, x.amount_sen, x.sort_order, x.is_housing_loan
       FROM jsonb_to_recordset(?::jsonb) AS x(row_no int, employee_id int, department_id int, position text,
            grade text, pay_date date, code text, kind text, description text, amount_sen int,
            sort_order smallint, is_housing_loan boolean)`,
    [uploadId, JSON.stringify(rows)],
  );
}

export async function insertUploadErrors(db: Db, uploadId: number, errors: UploadError[]): Promise<void> {
  if (errors.length === 0) return;
  await db.raw(
    `INSERT INTO payroll_upload_errors (upload_id, row_no, field, message_key, params)
     SELECT ?::int, x.row_no, x.field, x.message_key, coalesce(x.params, '{}'::jsonb)
       FROM jsonb_to_recordset(?::jsonb) AS x(row_no int, field text, message_key text, params jsonb)`,
    [uploadId, JSON.stringify(errors)],
  );
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

/** Codes of departments whose payslips for the month are published and that this upload touches. */
export async function publishedConflicts(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
): Promise<string[]> {
  const { rows } = await db
    .raw<{ rows: { code: string }[] }>(
      `SELECT DISTINCT d.code
       FROM payslips p JOIN departments d ON d.id = p.department_id
      WHERE p.year = ? AND p.month = ? AND p.published_at IS NOT NULL
        AND (p.department_id IN (SELECT department_id FROM payroll_upload_rows WHERE upload_id = ?)
          OR p.employee_id IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?))
      ORDER BY d.code`,
      [year, month, uploadId, uploadId],
    )
    .options(BULK_QUERY);
  return rows.map((r) => r.code);
}

/** Unpublished payslips of the month that committing this upload would replace. */
export async function replaceableCount(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
): Promise<number> {
  const { rows } = await db.raw<{ rows: { n: number }[] }>(
    `SELECT count(*)::int AS n FROM payslips p
      WHERE p.year = ? AND p.month = ? AND p.published_at IS NULL
        AND (p.department_id IN (SELECT department_id FROM payroll_upload_rows WHERE upload_id = ?)
          OR p.employee_id IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?))`,
    [year, month, uploadId, uploadId],
  );
  return rows[0]?.n ?? 0;
}

export async function countUploadErrors(db: Db, uploadId: number): Promise<number> {
  const [row] = await db('payroll_upload_errors')
    .where('upload_id', uploadId)
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
    year: number | null;
    month: number | null;
  },
): Promise<void> {
  await db('payroll_uploads').where('id', uploadId).update({
    status: facts.status,
    byte_size: facts.byteSize,
    row_count: facts.rowCount,
    error_count: facts.errorCount,
    year: facts.year,
    month: facts.month,
  });
}

export async function listUploadErrors(
  db: Db,
  uploadId: number,
  page: { limit: number; offset: number },
): Promise<UploadError[]> {
  return db('payroll_upload_errors')
    .where('upload_id', uploadId)
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

// ------------------------------------------------------------------ payroll import: commit and publish

/** Serialises the commit and the publication of one month across app processes. */
export async function lockPayrollMonth(db: Db, year: number, month: number): Promise<void> {
  await db.raw('SELECT pg_advisory_xact_lock(724001, ?)', [year * 100 + month]).options(BULK_QUERY);
}

/** Staged rows whose department is no longer the officer's, or whose employee moved department. */
export async function stagedRowsOutOfScope(db: Db, scope: PayrollScope, uploadId: number): Promise<number> {
  const { rows } = await db
    .raw<{ rows: { n: number }[] }>(
      `SELECT count(*)::int AS n FROM payroll_upload_rows r JOIN employees e ON e.id = r.employee_id
      WHERE r.upload_id = ? AND (NOT (r.department_id = ANY(?::int[])) OR e.department_id <> r.department_id)`,
      [uploadId, scope.departmentIds],
    )
    .options(BULK_QUERY);
  return rows[0]?.n ?? 0;
}

export async function deleteReplaceablePayslips(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
): Promise<number> {
  const { rowCount } = await db
    .raw<{ rowCount: number }>(
      `DELETE FROM payslips p
      WHERE p.year = ? AND p.month = ? AND p.published_at IS NULL
        AND (p.department_id IN (SELECT department_id FROM payroll_upload_rows WHERE upload_id = ?)
          OR p.employee_id IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?))`,
      [year, month, uploadId, uploadId],
    )
    .options(BULK_QUERY);
  return rowCount;
}

export async function createPayrollImport(
  db: Db,
  facts: { year: number; month: number; fileName: string; rowCount: number; uploadedBy: number },
): Promise<number> {
  const [row] = await db('payroll_imports')
    .insert({
      year: facts.year,
      month: facts.month,
      file_name: facts.fileName,
      row_count: facts.rowCount,
      status: 'committed',
      uploaded_by: facts.uploadedBy,
    })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('import insert returned no id');
  return row.id;
}

/** Copies the staged rows into payslips and payslip lines: set-based SQL, no row passes through Node. */
export async function copyStagedRowsToPayslips(
  db: Db,
  uploadId: number,
  importId: number,
  year: number,
  month: number,
): Promise<{ payslips: number; lines: number }> {
  const slips = await db
    .raw<{ rowCount: number }>(
      `INSERT INTO payslips (employee_id, year, month, department_id, position, grade, pay_date, import_id)
     SELECT DISTINCT ON (employee_id) employee_id, ?, ?, department_id, position, grade, pay_date, ?
       FROM payroll_upload_rows WHERE upload_id = ? ORDER BY employee_id, row_no`,
      [year, month, importId, uploadId],
    )
    .options(BULK_QUERY);
  const lines = await db
    .raw<{ rowCount: number }>(
      `INSERT INTO payslip_lines (payslip_id, kind, code, description, amount_sen, sort_order)
     SELECT p.id, r.kind, r.code, r.description, r.amount_sen, r.sort_order
       FROM payroll_upload_rows r
       JOIN payslips p ON p.employee_id = r.employee_id AND p.year = ? AND p.month = ? AND p.import_id = ?
      WHERE r.upload_id = ?
      ORDER BY r.row_no`,
      [year, month, importId, uploadId],
    )
    .options(BULK_QUERY);
  return { payslips: slips.rowCount, lines: lines.rowCount };
}

/** Earlier imports of the month left with no payslip are marked replaced. */
export async function markReplacedImports(
  db: Db,
  year: number,
  month: number,
  keepId: number,
): Promise<void> {
  await db
    .raw(
      `UPDATE payroll_imports i SET status = 'replaced'
      WHERE i.year = ? AND i.month = ? AND i.id <> ? AND i.status = 'committed'
        AND NOT EXISTS (SELECT 1 FROM payslips p WHERE p.import_id = i.id)`,
      [year, month, keepId],
    )
    .options(BULK_QUERY);
}

export async function markUploadCommitted(db: Db, uploadId: number, importId: number): Promise<void> {
  await db('payroll_uploads').where('id', uploadId).update({ status: 'committed', import_id: importId });
  await db('payroll_upload_rows').where('upload_id', uploadId).delete().options(BULK_QUERY);
}

/** Publishes the month's unpublished payslips of the officer's departments. */
export async function publishMonth(
  db: Db,
  scope: PayrollScope,
  year: number,
  month: number,
): Promise<number> {
  const { rowCount } = await db
    .raw<{ rowCount: number }>(
      `UPDATE payslips SET published_at = now()
      WHERE year = ? AND month = ? AND published_at IS NULL AND department_id = ANY(?::int[])`,
      [year, month, scope.departmentIds],
    )
    .options(BULK_QUERY);
  await db
    .raw(
      `UPDATE payroll_imports i SET status = 'published', published_at = now()
      WHERE i.year = ? AND i.month = ? AND i.status = 'committed'
        AND EXISTS (SELECT 1 FROM payslips p WHERE p.import_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM payslips p WHERE p.import_id = i.id AND p.published_at IS NULL)`,
      [year, month],
    )
    .options(BULK_QUERY);
  return rowCount;
}

export interface MonthOverview {
  year: number;
  month: number;
  total: number;
  published: number;
}

/** The payroll months of the officer's departments, newest first. */
export async function monthsOverview(db: Db, scope: PayrollScope, limit = 24): Promise<MonthOverview[]> {
  const { rows } = await db.raw<{ rows: MonthOverview[] }>(
    `SELECT year, month, count(*)::int AS total, count(published_at)::int AS published
       FROM payslips WHERE department_id = ANY(?::int[])
      GROUP BY year, month ORDER BY year DESC, month DESC LIMIT ?`,
    [scope.departmentIds, limit],
  );
  return rows;
}
