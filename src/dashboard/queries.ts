import type { Knex } from 'knex';
import { preparedRows } from '../core/hot-query.js';
import { currentPublishedPayslip } from '../core/payslips.js';
import { type PaymentStatus } from '../emaklum/index.js';
import { type ApplicationStatus, type Module } from '../permohonan/index.js';

/**
 * "Pembayaran Dalam Proses" (DESIGN 1.5): only payments still with the bank. "Diterima oleh bank"
 * is done from the payee's side, so it is not counted. The widget's link filters eMaklum by this
 * same status, so the list shows exactly what the widget counted.
 */
export const IN_PROCESS_PAYMENT_STATUS = 'SENT_TO_BANK' satisfies PaymentStatus;

export interface LoanRow {
  id: number;
  loan_type: 'HOUSING' | 'VEHICLE' | 'COMPUTER' | 'PERSONAL';
  reference_no: string;
  amount_sen: number;
  balance_sen: number;
  monthly_sen: number;
  start_date: string;
  end_date: string;
}

export interface ApplicationCount {
  module: Module;
  status: ApplicationStatus;
  count: number;
}

export interface LatestPayslip {
  year: number;
  month: number;
  pay_date: string;
  earnings_sen: number;
  deductions_sen: number;
}

export interface PaymentInProcess {
  id: number;
  voucher_no: string;
  description: string;
  amount_sen: number;
  status: typeof IN_PROCESS_PAYMENT_STATUS;
  status_date: string;
  total_count: number;
  total_sen: number;
}

/** Every loan of the employee (one query). */
export function listLoans(db: Knex | Knex.Transaction, employeeId: number): Promise<LoanRow[]> {
  return db('loans')
    .where('employee_id', employeeId)
    .select(
      'id',
      'loan_type',
      'reference_no',
      'amount_sen',
      'balance_sen',
      'monthly_sen',
      'start_date',
      'end_date',
    )
    .orderBy([
      { column: 'start_date', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
}

export interface DashboardData {
  loans: LoanRow[];
  counts: ApplicationCount[];
  latest: LatestPayslip | null;
  payments: PaymentInProcess[];
}

/**
 * Everything "Laman Utama" shows, in ONE statement (one round trip, one plan) whatever the
 * user's history: every loan, the applications counted per module and status (at most 30 rows),
 * the latest published payslip with its totals, and the newest payments still with the bank with
 * the count and sum of all of them (the payee is the employee's IC, looked up inside the query).
 * Four round trips cost this page more than the four queries' execution (docs/benchmarks.md).
 * Each widget is a subquery with its own index (loans_employee_idx, applications_employee_idx,
 * payslips_employee_period_idx, payments_payee_status_idx).
 */
const DASHBOARD = {
  name: 'dashboard',
  text: `SELECT
       (SELECT coalesce(json_agg(l ORDER BY l.start_date DESC, l.id DESC), '[]')
          FROM (SELECT id, loan_type, reference_no, amount_sen, balance_sen, monthly_sen, start_date, end_date
                  FROM loans WHERE employee_id = $1) l) AS loans,
       (SELECT coalesce(json_agg(c), '[]')
          FROM (SELECT module, status, count(*)::int AS count
                  FROM applications WHERE employee_id = $1 GROUP BY module, status) c) AS counts,
       (SELECT row_to_json(p)
          FROM (SELECT s.year, s.month, s.pay_date,
                       coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'earning'), 0)::bigint AS earnings_sen,
                       coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction'), 0)::bigint AS deductions_sen
                  FROM (SELECT p.id, p.year, p.month, p.pay_date FROM payslips p
                         WHERE p.employee_id = $1 AND ${currentPublishedPayslip('p')}
                         ORDER BY p.year DESC, p.month DESC LIMIT 1) s
                  LEFT JOIN payslip_lines l ON l.payslip_id = s.id
                 GROUP BY s.id, s.year, s.month, s.pay_date) p) AS latest,
       (SELECT coalesce(json_agg(q ORDER BY q.voucher_date DESC, q.id DESC), '[]')
          FROM (SELECT id, voucher_no, description, amount_sen, status, status_date, voucher_date,
                       count(*) OVER ()::int AS total_count, sum(amount_sen) OVER ()::bigint AS total_sen
                  FROM payments
                 WHERE payee_kind = 'employee'
                   AND payee_id_no = (SELECT ic_no FROM employees WHERE id = $1)
                   AND status = $3
                 ORDER BY voucher_date DESC, id DESC
                 LIMIT $2) q) AS payments`,
};

export async function loadDashboardData(
  db: Knex | Knex.Transaction,
  employeeId: number,
  paymentsLimit: number,
): Promise<DashboardData> {
  const [row] = await preparedRows<DashboardData>(db, DASHBOARD, [
    employeeId,
    paymentsLimit,
    IN_PROCESS_PAYMENT_STATUS,
  ]);
  if (!row) throw new Error('dashboard query returned no row');
  return row;
}
