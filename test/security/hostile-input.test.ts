/**
 * Issue 6: hostile input. Stored and reflected XSS through the fields users and staff write
 * (checked in the HTML and in Chromium), SQL injection strings in every search and filter, path
 * traversal, malformed UTF-8 and oversized bodies: a clear refusal, never a 500, never a leak.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { browserSkipReason, launchBrowser } from '../helpers/browser.js';
import { login, TestClient } from '../helpers/http.js';

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=2">';
const PAYLOAD = `${SCRIPT}${IMG}`;

/** The payload must appear only escaped: no live tag from it anywhere in the page. */
function assertInert(html: string, where: string) {
  assert.ok(!html.includes(SCRIPT), `${where}: raw <script> from user data`);
  assert.ok(!html.includes('<img src=x'), `${where}: raw <img onerror> from user data`);
}

const SQLI = [
  `' OR '1'='1`,
  `'; DROP TABLE employees; --`,
  `%' UNION SELECT password_hash FROM accounts --`,
  `\\'; SELECT pg_sleep(5); --`,
];

describe('hostile input', () => {
  let app: TestApp;
  let employee: TestClient;
  let staff: Record<'helpdesk' | 'payroll' | 'admin', TestClient>;
  let employeeId: number;
  let accountId: number;

  before(async () => {
    app = await startTestApp();
    const e = await app.db('employees').where('ic_no', DEMO.activeEmployee.ic).first<{ id: number }>('id');
    const a = await app.db('accounts').where('login_id', DEMO.activeEmployee.ic).first<{ id: number }>('id');
    employeeId = e!.id;
    accountId = a!.id;
    // Data that arrives through the payroll import and the treasury's systems, made hostile.
    await app
      .db('employees')
      .where('id', employeeId)
      .update({ name: `Nur ${PAYLOAD} Aisyah`, position: PAYLOAD });
    await app
      .db('applications')
      .where('employee_id', employeeId)
      .update({ title: `Tuntutan ${PAYLOAD}` });
    await app
      .db('payments')
      .where('payee_id_no', DEMO.activeEmployee.ic)
      .update({ description: `Bayaran ${PAYLOAD}` });

    employee = new TestClient(app.baseUrl);
    assert.equal((await login(employee, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    staff = {
      helpdesk: new TestClient(app.baseUrl),
      payroll: new TestClient(app.baseUrl),
      admin: new TestClient(app.baseUrl),
    };
    await login(staff.helpdesk, DEMO.helpdesk.ic, DEMO_PASSWORD);
    await login(staff.payroll, DEMO.payrollOfficer.ic, DEMO_PASSWORD);
    await login(staff.admin, DEMO.admin.ic, DEMO_PASSWORD);
  });
  after(async () => {
    await app.close();
  });

  test('a hostile secret phrase typed in the profile form is stored as text and shown escaped at login', async () => {
    await employee.get('/profil/frasa');
    const image = await app.db('secret_images').first<{ id: number }>('id');
    const phrase = `${SCRIPT}"'>`.slice(0, 100);
    const saved = await employee.post('/profil/frasa', {
      currentPassword: DEMO_PASSWORD,
      phrase,
      image: String(image!.id),
    });
    assert.equal(saved.status, 303, 'the phrase form accepted the text');
    const stored = await app
      .db('accounts')
      .where('id', accountId)
      .first<{ secret_phrase: string }>('secret_phrase');
    assert.equal(stored!.secret_phrase, phrase.trim());
    const visitor = new TestClient(app.baseUrl);
    await visitor.get('/');
    const step2 = await visitor.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    assert.equal(step2.status, 200);
    assertInert(step2.html, 'login step 2');
    assert.ok(
      step2.html.includes('&lt;script&gt;window.__xss=1&lt;/script&gt;'),
      'the phrase is shown, escaped',
    );
  });

  test('stored payloads in names, positions, titles and descriptions render inert on every page that shows them', async () => {
    const application = await app
      .db('applications')
      .where('employee_id', employeeId)
      .first<{ id: number }>('id');
    const payment = await app
      .db('payments')
      .where('payee_id_no', DEMO.activeEmployee.ic)
      .first<{ id: number }>('id');
    const pages: [TestClient, string][] = [
      [employee, '/laman-utama'],
      [employee, '/epayslip/2026/9'],
      [employee, '/eec/2025'],
      [employee, '/permohonan'],
      [employee, `/permohonan/${application!.id}`],
      [employee, '/emaklum'],
      [employee, `/emaklum/${payment!.id}`],
      [staff.helpdesk, `/pentadbir/helpdesk?q=${DEMO.activeEmployee.ic}`],
      [staff.helpdesk, `/pentadbir/helpdesk/akaun/${accountId}`],
      [staff.payroll, `/pentadbir/unit-gaji?q=${DEMO.activeEmployee.ic}`],
      [staff.payroll, `/pentadbir/unit-gaji/pekerja/${employeeId}`],
      [staff.admin, `/pentadbir/admin/audit`],
    ];
    for (const [client, path] of pages) {
      const page = await client.get(path);
      assert.equal(page.status, 200, `${path} gave ${page.status}`);
      assertInert(page.html, path);
    }
  });

  test('reflected payloads in search boxes and filters come back escaped', async () => {
    const q = encodeURIComponent(PAYLOAD);
    const pages: [TestClient, string][] = [
      [employee, `/emaklum?rujukan=${q}`],
      [employee, `/emaklum?status=${q}&dari=${q}&hingga=${q}&susun=${q}`],
      [employee, `/permohonan?modul=${q}&status=${q}`],
      [staff.helpdesk, `/pentadbir/helpdesk?q=${q}`],
      [staff.payroll, `/pentadbir/unit-gaji?q=${q}`],
      [staff.admin, `/pentadbir/admin/audit?action=${q}&actor=${q}&subject=${q}&from=${q}&to=${q}`],
      [new TestClient(app.baseUrl), `/bahasa?lang=${q}&next=${q}`],
    ];
    for (const [client, path] of pages) {
      const page = await client.get(path);
      assert.ok(page.status < 500, `${path} gave ${page.status}`);
      assertInert(page.html, path);
    }
    const visitor = new TestClient(app.baseUrl);
    await visitor.get('/');
    const bad = await visitor.post('/log-masuk', { loginId: PAYLOAD });
    assert.equal(bad.status, 400);
    assertInert(bad.html, 'login step 1 error');
  });

  test('SQL injection strings in every search and filter: no error, no leak, no damage', async () => {
    const before = await app.db('employees').count<{ count: number }[]>('* as count');
    for (const s of SQLI) {
      const v = encodeURIComponent(s);
      const pages: [TestClient, string][] = [
        [employee, `/emaklum?rujukan=${v}`],
        [employee, `/emaklum?status=${v}&dari=${v}&hingga=${v}&susun=${v}&halaman=${v}`],
        [employee, `/permohonan?modul=${v}&status=${v}&halaman=${v}`],
        [employee, `/epayslip/${v}`],
        [employee, `/eec/${v}`],
        [staff.helpdesk, `/pentadbir/helpdesk?q=${v}`],
        [staff.payroll, `/pentadbir/unit-gaji?q=${v}&halaman=${v}`],
        [staff.admin, `/pentadbir/admin/audit?action=${v}&actor=${v}&subject=${v}&from=${v}&to=${v}`],
      ];
      for (const [client, path] of pages) {
        const started = Date.now();
        const page = await client.get(path);
        assert.ok(page.status < 500, `${path} gave ${page.status}`);
        assert.ok(Date.now() - started < 4000, `${path} looks like it ran pg_sleep`);
        assert.doesNotMatch(page.html, /\$argon2id\$/, `${path} leaked a password hash`);
      }
      // A search that matched everything would list other departments' people to this officer.
      const helpdesk = await staff.helpdesk.get(`/pentadbir/helpdesk?q=${v}`);
      assert.ok(!helpdesk.html.includes(DEMO.admin.ic), 'an injection string matched every account');
    }
    const afterCount = await app.db('employees').count<{ count: number }[]>('* as count');
    assert.deepEqual(afterCount, before);
  });

  test('path traversal in Muat Turun, PDF names and assets reaches no file', async () => {
    const attempts = [
      '/muat-turun/..%2F..%2Fpackage.json',
      '/muat-turun/%2e%2e%2f%2e%2e%2fpackage.json',
      '/muat-turun/....//....//package.json',
      '/muat-turun/..%5c..%5cpackage.json',
      '/epayslip/2026/..%2F..%2Fpackage.json',
      '/epayslip/2026/9/..%2F..%2F..%2Fpackage.json.pdf',
      '/eec/..%2Fpackage.json.pdf',
      '/public/..%2Fpackage.json',
      '/public/%2e%2e/%2e%2e/package.json',
    ];
    for (const path of attempts) {
      const page = await employee.get(path);
      assert.ok([400, 403, 404].includes(page.status), `${path} gave ${page.status}`);
      assert.ok(!page.html.includes('"allowScripts"'), `${path} served package.json`);
    }
  });

  test('malformed UTF-8, bad percent-encoding and multi-megabyte bodies are refused cleanly', async () => {
    const visitor = new TestClient(app.baseUrl);
    await visitor.get('/');
    const token = /name="_csrf" value="([^"]+)"/.exec(visitor.lastHtml)![1]!;
    const malformed = await visitor.request('POST', '/log-masuk', `_csrf=${token}&loginId=%FF%FE%C0%AF`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    assert.ok([400, 403].includes(malformed.status), `malformed UTF-8 gave ${malformed.status}`);
    const badEscape = await visitor.get('/epayslip/%E0%A4%A');
    assert.ok(badEscape.status < 500, `bad percent-encoding gave ${badEscape.status}`);
    const huge = await visitor.request(
      'POST',
      '/log-masuk',
      `_csrf=${token}&loginId=${'9'.repeat(5 * 1024 * 1024)}`,
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    assert.equal(huge.status, 413);
    const many = await visitor.request(
      'POST',
      '/log-masuk',
      `_csrf=${token}&` + Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&'),
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    assert.ok([400, 413].includes(many.status), `5000 fields gave ${many.status}`);
    const json = await visitor.request('POST', '/log-masuk', '{"loginId":"880415105442"}', {
      'content-type': 'application/json',
    });
    assert.equal(json.status, 403, 'a JSON body carries no CSRF token and is refused');
  });
});

describe('hostile input in Chromium', { skip: browserSkipReason() }, () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
    const a = await app
      .db('accounts')
      .where('login_id', DEMO.activeEmployee.ic)
      .first<{ id: number; employee_id: number }>('id', 'employee_id');
    await app
      .db('accounts')
      .where('id', a!.id)
      .update({ secret_phrase: `${SCRIPT}`.slice(0, 100) });
    await app
      .db('employees')
      .where('id', a!.employee_id)
      .update({ name: `Nur ${PAYLOAD}` });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('no script from user data runs: the login phrase and the signed-in name stay text', async () => {
    const page = await (await browser.newContext()).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(app.baseUrl + '/');
    await page.getByLabel('ID Pengguna').fill(DEMO.activeEmployee.ic);
    await page.getByRole('button', { name: 'Seterusnya' }).click();
    await page.getByLabel('Kata Laluan').waitFor();
    assert.ok(await page.getByText(SCRIPT).isVisible(), 'the phrase is shown as text');
    await page.getByLabel('Kata Laluan').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.getByRole('heading', { name: 'Laman Utama' }).waitFor();
    assert.ok(await page.getByText(`Nur ${PAYLOAD}`).first().isVisible(), 'the name is shown as text');
    const flag = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0);
    assert.equal(flag, 0, 'a script from user data ran');
    assert.deepEqual(dialogs, []);
  });
});
