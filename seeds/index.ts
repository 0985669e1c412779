/**
 * The demo data: Selangor state departments, 320 employees with 24 months of payslips, loans,
 * applications, payments, suppliers, and the demo accounts of seeds/demo-accounts.ts.
 *
 * Repeatable: one transaction empties every table it owns (all but audit_log, which is
 * append-only) with RESTART IDENTITY and loads the same rows again, from a fixed-seed PRNG.
 * Only what must follow the clock does (the pending account's temporary password expires 24 hours
 * after the seed, the locked account stays locked 24 hours); dates are relative to today's date
 * in Malaysia, so two runs on the same day give the same data.
 */
import type { Knex } from 'knex';
import { hashSecret } from '../src/core/passwords.js';
import { buildApplications, buildPayments, type ApplicationSeed, type PaymentSeed } from './activity.js';
import { DEPARTMENTS, SECRET_IMAGES, SECURITY_QUESTIONS, SUPPLIERS } from './catalog.js';
import { addDays, fromMonthIndex, klTime, monthIndexOf, pad, todayInKualaLumpur } from './dates.js';
import {
  DEMO,
  DEMO_PASSWORD,
  DEMO_SECRET_IMAGE_SLUG,
  DEMO_SECRET_PHRASE,
  DEMO_COMPANY_SECRET_PHRASE,
  DEMO_SECURITY_ANSWERS,
  DEMO_TEMP_PASSWORD,
  DEMO_UNPUBLISHED_DEPARTMENT_CODES,
} from './demo-accounts.js';
import { buildEmployees, type EmployeeSeed } from './people.js';
import { buildLoans, paidMonths, payDate, payslipLines, type LineSeed, type LoanSeed } from './payroll.js';
import { Rng } from './random.js';
import { seededPhrase } from '../src/auth/phrase/generator.js';

export * from './demo-accounts.js';

/**
 * Tables the seed owns and empties; audit_log is append-only and never touched, and the reference
 * catalogue (codes, questions, images, downloads) belongs to the schema (migrations/reference-data.ts).
 */
const OWNED_TABLES = [
  'application_status_history',
  'applications',
  'loans',
  'payments',
  'payslip_lines',
  'payslips',
  'payroll_imports',
  'password_reset_tokens',
  'staff_departments',
  'staff_roles',
  'account_answers',
  'email_outbox',
  'accounts',
  'employees',
  'suppliers',
  'departments',
  'session',
  'rate_limits',
] as const;

/** pg_advisory_xact_lock key, so that two app processes starting together seed only once. */
const SEED_LOCK = 7_246_112_026;

export interface SeedOptions {
  /** Wall-clock time of the seed (default now): temporary password expiry and lockout. */
  now?: Date;
  /** The seed's date (default today in Asia/Kuala_Lumpur): payslip window, payments, etc. */
  today?: string;
}

interface Hashes {
  password: string;
  temp: string;
  answers: string[];
}

let hashesPromise: Promise<Hashes> | undefined;
/** argon2id hashes, computed once per process and reused for every demo account. */
function demoHashes(): Promise<Hashes> {
  hashesPromise ??= (async () => ({
    password: await hashSecret(DEMO_PASSWORD),
    temp: await hashSecret(DEMO_TEMP_PASSWORD),
    answers: await Promise.all(DEMO_SECURITY_ANSWERS.map((a) => hashSecret(a.answer))),
  }))().catch((err: unknown) => {
    hashesPromise = undefined;
    throw err;
  });
  return hashesPromise;
}

async function insertChunks<T extends object>(
  trx: Knex.Transaction,
  table: string,
  rows: T[],
  chunkSize: number,
  returning?: string[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    if (returning)
      out.push(...((await trx(table).insert(chunk).returning(returning)) as Record<string, unknown>[]));
    else await trx(table).insert(chunk);
  }
  return out;
}

/**
 * A large insert as one statement per 20,000 rows: each column is sent as one array parameter
 * and unnested (much faster than thousands of bound VALUES tuples). `columns` maps each column to
 * its PostgreSQL type.
 */
async function bulkInsert(
  trx: Knex.Transaction,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  returning: string[] = [],
): Promise<Record<string, unknown>[]> {
  const names = Object.keys(columns);
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = rows.slice(i, i + 20_000);
    const arrays = names.map((n) => chunk.map((r) => (r[n] === undefined ? null : r[n])));
    const sql =
      `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${names.map((n) => `?::${columns[n]}[]`).join(', ')})` +
      (returning.length > 0 ? ` RETURNING ${returning.join(', ')}` : '');
    const result = await trx.raw<{ rows: Record<string, unknown>[] }>(sql, arrays as Knex.RawBinding[]);
    out.push(...result.rows);
  }
  return out;
}

function idMap(rows: Record<string, unknown>[], key: string): Map<string, number> {
  return new Map(rows.map((r) => [String(r[key]), Number(r.id)]));
}

function need<K, V>(map: Map<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`demo seed: no ${what} ${String(key)}`);
  return v;
}

interface Plan {
  today: string;
  windowStart: number;
  lastPublished: number;
  currentMonth: number;
  employees: EmployeeSeed[];
  loans: LoanSeed[];
  applications: ApplicationSeed[];
  payments: PaymentSeed[];
}

function buildPlan(today: string): Plan {
  const currentMonth = monthIndexOf(today);
  const lastPublished = currentMonth - 1;
  const windowStart = lastPublished - 23;
  const employees = buildEmployees(today, windowStart);
  return {
    today,
    windowStart,
    lastPublished,
    currentMonth,
    employees,
    loans: buildLoans(employees, windowStart, lastPublished),
    applications: buildApplications(employees, today),
    payments: buildPayments(employees, today),
  };
}

async function seedInto(trx: Knex.Transaction, plan: Plan, hashes: Hashes, now: Date): Promise<void> {
  const { today } = plan;
  await trx.raw(`TRUNCATE TABLE ${OWNED_TABLES.join(', ')} RESTART IDENTITY CASCADE`);

  // Reference data.
  const deptRows = await trx('departments')
    .insert(
      DEPARTMENTS.map((d) => ({
        code: d.code,
        name: d.name,
        accounting_office_code: d.accounting_office_code,
        paying_centre_code: d.paying_centre_code,
        employer_e_number: d.employer_e_number,
        lhdn_branch: d.lhdn_branch,
        address: d.address,
      })),
    )
    .returning(['id', 'code']);
  const deptId = idMap(deptRows, 'code');
  const supplierRows = await trx('suppliers')
    .insert(
      SUPPLIERS.map((s) => ({
        company_id: s.company_id,
        name: s.name,
        email: s.email,
        bank_name: s.bank_name,
        bank_account: s.bank_account,
        status: s.status,
      })),
    )
    .returning(['id', 'company_id']);
  const supplierId = idMap(supplierRows, 'company_id');
  // The reference catalogue is the schema's (npm run migrate): read, never written, here.
  const imageRows = await trx('secret_images')
    .whereIn(
      'slug',
      SECRET_IMAGES.map((i) => i.slug),
    )
    .orderBy('id')
    .select('id', 'slug');
  const questionRows = await trx('security_questions')
    .whereIn(
      'text_ms',
      SECURITY_QUESTIONS.map((q) => q.text_ms),
    )
    .select('id', 'text_ms');
  if (imageRows.length < SECRET_IMAGES.length || questionRows.length < SECURITY_QUESTIONS.length) {
    throw new Error('the reference data is missing: run `npm run migrate` before the demo seed');
  }
  const imageIds = imageRows.map((r: { id: number }) => Number(r.id));
  const imageId = idMap(imageRows, 'slug');
  const questionId = idMap(questionRows, 'text_ms');

  // Employees.
  const employeeRows = await insertChunks(
    trx,
    'employees',
    plan.employees.map((e, i) => ({
      ic_no: e.ic_no,
      payroll_no: e.payroll_no,
      name: e.name,
      email: e.email,
      department_id: need(deptId, e.departmentCode, 'department'),
      position: e.position,
      grade: e.grade,
      service_scheme: e.service_scheme,
      bank_name: e.bank_name,
      bank_account: e.bank_account,
      kwsp_no: e.kwsp_no,
      is_pensionable: e.is_pensionable,
      tax_no: e.tax_no,
      pcb_category: e.pcb_category,
      start_date: e.start_date,
      end_date: e.end_date,
      status: e.status,
      updated_at: klTime(addDays(today, -20 - (i % 300)), 9 + (i % 8), i % 60),
    })),
    1000,
    ['id', 'ic_no'],
  );
  const employeeIdByIc = idMap(employeeRows, 'ic_no');
  const employeeId = new Map(plan.employees.map((e) => [e.key, need(employeeIdByIc, e.ic_no, 'employee')]));

  // Accounts: the demo ones, ~33 more active, a few pending, one disabled; most have none.
  const rng = new Rng('accounts');
  const hour = 3_600_000;
  const future = (hours: number) => new Date(now.getTime() + hours * hour).toISOString();
  const accountRows: Record<string, unknown>[] = [];
  const activeKeys: string[] = [];
  const activeAccount = (
    e: EmployeeSeed,
    phrase: string,
    image: number,
    extra: Record<string, unknown> = {},
  ) => {
    const activated = addDays(today, -rng.int(30, 700));
    const lastLogin = addDays(today, -rng.int(1, 25));
    accountRows.push({
      login_id: e.ic_no,
      kind: 'employee',
      employee_id: need(employeeId, e.key, 'employee'),
      status: 'active',
      password_hash: hashes.password,
      secret_phrase: phrase,
      secret_image_id: image,
      notify_payment_status: rng.chance(0.3),
      last_login_at: klTime(lastLogin, rng.int(8, 17), rng.int(0, 59)),
      activated_at: klTime(activated, 10, rng.int(10, 59)),
      password_changed_at: klTime(activated, 10, rng.int(10, 59)),
      created_at: klTime(activated, 10, rng.int(0, 9)),
      updated_at: klTime(lastLogin, 18, 0),
      ...extra,
    });
    activeKeys.push(e.ic_no);
  };
  const byKey = new Map(plan.employees.map((e) => [e.key, e]));
  const demo = (k: keyof typeof DEMO) => need(byKey, `demo:${k}`, 'demo employee');
  const demoImage = need(imageId, DEMO_SECRET_IMAGE_SLUG, 'image');
  activeAccount(demo('activeEmployee'), DEMO_SECRET_PHRASE, demoImage, {
    notify_payment_status: true,
    last_login_at: klTime(addDays(today, -1), 9, 12),
  });
  for (const k of [
    'secondActiveEmployee',
    'payrollOfficer',
    'payrollOfficerTwoDepartments',
    'helpdesk',
    'admin',
    'treasuryOfficer',
  ] as const) {
    activeAccount(demo(k), DEMO_SECRET_PHRASE, rng.pick(imageIds));
  }
  activeAccount(demo('lockedEmployee'), DEMO_SECRET_PHRASE, rng.pick(imageIds), {
    failed_count: 5,
    lock_count: 1,
    locked_until: future(24),
  });
  const eligible = plan.employees.filter(
    (e) => e.key.startsWith('gen:') && e.status === 'active' && e.email?.endsWith('@selangor.gov.my'),
  );
  const chosen = rng.sample(eligible, 36);
  // Phrases and images from the portal's one generator, as users who kept the offered ones
  // (issue 11, item 4: the same distribution as the decoys of unknown IDs).
  const phraseRng = new Rng('phrases');
  const generated = () => {
    const g = seededPhrase(() => phraseRng.float(), imageIds.length);
    return { phrase: g.phrase, image: imageIds[g.imageIndex]! };
  };
  for (const e of chosen.slice(0, 33)) {
    const g = generated();
    activeAccount(e, g.phrase, g.image);
  }
  const pending = (e: EmployeeSeed, sentAt: string, expiresAt: string) => {
    accountRows.push({
      login_id: e.ic_no,
      kind: 'employee',
      employee_id: need(employeeId, e.key, 'employee'),
      status: 'pending',
      temp_password_hash: hashes.temp,
      temp_password_sent_at: sentAt,
      temp_password_expires_at: expiresAt,
      created_at: sentAt,
      updated_at: sentAt,
    });
  };
  pending(demo('pendingEmployee'), now.toISOString(), future(24));
  const [p1, p2, p3] = chosen.slice(33);
  if (p1) pending(p1, klTime(addDays(today, -1), 15, 40), klTime(today, 15, 40));
  if (p2) pending(p2, klTime(addDays(today, -12), 11, 5), klTime(addDays(today, -11), 11, 5));
  if (p3) {
    // An officer who left the service: the account was disabled by the Unit Gaji.
    const left = plan.employees.find((e) => e.status === 'resigned' && e.email?.endsWith('.gov.my'));
    const target = left ?? p3;
    accountRows.push({
      login_id: target.ic_no,
      kind: 'employee',
      employee_id: need(employeeId, target.key, 'employee'),
      status: 'disabled',
      password_hash: hashes.password,
      ...(({ phrase, image }) => ({ secret_phrase: phrase, secret_image_id: image }))(generated()),
      activated_at: klTime(addDays(today, -500), 10, 30),
      last_login_at: klTime(addDays(today, -120), 8, 45),
      created_at: klTime(addDays(today, -500), 10, 20),
      updated_at: klTime(addDays(today, -60), 16, 0),
    });
    activeKeys.push(target.ic_no);
  }
  // Companies: the demo company is active; another supplier is waiting for activation.
  const companyActivated = addDays(today, -400);
  accountRows.push({
    login_id: DEMO.company.companyId,
    kind: 'company',
    supplier_id: need(supplierId, DEMO.company.companyId, 'supplier'),
    status: 'active',
    password_hash: hashes.password,
    secret_phrase: DEMO_COMPANY_SECRET_PHRASE,
    secret_image_id: need(imageId, 'rumah', 'image'),
    notify_payment_status: true,
    activated_at: klTime(companyActivated, 11, 0),
    password_changed_at: klTime(companyActivated, 11, 0),
    last_login_at: klTime(addDays(today, -2), 14, 30),
    created_at: klTime(companyActivated, 10, 52),
    updated_at: klTime(addDays(today, -2), 14, 30),
  });
  activeKeys.push(DEMO.company.companyId);
  const otherCompany = SUPPLIERS.find((s) => s.company_id === '200801034567');
  if (otherCompany) {
    accountRows.push({
      login_id: otherCompany.company_id,
      kind: 'company',
      supplier_id: need(supplierId, otherCompany.company_id, 'supplier'),
      status: 'pending',
      temp_password_hash: hashes.temp,
      temp_password_sent_at: klTime(addDays(today, -3), 9, 15),
      temp_password_expires_at: klTime(addDays(today, -2), 9, 15),
      created_at: klTime(addDays(today, -3), 9, 15),
      updated_at: klTime(addDays(today, -3), 9, 15),
    });
  }
  const accountInserted = await trx('accounts').insert(accountRows).returning(['id', 'login_id']);
  const accountId = idMap(accountInserted, 'login_id');

  // Security answers of every account that went through activation (same 3 questions each).
  const answers = activeKeys.flatMap((login) =>
    DEMO_SECURITY_ANSWERS.map((a, i) => ({
      account_id: need(accountId, login, 'account'),
      position: a.position,
      question_id: need(questionId, a.questionMs, 'question'),
      answer_hash: hashes.answers[i],
    })),
  );
  await insertChunks(trx, 'account_answers', answers, 1000);

  // Staff roles.
  const adminId = need(accountId, DEMO.admin.ic, 'account');
  const payrollId = need(accountId, DEMO.payrollOfficer.ic, 'account');
  const payroll2Id = need(accountId, DEMO.payrollOfficerTwoDepartments.ic, 'account');
  const helpdeskId = need(accountId, DEMO.helpdesk.ic, 'account');
  const treasuryId = need(accountId, DEMO.treasuryOfficer.ic, 'account');
  const granted = klTime(addDays(today, -300), 10, 0);
  await trx('staff_roles').insert([
    { account_id: adminId, role: 'admin', granted_by: null, granted_at: klTime(addDays(today, -400), 9, 0) },
    { account_id: payrollId, role: 'payroll', granted_by: adminId, granted_at: granted },
    { account_id: payroll2Id, role: 'payroll', granted_by: adminId, granted_at: granted },
    { account_id: helpdeskId, role: 'helpdesk', granted_by: adminId, granted_at: granted },
    { account_id: treasuryId, role: 'treasury', granted_by: adminId, granted_at: granted },
  ]);
  await trx('staff_departments').insert([
    { account_id: payrollId, department_id: need(deptId, DEMO.payrollOfficer.departmentCode, 'department') },
    ...DEMO.payrollOfficerTwoDepartments.departmentCodes.map((c) => ({
      account_id: payroll2Id,
      department_id: need(deptId, c, 'department'),
    })),
  ]);

  // Payslips: one payroll import per department and month; the current month is imported but
  // not yet published for a few departments.
  const uploader = new Map<string, number>([
    [DEMO.payrollOfficer.departmentCode, payrollId],
    ...DEMO.payrollOfficerTwoDepartments.departmentCodes.map((c) => [c, payroll2Id] as [string, number]),
  ]);
  interface Slip {
    employee: EmployeeSeed;
    month: number;
    departmentCode: string;
    lines: LineSeed[];
  }
  const slips: Slip[] = [];
  const loansOf = new Map<string, LoanSeed[]>();
  for (const l of plan.loans) loansOf.set(l.employeeKey, [...(loansOf.get(l.employeeKey) ?? []), l]);
  for (const e of plan.employees) {
    const loans = loansOf.get(e.key) ?? [];
    for (const month of paidMonths(e, plan.windowStart, plan.currentMonth)) {
      const departmentCode =
        e.movedFrom && month <= e.movedFrom.untilMonth ? e.movedFrom.departmentCode : e.departmentCode;
      if (month === plan.currentMonth && !DEMO_UNPUBLISHED_DEPARTMENT_CODES.includes(departmentCode))
        continue;
      slips.push({ employee: e, month, departmentCode, lines: payslipLines(e, month, loans) });
    }
  }
  const importKey = (code: string, month: number) => {
    const { y, m } = fromMonthIndex(month);
    return `gaji-${code}-${y}-${pad(m)}.csv`;
  };
  const importCounts = new Map<string, { code: string; month: number; count: number }>();
  for (const s of slips) {
    const k = importKey(s.departmentCode, s.month);
    const entry = importCounts.get(k) ?? { code: s.departmentCode, month: s.month, count: 0 };
    entry.count += 1;
    importCounts.set(k, entry);
  }
  const published = (month: number) => klTime(addDays(payDate(month), -3), 9, 0);
  const importedAt = (month: number) => klTime(addDays(payDate(month), -8), 10, 30);
  const importRows = [...importCounts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([fileName, v]) => {
      const { y, m } = fromMonthIndex(v.month);
      const isPublished = v.month <= plan.lastPublished;
      return {
        year: y,
        month: m,
        file_name: fileName,
        row_count: v.count,
        status: isPublished ? 'published' : 'committed',
        uploaded_by: uploader.get(v.code) ?? null,
        created_at: importedAt(v.month),
        published_at: isPublished ? published(v.month) : null,
      };
    });
  const importInserted = await insertChunks(trx, 'payroll_imports', importRows, 1000, ['id', 'file_name']);
  const importId = idMap(importInserted, 'file_name');

  const slipRows = slips.map((s) => {
    const { y, m } = fromMonthIndex(s.month);
    return {
      employee_id: need(employeeId, s.employee.key, 'employee'),
      year: y,
      month: m,
      department_id: need(deptId, s.departmentCode, 'department'),
      position: s.employee.position,
      grade: s.employee.grade,
      pay_date: payDate(s.month),
      import_id: need(importId, importKey(s.departmentCode, s.month), 'import'),
      published_at: s.month <= plan.lastPublished ? published(s.month) : null,
      created_at: importedAt(s.month),
    };
  });
  const slipInserted = await bulkInsert(
    trx,
    'payslips',
    {
      employee_id: 'int',
      year: 'smallint',
      month: 'smallint',
      department_id: 'int',
      position: 'text',
      grade: 'text',
      pay_date: 'date',
      import_id: 'int',
      published_at: 'timestamptz',
      created_at: 'timestamptz',
    },
    slipRows,
    ['id', 'employee_id', 'year', 'month'],
  );
  const slipId = new Map(
    slipInserted.map((r) => [`${String(r.employee_id)}:${String(r.year)}:${String(r.month)}`, Number(r.id)]),
  );
  const lineRows = slips.flatMap((s, i) => {
    const row = slipRows[i];
    if (!row) throw new Error('payslip row missing');
    const id = need(slipId, `${row.employee_id}:${row.year}:${row.month}`, 'payslip');
    return s.lines.map((l) => ({ payslip_id: id, ...l }));
  });
  await bulkInsert(
    trx,
    'payslip_lines',
    {
      payslip_id: 'int',
      kind: 'text',
      code: 'text',
      description: 'text',
      amount_sen: 'int',
      sort_order: 'smallint',
    },
    lineRows,
  );

  // Loans, applications (with their status history), payments.
  await insertChunks(
    trx,
    'loans',
    plan.loans.map((l) => ({
      employee_id: need(employeeId, l.employeeKey, 'employee'),
      loan_type: l.loan_type,
      reference_no: l.reference_no,
      amount_sen: l.amount_sen,
      balance_sen: l.balance_sen,
      monthly_sen: l.monthly_sen,
      start_date: l.start_date,
      end_date: l.end_date,
    })),
    1000,
  );
  const appInserted = await insertChunks(
    trx,
    'applications',
    plan.applications.map((a) => ({
      employee_id: need(employeeId, a.employeeKey, 'employee'),
      module: a.module,
      reference_no: a.reference_no,
      title: a.title,
      amount_sen: a.amount_sen,
      status: a.status,
      submitted_at: a.submitted_at,
      updated_at: a.updated_at,
    })),
    1000,
    ['id', 'reference_no'],
  );
  const appId = idMap(appInserted, 'reference_no');
  await insertChunks(
    trx,
    'application_status_history',
    plan.applications.flatMap((a) =>
      a.history.map((h) => ({ application_id: need(appId, a.reference_no, 'application'), ...h })),
    ),
    2000,
  );
  await insertChunks(
    trx,
    'payments',
    plan.payments.map(({ departmentCode, ...p }) => ({
      ...p,
      department_id: need(deptId, departmentCode, 'department'),
    })),
    1000,
  );
}

/**
 * The seed empties every table it owns, so it loads only a database that holds no people (only
 * the schema and its reference data) or one it loaded itself (the demo_seed marker): a database
 * with real accounts or payroll data is refused whatever NODE_ENV says.
 */
async function refuseRealData(trx: Knex.Transaction): Promise<void> {
  const { rows } = await trx.raw<{ rows: { demo: boolean; people: boolean }[] }>(`
SELECT EXISTS (SELECT 1 FROM demo_seed) AS demo,
       EXISTS (SELECT 1 FROM accounts) OR EXISTS (SELECT 1 FROM employees)
         OR EXISTS (SELECT 1 FROM suppliers) OR EXISTS (SELECT 1 FROM departments) AS people`);
  const row = rows[0];
  if (row?.people && !row.demo) {
    throw new Error(
      'the demo seed refuses this database: it holds accounts or payroll data that the demo seed did not load',
    );
  }
}

/** The seed empties every table but the audit log: never against a production database. */
function refuseProduction(): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('the demo seed empties the database and does not run with NODE_ENV=production');
  }
}

/** (Re)loads the demo data. Repeatable: the same rows every time (see the file comment). */
export async function seedDemo(db: Knex, options: SeedOptions = {}): Promise<void> {
  refuseProduction();
  const now = options.now ?? new Date();
  const plan = buildPlan(options.today ?? todayInKualaLumpur(now));
  const hashes = await demoHashes();
  await db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [SEED_LOCK]);
    await refuseRealData(trx);
    await seedInto(trx, plan, hashes, now);
    await trx.raw('INSERT INTO demo_seed (seeded_at) VALUES (now()) ON CONFLICT (only_row) DO NOTHING');
  });
}

/** Seeds only an empty database (no departments); returns whether it seeded. */
export async function seedDemoIfEmpty(db: Knex, options: SeedOptions = {}): Promise<boolean> {
  const any = await db('departments').first('id');
  if (any) return false;
  refuseProduction();
  const now = options.now ?? new Date();
  const plan = buildPlan(options.today ?? todayInKualaLumpur(now));
  const hashes = await demoHashes();
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [SEED_LOCK]);
    // Another process may have seeded while this one waited for the lock.
    if (await trx('departments').first('id')) return false;
    await refuseRealData(trx);
    await seedInto(trx, plan, hashes, now);
    await trx.raw('INSERT INTO demo_seed (seeded_at) VALUES (now()) ON CONFLICT (only_row) DO NOTHING');
    return true;
  });
}

/** The lines the server prints at start-up: which demo IDs to try, with their passwords. */
export async function demoLogins(db: Knex): Promise<string[]> {
  const ids = [
    DEMO.activeEmployee.ic,
    DEMO.pendingEmployee.ic,
    DEMO.company.companyId,
    DEMO.payrollOfficer.ic,
    DEMO.helpdesk.ic,
    DEMO.admin.ic,
    DEMO.treasuryOfficer.ic,
  ];
  const rows = await db('accounts')
    .whereIn('login_id', ids)
    .select<{ login_id: string; temp_password_expires_at: Date | null }[]>(
      'login_id',
      'temp_password_expires_at',
    );
  if (rows.length < ids.length)
    return ['  demo logins: none (this database does not hold the demo data; run `npm run seed`)'];
  const pendingRow = rows.find((r) => r.login_id === DEMO.pendingEmployee.ic);
  const expired =
    !pendingRow?.temp_password_expires_at || new Date(pendingRow.temp_password_expires_at) < new Date();
  const w = (label: string) => `    ${label.padEnd(34)}`;
  const o = DEMO.outdatedEmailEmployee;
  return [
    `  demo logins (ID Pengguna; password of every active demo account: ${DEMO_PASSWORD}):`,
    `${w('employee')}${DEMO.activeEmployee.ic}  (${DEMO.activeEmployee.name})`,
    `${w('employee, another department')}${DEMO.secondActiveEmployee.ic}  (${DEMO.secondActiveEmployee.name})`,
    `${w('pending activation')}${DEMO.pendingEmployee.ic}  temporary password ${DEMO_TEMP_PASSWORD}` +
      (expired
        ? '  (expired: run `npm run seed` again, or use Login Kali Pertama)'
        : '  (valid 24 hours after seeding)'),
    `${w('company (eMaklum only)')}${DEMO.company.companyId}  (${DEMO.company.name})`,
    `${w('locked account')}${DEMO.lockedEmployee.ic}  (helpdesk can unlock it)`,
    `${w('Login Kali Pertama (works)')}${DEMO.firstTimeEmployee.ic} + ${DEMO.firstTimeEmployee.email}`,
    `${w('Login Kali Pertama (company)')}${DEMO.firstTimeCompany.companyId} + ${DEMO.firstTimeCompany.email}`,
    `${w('Login Kali Pertama (fails)')}${o.ic} + ${o.officialEmail}  (payroll holds ${o.email}; Unit Gaji corrects it)`,
    `  staff logins (password ${DEMO_PASSWORD}):`,
    `${w('Unit Gaji, Perbendaharaan')}${DEMO.payrollOfficer.ic}  (${DEMO.payrollOfficer.name})`,
    `${w('Unit Gaji, JKR + Pertanian')}${DEMO.payrollOfficerTwoDepartments.ic}  (${DEMO.payrollOfficerTwoDepartments.name})`,
    `${w('helpdesk')}${DEMO.helpdesk.ic}  (${DEMO.helpdesk.name})`,
    `${w('administrator')}${DEMO.admin.ic}  (${DEMO.admin.name})`,
    `${w('Perbendaharaan (payment status)')}${DEMO.treasuryOfficer.ic}  (${DEMO.treasuryOfficer.name})`,
  ];
}
