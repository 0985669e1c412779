import type { Knex } from 'knex';
import { BULK_QUERY } from '../core/db.js';
import { type PayrollScope } from './queries.js';

/**
 * The payroll import's queries on a month's payslips (issue 12): what a checked upload would do to
 * the month (add, replace the unpublished payslip of an employee in the file, correct a published
 * one), the commit and the publication. An import touches the employees in its file and nobody
 * else's unless the officer chose, twice, to replace the whole month of the file's departments.
 */
type Db = Knex | Knex.Transaction;

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

/**
 * Each employee's basic pay (GAJI) on their latest payslip before the month (the current version
 * of a published one, or an unpublished one), for the "basic pay moves by more than a yearly
 * increment" warning.
 */
export async function previousBasicPay(
  db: Db,
  employeeIds: number[],
  year: number,
  month: number,
): Promise<Map<number, number>> {
  if (employeeIds.length === 0) return new Map();
  const { rows } = await db.raw<{ rows: { employee_id: number; amount_sen: number }[] }>(
    `SELECT DISTINCT ON (p.employee_id) p.employee_id, l.amount_sen
       FROM payslips p JOIN payslip_lines l ON l.payslip_id = p.id AND l.code = 'GAJI'
      WHERE p.employee_id = ANY(?::int[]) AND p.superseded_by IS NULL
        AND (p.year * 12 + p.month) < (?::int * 12 + ?::int)
      ORDER BY p.employee_id, p.year DESC, p.month DESC, p.published_at DESC NULLS LAST`,
    [employeeIds, year, month],
  );
  return new Map(rows.map((r) => [r.employee_id, r.amount_sen]));
}

/** An upload of the same bytes that was already committed (by anyone). */
export async function committedUploadWithHash(
  db: Db,
  contentHash: string,
): Promise<{ file_name: string; created_at: Date } | undefined> {
  return db('payroll_uploads')
    .where({ content_hash: contentHash, status: 'committed' })
    .first<{ file_name: string; created_at: Date } | undefined>('file_name', 'created_at');
}

export interface EmployeeName {
  ic_no: string;
  name: string;
}

/** Employees of the upload whose payslip for the month is published: the import corrects it. */
export async function correctedEmployees(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
  limit = 1000,
): Promise<{ total: number; list: EmployeeName[] }> {
  const { rows } = await db
    .raw<{ rows: (EmployeeName & { total: number })[] }>(
      `SELECT e.ic_no, e.name, count(*) OVER ()::int AS total
       FROM employees e
      WHERE e.id IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?)
        AND EXISTS (SELECT 1 FROM payslips p WHERE p.employee_id = e.id AND p.year = ? AND p.month = ?
                       AND p.published_at IS NOT NULL AND p.superseded_by IS NULL)
      ORDER BY e.name LIMIT ?`,
      [uploadId, year, month, limit],
    )
    .options(BULK_QUERY);
  return { total: rows[0]?.total ?? 0, list: rows.map(({ ic_no, name }) => ({ ic_no, name })) };
}

/** Unpublished payslips of the month of the employees in the upload: the import replaces them. */
export async function replacedInFileCount(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
): Promise<number> {
  const { rows } = await db.raw<{ rows: { n: number }[] }>(
    `SELECT count(*)::int AS n FROM payslips p
      WHERE p.year = ? AND p.month = ? AND p.published_at IS NULL
        AND p.employee_id IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?)`,
    [year, month, uploadId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Employees NOT in the upload who hold an unpublished payslip of the month in one of the upload's
 * departments: they would lose it only if the officer chooses to replace the whole month.
 */
export async function wholeMonthLosers(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
  limit = 1000,
): Promise<{ total: number; list: EmployeeName[] }> {
  const { rows } = await db
    .raw<{ rows: (EmployeeName & { total: number })[] }>(
      `SELECT e.ic_no, e.name, count(*) OVER ()::int AS total
       FROM payslips p JOIN employees e ON e.id = p.employee_id
      WHERE p.year = ? AND p.month = ? AND p.published_at IS NULL
        AND p.department_id IN (SELECT DISTINCT department_id FROM payroll_upload_rows WHERE upload_id = ?)
        AND p.employee_id NOT IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?)
      ORDER BY e.name LIMIT ?`,
      [year, month, uploadId, uploadId, limit],
    )
    .options(BULK_QUERY);
  return { total: rows[0]?.total ?? 0, list: rows.map(({ ic_no, name }) => ({ ic_no, name })) };
}

/**
 * Deletes the unpublished payslips that the commit replaces: those of the employees in the file,
 * and with `wholeMonth` also every other unpublished payslip of the file's departments.
 */
export async function deleteReplacedPayslips(
  db: Db,
  uploadId: number,
  year: number,
  month: number,
  wholeMonth: boolean,
): Promise<number> {
  const { rowCount } = await db
    .raw<{ rowCount: number }>(
      `DELETE FROM payslips p
      WHERE p.year = ? AND p.month = ? AND p.published_at IS NULL
        AND (p.employee_id IN (SELECT employee_id FROM payroll_upload_rows WHERE upload_id = ?)
          OR (?::boolean AND p.department_id IN (SELECT department_id FROM payroll_upload_rows WHERE upload_id = ?)))`,
      [year, month, uploadId, wholeMonth, uploadId],
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

/**
 * Copies the staged rows into payslips and payslip lines: set-based SQL, no row passes through
 * Node. A payslip of an employee whose month is published names the payslip it amends.
 */
export async function copyStagedRowsToPayslips(
  db: Db,
  uploadId: number,
  importId: number,
  year: number,
  month: number,
): Promise<{ payslips: number; lines: number; corrections: number }> {
  const slips = await db
    .raw<{ rows: { corrections: number; payslips: number }[] }>(
      `WITH ins AS (
       INSERT INTO payslips (employee_id, year, month, department_id, position, grade, pay_date, import_id,
                             amends_payslip_id)
       SELECT r.employee_id, ?, ?, r.department_id, r.position, r.grade, r.pay_date, ?, cur.id
         FROM (SELECT DISTINCT ON (employee_id) * FROM payroll_upload_rows WHERE upload_id = ?
                ORDER BY employee_id, row_no) r
         LEFT JOIN payslips cur ON cur.employee_id = r.employee_id AND cur.year = ? AND cur.month = ?
                               AND cur.published_at IS NOT NULL AND cur.superseded_by IS NULL
       RETURNING amends_payslip_id)
     SELECT count(*)::int AS payslips, count(amends_payslip_id)::int AS corrections FROM ins`,
      [year, month, importId, uploadId, year, month],
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
  const counts = slips.rows[0] ?? { payslips: 0, corrections: 0 };
  return { payslips: counts.payslips, lines: lines.rowCount, corrections: counts.corrections };
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

/**
 * Publishes the month's unpublished payslips of the officer's departments. A correction being
 * published first marks the payslip it amends superseded (kept, never changed otherwise), so an
 * employee-month never has two current payslips.
 */
export async function publishMonth(
  db: Db,
  scope: PayrollScope,
  year: number,
  month: number,
): Promise<{ published: number; corrections: number }> {
  const superseded = await db
    .raw<{ rowCount: number }>(
      `UPDATE payslips old SET superseded_by = n.id, superseded_at = now()
       FROM payslips n
      WHERE n.amends_payslip_id = old.id AND n.year = ? AND n.month = ? AND n.published_at IS NULL
        AND n.department_id = ANY(?::int[]) AND old.superseded_by IS NULL`,
      [year, month, scope.departmentIds],
    )
    .options(BULK_QUERY);
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
  return { published: rowCount, corrections: superseded.rowCount };
}

export interface PublishOverview {
  unpublished: number;
  corrections: number;
  /** Employees in service in the officer's departments with no payslip at all for the month. */
  missing: { total: number; list: (EmployeeName & { department_code: string })[] };
}

/** What publishing the month would do, and who in the departments has no payslip for it. */
export async function publishOverview(
  db: Db,
  scope: PayrollScope,
  year: number,
  month: number,
  limit = 500,
): Promise<PublishOverview> {
  const { rows: counts } = await db.raw<{ rows: { unpublished: number; corrections: number }[] }>(
    `SELECT count(*)::int AS unpublished, count(amends_payslip_id)::int AS corrections
       FROM payslips WHERE year = ? AND month = ? AND published_at IS NULL AND department_id = ANY(?::int[])`,
    [year, month, scope.departmentIds],
  );
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const { rows } = await db
    .raw<{ rows: (EmployeeName & { department_code: string; total: number })[] }>(
      // In service in the month: started by its last day, not left before its first day.
      `SELECT e.ic_no, e.name, d.code AS department_code, count(*) OVER ()::int AS total
       FROM employees e JOIN departments d ON d.id = e.department_id
      WHERE e.department_id = ANY(?::int[])
        AND e.start_date <= (?::date + interval '1 month - 1 day')
        AND (e.end_date IS NULL OR e.end_date >= ?::date)
        AND (e.status = 'active' OR e.end_date IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM payslips p WHERE p.employee_id = e.id AND p.year = ? AND p.month = ?)
      ORDER BY d.code, e.name LIMIT ?`,
      [scope.departmentIds, first, first, year, month, limit],
    )
    .options(BULK_QUERY);
  return {
    unpublished: counts[0]?.unpublished ?? 0,
    corrections: counts[0]?.corrections ?? 0,
    missing: {
      total: rows[0]?.total ?? 0,
      list: rows.map(({ ic_no, name, department_code }) => ({ ic_no, name, department_code })),
    },
  };
}

export interface MonthOverview {
  year: number;
  month: number;
  total: number;
  published: number;
  /** Unpublished payslips, corrections and supplementary ones included: what "Terbitkan" would publish. */
  unpublished: number;
}

/** The payroll months of the officer's departments, newest first (current versions only). */
export async function monthsOverview(db: Db, scope: PayrollScope, limit = 24): Promise<MonthOverview[]> {
  const { rows } = await db.raw<{ rows: MonthOverview[] }>(
    `SELECT year, month, count(*) FILTER (WHERE amends_payslip_id IS NULL OR published_at IS NOT NULL)::int AS total,
            count(published_at)::int AS published, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished
       FROM payslips WHERE department_id = ANY(?::int[]) AND superseded_by IS NULL
      GROUP BY year, month ORDER BY year DESC, month DESC LIMIT ?`,
    [scope.departmentIds, limit],
  );
  return rows;
}
