import type { Knex } from 'knex';
import { currentPublishedPayslip } from '../core/payslips.js';

const PUBLISHED = currentPublishedPayslip('p');

export interface EcYearRow {
  year: number;
  months: number;
  first_month: number;
  last_month: number;
  /** Date (Asia/Kuala_Lumpur) the year's December payslip was published; null if not yet. */
  december_published_on: string | null;
  /** Date the year's last published payslip was published (the issue date of a leaver's EC). */
  last_published_on: string;
  start_date: string;
  end_date: string | null;
}

export interface EcHeaderRow {
  employee_id: number;
  name: string;
  ic_no: string;
  payroll_no: string;
  kwsp_no: string | null;
  is_pensionable: boolean;
  tax_no: string | null;
  start_date: string;
  end_date: string | null;
  /** Position, grade and department of the year's last published payslip (the employer at year end). */
  position: string;
  grade: string;
  department_code: string;
  department_name: string;
  department_address: string;
  employer_e_number: string;
  lhdn_branch: string;
  accounting_office_code: string;
  first_month: number;
  last_month: number;
  months: number;
  /** Other departments the officer was paid by in the year (moved during the year). */
  other_departments: string[] | null;
}

export interface EcSumRow {
  code: string;
  kind: 'earning' | 'deduction';
  description_ms: string;
  description_en: string;
  amount_sen: number;
}

const KL_DATE = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Kuala_Lumpur', 'YYYY-MM-DD')`;

/** What decides each year's status (final EC or interim, complete or partial); one row per year. */
const YEAR_COLUMNS = `p.year, count(DISTINCT p.month)::int AS months,
            min(p.month)::int AS first_month, max(p.month)::int AS last_month,
            ${KL_DATE('min(p.published_at) FILTER (WHERE p.month = 12)')} AS december_published_on,
            ${KL_DATE('max(p.published_at)')} AS last_published_on,
            to_char(e.start_date, 'YYYY-MM-DD') AS start_date, to_char(e.end_date, 'YYYY-MM-DD') AS end_date`;

/** Years with published payslips for the employee, newest first (one query). */
export async function listEcYears(db: Knex | Knex.Transaction, employeeId: number): Promise<EcYearRow[]> {
  const result = await db.raw<{ rows: EcYearRow[] }>(
    `SELECT ${YEAR_COLUMNS}
       FROM payslips p JOIN employees e ON e.id = p.employee_id
      WHERE p.employee_id = ? AND ${PUBLISHED}
      GROUP BY p.year, e.start_date, e.end_date ORDER BY p.year DESC`,
    [employeeId],
  );
  return result.rows;
}

/** One year's status row (as listEcYears), or undefined when the year has no published payslip. */
export async function findEcYear(
  db: Knex | Knex.Transaction,
  employeeId: number,
  year: number,
): Promise<EcYearRow | undefined> {
  const result = await db.raw<{ rows: EcYearRow[] }>(
    `SELECT ${YEAR_COLUMNS}
       FROM payslips p JOIN employees e ON e.id = p.employee_id
      WHERE p.employee_id = ? AND p.year = ? AND ${PUBLISHED}
      GROUP BY p.year, e.start_date, e.end_date`,
    [employeeId, year],
  );
  return result.rows[0];
}

/** The form's header and part A for one year (one query); undefined if the year has no payslip. */
export async function findEcHeader(
  db: Knex | Knex.Transaction,
  employeeId: number,
  year: number,
): Promise<EcHeaderRow | undefined> {
  const result = await db.raw<{ rows: EcHeaderRow[] }>(
    `WITH yp AS (
       SELECT p.* FROM payslips p WHERE p.employee_id = ? AND p.year = ? AND ${PUBLISHED}
     ), last AS (
       SELECT * FROM yp ORDER BY month DESC LIMIT 1
     )
     SELECT e.id AS employee_id, e.name, e.ic_no, e.payroll_no, e.kwsp_no, e.is_pensionable, e.tax_no,
            e.start_date, e.end_date,
            last.position, last.grade,
            d.code AS department_code, d.name AS department_name, d.address AS department_address,
            d.employer_e_number, d.lhdn_branch, d.accounting_office_code,
            (SELECT min(month) FROM yp)::int AS first_month,
            (SELECT max(month) FROM yp)::int AS last_month,
            (SELECT count(*) FROM yp)::int AS months,
            (SELECT array_agg(DISTINCT od.code || ' – ' || od.name) FROM yp
               JOIN departments od ON od.id = yp.department_id WHERE yp.department_id <> last.department_id)
              AS other_departments
       FROM last
       JOIN employees e ON e.id = last.employee_id
       JOIN departments d ON d.id = last.department_id`,
    [employeeId, year],
  );
  return result.rows[0];
}

/** The year's published payslip lines summed per code (one query): the only money on the form;
 * src/eec/ec-sections.ts decides which codes appear and where. */
export async function sumEcLines(
  db: Knex | Knex.Transaction,
  employeeId: number,
  year: number,
): Promise<EcSumRow[]> {
  const result = await db.raw<{ rows: EcSumRow[] }>(
    `SELECT l.code, l.kind, c.description_ms, c.description_en, c.sort_order,
            sum(l.amount_sen)::bigint AS amount_sen
       FROM payslips p
       JOIN payslip_lines l ON l.payslip_id = p.id
       JOIN payslip_codes c ON c.code = l.code
      WHERE p.employee_id = ? AND p.year = ? AND ${PUBLISHED}
      GROUP BY l.code, l.kind, c.description_ms, c.description_en, c.sort_order
      ORDER BY c.sort_order, l.code`,
    [employeeId, year],
  );
  return result.rows;
}
