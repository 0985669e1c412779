import type { Knex } from 'knex';
import type { ApplicationStatus, Module } from '../permohonan/catalog.js';

export const IN_PROCESS_PAYMENT_STATUSES = ['SENT_TO_BANK', 'RECEIVED_BY_BANK'] as const;

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
  status: (typeof IN_PROCESS_PAYMENT_STATUSES)[number];
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

/** The employee's applications counted per module and status (one query, at most 30 rows). */
export function countApplicationsByModuleAndStatus(
  db: Knex | Knex.Transaction,
  employeeId: number,
): Promise<ApplicationCount[]> {
  return db('applications')
    .where('employee_id', employeeId)
    .groupBy('module', 'status')
    .select('module', 'status', db.raw('count(*)::int as count'));
}

/** The latest published payslip with its totals (one query), or undefined. */
export async function findLatestPayslip(
  db: Knex | Knex.Transaction,
  employeeId: number,
): Promise<LatestPayslip | undefined> {
  const result = await db.raw<{ rows: LatestPayslip[] }>(
    `SELECT p.year, p.month, p.pay_date,
            coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'earning'), 0)::bigint AS earnings_sen,
            coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction'), 0)::bigint AS deductions_sen
       FROM (SELECT id, year, month, pay_date FROM payslips
              WHERE employee_id = ? AND published_at IS NOT NULL AND published_at <= now()
              ORDER BY year DESC, month DESC LIMIT 1) p
       LEFT JOIN payslip_lines l ON l.payslip_id = p.id
      GROUP BY p.id, p.year, p.month, p.pay_date`,
    [employeeId],
  );
  return result.rows[0];
}

/**
 * The newest payments to the employee still with the bank (sent or received), with the count and
 * sum of all of them (one query; the payee is the employee's IC, looked up inside the query).
 */
export function listPaymentsInProcess(
  db: Knex | Knex.Transaction,
  employeeId: number,
  limit: number,
): Promise<PaymentInProcess[]> {
  return db('payments')
    .where('payee_kind', 'employee')
    .andWhere('payee_id_no', db('employees').select('ic_no').where('id', employeeId))
    .whereIn('status', IN_PROCESS_PAYMENT_STATUSES)
    .select(
      'id',
      'voucher_no',
      'description',
      'amount_sen',
      'status',
      'status_date',
      db.raw('count(*) over ()::int as total_count'),
      db.raw('sum(amount_sen) over ()::bigint as total_sen'),
    )
    .orderBy([
      { column: 'voucher_date', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
}
