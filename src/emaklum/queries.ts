import type { Knex } from 'knex';
import { SORTS, type Payee, type PaymentMethod, type PaymentStatus, type SortKey } from './catalog.js';

export interface PaymentFilter {
  from?: string;
  to?: string;
  reference?: string;
  status?: PaymentStatus;
}

export interface PaymentRow {
  id: number;
  voucher_no: string;
  reference_no: string;
  description: string;
  department_code: string;
  department_name: string;
  amount_sen: number;
  method: PaymentMethod;
  instrument_no: string | null;
  bank_name: string;
  bank_account: string;
  voucher_date: string;
  payment_date: string | null;
  status: PaymentStatus;
  status_date: string;
  updated_at: Date;
}

/** LIKE wildcards in the user's text are matched literally. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The payee's payments: the IC (employee) or company ID (company) is looked up from the signed-in
 * account's own record inside the query, so no caller can ask for someone else's.
 */
function payeePayments(db: Knex | Knex.Transaction, payee: Payee) {
  const q = db('payments as p');
  if (payee.kind === 'employee') {
    q.where('p.payee_kind', 'employee').andWhere(
      'p.payee_id_no',
      db('employees').select('ic_no').where('id', payee.employeeId),
    );
  } else {
    q.where('p.payee_kind', 'company').andWhere(
      'p.payee_id_no',
      db('suppliers').select('company_id').where('id', payee.supplierId),
    );
  }
  return q;
}

function filtered(db: Knex | Knex.Transaction, payee: Payee, filter: PaymentFilter) {
  const q = payeePayments(db, payee);
  if (filter.from) q.andWhere('p.voucher_date', '>=', filter.from);
  if (filter.to) q.andWhere('p.voucher_date', '<=', filter.to);
  if (filter.status) q.andWhere('p.status', filter.status);
  if (filter.reference) {
    const pattern = `%${likeEscape(filter.reference)}%`;
    q.andWhere((w) => w.whereILike('p.voucher_no', pattern).orWhereILike('p.reference_no', pattern));
  }
  return q;
}

const COLUMNS = [
  'p.id',
  'p.voucher_no',
  'p.reference_no',
  'p.description',
  'd.code as department_code',
  'd.name as department_name',
  'p.amount_sen',
  'p.method',
  'p.instrument_no',
  'p.bank_name',
  'p.bank_account',
  'p.voucher_date',
  'p.payment_date',
  'p.status',
  'p.status_date',
  'p.updated_at',
];

async function countPayments(
  db: Knex | Knex.Transaction,
  payee: Payee,
  filter: PaymentFilter,
): Promise<number> {
  const row = await filtered(db, payee, filter).count<{ count: number }[]>({ count: '*' }).first();
  return Number(row?.count ?? 0);
}

/**
 * One page of the payee's payments and how many match the filter in all, in one round trip
 * (`count(*) OVER ()` on each row). An empty page past the first says nothing of the total: only
 * then is it counted separately.
 */
export async function listPayments(
  db: Knex | Knex.Transaction,
  payee: Payee,
  filter: PaymentFilter,
  sort: SortKey,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ rows: PaymentRow[]; total: number }> {
  const rows = await filtered(db, payee, filter)
    .join('departments as d', 'd.id', 'p.department_id')
    .select<(PaymentRow & { total_count: number })[]>([
      ...COLUMNS,
      db.raw('count(*) OVER ()::int AS total_count'),
    ])
    .orderBy(SORTS[sort].map((s) => ({ ...s })))
    .limit(limit)
    .offset(offset);
  const total = rows[0]?.total_count ?? (offset > 0 ? await countPayments(db, payee, filter) : 0);
  return { rows: rows.map(({ total_count: _total, ...row }) => row), total };
}

export async function findPayment(
  db: Knex | Knex.Transaction,
  payee: Payee,
  id: number,
): Promise<PaymentRow | undefined> {
  return payeePayments(db, payee)
    .join('departments as d', 'd.id', 'p.department_id')
    .where('p.id', id)
    .first<PaymentRow | undefined>(COLUMNS);
}

/** The status email goes out in the language the user was reading when they opted in. */
export async function setNotifyPreference(
  db: Knex | Knex.Transaction,
  accountId: number,
  notify: boolean,
  locale: 'ms' | 'en',
): Promise<void> {
  await db('accounts')
    .where('id', accountId)
    .update({ notify_payment_status: notify, notify_locale: locale, updated_at: db.fn.now() });
}

export interface HistoryRow {
  from_status: PaymentStatus;
  to_status: PaymentStatus;
  status_date: string;
  bank_reference: string | null;
  failure_reason: string | null;
  recorded_at: Date;
}

/** A payment's status history, oldest first (the caller found the payment through the payee's own list first). */
export async function listHistory(db: Knex | Knex.Transaction, paymentId: number): Promise<HistoryRow[]> {
  return db('payment_status_history')
    .where('payment_id', paymentId)
    .orderBy('id')
    .select<HistoryRow[]>(
      'from_status',
      'to_status',
      db.raw(`to_char(status_date, 'YYYY-MM-DD') AS status_date`),
      'bank_reference',
      'failure_reason',
      'recorded_at',
    );
}
