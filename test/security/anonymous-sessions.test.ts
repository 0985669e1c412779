/**
 * Issue 11 item 13: anonymous pages write nothing to the database. A visitor with no session gets
 * a signed double-submit CSRF token (nonce cookie + HMAC in the form) instead of a session row;
 * the row is made only when a form is posted. The token still stops forged forms.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { csrfTokenIn, login, TestClient } from '../helpers/http.js';

describe('anonymous pages and sessions', () => {
  let app: TestApp;
  const sessionRows = async () => Number((await app.db('session').count({ n: '*' }))[0]!.n);

  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app.close();
  });

  test('200 anonymous GETs of pages with forms store no session row', async () => {
    const before = await sessionRows();
    const pages = ['/', '/login-kali-pertama', '/lupa-kata-laluan'];
    for (let i = 0; i < 200; i++) {
      // A fresh visitor every time, as a crawler or a flood would be.
      const client = new TestClient(app.baseUrl);
      const page = await client.get(pages[i % pages.length]!);
      assert.equal(page.status, 200);
      assert.ok(csrfTokenIn(page.html), 'the page carries a CSRF token');
      assert.equal(client.cookie('ispeks.sid'), undefined, 'no session cookie for an anonymous GET');
    }
    assert.equal(await sessionRows(), before);
  });

  test('the anonymous token works for the form it came with, and a login then makes one session', async () => {
    const client = new TestClient(app.baseUrl);
    const before = await sessionRows();
    const done = await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    assert.equal(done.status, 200);
    assert.match(done.html, /Laman Utama/);
    assert.equal(await sessionRows(), before + 1);
  });

  test('a forged anonymous form is refused: no token, a made-up token, or a token without its cookie', async () => {
    const victim = new TestClient(app.baseUrl);
    const page = await victim.get('/');
    const token = csrfTokenIn(page.html)!;
    assert.match(token, /^a\./);

    const noToken = await victim.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, _csrf: null });
    assert.equal(noToken.status, 403);
    const madeUp = await victim.post('/log-masuk', {
      loginId: DEMO.activeEmployee.ic,
      _csrf: 'a.' + 'A'.repeat(43),
    });
    assert.equal(madeUp.status, 403);
    // An attacker's own page: the victim's token copied, but the attacker's browser has another nonce.
    const attacker = new TestClient(app.baseUrl);
    await attacker.get('/');
    const stolen = await attacker.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, _csrf: token });
    assert.equal(stolen.status, 403);
    // The victim's own form still works.
    const ok = await victim.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, _csrf: token });
    assert.equal(ok.status, 200);
  });

  test('a signed-in session does not accept an anonymous token', async () => {
    const client = new TestClient(app.baseUrl);
    const anonymous = csrfTokenIn((await client.get('/')).html)!;
    await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    const page = await client.post('/log-keluar', { _csrf: anonymous });
    assert.equal(page.status, 403);
    // Still signed in: the dashboard answers.
    assert.equal((await client.get('/laman-utama')).status, 200);
  });
});
