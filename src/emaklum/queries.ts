import type { Knex } from 'knex';
import { preparedRows, type PreparedStatement } from '../core/hot-query.js';
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
 * The search's SQL text for one shape (payee kind, which filters are given, sort), built once
 * and then sent as a named prepared statement (issue 15): at most 2 × 16 × 4 texts, each planned
 * for its own filters, so no `$n IS NULL OR ...` form hides an index from the planner.
 */
const listStatements = new Map<string, PreparedStatement>();
function listStatement(kind: Payee['kind'], filter: PaymentFilter, sort: SortKey): PreparedStatement {
  const key = `${kind}|${filter.from ? 'f' : ''}${filter.to ? 't' : ''}${filter.status ? 's' : ''}${filter.reference ? 'r' : ''}|${sort}`;
  let statement = listStatements.get(key);
  if (!statement) {
    let n = 1;
    const where = [
      kind === 'employee'
        ? `p.payee_kind = 'employee' AND p.payee_id_no = (SELECT ic_no FROM employees WHERE id = $${n++})`
        : `p.payee_kind = 'company' AND p.payee_id_no = (SELECT company_id FROM suppliers WHERE id = $${n++})`,
    ];
    if (filter.from) where.push(`p.voucher_date >= $${n++}`);
    if (filter.to) where.push(`p.voucher_date <= $${n++}`);
    if (filter.status) where.push(`p.status = $${n++}`);
    if (filter.reference) where.push(`(p.voucher_no ILIKE $${n} OR p.reference_no ILIKE $${n++})`);
    const order = SORTS[sort].map((o) => `${o.column} ${o.order}`).join(', ');
    const text = `SELECT ${COLUMN_SQL}, count(*) OVER ()::int AS total_count
       FROM payments p JOIN departments d ON d.id = p.department_id
      WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT $${n} OFFSET $${n + 1}`;
    statement = { name: `emaklum-list-${key.replace(/\|/g, '-')}`, text };
    listStatements.set(key, statement);
  }
  return statement;
}

const COLUMN_SQL = COLUMNS.map((c) => c.replace(/ as /, ' AS ')).join(', ');

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
  const values: unknown[] = [payee.kind === 'employee' ? payee.employeeId : payee.supplierId];
  if (filter.from) values.push(filter.from);
  if (filter.to) values.push(filter.to);
  if (filter.status) values.push(filter.status);
  if (filter.reference) values.push(`%${likeEscape(filter.reference)}%`);
  values.push(limit, offset);
  const rows = await preparedRows<PaymentRow & { total_count: number }>(
    db,
    listStatement(payee.kind, filter, sort),
    values,
  );
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
