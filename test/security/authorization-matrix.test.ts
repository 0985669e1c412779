/**
 * Issue 6: every route of the router table, called as every kind of visitor, with the expected
 * outcome from one table of rules; and every POST route refused without a CSRF token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient } from '../helpers/http.js';
import { fillParams, listRoutes, type RouteEntry } from '../helpers/routes.js';

type Persona = 'anonymous' | 'employee' | 'company' | 'helpdesk' | 'payrollOtherDept' | 'admin' | 'treasury';
const PERSONAS: Persona[] = [
  'anonymous',
  'employee',
  'company',
  'helpdesk',
  'payrollOtherDept',
  'admin',
  'treasury',
];

/** What a persona should get: allowed (any 2xx/3xx/400), the login page, 403, 404, or a redirect. */
type Outcome = 'allow' | 'login' | 'forbidden' | 'notFound' | `redirect:${string}`;

const LOGIN_IDS: Record<Exclude<Persona, 'anonymous'>, string> = {
  employee: DEMO.activeEmployee.ic,
  company: DEMO.company.companyId,
  helpdesk: DEMO.helpdesk.ic,
  // Unit Gaji of JKR + Pertanian; the records asked for below belong to Perbendaharaan.
  payrollOtherDept: DEMO.payrollOfficerTwoDepartments.ic,
  admin: DEMO.admin.ic,
  treasury: DEMO.treasuryOfficer.ic,
};

/**
 * Paths anyone may open: the login journeys, language switch, development mailbox, health probes,
 * and the user manual (issue 14 item 11: a user whose first-time login fails needs it most).
 */
const PUBLIC = [
  /^\/manual-pengguna$/,
  /^\/$/,
  /^\/log-masuk/,
  /^\/log-keluar$/,
  /^\/sesi-tamat$/,
  /^\/login-kali-pertama/,
  /^\/pengaktifan/,
  /^\/lupa-kata-laluan/,
  /^\/bahasa$/,
  /^\/dev\//,
  /^\/(healthz|readyz)$/,
];

/** Records that belong to the demo employee (Perbendaharaan): others asking for them get 404. */
const OWN_RECORD = [/^\/emaklum\/\d+/, /^\/permohonan\/\d+/];

function expected(persona: Persona, route: RouteEntry, concretePath: string): Outcome {
  const p = route.path;
  if (PUBLIC.some((r) => r.test(p))) return 'allow';
  if (persona === 'anonymous') return 'login';
  // "Kekal log masuk" of the idle-timeout warning: any signed-in account.
  if (p === '/sesi/lanjut') return 'allow';
  const isStaff =
    persona === 'helpdesk' || persona === 'payrollOtherDept' || persona === 'admin' || persona === 'treasury';
  if (p.startsWith('/pentadbir')) {
    if (!isStaff) return 'forbidden';
    if (p === '/pentadbir') return 'allow';
    if (p.startsWith('/pentadbir/helpdesk')) return persona === 'helpdesk' ? 'allow' : 'forbidden';
    if (p.startsWith('/pentadbir/admin')) return persona === 'admin' ? 'allow' : 'forbidden';
    // Only the treasury role reaches the payment status feed; no status file exists in the seed.
    if (p.startsWith('/pentadbir/perbendaharaan')) {
      if (persona !== 'treasury') return 'forbidden';
      return p.includes(':feedId') ? 'notFound' : 'allow';
    }
    if (p.startsWith('/pentadbir/unit-gaji')) {
      if (persona !== 'payrollOtherDept') return 'forbidden';
      // An employee or upload of another department does not exist for this officer.
      return /:(employeeId|uploadId)/.test(p) ? 'notFound' : 'allow';
    }
    return 'forbidden';
  }
  if (p.startsWith('/emaklum')) {
    if (OWN_RECORD.some((r) => r.test(concretePath)) && persona !== 'employee') return 'notFound';
    return 'allow';
  }
  if (p.startsWith('/profil')) return 'allow';
  // Self-service for civil servants only: a company account is refused (its home is eMaklum).
  if (persona === 'company') return p === '/laman-utama' ? 'redirect:/emaklum' : 'forbidden';
  if (OWN_RECORD.some((r) => r.test(concretePath)) && persona !== 'employee') return 'notFound';
  return 'allow';
}

function check(outcome: Outcome, status: number, location: string | null): boolean {
  switch (outcome) {
    case 'allow':
      return status < 500 && ![401, 403, 404].includes(status);
    case 'login':
      // The login page, with the page asked for to come back to (issue 14 item 2).
      return status === 303 && (location === '/' || !!location?.startsWith('/?kembali=%2F'));
    case 'forbidden':
      return status === 403;
    case 'notFound':
      return status === 404;
    default:
      return status >= 300 && status < 400 && location === outcome.slice('redirect:'.length);
  }
}

describe('authorization matrix over the whole router table', () => {
  let app: TestApp;
  let routes: RouteEntry[];
  const clients = new Map<Persona, TestClient>();
  let params: Record<string, string | number>;

  before(async () => {
    app = await startTestApp();
    routes = listRoutes(app.expressApp);
    const employee = await app
      .db('employees')
      .where('ic_no', DEMO.activeEmployee.ic)
      .first<{ id: number }>('id');
    const account = await app
      .db('accounts')
      .where('login_id', DEMO.activeEmployee.ic)
      .first<{ id: number }>('id');
    const payment = await app
      .db('payments')
      .where('payee_id_no', DEMO.activeEmployee.ic)
      .first<{ id: number }>('id');
    const application = await app
      .db('applications')
      .where('employee_id', employee!.id)
      .first<{ id: number }>('id');
    const upload = await app
      .db('payroll_imports as p')
      .first<{ id: number } | undefined>('p.id')
      .orderBy('p.id', 'desc');
    const download = await app.db('downloads').first<{ slug: string; id: number }>('slug', 'id');
    params = {
      employeeId: employee!.id,
      accountId: account!.id,
      id: payment!.id,
      year: 2026,
      month: 9,
      uploadId: upload?.id ?? 999999,
      feedId: 999999,
      slug: download!.slug,
      token: 'x'.repeat(43),
    };
    for (const persona of PERSONAS) {
      const client = new TestClient(app.baseUrl);
      if (persona !== 'anonymous') {
        const page = await login(client, LOGIN_IDS[persona], DEMO_PASSWORD);
        assert.equal(page.status, 200, `${persona} could not log in`);
      }
      clients.set(persona, client);
    }
    // Application IDs share the :id name with payments; give them their own concrete value.
    params.applicationId = application!.id;
  });
  after(async () => {
    await app.close();
  });

  test('the router table lists the routes of every feature', () => {
    const prefixes = [
      '/log-masuk',
      '/laman-utama',
      '/epayslip',
      '/eec',
      '/emaklum',
      '/permohonan',
      '/muat-turun',
      '/profil',
      '/pentadbir/unit-gaji',
      '/pentadbir/helpdesk',
      '/pentadbir/admin',
      '/pentadbir/perbendaharaan',
    ];
    for (const prefix of prefixes) {
      assert.ok(
        routes.some((r) => r.path.startsWith(prefix)),
        `no route under ${prefix}`,
      );
    }
    assert.ok(routes.length >= 50, `only ${routes.length} routes found`);
  });

  test('every GET route gives each persona the expected outcome', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      if (route.path === '/log-keluar') continue;
      const concrete = fillParams(
        route.path.startsWith('/permohonan') ? route.path.replace(':id', ':applicationId') : route.path,
        params,
      );
      for (const persona of PERSONAS) {
        const outcome = expected(persona, route, concrete);
        const page = await clients.get(persona)!.get(concrete);
        if (!check(outcome, page.status, page.location)) {
          failures.push(
            `${persona} GET ${concrete}: expected ${outcome}, got ${page.status} ${page.location ?? ''}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('every POST route refuses a request without a CSRF token, whoever sends it', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const concrete = fillParams(
        route.path.startsWith('/permohonan') ? route.path.replace(':id', ':applicationId') : route.path,
        params,
      );
      for (const persona of ['anonymous', 'employee', 'admin', 'treasury'] as Persona[]) {
        const page = await clients.get(persona)!.post(concrete, { _csrf: null, loginId: '1' });
        if (page.status !== 403)
          failures.push(`${persona} POST ${concrete} without token gave ${page.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('every POST route with a valid token gives each persona the expected outcome', async () => {
    const failures: string[] = [];
    const posts = routes.filter((r) => r.method === 'POST' && r.path !== '/log-keluar');
    for (const persona of PERSONAS) {
      const client = clients.get(persona)!;
      for (const route of posts) {
        const concrete = fillParams(
          route.path.startsWith('/permohonan') ? route.path.replace(':id', ':applicationId') : route.path,
          params,
        );
        // A fresh page gives a fresh token, as a browser would have.
        await client.get(persona === 'anonymous' ? '/' : '/profil');
        const page = await client.post(concrete, {});
        const outcome = expected(persona, route, concrete);
        if (!check(outcome, page.status, page.location)) {
          failures.push(
            `${persona} POST ${concrete}: expected ${outcome}, got ${page.status} ${page.location ?? ''}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
