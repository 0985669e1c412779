import type { Knex } from 'knex';
import { preparedRows } from '../core/hot-query.js';
import { currentPublishedPayslip } from '../core/payslips.js';

/** A payslip counts only once the accounting office has published its month, and only the current version. */
export const PUBLISHED = currentPublishedPayslip('p');

export interface PeriodRow {
  year: number;
  month: number;
  pay_date: string;
  earnings_sen: number;
  deductions_sen: number;
}

export interface PayslipLineRow {
  kind: 'earning' | 'deduction';
  code: string;
  description: string;
  description_en: string;
  amount_sen: number;
}

export interface PayslipRow {
  id: number;
  year: number;
  month: number;
  pay_date: string;
  position: string;
  grade: string;
  name: string;
  ic_no: string;
  payroll_no: string;
  service_scheme: string;
  bank_name: string;
  bank_account: string;
  kwsp_no: string | null;
  is_pensionable: boolean;
  tax_no: string | null;
  pcb_category: string;
  department_code: string;
  department_name: string;
  accounting_office_code: string;
  paying_centre_code: string;
  /** A correction ("Slip Gaji Pindaan"): when it and the version it replaces were published. */
  published_at: Date;
  amends_published_at: Date | null;
  lines: PayslipLineRow[];
}

/** Every published month of the employee with its totals (one query, newest first). */
const PERIODS = {
  name: 'epayslip-periods',
  text: `SELECT p.year, p.month, p.pay_date,
            coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'earning'), 0)::bigint AS earnings_sen,
            coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction'), 0)::bigint AS deductions_sen
       FROM payslips p
       LEFT JOIN payslip_lines l ON l.payslip_id = p.id
      WHERE p.employee_id = $1 AND ${PUBLISHED}
      GROUP BY p.id, p.year, p.month, p.pay_date
      ORDER BY p.year DESC, p.month DESC`,
};

export async function listPublishedPeriods(
  db: Knex | Knex.Transaction,
  employeeId: number,
): Promise<PeriodRow[]> {
  return preparedRows<PeriodRow>(db, PERIODS, [employeeId]);
}

/** A payslip `p` with its employee block and every line (the PDF store selects by other keys). */
export const PAYSLIP_SELECT = `SELECT p.id, p.year, p.month, p.pay_date, p.position, p.grade,
            e.name, e.ic_no, e.payroll_no, e.service_scheme, e.bank_name, e.bank_account, e.kwsp_no,
            e.is_pensionable, e.tax_no, e.pcb_category,
            d.code AS department_code, d.name AS department_name,
            d.accounting_office_code, d.paying_centre_code,
            p.published_at, prev.published_at AS amends_published_at,
            coalesce((SELECT json_agg(json_build_object(
                        'kind', l.kind, 'code', l.code, 'description', l.description,
                        'description_en', c.description_en, 'amount_sen', l.amount_sen)
                      ORDER BY l.kind, l.sort_order, c.sort_order, l.id)
                 FROM payslip_lines l JOIN payslip_codes c ON c.code = l.code
                WHERE l.payslip_id = p.id), '[]'::json) AS lines
       FROM payslips p
       JOIN employees e ON e.id = p.employee_id
       JOIN departments d ON d.id = p.department_id
       LEFT JOIN payslips prev ON prev.id = p.amends_payslip_id`;

/**
 * One published payslip of the employee with the employee block and every line, in one query;
 * undefined when that month has no published payslip for this employee.
 */
const PAYSLIP = {
  name: 'epayslip-payslip',
  text: `${PAYSLIP_SELECT}
      WHERE p.employee_id = $1 AND p.year = $2 AND p.month = $3 AND ${PUBLISHED}`,
};
export async function findPublishedPayslip(
  db: Knex | Knex.Transaction,
  employeeId: number,
  year: number,
  month: number,
): Promise<PayslipRow | undefined> {
  const [row] = await preparedRows<PayslipRow>(db, PAYSLIP, [employeeId, year, month]);
  return row;
}
