import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { migrateLatest } from '../migrations/index.js';
import { syncReferenceData } from '../migrations/reference-data.js';
import {
  DEMO,
  DEMO_PASSWORD,
  DEMO_SECURITY_ANSWERS,
  DEMO_UNPUBLISHED_DEPARTMENT_CODES,
  demoLogins,
  seedDemo,
  seedDemoIfEmpty,
} from '../seeds/index.js';
import { createDb } from '../src/core/db.js';
import { startEmbeddedPostgres } from '../src/core/embedded-postgres.js';
import { verifySecret } from '../src/core/passwords.js';
import { createTestDatabase } from './helpers/db.js';

// ---------------------------------------------------------------------------------------------
// Database set-up. Under `npm test` (TEST_PG_SERVER_URL set) this uses the shared harness: a
// database cloned from the migrated and seeded template. Run alone (`npx tsx --test
// test/seed.test.ts`) it uses TEST_DATABASE_URL, or else an embedded PostgreSQL of its own with
// a fresh, empty, migrated database.
// ---------------------------------------------------------------------------------------------
interface SeedTestDb {
  db: Knex;
  /** True when the database started migrated but empty. */
  empty: boolean;
  close: () => Promise<void>;
}

async function openDatabase(): Promise<SeedTestDb> {
  if (process.env.TEST_PG_SERVER_URL) {
    // The seed empties tables: the owner role's work, not the app's.
    const t = await createTestDatabase();
    return { db: t.owner, empty: false, close: t.drop };
  }
  if (process.env.TEST_DATABASE_URL) {
    const db = createDb(process.env.TEST_DATABASE_URL, 4);
    await migrateLatest(db);
    await syncReferenceData(db);
    const empty = !(await db('departments').first('id'));
    return { db, empty, close: () => db.destroy() };
  }
  const server = await startEmbeddedPostgres(
    path.resolve(import.meta.dirname, '..', '.data', 'seed-test'),
    54361,
  );
  const name = 'ispeks_seed_test';
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = createDb(server.url(name), 4);
  await migrateLatest(db);
  await syncReferenceData(db);
  return {
    db,
    empty: true,
    close: async () => {
      await db.destroy();
      await server.stop();
    },
  };
}

let handle: SeedTestDb;
let db: Knex;

before(async () => {
  handle = await openDatabase();
  db = handle.db;
});
after(async () => {
  await handle?.close();
});

const TABLES = [
  'departments',
  'employees',
  'suppliers',
  'secret_images',
  'security_questions',
  'accounts',
  'account_answers',
  'staff_roles',
  'staff_departments',
  'payslip_codes',
  'payroll_imports',
  'payslips',
  'payslip_lines',
  'payments',
  'loans',
  'applications',
  'application_status_history',
  'downloads',
];

/** Row counts of every seeded table and checksums of their content. */
async function snapshot(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  for (const t of TABLES) {
    const [row] = await db(t).count<{ count: number }[]>('* as count');
    out[`count:${t}`] = Number(row?.count);
  }
  const sums: Record<string, string> = {
    employees: `SELECT md5(string_agg(e::text, '|' ORDER BY ic_no)) AS sum FROM employees e`,
    departments: `SELECT md5(string_agg(d::text, '|' ORDER BY id)) AS sum FROM departments d`,
    suppliers: `SELECT md5(string_agg(s::text, '|' ORDER BY id)) AS sum FROM suppliers s`,
    payslips: `SELECT md5(string_agg(p::text, '|' ORDER BY id)) AS sum FROM payslips p`,
    payslip_lines: `SELECT md5(string_agg(l::text, '|' ORDER BY id)) AS sum FROM payslip_lines l`,
    payroll_imports: `SELECT md5(string_agg(i::text, '|' ORDER BY id)) AS sum FROM payroll_imports i`,
    payments: `SELECT md5(string_agg(p::text, '|' ORDER BY id)) AS sum FROM payments p`,
    loans: `SELECT md5(string_agg(l::text, '|' ORDER BY id)) AS sum FROM loans l`,
    applications: `SELECT md5(string_agg(a::text, '|' ORDER BY id)) AS sum FROM applications a`,
    history: `SELECT md5(string_agg(h::text, '|' ORDER BY id)) AS sum FROM application_status_history h`,
    staff: `SELECT md5(string_agg(concat_ws(',', r.account_id, r.role, r.granted_by, r.granted_at, d.department_id), '|'
              ORDER BY r.account_id, r.role, d.department_id)) AS sum
            FROM staff_roles r LEFT JOIN staff_departments d ON d.account_id = r.account_id`,
    // argon2 hashes are salted (they differ on each run) and the pending password's expiry and
    // the lockout follow the clock: compare everything else.
    accounts: `SELECT md5(string_agg(concat_ws(',', id, login_id, kind, employee_id, supplier_id, status,
                 password_hash IS NOT NULL, temp_password_hash IS NOT NULL, failed_count, lock_count,
                 locked_until IS NOT NULL, secret_phrase, secret_image_id, notify_payment_status, last_login_at,
                 activated_at, password_changed_at), '|' ORDER BY id)) AS sum FROM accounts`,
    answers: `SELECT md5(string_agg(concat_ws(',', account_id, position, question_id), '|'
                ORDER BY account_id, position)) AS sum FROM account_answers`,
    catalog: `SELECT md5(concat(
                (SELECT string_agg(c::text, '|' ORDER BY code) FROM payslip_codes c),
                (SELECT string_agg(q::text, '|' ORDER BY id) FROM security_questions q),
                (SELECT string_agg(i::text, '|' ORDER BY id) FROM secret_images i),
                (SELECT string_agg(d::text, '|' ORDER BY id) FROM downloads d))) AS sum`,
  };
  for (const [name, sql] of Object.entries(sums)) {
    const result = await db.raw<{ rows: { sum: string }[] }>(sql);
    out[`md5:${name}`] = result.rows[0]?.sum ?? '';
  }
  return out;
}

async function rows<T>(sql: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
  const result = await db.raw<{ rows: T[] }>(sql, bindings);
  return result.rows;
}

test('seedDemoIfEmpty seeds an empty database, and only an empty one', async () => {
  if (handle.empty) {
    const started = Date.now();
    assert.equal(await seedDemoIfEmpty(db), true);
    process.stdout.write(`# first seed (seedDemoIfEmpty): ${Date.now() - started} ms\n`);
  }
  assert.equal(await seedDemoIfEmpty(db), false);
});

test('seeding twice leaves the same data and never touches the audit log', async () => {
  await db('audit_log').insert({ action: 'seed_test_marker', details: { note: 'kept across seeds' } });
  const auditBefore = await db('audit_log').count<{ count: number }[]>('* as count');

  let started = Date.now();
  await seedDemo(db);
  const first = Date.now() - started;
  const a = await snapshot();
  started = Date.now();
  await seedDemo(db);
  const second = Date.now() - started;
  const b = await snapshot();
  process.stdout.write(`# seedDemo: ${first} ms, again: ${second} ms\n`);

  assert.deepEqual(b, a);
  assert.ok(first < 60_000 && second < 60_000, 'the seed runs in well under a minute');
  const auditAfter = await db('audit_log').count<{ count: number }[]>('* as count');
  assert.deepEqual(auditAfter, auditBefore);
  assert.ok(await db('audit_log').where({ action: 'seed_test_marker' }).first());
});

test('employees: at least 300 with valid IC numbers, consistent genders and realistic records', async () => {
  const employees = await db('employees').select<
    { ic_no: string; name: string; email: string | null; is_pensionable: boolean; kwsp_no: string | null }[]
  >('ic_no', 'name', 'email', 'is_pensionable', 'kwsp_no');
  assert.ok(employees.length >= 300, `${employees.length} employees`);
  for (const e of employees) {
    assert.match(e.ic_no, /^[0-9]{12}$/);
    const yy = Number(e.ic_no.slice(0, 2));
    const year = yy <= 25 ? 2000 + yy : 1900 + yy;
    const month = Number(e.ic_no.slice(2, 4));
    const day = Number(e.ic_no.slice(4, 6));
    const d = new Date(Date.UTC(year, month - 1, day));
    assert.ok(
      d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day,
      `${e.ic_no} has a real birth date`,
    );
    assert.ok(year >= 1966 && year <= 2001, `${e.ic_no} born 1966–2001`);
    const odd = Number(e.ic_no.slice(-1)) % 2 === 1;
    if (/ (bin|a\/l) /.test(e.name)) assert.ok(odd, `${e.name} ${e.ic_no}: a man's IC ends odd`);
    if (/ (binti|a\/p) /.test(e.name)) assert.ok(!odd, `${e.name} ${e.ic_no}: a woman's IC ends even`);
    if (!e.is_pensionable) assert.ok(e.kwsp_no, 'a non-pensionable officer has a KWSP number');
  }
  const gov = employees.filter((e) => e.email?.endsWith('@selangor.gov.my')).length;
  assert.ok(gov > employees.length * 0.9, 'most emails are official');
  assert.ok(
    employees.some((e) => e.email === null),
    'some emails are missing',
  );
  assert.ok(
    employees.some((e) => e.email && !e.email.endsWith('.gov.my')),
    'some emails are outdated',
  );
  assert.ok(employees.some((e) => / binti /.test(e.name)) && employees.some((e) => / a\/l /.test(e.name)));

  const [movers] = await rows<{ n: number }>(
    `SELECT count(DISTINCT p.employee_id)::int AS n FROM payslips p JOIN employees e ON e.id = p.employee_id
      WHERE p.department_id <> e.department_id`,
  );
  assert.ok((movers?.n ?? 0) > 0, 'some officers changed department within the window');
});

test('payslips: published ones have positive net pay and respect the 60% rule; the current month is hidden', async () => {
  const [bad] = await rows<{ n: number; total: number }>(
    `WITH t AS (
       SELECT p.id,
              coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'earning'), 0) AS gross,
              coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction'), 0) AS ded,
              coalesce(sum(l.amount_sen) FILTER (WHERE l.kind = 'deduction' AND NOT c.is_housing_loan), 0) AS non_housing
         FROM payslips p
         LEFT JOIN payslip_lines l ON l.payslip_id = p.id
         LEFT JOIN payslip_codes c ON c.code = l.code
        WHERE p.published_at IS NOT NULL
        GROUP BY p.id)
     SELECT count(*) FILTER (WHERE gross - ded <= 0 OR non_housing * 10 > gross * 6 OR gross = 0)::int AS n,
            count(*)::int AS total FROM t`,
  );
  assert.ok((bad?.total ?? 0) >= 300 * 20, `${bad?.total} published payslips`);
  assert.equal(bad?.n, 0, 'no published payslip breaks the rules');

  // Every line's kind matches its code's kind.
  const [mismatch] = await rows<{ n: number }>(
    `SELECT count(*)::int AS n FROM payslip_lines l JOIN payslip_codes c ON c.code = l.code WHERE c.kind <> l.kind`,
  );
  assert.equal(mismatch?.n, 0);

  // The demo employee: 24 published months, a January increment, a bonus, and one hidden month.
  const slips = await rows<{ year: number; month: number; published: boolean; basic: number; bonus: number }>(
    `SELECT p.year, p.month, p.published_at IS NOT NULL AS published,
            coalesce(sum(l.amount_sen) FILTER (WHERE l.code = 'GAJI'), 0)::int AS basic,
            coalesce(sum(l.amount_sen) FILTER (WHERE l.code = 'BNS'), 0)::int AS bonus
       FROM payslips p JOIN employees e ON e.id = p.employee_id JOIN payslip_lines l ON l.payslip_id = p.id
      WHERE e.ic_no = ? GROUP BY p.id ORDER BY p.year, p.month`,
    [DEMO.activeEmployee.ic],
  );
  assert.equal(slips.filter((s) => s.published).length, 24);
  assert.equal(slips.filter((s) => !s.published).length, 1, 'the current month is imported but unpublished');
  const unpublished = slips.find((s) => !s.published);
  const lastPublished = slips.filter((s) => s.published).at(-1);
  assert.ok(unpublished && lastPublished);
  assert.ok(unpublished.year * 12 + unpublished.month > lastPublished.year * 12 + lastPublished.month);
  const january = slips.find((s, i) => s.month === 1 && i > 0);
  const december = january ? slips[slips.indexOf(january) - 1] : undefined;
  assert.ok(january && december && january.basic > december.basic, 'an increment in January');
  assert.ok(
    slips.some((s) => s.bonus > 0),
    'a bonus month',
  );

  const [hidden] = await rows<{ n: number; other: number }>(
    `SELECT count(*)::int AS n,
            count(*) FILTER (WHERE d.code <> ALL(?))::int AS other
       FROM payslips p JOIN departments d ON d.id = p.department_id WHERE p.published_at IS NULL`,
    [DEMO_UNPUBLISHED_DEPARTMENT_CODES as string[]],
  );
  assert.ok((hidden?.n ?? 0) > 0);
  assert.equal(hidden?.other, 0, 'only the chosen departments have an unpublished month');

  // KWSP only for non-pensionable officers.
  const [kwsp] = await rows<{ wrong: number }>(
    `SELECT count(*)::int AS wrong FROM payslips p JOIN employees e ON e.id = p.employee_id
      WHERE (e.is_pensionable AND EXISTS (SELECT 1 FROM payslip_lines l WHERE l.payslip_id = p.id AND l.code = 'KWSP'))
         OR (NOT e.is_pensionable AND NOT EXISTS (SELECT 1 FROM payslip_lines l WHERE l.payslip_id = p.id AND l.code = 'KWSP'))`,
  );
  assert.equal(kwsp?.wrong, 0);
});

test('loans match the deduction lines of the payslips', async () => {
  const [missing] = await rows<{ n: number; loans: number }>(
    `WITH loan_code AS (
       SELECT l.*, CASE l.loan_type WHEN 'HOUSING' THEN 'PINJPR' WHEN 'VEHICLE' THEN 'PINJKD'
                                    WHEN 'COMPUTER' THEN 'PINJKOM' ELSE 'ANGKASA' END AS code
         FROM loans l)
     SELECT count(*)::int AS n, (SELECT count(*)::int FROM loans) AS loans
       FROM loan_code lc
       JOIN payslips p ON p.employee_id = lc.employee_id
        AND make_date(p.year, p.month, 1) BETWEEN date_trunc('month', lc.start_date) AND lc.end_date
      WHERE NOT EXISTS (SELECT 1 FROM payslip_lines pl
                         WHERE pl.payslip_id = p.id AND pl.code = lc.code AND pl.amount_sen = lc.monthly_sen)`,
  );
  assert.ok((missing?.loans ?? 0) > 20);
  assert.equal(missing?.n, 0);
  const types = await rows<{ loan_type: string }>(
    `SELECT DISTINCT l.loan_type FROM loans l JOIN employees e ON e.id = l.employee_id WHERE e.ic_no = ?`,
    [DEMO.activeEmployee.ic],
  );
  assert.ok(types.length >= 2, 'the demo employee has several loans');
});

test('payments: all five statuses, ~30–60 for the demo employee and the demo company', async () => {
  const statuses = await rows<{ status: string }>(`SELECT DISTINCT status FROM payments ORDER BY status`);
  assert.deepEqual(
    statuses.map((s) => s.status),
    ['BANK_FAILED', 'CANCELLED', 'ISSUED', 'RECEIVED_BY_BANK', 'SENT_TO_BANK'],
  );
  for (const [kind, id] of [
    ['employee', DEMO.activeEmployee.ic],
    ['company', DEMO.company.companyId],
  ] as const) {
    const mine = await db('payments')
      .where({ payee_id_no: id })
      .select<{ status: string; payee_kind: string }[]>('status', 'payee_kind');
    assert.ok(mine.length >= 30 && mine.length <= 60, `${kind}: ${mine.length} payments`);
    assert.ok(mine.every((p) => p.payee_kind === kind));
    assert.equal(new Set(mine.map((p) => p.status)).size, 5, `${kind} sees every status`);
  }
  const methods = await rows<{ method: string }>(`SELECT DISTINCT method FROM payments ORDER BY method`);
  assert.deepEqual(
    methods.map((m) => m.method),
    ['BANK_DRAFT', 'CHEQUE', 'EFT', 'TT'],
  );
  const [dates] = await rows<{ bad: number }>(
    `SELECT count(*)::int AS bad FROM payments
      WHERE status_date < voucher_date OR (payment_date IS NOT NULL AND payment_date < voucher_date)
         OR (status = 'CANCELLED') <> (payment_date IS NULL) OR voucher_date < current_date - 740`,
  );
  assert.equal(dates?.bad, 0);
});

test('applications: every module and status, with a consistent status history', async () => {
  const modules = await rows<{ module: string }>(`SELECT DISTINCT module FROM applications ORDER BY module`);
  assert.deepEqual(
    modules.map((m) => m.module),
    ['AC', 'AIM', 'PROC', 'PY', 'SL'],
  );
  const statuses = await rows<{ status: string }>(`SELECT DISTINCT status FROM applications ORDER BY status`);
  assert.equal(statuses.length, 6);
  const perModule = await rows<{ module: string; n: number; statuses: number }>(
    `SELECT a.module, count(*)::int AS n, count(DISTINCT a.status)::int AS statuses
       FROM applications a JOIN employees e ON e.id = a.employee_id WHERE e.ic_no = ? GROUP BY a.module`,
    [DEMO.activeEmployee.ic],
  );
  assert.equal(perModule.length, 5);
  for (const m of perModule) assert.ok(m.n >= 5 && m.statuses === 6, `${m.module}: ${m.n} applications`);

  const histories = await rows<{ status: string; path: string[]; times: string[]; updated_at: string }>(
    `SELECT a.status, array_agg(h.status ORDER BY h.changed_at, h.id) AS path,
            array_agg(h.changed_at::text ORDER BY h.changed_at, h.id) AS times, a.updated_at::text AS updated_at
       FROM applications a JOIN application_status_history h ON h.application_id = a.id GROUP BY a.id`,
  );
  const [apps] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM applications`);
  assert.equal(histories.length, apps?.n, 'every application has a history');
  const next: Record<string, string[]> = {
    DRAFT: ['SUBMITTED', 'CANCELLED'],
    SUBMITTED: ['IN_PROCESS', 'CANCELLED'],
    IN_PROCESS: ['APPROVED', 'REJECTED'],
  };
  for (const h of histories) {
    assert.equal(h.path[0], 'DRAFT');
    assert.equal(h.path.at(-1), h.status);
    assert.equal(h.times.at(-1), h.updated_at);
    for (let i = 1; i < h.path.length; i++) {
      assert.ok(next[h.path[i - 1] ?? '']?.includes(h.path[i] ?? ''), `path ${h.path.join(' → ')}`);
    }
  }
});

test('accounts, staff roles and the demo people are as documented', async () => {
  const account = (login: string) => db('accounts').where({ login_id: login }).first();
  const active = await account(DEMO.activeEmployee.ic);
  assert.equal(active?.status, 'active');
  assert.ok(await verifySecret(active.password_hash, DEMO_PASSWORD));
  assert.ok(active.secret_phrase && active.secret_image_id);
  const answers = await db('account_answers as a')
    .join('security_questions as q', 'q.id', 'a.question_id')
    .where('a.account_id', active.id)
    .orderBy('a.position')
    .select('q.text_ms');
  assert.deepEqual(
    answers.map((a: { text_ms: string }) => a.text_ms),
    DEMO_SECURITY_ANSWERS.map((a) => a.questionMs),
  );

  const pending = await account(DEMO.pendingEmployee.ic);
  assert.equal(pending?.status, 'pending');
  assert.ok(pending.temp_password_hash && new Date(pending.temp_password_expires_at) > new Date());
  const locked = await account(DEMO.lockedEmployee.ic);
  assert.equal(locked?.failed_count, 5);
  assert.ok(new Date(locked.locked_until) > new Date());
  const company = await account(DEMO.company.companyId);
  assert.equal(company?.kind, 'company');
  assert.equal(company?.status, 'active');
  for (const k of ['firstTimeEmployee', 'outdatedEmailEmployee', 'missingEmailEmployee'] as const) {
    assert.equal(await account(DEMO[k].ic), undefined, `${k} has no account`);
  }
  assert.equal(await account(DEMO.firstTimeCompany.companyId), undefined);
  const outdated = await db('employees').where({ ic_no: DEMO.outdatedEmailEmployee.ic }).first();
  assert.equal(outdated?.email, DEMO.outdatedEmailEmployee.email);
  const missing = await db('employees').where({ ic_no: DEMO.missingEmailEmployee.ic }).first();
  assert.equal(missing?.email, null);

  const [counts] = await rows<{ active: number; pending: number; employees: number }>(
    `SELECT count(*) FILTER (WHERE status = 'active' AND kind = 'employee')::int AS active,
            count(*) FILTER (WHERE status = 'pending')::int AS pending,
            (SELECT count(*)::int FROM employees) AS employees
       FROM accounts`,
  );
  assert.ok(
    counts && counts.active >= 35 && counts.active <= 50,
    `${counts?.active} active employee accounts`,
  );
  assert.ok(counts.pending >= 2);
  assert.ok(counts.employees - counts.active > 200, 'most employees have no account yet');

  const [answersOk] = await rows<{ bad: number }>(
    `SELECT count(*)::int AS bad FROM accounts a
      WHERE a.status = 'active' AND (SELECT count(DISTINCT question_id) FROM account_answers x WHERE x.account_id = a.id) <> 3`,
  );
  assert.equal(answersOk?.bad, 0, 'every active account has three different questions');

  const staff = await rows<{ login_id: string; role: string; departments: string[] | null }>(
    `SELECT a.login_id, r.role,
            array_remove(array_agg(d.code ORDER BY d.code), NULL) AS departments
       FROM staff_roles r JOIN accounts a ON a.id = r.account_id
       LEFT JOIN staff_departments sd ON sd.account_id = r.account_id
       LEFT JOIN departments d ON d.id = sd.department_id
      GROUP BY a.login_id, r.role`,
  );
  const roleOf = (ic: string) => staff.filter((s) => s.login_id === ic);
  assert.deepEqual(roleOf(DEMO.payrollOfficer.ic), [
    { login_id: DEMO.payrollOfficer.ic, role: 'payroll', departments: [DEMO.payrollOfficer.departmentCode] },
  ]);
  assert.deepEqual(
    roleOf(DEMO.payrollOfficerTwoDepartments.ic)[0]?.departments,
    [...DEMO.payrollOfficerTwoDepartments.departmentCodes].sort(),
  );
  assert.equal(roleOf(DEMO.helpdesk.ic)[0]?.role, 'helpdesk');
  assert.equal(roleOf(DEMO.admin.ic)[0]?.role, 'admin');
  assert.equal(roleOf(DEMO.treasuryOfficer.ic)[0]?.role, 'treasury');
  assert.deepEqual(new Set(staff.map((s) => s.role)), new Set(['payroll', 'helpdesk', 'admin', 'treasury']));
});

test('catalogs: images, questions, downloads, codes', async () => {
  const images = await db('secret_images')
    .orderBy('id')
    .select<{ slug: string; file_name: string }[]>('slug', 'file_name');
  assert.deepEqual(
    images.map((i) => i.slug),
    [
      'bunga-raya',
      'kucing',
      'perahu',
      'rumah',
      'bintang',
      'pokok-kelapa',
      'wau',
      'gunung',
      'ikan',
      'matahari',
      'burung',
      'kereta',
    ],
  );
  assert.ok(images.every((i) => i.file_name === `${i.slug}.svg`));
  const questions = await db('security_questions').select<{ text_ms: string; text_en: string }[]>(
    'text_ms',
    'text_en',
  );
  assert.ok(questions.length >= 8);
  for (const q of questions)
    assert.doesNotMatch(`${q.text_ms} ${q.text_en}`, /lahir|born|birth|negeri asal|state/i);
  const downloads = await db('downloads').orderBy('sort_order').pluck('file_name');
  assert.deepEqual(downloads, [
    'manual-pengguna-portal-ispeks.pdf',
    'borang-tuntutan-perjalanan.pdf',
    'borang-kemaskini-maklumat-gaji.pdf',
    'borang-permohonan-pinjaman-komputer.pdf',
  ]);
  const [housing] = await db('payslip_codes').where({ is_housing_loan: true }).pluck('code');
  assert.equal(housing, 'PINJPR');
});

test('demoLogins names the demo IDs and passwords', async () => {
  const lines = (await demoLogins(db)).join('\n');
  for (const id of [
    DEMO.activeEmployee.ic,
    DEMO.pendingEmployee.ic,
    DEMO.company.companyId,
    DEMO.firstTimeEmployee.ic,
    DEMO.firstTimeEmployee.email,
    DEMO.outdatedEmailEmployee.ic,
    DEMO.payrollOfficer.ic,
    DEMO.helpdesk.ic,
    DEMO.admin.ic,
    DEMO_PASSWORD,
  ]) {
    assert.ok(lines.includes(id), `mentions ${id}`);
  }
});
