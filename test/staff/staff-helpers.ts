import type { Knex } from 'knex';
import { createLogger } from '../../src/core/logger.js';
import { staffRouter } from '../../src/staff/routes.js';
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
  const router = staffRouter({ config: app.config, db: app.db, logger: createLogger('silent') });
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
          'Penolong Akauntan',
          'W29',
          code,
          '',
          amount,
        ].join(','),
      );
  return rows.join('\n') + '\n';
}

/** A normal slip: gross RM 4,000.00, deductions RM 900.00 of which RM 500.00 housing loan. */
export function normalLines(basic = '3400.00'): [string, string][] {
  return [
    ['GAJI', basic],
    ['ITKA', '300.00'],
    ['BSH', '300.00'],
    ['KWSP', '300.00'],
    ['PCB', '100.00'],
    ['PINJPR', '500.00'],
  ];
}
