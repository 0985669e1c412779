import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrationSource } from '../migrations/index.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/db.js';
import { createDb } from '../src/core/db.js';
import { urlOf } from '../src/core/db-roles.js';
import { TestClient, visibleText } from './helpers/http.js';

describe('migrations', () => {
  test('round trip: down removes every table, up restores them', async () => {
    const t = await createTestDatabase();
    // Reversibility is checked as the superuser: dropping the audit log's event triggers is a
    // superuser's act by design (the owner's rollback of them is refused).
    const su = createDb(urlOf(process.env.TEST_PG_SERVER_URL ?? '', t.name), 2);
    try {
      const tables = async () =>
        (await su('pg_tables').where('schemaname', 'public').pluck('tablename')).filter(
          (n: string) => !n.startsWith('knex_'),
        );
      const before = (await tables()).sort();
      assert.ok(before.includes('audit_log') && before.includes('payslip_lines') && before.length >= 20);
      await su.migrate.rollback({ migrationSource }, true);
      assert.deepEqual(await tables(), []);
      await su.migrate.latest({ migrationSource });
      assert.deepEqual((await tables()).sort(), before);
    } finally {
      await su.destroy();
      await t.drop();
    }
  });
});

describe('the running app', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('the login page shows the texts of DESIGN 1.1', async () => {
    const page = await new TestClient(app.baseUrl).get('/');
    assert.equal(page.status, 200);
    const text = visibleText(page.html);
    for (const expected of [
      'PORTAL iSPEKS versi 2.1',
      'Sistem Perakaunan Akruan Kerajaan Negeri',
      'SELAMAT DATANG KE PORTAL iSPEKS',
      'JABATAN AKAUNTAN NEGARA MALAYSIA',
      'Pengenalan',
      'Portal iSPEKS mengandungi 3 subsistem iaitu eMaklum, ePayslip dan eEC.',
      'Makluman',
      'ID Pengguna',
      'Seterusnya',
      'Login Kali Pertama',
      'Lupa Kata Laluan',
      '© Hak Cipta Terpelihara 2016 | JABATAN AKAUNTAN NEGARA MALAYSIA',
      'Bantuan Helpdesk: ispekscare@selangor.gov.my',
    ]) {
      assert.ok(text.includes(expected), `login page lacks "${expected}"`);
    }
  });

  test('security headers: strict CSP without inline script, no framing, no sniffing', async () => {
    const page = await new TestClient(app.baseUrl).get('/');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /base-uri 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('x-powered-by'), null);
    // No inline script or style attribute anywhere on the page.
    assert.doesNotMatch(page.html, /<script(?![^>]*\bsrc=)[^>]*>/i);
    assert.doesNotMatch(page.html, /\sstyle=/i);
    assert.doesNotMatch(page.html, /\son[a-z]+=/i);
  });

  test('the session cookie is httpOnly and SameSite=Lax', async () => {
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    const page = await client.post('/log-masuk', { loginId: '610512067890' });
    const setCookie = page.headers.getSetCookie().join('\n') || '';
    const res = await fetch(`${app.baseUrl}/`);
    const all = [setCookie, ...res.headers.getSetCookie()].join('\n');
    assert.match(all, /ispeks\.sid=.*HttpOnly/i);
    assert.match(all, /SameSite=Lax/i);
  });

  test('a form post without a CSRF token is refused with the 403 page in the frame', async () => {
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    const page = await client.post('/log-masuk', { _csrf: null, loginId: '610512067890' });
    assert.equal(page.status, 403);
    const text = visibleText(page.html);
    assert.ok(text.includes('Borang telah tamat tempoh'));
    assert.ok(text.includes('SELAMAT DATANG KE PORTAL iSPEKS'), 'the 403 page is in the portal frame');
    const forged = await client.post('/log-masuk', { _csrf: 'forged-token', loginId: '610512067890' });
    assert.equal(forged.status, 403);
  });

  test('an unknown page gives the 404 page in the portal frame and language', async () => {
    const page = await new TestClient(app.baseUrl).get('/tiada-halaman-ini');
    assert.equal(page.status, 404);
    const text = visibleText(page.html);
    assert.ok(text.includes('Halaman tidak dijumpai'));
    assert.ok(text.includes('PORTAL iSPEKS'));
  });

  test('the language switch turns the portal to English and back, and refuses outside redirects', async () => {
    const client = new TestClient(app.baseUrl);
    const sw = await client.get('/bahasa?lang=en&next=/');
    assert.equal(sw.status, 303);
    assert.equal(sw.location, '/');
    const en = await client.get('/');
    assert.ok(visibleText(en.html).includes('WELCOME TO PORTAL iSPEKS'));
    assert.match(en.html, /<html lang="en">/);
    const notFound = await client.get('/nowhere');
    assert.ok(visibleText(notFound.html).includes('Page not found'));
    const evil = await client.get('/bahasa?lang=ms&next=//evil.example.com');
    assert.equal(evil.location, '/');
    const ms = await client.get('/');
    assert.ok(visibleText(ms.html).includes('SELAMAT DATANG KE PORTAL iSPEKS'));
  });

  test('static assets are served with cache headers', async () => {
    const res = await fetch(`${app.baseUrl}/public/css/app.css`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/);
  });

  test('an over-long form body is refused with 413, not a crash', async () => {
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    const page = await client.post('/log-masuk', { loginId: 'x'.repeat(100_000) });
    assert.equal(page.status, 413);
    assert.ok(visibleText(page.html).includes('Permintaan terlalu besar'));
  });
});
