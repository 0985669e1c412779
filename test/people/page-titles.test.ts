/**
 * Issue 14 item 6: every page is titled "<page name> – Portal iSPEKS" (prefixed "Ralat: " /
 * "Error: " when its form has errors) and has exactly one h1, naming the page; the banner is
 * not an h1. Walks every GET route of the router table as each kind of visitor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient, visibleText } from '../helpers/http.js';
import { fillParams, listRoutes } from '../helpers/routes.js';
import { englishClient } from '../auth/support.js';

function titleOf(html: string): string {
  return visibleText(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
}

function h1s(html: string): string[] {
  return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => visibleText(m[1]!));
}

/** The problems of one page, or [] when its title and h1 follow the rule. */
function problems(path: string, html: string): string[] {
  const out: string[] = [];
  const headings = h1s(html);
  if (headings.length !== 1) out.push(`${path}: ${headings.length} h1 (${headings.join(' | ')})`);
  const hasErrors = html.includes('data-error-summary');
  const name = headings[0] ?? '';
  const expected = `${hasErrors ? 'Ralat: ' : ''}${name} – Portal iSPEKS`;
  if (!name || titleOf(html) !== expected)
    out.push(`${path}: title "${titleOf(html)}", expected "${expected}"`);
  if (/<header class="banner">[\s\S]*?<h1/.exec(html.split('</header>')[0] ?? ''))
    out.push(`${path}: h1 in banner`);
  return out;
}

describe('page titles and one h1 on every page', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('every public, error, status and signed-in page: "<h1> – Portal iSPEKS" and exactly one h1', async () => {
    const routes = listRoutes(app.expressApp).filter((r) => r.method === 'GET');
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
    const download = await app.db('downloads').first<{ slug: string }>('slug');
    const params = {
      employeeId: employee!.id,
      accountId: account!.id,
      id: payment!.id,
      year: 2026,
      month: 9,
      uploadId: 999999,
      feedId: 999999,
      slug: download!.slug,
      token: 'x'.repeat(43),
    };
    const visitors: [string, string | null][] = [
      ['anonymous', null],
      ['employee', DEMO.activeEmployee.ic],
      ['company', DEMO.company.companyId],
      ['payroll', DEMO.payrollOfficer.ic],
      ['helpdesk', DEMO.helpdesk.ic],
      ['admin', DEMO.admin.ic],
    ];
    const failures: string[] = [];
    let checked = 0;
    for (const [who, loginId] of visitors) {
      const client = new TestClient(app.baseUrl);
      if (loginId) assert.equal((await login(client, loginId, DEMO_PASSWORD)).status, 200, who);
      for (const route of routes) {
        // Downloads are files (the manual and forms), not portal pages.
        if (
          route.path === '/log-keluar' ||
          route.path.startsWith('/dev') ||
          route.path === '/muat-turun/:slug'
        )
          continue;
        const path = fillParams(
          route.path,
          route.path.startsWith('/permohonan') ? { ...params, id: application!.id } : params,
        );
        const page = await client.follow(await client.get(path));
        if (!(page.headers.get('content-type') ?? '').includes('html')) continue;
        checked++;
        failures.push(...problems(`${who} ${path} (${page.status})`, page.html));
      }
      // A page that does not exist, in the frame of the visitor.
      const missing = await client.get('/tiada-halaman-ini');
      assert.equal(missing.status, 404);
      checked++;
      failures.push(...problems(`${who} 404`, missing.html));
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 60, `only ${checked} pages checked`);
  });

  test('a form with errors: "Ralat: " (English "Error: ") before the title, and the h1 still names the page', async () => {
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    const bad = await client.post('/log-masuk', { loginId: '' });
    assert.equal(bad.status, 400);
    assert.equal(titleOf(bad.html), 'Ralat: Log Masuk – Portal iSPEKS');
    assert.deepEqual(problems('login error', bad.html), []);
    const ok = await client.get('/');
    assert.equal(titleOf(ok.html), 'Log Masuk – Portal iSPEKS');

    const first = await client.post('/login-kali-pertama', { idNo: '12', email: 'x' });
    assert.equal(first.status, 400);
    assert.equal(titleOf(first.html), 'Ralat: Pengaktifan ID Pengguna – Portal iSPEKS');

    const en = await englishClient(app.baseUrl);
    await en.get('/');
    const enBad = await en.post('/log-masuk', { loginId: '' });
    assert.match(titleOf(enBad.html), /^Error: .+ – Portal iSPEKS$/);

    const signedIn = new TestClient(app.baseUrl);
    await login(signedIn, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    await signedIn.get('/profil/kata-laluan');
    const pw = await signedIn.post('/profil/kata-laluan', {
      currentPassword: '',
      newPassword: '',
      confirmPassword: '',
    });
    assert.equal(pw.status, 400);
    assert.match(titleOf(pw.html), /^Ralat: .+ – Portal iSPEKS$/);
    assert.deepEqual(problems('password error', pw.html), []);
  });
});
