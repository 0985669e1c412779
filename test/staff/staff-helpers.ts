import type { Knex } from 'knex';
import { createLogger } from '../../src/core/logger.js';
import { KWSP_MEMBER_CODES, PENSION_CODES } from '../../src/staff/payroll-rules.js';
import { createServices } from '../../src/services.js';
import { staffRouter } from '../../src/staff/index.js';
import { registerTreasuryRoutes } from '../../src/treasury/index.js';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import type { TestApp } from '../helpers/app.js';
import { csrfTokenIn, TestClient, type Page } from '../helpers/http.js';

/** Shared pieces of the staff tests: logins, ids, the route table, CSV uploads. */

/** Logs in through both real login steps (without depending on the page the login lands on). */
export async function signedIn(app: TestApp, loginId: string, password = DEMO_PASSWORD): Promise<TestClient> {
  const client = new TestClient(app.baseUrl);
  await client.get('/');
  const step2 = await client.post('/log-masuk', { loginId });
  if (step2.status !== 200) throw new Error(`login step 1 of ${loginId} gave ${step2.status}`);
  const done = await client.post('/log-masuk/kata-laluan', { password });
  if (done.status !== 303 || done.location !== '/laman-utama')
    throw new Error(`login of ${loginId} gave ${done.status} → ${done.location ?? ''}`);
  await client.get('/pentadbir'); // any page of the frame, for the CSRF token of the session
  return client;
}

export async function employeeId(db: Knex, ic: string): Promise<number> {
  const row = await db('employees').where('ic_no', ic).first<{ id: number } | undefined>('id');
  if (!row) throw new Error(`no employee ${ic}`);
  return row.id;
}

export async function accountId(db: Knex, loginId: string): Promise<number> {
  const row = await db('accounts').where('login_id', loginId).first<{ id: number } | undefined>('id');
  if (!row) throw new Error(`no account ${loginId}`);
  return row.id;
}

export async function departmentId(db: Knex, code: string): Promise<number> {
  const row = await db('departments').where('code', code).first<{ id: number } | undefined>('id');
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

export interface StaffRoute {
  method: 'GET' | 'POST';
  path: string;
}

/**
 * Every route of the staff router, read from the Express router stack (method + path), so a
 * route added later is walked by the access tests without anyone listing it.
 */
export function staffRoutes(app: TestApp): StaffRoute[] {
  const deps = { config: app.config, db: app.db, logger: createLogger('silent'), clock: app.clock };
  // As src/routes.ts mounts it: the treasury's routes are an area of the staff router.
  const services = createServices(deps);
  const router = staffRouter(deps, services.staff, [
    (r, d) => registerTreasuryRoutes(r, d, services.treasury.statusFeed),
  ]);
  const out: StaffRoute[] = [];
  for (const layer of router.stack as unknown as {
    route?: { path: string; methods: Record<string, boolean> };
  }[]) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (!on || method === '_all') continue;
      const m = method.toUpperCase();
      if (m !== 'GET' && m !== 'POST') throw new Error(`unexpected method ${m} on ${layer.route.path}`);
      out.push({ method: m, path: layer.route.path });
    }
  }
  return out;
}

/** The role a route belongs to, by its path prefix ('any' for the hub). */
export function routeRole(path: string): 'payroll' | 'helpdesk' | 'admin' | 'treasury' | 'any' {
  if (path.startsWith('/unit-gaji')) return 'payroll';
  if (path.startsWith('/perbendaharaan')) return 'treasury';
  if (path.startsWith('/helpdesk')) return 'helpdesk';
  if (path.startsWith('/admin')) return 'admin';
  if (path === '/') return 'any';
  throw new Error(`route ${path} belongs to no known section: extend routeRole()`);
}

/** Fills the route parameters with the given values; an unknown parameter fails the test. */
export function fillPath(path: string, params: Record<string, string | number>): string {
  return (
    '/pentadbir' +
    path.replace(/:(\w+)/g, (_m, name: string) => {
      if (!(name in params)) throw new Error(`no value for :${name} in ${path}`);
      return String(params[name]);
    })
  );
}

/** Calls a route as a browser would (a POST carries the session's CSRF token). */
export async function callRoute(client: TestClient, method: 'GET' | 'POST', url: string): Promise<Page> {
  if (method === 'GET') return client.get(url);
  if (!csrfTokenIn(client.lastHtml)) await client.get('/pentadbir');
  return client.post(url, {});
}

/** Uploads a CSV to the import form: multipart, with the CSRF token in the query string. */
export async function uploadCsv(
  client: TestClient,
  content: string | Uint8Array,
  fileName = 'gaji.csv',
): Promise<Page> {
  const form = await client.get('/pentadbir/unit-gaji/import');
  const token = csrfTokenIn(form.html);
  if (!token) throw new Error('no csrf token on the import page');
  const data = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : Uint8Array.from(content);
  data.append('file', new Blob([bytes], { type: 'text/csv' }), fileName);
  return client.request('POST', `/pentadbir/unit-gaji/import?_csrf=${encodeURIComponent(token)}`, data);
}

export const CSV_HEADER = 'tahun,bulan,tarikh_bayar,no_kp,nama,kod_jabatan,jawatan,gred,kod,keterangan,amaun';

export interface SlipSpec {
  ic: string;
  name: string;
  departmentCode: string;
  lines: [code: string, amount: string][];
  /** The payslip's post and grade (default: Penolong Akauntan W29). */
  position?: string;
  grade?: string;
}

/** A CSV of payslips for one month, one row per line. */
export function buildCsv(year: number, month: number, slips: SlipSpec[], header = CSV_HEADER): string {
  const payDate = `${year}-${String(month).padStart(2, '0')}-23`;
  const rows = [header];
  for (const s of slips)
    for (const [code, amount] of s.lines)
      rows.push(
        [
          year,
          month,
          payDate,
          s.ic,
          s.name,
          s.departmentCode,
          s.position ?? 'Penolong Akauntan',
          s.grade ?? 'W29',
          code,
          '',
          amount,
        ].join(','),
      );
  return rows.join('\n') + '\n';
}

/**
 * A normal slip: gross RM 4,000.00, deductions RM 900.00 of which RM 500.00 housing loan; the
 * retirement deduction is KWSP, or PENCEN for a pensionable officer (the import refuses KWSP for
 * one, issue 12).
 */
export function normalLines(basic = '3400.00', pensionable = false): [string, string][] {
  return [
    ['GAJI', basic],
    ['ITKA', '300.00'],
    ['BSH', '300.00'],
    [pensionable ? 'PENCEN' : 'KWSP', '300.00'],
    ['PCB', '100.00'],
    ['PINJPR', '500.00'],
  ];
}

/** A slip spec that agrees with the employee's payroll record (post, grade, retirement scheme). */
export async function slipFor(db: Knex, ic: string, basic = '3400.00'): Promise<SlipSpec> {
  const e = await db('employees as e')
    .join('departments as d', 'd.id', 'e.department_id')
    .where('e.ic_no', ic)
    .first<{ name: string; code: string; position: string; grade: string; is_pensionable: boolean }>(
      'e.name',
      'd.code',
      'e.position',
      'e.grade',
      'e.is_pensionable',
    );
  if (!e) throw new Error(`no employee ${ic}`);
  return {
    ic,
    name: e.name,
    departmentCode: e.code,
    position: e.position,
    grade: e.grade,
    lines: normalLines(basic, e.is_pensionable),
  };
}

/**
 * Payslip lines in the database that break the import's checks against the payroll record
 * (src/staff/payroll-rules.ts): a KWSP member's code on a pensionable officer's payslip or PENCEN
 * on a KWSP member's, and current payslips of the latest month whose grade or post differs from
 * the record. The demo seed and `npm run seed:scale` must produce none.
 */
export async function payrollRecordViolations(db: Knex): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { what: string }[] }>(
    `SELECT e.ic_no || ' ' || p.year || '-' || p.month || ' ' || l.code AS what
       FROM payslip_lines l JOIN payslips p ON p.id = l.payslip_id JOIN employees e ON e.id = p.employee_id
      WHERE (e.is_pensionable AND l.code = ANY(?::text[])) OR (NOT e.is_pensionable AND l.code = ANY(?::text[]))
     UNION ALL
     SELECT e.ic_no || ' ' || p.year || '-' || p.month || ' grade/post ' || p.grade || ' ' || p.position
       FROM payslips p JOIN employees e ON e.id = p.employee_id
      WHERE (p.year, p.month) = (SELECT year, month FROM payslips ORDER BY year DESC, month DESC LIMIT 1)
        AND (p.grade <> e.grade OR p.position <> e.position)
      LIMIT 20`,
    [[...KWSP_MEMBER_CODES], [...PENSION_CODES]],
  );
  return rows.map((r) => r.what);
}
