/**
 * The bulk load of the scale data: reference data with ordinary inserts, then every bulk table
 * through its own COPY FROM STDIN stream (one connection each, fed side by side while the
 * employees are generated one at a time), with the tables' keys, indexes and foreign keys
 * dropped around the load and rebuilt from their catalogue definitions afterwards, then ANALYZE.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  DEPARTMENTS,
  DOWNLOADS,
  PAYSLIP_CODES,
  SECRET_IMAGES,
  SECURITY_QUESTIONS,
  SUPPLIERS,
} from '../../seeds/catalog.js';
import { scaleSecret } from './accounts.js';
import { fromMonthIndex, pad } from '../../seeds/dates.js';
import {
  EmployeeFactory,
  applications,
  companyPayments,
  employeePayments,
  payDate,
  payroll,
  publishedAt,
  type PaymentRow,
  type ScalePlan,
} from './generate.js';

/** The tables filled by COPY, with their columns in COPY order. */
const BULK = {
  employees: [
    'id',
    'ic_no',
    'payroll_no',
    'name',
    'email',
    'department_id',
    'position',
    'grade',
    'service_scheme',
    'bank_name',
    'bank_account',
    'kwsp_no',
    'is_pensionable',
    'tax_no',
    'pcb_category',
    'start_date',
    'end_date',
    'status',
  ],
  accounts: [
    'id',
    'login_id',
    'kind',
    'employee_id',
    'status',
    'password_hash',
    'secret_phrase',
    'secret_image_id',
    'activated_at',
    'password_changed_at',
  ],
  account_answers: ['account_id', 'position', 'question_id', 'answer_hash'],
  loans: [
    'id',
    'employee_id',
    'loan_type',
    'reference_no',
    'amount_sen',
    'balance_sen',
    'monthly_sen',
    'start_date',
    'end_date',
  ],
  payslips: [
    'id',
    'employee_id',
    'year',
    'month',
    'department_id',
    'position',
    'grade',
    'pay_date',
    'import_id',
    'published_at',
  ],
  payslip_lines: ['id', 'payslip_id', 'kind', 'code', 'description', 'amount_sen', 'sort_order'],
  applications: [
    'id',
    'employee_id',
    'module',
    'reference_no',
    'title',
    'amount_sen',
    'status',
    'submitted_at',
    'updated_at',
  ],
  application_status_history: ['id', 'application_id', 'status', 'note', 'changed_at', 'changed_by'],
  payments: [
    'id',
    'payee_kind',
    'payee_id_no',
    'payee_name',
    'voucher_no',
    'reference_no',
    'description',
    'department_id',
    'amount_sen',
    'method',
    'instrument_no',
    'bank_name',
    'bank_account',
    'voucher_date',
    'payment_date',
    'status',
    'status_date',
    'updated_at',
  ],
} as const;

type BulkTable = keyof typeof BULK;
export const BULK_TABLES = Object.keys(BULK) as BulkTable[];

// ---------------------------------------------------------------------------------- COPY text

type Cell = string | number | boolean | null | undefined;
const SPECIAL = /[\\\t\n\r]/;
function cell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return SPECIAL.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : v;
}

/** Rows of one table, batched into ~128 KB writes on its COPY stream, with back-pressure. */
class CopyWriter {
  rows = 0;
  private chunk = '';
  private blocked = false;

  constructor(
    readonly table: BulkTable,
    private readonly client: pg.PoolClient,
    private readonly stream: Writable,
  ) {}

  static async open(pool: pg.Pool, table: BulkTable): Promise<CopyWriter> {
    const client = await pool.connect();
    // Truncated in the COPY's own transaction: with wal_level=minimal the rows skip the WAL,
    // and FREEZE writes them frozen and all-visible (no hint-bit rewrite, no VACUUM needed).
    await client.query('BEGIN');
    await client.query(`TRUNCATE ${table}`);
    const stream = client.query(
      copyFrom(`COPY ${table} (${BULK[table].join(', ')}) FROM STDIN WITH (FREEZE)`),
    );
    return new CopyWriter(table, client, stream);
  }

  add(...values: Cell[]): void {
    let line = cell(values[0]);
    for (let i = 1; i < values.length; i++) line += '\t' + cell(values[i]);
    this.chunk += line + '\n';
    this.rows += 1;
    if (this.chunk.length > 131_072) this.push();
  }

  private push(): void {
    if (!this.stream.write(this.chunk)) this.blocked = true;
    this.chunk = '';
  }

  async drain(): Promise<void> {
    if (!this.blocked) return;
    await once(this.stream, 'drain');
    this.blocked = false;
  }

  async finish(): Promise<void> {
    if (this.chunk) this.push();
    this.stream.end();
    await finished(this.stream);
    await this.client.query('COMMIT');
    this.client.release();
  }

  abort(err: Error): void {
    this.stream.destroy(err);
    this.client.release(err);
  }
}

// ---------------------------------------------------------------------------------- schema

interface Definition {
  table: string;
  name: string;
  kind: 'key' | 'index' | 'foreign';
  sql: string;
}

/**
 * The primary keys, unique constraints and plain indexes of the bulk tables and every foreign key
 * touching them, as SQL that re-creates each (from the live catalogue, so a later migration's
 * index is kept too).
 */
async function secondaryDefinitions(client: pg.PoolClient): Promise<Definition[]> {
  const tables = BULK_TABLES.map((t) => `public.${t}`);
  const constraints = await client.query<{ tbl: string; name: string; contype: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, c.contype, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f')
        AND (c.conrelid = ANY($1::regclass[]) OR (c.contype = 'f' AND c.confrelid = ANY($1::regclass[])))`,
    [tables],
  );
  const indexes = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [
    ...constraints.rows.map((c) => ({
      table: c.tbl,
      name: c.name,
      kind: c.contype === 'f' ? ('foreign' as const) : ('key' as const),
      sql: `ALTER TABLE ${c.tbl} ADD CONSTRAINT ${quote(c.name)} ${c.def}`,
    })),
    ...indexes.rows.map((i) => ({ table: i.tbl, name: i.name, kind: 'index' as const, sql: i.def })),
  ];
}

async function dropDefinitions(client: pg.PoolClient, defs: Definition[]): Promise<void> {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const kind of ['foreign', 'key', 'index'] as const) {
    for (const d of defs.filter((x) => x.kind === kind)) {
      await client.query(
        kind === 'index' ? `DROP INDEX ${d.name}` : `ALTER TABLE ${d.table} DROP CONSTRAINT ${quote(d.name)}`,
      );
    }
  }
}

/** Runs statements on `width` connections at once (two cores: two index builds side by side). */
async function runConcurrently(pool: pg.Pool, statements: string[], width: number): Promise<void> {
  const queue = [...statements];
  const worker = async () => {
    const client = await pool.connect();
    try {
      await client.query("SET maintenance_work_mem = '512MB'");
      for (let sql = queue.shift(); sql; sql = queue.shift()) await client.query(sql);
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, statements.length) }, worker));
}

// ---------------------------------------------------------------------------------- reference data

async function insertRows(
  client: pg.PoolClient,
  table: string,
  rows: Record<string, unknown>[],
  suffix = '',
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const params: unknown[] = [];
  const tuples = rows.map((r) => `(${cols.map((c) => `$${params.push(r[c])}`).join(', ')})`);
  await client.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}${suffix}`,
    params,
  );
}

async function loadReference(client: pg.PoolClient, plan: ScalePlan): Promise<void> {
  // The migrate step loads the reference catalogue; the scale data brings its own, with fixed ids.
  await client.query(
    'DELETE FROM downloads; DELETE FROM payslip_codes; DELETE FROM security_questions; DELETE FROM secret_images',
  );
  await insertRows(
    client,
    'departments',
    DEPARTMENTS.map((d, i) => ({
      id: i + 1,
      code: d.code,
      name: d.name,
      accounting_office_code: d.accounting_office_code,
      paying_centre_code: d.paying_centre_code,
      employer_e_number: d.employer_e_number,
      lhdn_branch: d.lhdn_branch,
      address: d.address,
    })),
  );
  await insertRows(
    client,
    'payslip_codes',
    PAYSLIP_CODES.map((c) => ({ ...c })),
    // Reference rows that migrations already hold (e.g. CP38) stay as the migration wrote them.
    ' ON CONFLICT (code) DO NOTHING',
  );
  await insertRows(
    client,
    'security_questions',
    SECURITY_QUESTIONS.map((q, i) => ({ id: i + 1, ...q })),
  );
  await insertRows(
    client,
    'secret_images',
    SECRET_IMAGES.map((s, i) => ({ id: i + 1, ...s, file_name: `${s.slug}.svg` })),
  );
  await insertRows(
    client,
    'downloads',
    DOWNLOADS.map((d) => ({ ...d })),
  );
  await insertRows(
    client,
    'suppliers',
    SUPPLIERS.map((s, i) => ({
      id: i + 1,
      company_id: s.company_id,
      name: s.name,
      email: s.email,
      bank_name: s.bank_name,
      bank_account: s.bank_account,
      status: s.status,
    })),
  );
  const imports = [];
  for (let m = plan.windowStart; m <= plan.lastMonth; m++) {
    const { y, m: mm } = fromMonthIndex(m);
    imports.push({
      id: m - plan.windowStart + 1,
      year: y,
      month: mm,
      file_name: `gaji-${y}-${pad(mm)}.csv`,
      status: 'published',
      created_at: `${payDate(m)}T08:00:00+08:00`,
      published_at: publishedAt(m),
    });
  }
  await insertRows(client, 'payroll_imports', imports);
  for (const t of ['departments', 'security_questions', 'secret_images', 'suppliers', 'payroll_imports']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`);
  }
}

// ---------------------------------------------------------------------------------- the load

export interface LoadReport {
  rows: Record<string, number>;
  totalRows: number;
  refusedPayslips: number;
  seconds: { reference: number; copy: number; indexes: number; analyze: number; total: number };
}

export interface LoadOptions {
  plan: ScalePlan;
  passwordHash: string;
  answerHash: string;
  /** Company payments per supplier (default: one per ten employees, spread over the suppliers). */
  log: (line: string) => void;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Loads the plan into an empty, migrated database. */
export async function loadScaleData(pool: pg.Pool, opts: LoadOptions): Promise<LoadReport> {
  const { plan, log } = opts;
  const started = performance.now();
  const admin = await pool.connect();
  let defs: Definition[];
  try {
    await admin.query('BEGIN');
    await loadReference(admin, plan);
    defs = await secondaryDefinitions(admin);
    await dropDefinitions(admin, defs);
    await admin.query('COMMIT');
  } catch (err) {
    await admin.query('ROLLBACK');
    admin.release();
    throw err;
  }
  admin.release();
  const referenceSeconds = seconds(started);

  // ---- COPY, every bulk table at once
  const copyStarted = performance.now();
  const writers = {} as Record<BulkTable, CopyWriter>;
  for (const t of BULK_TABLES) writers[t] = await CopyWriter.open(pool, t);
  const all = Object.values(writers);
  const deptId = new Map(DEPARTMENTS.map((d, i) => [d.code, i + 1]));
  const payingCentre = new Map(DEPARTMENTS.map((d) => [d.code, d.paying_centre_code]));
  const factory = new EmployeeFactory(plan);
  let accountId = 0;
  let loanId = 0;
  let payslipId = 0;
  let lineId = 0;
  let applicationId = 0;
  let historyId = 0;
  let paymentId = 0;
  let eftSerial = 0;
  let chequeSerial = 100_000;
  let refused = 0;
  const serials = new Map<string, number>();
  const serial = (key: string) => {
    const n = (serials.get(key) ?? 0) + 1;
    serials.set(key, n);
    return n;
  };
  const activatedAt = `${plan.today}T08:00:00+08:00`;

  const writePayment = (
    p: PaymentRow,
    payee: {
      kind: 'employee' | 'company';
      id: string;
      name: string;
      bank: string;
      account: string;
      dept: string;
    },
  ) => {
    const y = Number(p.voucher_date.slice(0, 4));
    const yy = pad(y % 100);
    const pd = (p.payment_date ?? p.voucher_date).replace(/-/g, '');
    const instrument =
      p.method === 'EFT'
        ? p.status === 'CANCELLED'
          ? null
          : `${pd}${pad(++eftSerial, 7)}`
        : p.method === 'CHEQUE'
          ? pad(++chequeSerial, 7)
          : p.method === 'BANK_DRAFT'
            ? `BD${pad((paymentId * 7919) % 100_000_000, 8)}`
            : `TT${pd.slice(2)}${pad(paymentId % 10_000, 4)}`;
    paymentId += 1;
    writers.payments.add(
      paymentId,
      payee.kind,
      payee.id,
      payee.name,
      `${payingCentre.get(payee.dept) ?? '100100'}-BB${yy}-${pad(serial(`voucher:${yy}`), 7)}`,
      `${p.reference_prefix}/${y}/${pad(serial(`${p.reference_prefix}:${y}`), 7)}`,
      p.description,
      deptId.get(payee.dept),
      p.amount_sen,
      p.method,
      instrument,
      payee.bank,
      payee.account,
      p.voucher_date,
      p.payment_date,
      p.status,
      p.status_date,
      p.updated_at,
    );
  };

  let lastReport = performance.now();
  try {
    for (let i = 0; i < plan.employees; i++) {
      const e = factory.make(i);
      const employeeId = i + 1;
      const dept = deptId.get(e.departmentCode)!;
      writers.employees.add(
        employeeId,
        e.ic_no,
        e.payroll_no,
        e.name,
        e.email,
        dept,
        e.position,
        e.grade,
        e.service_scheme,
        e.bank_name,
        e.bank_account,
        e.kwsp_no,
        e.is_pensionable,
        e.tax_no,
        e.pcb_category,
        e.start_date,
        e.end_date,
        e.status,
      );

      if (accountId < plan.accounts && e.status === 'active' && e.email?.endsWith('.gov.my')) {
        accountId += 1;
        const secret = scaleSecret(accountId, SECRET_IMAGES.length);
        writers.accounts.add(
          accountId,
          e.ic_no,
          'employee',
          employeeId,
          'active',
          opts.passwordHash,
          secret.phrase,
          secret.imageIndex + 1,
          activatedAt,
          activatedAt,
        );
        for (let q = 1; q <= 3; q++) writers.account_answers.add(accountId, q, q, opts.answerHash);
      }

      const { loans, slips, refused: r } = payroll(e, plan);
      refused += r;
      for (const l of loans) {
        loanId += 1;
        const prefix = l.reference_no.split('/')[0]!;
        const y = l.start_date.slice(0, 4);
        writers.loans.add(
          loanId,
          employeeId,
          l.loan_type,
          `${prefix}/${y}/${pad(serial(`${prefix}:${y}`), 7)}`,
          l.amount_sen,
          l.balance_sen,
          l.monthly_sen,
          l.start_date,
          l.end_date,
        );
      }
      for (const s of slips) {
        payslipId += 1;
        const { y, m } = fromMonthIndex(s.month);
        writers.payslips.add(
          payslipId,
          employeeId,
          y,
          m,
          dept,
          e.position,
          e.grade,
          payDate(s.month),
          s.month - plan.windowStart + 1,
          publishedAt(s.month),
        );
        for (const l of s.lines) {
          lineId += 1;
          writers.payslip_lines.add(
            lineId,
            payslipId,
            l.kind,
            l.code,
            l.description,
            l.amount_sen,
            l.sort_order,
          );
        }
      }
      for (const a of applications(e, plan)) {
        applicationId += 1;
        writers.applications.add(
          applicationId,
          employeeId,
          a.module,
          `${a.module}/${a.year}/${pad(serial(`${a.module}:${a.year}`), 6)}`,
          a.title,
          a.amount_sen,
          a.status,
          a.submitted_at,
          a.updated_at,
        );
        for (const h of a.history) {
          historyId += 1;
          writers.application_status_history.add(
            historyId,
            applicationId,
            h.status,
            h.note,
            h.changed_at,
            h.changed_by,
          );
        }
      }
      const payee = {
        kind: 'employee' as const,
        id: e.ic_no,
        name: e.name,
        bank: e.bank_name,
        account: e.bank_account,
        dept: e.departmentCode,
      };
      for (const p of employeePayments(e, plan)) writePayment(p, payee);

      if ((i & 63) === 63) {
        await Promise.all(all.map((w) => w.drain()));
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          const rows = all.reduce((s, w) => s + w.rows, 0);
          log(
            `  ${i + 1} of ${plan.employees} employees, ${rows.toLocaleString('en')} rows, ` +
              `${Math.round(rows / seconds(copyStarted)).toLocaleString('en')} rows/s`,
          );
        }
      }
    }
    // The suppliers' invoices: about one company payment per ten employees in all.
    const perSupplier = Math.max(10, Math.round(plan.employees / 10 / SUPPLIERS.length));
    for (const s of SUPPLIERS) {
      const payee = {
        kind: 'company' as const,
        id: s.company_id,
        name: s.name,
        bank: s.bank_name,
        account: s.bank_account,
        dept: s.departmentCode,
      };
      for (const p of companyPayments(s.company_id, s.works, s.range, perSupplier, plan))
        writePayment(p, payee);
      await writers.payments.drain();
    }
    await Promise.all(all.map((w) => w.finish()));
  } catch (err) {
    for (const w of all) w.abort(err as Error);
    throw err;
  }
  const copySeconds = seconds(copyStarted);
  log(`  COPY done in ${copySeconds.toFixed(1)} s; rebuilding keys, indexes and foreign keys`);

  // ---- keys, indexes, foreign keys; sequences; statistics
  const indexStarted = performance.now();
  await runConcurrently(
    pool,
    defs.filter((d) => d.kind === 'key').map((d) => d.sql),
    2,
  );
  await runConcurrently(
    pool,
    defs.filter((d) => d.kind === 'index').map((d) => d.sql),
    2,
  );
  // One at a time: adding a foreign key locks both of its tables, two at once could deadlock.
  await runConcurrently(
    pool,
    defs.filter((d) => d.kind === 'foreign').map((d) => d.sql),
    1,
  );
  for (const t of BULK_TABLES) {
    if (t === 'account_answers') continue;
    await pool.query(
      `SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (SELECT coalesce(max(id), 0) FROM ${t})), (SELECT count(*) > 0 FROM ${t}))`,
    );
  }
  await pool.query(
    `UPDATE payroll_imports i SET row_count = c.n FROM (SELECT import_id, count(*)::int AS n FROM payslips GROUP BY import_id) c WHERE c.import_id = i.id`,
  );
  const indexSeconds = seconds(indexStarted);
  const analyzeStarted = performance.now();
  await runConcurrently(
    pool,
    [...BULK_TABLES, 'payroll_imports', 'suppliers', 'departments'].map((t) => `ANALYZE ${t}`),
    2,
  );
  const analyzeSeconds = seconds(analyzeStarted);

  const rows = Object.fromEntries(all.map((w) => [w.table, w.rows]));
  return {
    rows,
    totalRows: all.reduce((s, w) => s + w.rows, 0),
    refusedPayslips: refused,
    seconds: {
      reference: referenceSeconds,
      copy: copySeconds,
      indexes: indexSeconds,
      analyze: analyzeSeconds,
      total: seconds(started),
    },
  };
}
