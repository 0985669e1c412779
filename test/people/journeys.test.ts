/**
 * Issue 14 items 2, 3 (server side), 4, 12, 13 and 17 over HTTP: deep links kept through login
 * (and never an open redirect), the session renewal, the logout notice, the manual's texts,
 * English for system texts, plurals, key parity, and the previous login on the profile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD, DEMO_TEMP_PASSWORD } from '../../seeds/demo-accounts.js';
import { safeReturnTo } from '../../src/middleware/return-to.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient, visibleText } from '../helpers/http.js';
import { englishClient, loginSteps } from '../auth/support.js';

const WHY = 'Sila log masuk untuk membuka halaman yang anda minta.';

describe('journeys and texts (issue 14)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('a deep link: signed out, /epayslip/2026/11 → the login page says why → after login, that very page', async () => {
    const client = new TestClient(app.baseUrl);
    const asked = await client.get('/epayslip/2026/11');
    assert.equal(asked.status, 303);
    assert.equal(asked.location, '/?kembali=%2Fepayslip%2F2026%2F11');
    const loginPage = await client.get(asked.location!);
    assert.ok(visibleText(loginPage.html).includes(WHY));
    assert.ok(
      !visibleText((await new TestClient(app.baseUrl).get('/')).html).includes(WHY),
      'no line without a deep link',
    );
    await client.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, kembali: '/epayslip/2026/11' });
    const done = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/epayslip/2026/11');
    // With a query string too; and without a deep link, the dashboard as before.
    const other = new TestClient(app.baseUrl);
    const list = await other.get('/emaklum?status=DIHANTAR');
    assert.equal(list.location, '/?kembali=%2Femaklum%3Fstatus%3DDIHANTAR');
    await other.get(list.location!);
    await other.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, kembali: '/emaklum?status=DIHANTAR' });
    assert.equal(
      (await other.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD })).location,
      '/emaklum?status=DIHANTAR',
    );
    const plain = await loginSteps(new TestClient(app.baseUrl), DEMO.activeEmployee.ic, DEMO_PASSWORD);
    assert.equal(plain.location, '/laman-utama');
  });

  test('never an open redirect: //evil, /\\evil, absolute URLs and encoded tricks land on the dashboard', async () => {
    const hostile = [
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'http:evil.example',
      'javascript:alert(1)',
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '/%5C%5Cevil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '%2F%2Fevil.example',
      '/./\\evil.example',
      ' //evil.example',
      '/%E0%A4%A',
    ];
    for (const h of hostile) assert.equal(safeReturnTo(h), undefined, JSON.stringify(h));
    assert.equal(safeReturnTo('/epayslip/2026/11'), '/epayslip/2026/11');
    assert.equal(safeReturnTo('/emaklum?status=DIHANTAR&page=2'), '/emaklum?status=DIHANTAR&page=2');
    for (const h of hostile) {
      const client = new TestClient(app.baseUrl);
      const page = await client.get(`/?kembali=${encodeURIComponent(h)}`);
      assert.ok(!visibleText(page.html).includes(WHY), JSON.stringify(h));
      await client.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, kembali: h });
      const done = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
      assert.equal(done.location, '/laman-utama', JSON.stringify(h));
    }
    // A signed-in visitor given a hostile link is not sent away either.
    const signedIn = new TestClient(app.baseUrl);
    await login(signedIn, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    assert.equal((await signedIn.get('/?kembali=%2F%2Fevil.example')).location, '/laman-utama');
    assert.equal((await signedIn.get('/?kembali=%2Fepayslip')).location, '/epayslip');
  });

  test('logout: the login page says "Anda telah log keluar" once; the old session is gone on the server', async () => {
    const client = new TestClient(app.baseUrl);
    await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    const sid = client.cookie('ispeks.sid');
    const out = await client.post('/log-keluar', {});
    assert.equal(out.status, 303);
    const page = await client.follow(out);
    assert.ok(visibleText(page.html).includes('Anda telah log keluar.'));
    assert.ok(!visibleText((await client.get('/')).html).includes('Anda telah log keluar.'), 'shown once');
    const stale = new TestClient(app.baseUrl);
    (stale as unknown as { cookies: Map<string, string> }).cookies.set('ispeks.sid', sid!);
    assert.equal((await stale.get('/laman-utama')).status, 303, 'the old session no longer opens pages');
    const en = await englishClient(app.baseUrl);
    await login(en, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    await en.get('/profil');
    assert.ok(
      visibleText((await en.follow(await en.post('/log-keluar', {}))).html).includes('You have logged out.'),
    );
  });

  test('"Kekal log masuk": POST /sesi/lanjut with the CSRF token renews the idle time; the page says how long it has', async () => {
    const client = new TestClient(app.baseUrl);
    await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    const page = await client.get('/profil/soalan');
    const seconds = Number(/data-session-seconds="(\d+)"/.exec(page.html)?.[1]);
    assert.ok(seconds > 14 * 60 && seconds <= 15 * 60, String(seconds));
    assert.ok(page.html.includes('<dialog id="session-warning"'));
    // The script under its content-hashed name (issue 15).
    assert.match(page.html, /src="\/public\/js\/session-timeout\.[0-9a-f]{10}\.js"/);
    assert.ok(
      visibleText(page.html).includes('Untuk keselamatan, sesi anda tamat selepas 15 minit tanpa aktiviti.'),
      'long forms say how long the session lasts (also without JavaScript)',
    );
    // 14 idle minutes later (the warning is up), renew it: 15 minutes again from now.
    app.clock.advance(14 * 60_000);
    try {
      const renewed = await client.post('/sesi/lanjut', {});
      assert.equal(renewed.status, 200);
      const seconds = Number(JSON.parse(renewed.html).seconds);
      assert.ok(seconds > 14 * 60 && seconds <= 15 * 60, renewed.html);
      // 14 more minutes: 28 since the page was read, 14 since the renewal, so still signed in.
      app.clock.advance(14 * 60_000);
      assert.equal((await client.get('/profil/soalan')).status, 200, 'the renewal counted');
    } finally {
      app.clock.reset();
    }
    assert.equal((await client.post('/sesi/lanjut', { _csrf: 'forged' })).status, 403);
    assert.equal(
      (await new TestClient(app.baseUrl).post('/sesi/lanjut', {})).status,
      403,
      'no token, no session',
    );
  });

  test("the manual's texts: the Makluman sentence, the helpdesk footer, the password step's slogan and its buttons", async () => {
    const client = new TestClient(app.baseUrl);
    const home = visibleText((await client.get('/')).html);
    assert.ok(
      home.includes(
        'Ini adalah bagi memastikan maklumat No. Kad Pengenalan adalah tepat dan Emel Rasmi telah dikemaskini di dalam modul Gaji sistem iSPEKS.',
      ),
    );
    assert.ok(home.includes(`Sebarang masalah boleh diemelkan kepada ${app.config.HELPDESK_EMAIL}`));
    const step2 = await client.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    assert.ok(visibleText(step2.html).includes('Excellent Accounting @ Your Service'));
    // The temporary-password step: buttons "Login" and "Keluar".
    const pending = new TestClient(app.baseUrl);
    await pending.get('/');
    const temp = await pending.post('/log-masuk', { loginId: DEMO.pendingEmployee.ic });
    assert.match(temp.html, /<button type="submit" class="button">Login<\/button>/);
    assert.match(temp.html, /<a class="button button--secondary" href="\/">Keluar<\/a>/);
    assert.ok(DEMO_TEMP_PASSWORD);
  });

  test('English: system status notes translated', async () => {
    const employee = await app
      .db('employees')
      .where('ic_no', DEMO.activeEmployee.ic)
      .first<{ id: number }>('id');
    const app1 = await app
      .db('applications as a')
      .join('application_status_history as h', 'h.application_id', 'a.id')
      .where('a.employee_id', employee!.id)
      .where('h.note', 'Permohonan disimpan sebagai draf.')
      .first<{ id: number }>('a.id');
    assert.ok(app1, 'the demo has a draft note');
    const client = await englishClient(app.baseUrl);
    await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    const detail = visibleText((await client.get(`/permohonan/${app1.id}`)).html);
    assert.ok(detail.includes('Application saved as a draft.'), detail);
    assert.ok(!detail.includes('Permohonan disimpan sebagai draf.'));
    const malay = new TestClient(app.baseUrl);
    await login(malay, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    assert.ok(
      visibleText((await malay.get(`/permohonan/${app1.id}`)).html).includes(
        'Permohonan disimpan sebagai draf.',
      ),
    );
  });

  test('Profil "Log masuk terakhir" shows the previous login, not the current one', async () => {
    const p = DEMO.secondActiveEmployee;
    const earlier = new Date('2026-11-20T01:02:00Z');
    await app.db('accounts').where('login_id', p.ic).update({ last_login_at: earlier });
    const client = new TestClient(app.baseUrl);
    await login(client, p.ic, DEMO_PASSWORD);
    const page = await client.get('/profil');
    const shown = /data-field="previousLogin">([^<]*)</.exec(page.html)?.[1]?.trim();
    // 20 November 2026, 9:02 in Kuala Lumpur: the earlier login, not this one.
    assert.equal(shown, '20/11/2026 09:02:00');
    const row = await app
      .db('accounts')
      .where('login_id', p.ic)
      .first<{ last_login_at: Date; previous_login_at: Date }>();
    assert.equal(row!.previous_login_at.toISOString(), earlier.toISOString());
    assert.ok(Date.now() - row!.last_login_at.getTime() < 60_000);
  });
});
