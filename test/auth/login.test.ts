import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD, DEMO_SECRET_PHRASE } from '../../seeds/demo-accounts.js';
import { argon2Calls } from '../helpers/argon2-calls.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, csrfTokenIn, visibleText } from '../helpers/http.js';
import { accountId, auditActions, emailsTo, loginSteps, waitForEmail } from './support.js';

const FAILED = 'ID Pengguna atau Kata Laluan tidak sah.';
const LOCKED =
  'Akaun anda telah dikunci buat sementara kerana terlalu banyak cubaan yang gagal. Sila cuba semula kemudian atau gunakan Lupa Kata Laluan.';

function sidOf(client: TestClient): string {
  const raw = decodeURIComponent(client.cookie('ispeks.sid') ?? '');
  return raw.replace(/^s:/, '').split('.')[0]!;
}

/** Step 2 with what differs between two IDs blanked out: the phrase, the image, the ID, the token. */
function shape(html: string): string {
  return html
    .replace(/<span data-secret-phrase>[^<]*<\/span>/, '<span data-secret-phrase>PHRASE</span>')
    .replace(/src="\/public\/img\/secret\/[^"]+"/, 'src="IMAGE"')
    .replace(/alt="Imej rahsia anda: [^"]*"/, 'alt="LABEL"')
    .replace(/value="\d{12}" readonly/, 'value="ID" readonly')
    .replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value="TOKEN"');
}

describe('Log Masuk: two steps, decoys, lockout, sessions', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test("step 2 shows the account's phrase and image; a known and an unknown ID give pages of the same shape and status", async () => {
    const known = new TestClient(app.baseUrl);
    await known.get('/');
    const k = await known.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    assert.equal(k.status, 200);
    assert.ok(visibleText(k.html).includes(`Frasa Rahsia : ${DEMO_SECRET_PHRASE}`));
    assert.match(k.html, /src="\/public\/img\/secret\/bunga-raya\.svg"/);

    const unknown = new TestClient(app.baseUrl);
    await unknown.get('/');
    const u = await unknown.post('/log-masuk', { loginId: '850101105441' });
    assert.equal(u.status, k.status);
    assert.ok(visibleText(u.html).includes('Frasa Rahsia :'));
    assert.match(u.html, /src="\/public\/img\/secret\/[a-z-]+\.svg"/);
    assert.equal(shape(u.html), shape(k.html));
    // The failure after a wrong password: the same status and page for both.
    const kf = await known.post('/log-masuk/kata-laluan', { password: 'not the password at all' });
    const uf = await unknown.post('/log-masuk/kata-laluan', { password: 'not the password at all' });
    assert.equal(kf.status, 401);
    assert.equal(uf.status, 401);
    assert.equal(shape(uf.html), shape(kf.html));
  });

  test('the decoy is stable per ID and differs between IDs', async () => {
    const phraseOf = async (id: string) => {
      const c = new TestClient(app.baseUrl);
      await c.get('/');
      const p = await c.post('/log-masuk', { loginId: id });
      return [
        /<span data-secret-phrase>([^<]*)<\/span>/.exec(p.html)?.[1],
        /secret\/([a-z-]+\.svg)/.exec(p.html)?.[1],
      ];
    };
    const a1 = await phraseOf('850101105441');
    const a2 = await phraseOf('850101-10-5441');
    assert.deepEqual(a1, a2);
    assert.ok(a1[0] && a1[1]);
    const others = await Promise.all(
      ['850101105443', '900101105445', '770707105447', 'ABC-1234'].map(phraseOf),
    );
    assert.ok(
      others.some((o) => o[0] !== a1[0]),
      'different IDs get different decoys',
    );
  });

  test('an unknown ID costs exactly one argon2 verification, like a known one', async () => {
    // The fixed hash an unknown ID is verified against is made once, on first use: not counted.
    const warm = new TestClient(app.baseUrl);
    await warm.get('/');
    await warm.post('/log-masuk', { loginId: '850101105449' });
    await warm.post('/log-masuk/kata-laluan', { password: 'warming the fixed hash' });
    for (const id of ['850101105441', DEMO.activeEmployee.ic, DEMO.pendingEmployee.ic]) {
      const c = new TestClient(app.baseUrl);
      await c.get('/');
      await c.post('/log-masuk', { loginId: id });
      const before = { ...argon2Calls };
      const page = await c.post('/log-masuk/kata-laluan', { password: 'wrong password for counting' });
      assert.equal(page.status, 401);
      assert.equal(argon2Calls.verifications - before.verifications, 1, `one verification for ${id}`);
      assert.equal(argon2Calls.hashes - before.hashes, 0);
    }
  });

  test('login: a new session ID and a new CSRF token; the old session is useless; audit with IP and user agent', async () => {
    const client = new TestClient(app.baseUrl, { 'user-agent': 'login-test-agent' });
    await client.get('/');
    await client.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    const sidBefore = sidOf(client);
    const oldCookie = client.cookie('ispeks.sid')!;
    const tokenBefore = csrfTokenIn(client.lastHtml);
    assert.ok(sidBefore && tokenBefore);
    const done = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/laman-utama');
    assert.notEqual(sidOf(client), sidBefore, 'a new session ID at login');
    const profile = await client.get('/profil');
    assert.equal(profile.status, 200);
    const tokenAfter = csrfTokenIn(profile.html);
    assert.ok(tokenAfter);
    assert.notEqual(tokenAfter, tokenBefore, 'the CSRF token rotates at login');
    assert.equal(profile.headers.get('cache-control'), 'no-store');
    // The token from before the login is refused now.
    const stale = await client.post('/profil/notifikasi', { _csrf: tokenBefore!, notifyPaymentStatus: '1' });
    assert.equal(stale.status, 403);
    const noToken = await client.post('/profil/notifikasi', { _csrf: null, notifyPaymentStatus: '1' });
    assert.equal(noToken.status, 403);
    // The pre-login session ID gives nothing.
    const old = new TestClient(app.baseUrl);
    const res = await old.request('GET', '/laman-utama', undefined, { cookie: `ispeks.sid=${oldCookie}` });
    assert.equal(res.status, 303);

    const id = await accountId(app.db, DEMO.activeEmployee.ic);
    const row = await app
      .db('audit_log')
      .where({ action: 'login.ok', subject_account_id: id })
      .orderBy('id', 'desc')
      .first();
    assert.equal(row.ip, '127.0.0.1');
    assert.equal(row.user_agent, 'login-test-agent');
    const all = JSON.stringify(await app.db('audit_log').select('details'));
    assert.ok(
      !all.includes(DEMO_PASSWORD) && !all.includes('not the password at all'),
      'no password in the audit log',
    );
  });

  test('CSRF: both login steps refuse a post without the token or with a forged one', async () => {
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    assert.equal(
      (await client.post('/log-masuk', { _csrf: null, loginId: DEMO.activeEmployee.ic })).status,
      403,
    );
    await client.get('/');
    await client.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    assert.equal(
      (await client.post('/log-masuk/kata-laluan', { _csrf: 'forged', password: DEMO_PASSWORD })).status,
      403,
    );
    for (const path of ['/login-kali-pertama', '/lupa-kata-laluan']) {
      const c = new TestClient(app.baseUrl);
      await c.get(path);
      assert.equal(
        (await c.post(path, { _csrf: null, idNo: 'x', loginId: 'x', email: 'x' })).status,
        403,
        path,
      );
    }
  });

  test('lockout: the fifth wrong password in a row locks for 15 minutes, the owner is emailed; while locked the right and a wrong password get the same answer', async () => {
    const p = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, p.ic);
    const client = new TestClient(app.baseUrl);
    await client.get('/');
    await client.post('/log-masuk', { loginId: p.ic });
    for (let i = 1; i <= 4; i++) {
      const page = await client.post('/log-masuk/kata-laluan', { password: `wrong password ${i}` });
      assert.ok(visibleText(page.html).includes(FAILED));
    }
    assert.equal((await app.db('accounts').where('id', id).first()).failed_count, 4);
    const fifth = await client.post('/log-masuk/kata-laluan', { password: 'wrong password 5' });
    assert.ok(visibleText(fifth.html).includes(FAILED), 'the fifth wrong one says nothing about a lock');
    const locked = await app.db('accounts').where('id', id).first();
    assert.equal(locked.lock_count, 1);
    const minutes = (new Date(locked.locked_until).getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 14.9 && minutes <= 15, `locked for 15 minutes (${minutes})`);
    const email = await waitForEmail(app, p.email, 'Akaun dikunci sementara');
    assert.ok(email.text.includes('15 minit') && email.text.includes('15 minutes'));
    assert.ok(email.text.includes('/lupa-kata-laluan'));
    assert.ok((await auditActions(app.db, id)).includes('account.locked'));

    // While locked (issue 11, item 2): nothing is verified and the right and a wrong password get
    // the same answer; this browser made the failed attempts, so it is told of the lock.
    const wrong = await client.post('/log-masuk/kata-laluan', { password: 'still wrong' });
    assert.equal(wrong.status, 401);
    assert.ok(visibleText(wrong.html).includes(LOCKED), 'the browser that locked it is told');
    const right = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    assert.equal(right.status, 401);
    assert.ok(visibleText(right.html).includes(LOCKED), 'the same answer for the right password');
    assert.equal(emailsTo(app, p.email, 'Akaun dikunci sementara').length, 1, 'one email per lock');

    // The window passes (moved in the database, not waited for): the right password works and resets the counts.
    await app
      .db('accounts')
      .where('id', id)
      .update({ locked_until: app.db.raw("now() - interval '1 second'") });
    const ok = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, '/laman-utama');
    const after = await app.db('accounts').where('id', id).first();
    assert.equal(after.failed_count, 0);
    assert.equal(after.locked_until, null);
  });

  test('a repeated lock doubles: 15, then 30 minutes; the count restarts after a lock runs out', async () => {
    const p = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, p.ic);
    const fail = async (n: number) => {
      const c = new TestClient(app.baseUrl);
      await c.get('/');
      await c.post('/log-masuk', { loginId: p.ic });
      for (let i = 0; i < n; i++) await c.post('/log-masuk/kata-laluan', { password: `bad guess ${i}` });
    };
    await fail(5);
    let row = await app.db('accounts').where('id', id).first();
    assert.equal(row.lock_count, 1);
    await app
      .db('accounts')
      .where('id', id)
      .update({ locked_until: app.db.raw("now() - interval '1 second'") });
    await fail(4);
    row = await app.db('accounts').where('id', id).first();
    assert.equal(row.failed_count, 4, 'the count restarted after the lock ran out');
    assert.equal(row.locked_until, null);
    await fail(1);
    row = await app.db('accounts').where('id', id).first();
    assert.equal(row.lock_count, 2);
    const minutes = (new Date(row.locked_until).getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 29.9 && minutes <= 30, `the second lock lasts 30 minutes (${minutes})`);
    const second = await waitForEmail(app, p.email, 'Akaun dikunci sementara', 3);
    assert.ok(second.text.includes('30 minit') && second.text.includes('30 minutes'));
    await app
      .db('accounts')
      .where('id', id)
      .update({ locked_until: app.db.raw("now() - interval '1 second'") });
  });

  test('a successful login resets the count: 4 wrong, 1 right, 4 wrong do not lock', async () => {
    const p = DEMO.secondActiveEmployee;
    const id = await accountId(app.db, p.ic);
    const c = new TestClient(app.baseUrl);
    await c.get('/');
    await c.post('/log-masuk', { loginId: p.ic });
    for (let i = 0; i < 4; i++) await c.post('/log-masuk/kata-laluan', { password: `miss ${i}` });
    assert.equal((await c.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD })).status, 303);
    const d = new TestClient(app.baseUrl);
    await d.get('/');
    await d.post('/log-masuk', { loginId: p.ic });
    for (let i = 0; i < 4; i++) await d.post('/log-masuk/kata-laluan', { password: `miss again ${i}` });
    const row = await app.db('accounts').where('id', id).first();
    assert.equal(row.failed_count, 4);
    assert.equal(row.locked_until, null);
    assert.equal(row.lock_count, 0);
  });

  test('the seeded locked account answers the right password as a wrong one (a fresh browser), and unlocks after the window', async () => {
    const p = DEMO.lockedEmployee;
    // The lock is not told from the account's state: that would tell a stranger the ID exists.
    const page = await loginSteps(new TestClient(app.baseUrl), p.ic, DEMO_PASSWORD);
    assert.equal(page.status, 401);
    assert.ok(visibleText(page.html).includes(FAILED), 'the answer a wrong password gets');
    await app
      .db('accounts')
      .where('login_id', p.ic)
      .update({ locked_until: app.db.raw("now() - interval '1 second'") });
    const ok = await loginSteps(new TestClient(app.baseUrl), p.ic, DEMO_PASSWORD);
    assert.equal(ok.location, '/laman-utama');
  });

  test('idle timeout: after 15 minutes without a request the session ends with the "session ended" page', async () => {
    const client = new TestClient(app.baseUrl);
    const done = await loginSteps(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    assert.equal(done.status, 303);
    assert.equal((await client.get('/profil')).status, 200);
    const sid = sidOf(client);
    app.clock.advance(16 * 60_000);
    const page = await client.get('/profil');
    app.clock.reset();
    assert.equal(page.status, 303);
    assert.equal(page.location, '/sesi-tamat');
    assert.equal((await app.db('session').where('sid', sid)).length, 0, 'the session row is gone');
    const ended = await client.get('/sesi-tamat');
    assert.match(visibleText(ended.html), /Sesi telah tamat/);
    assert.equal((await client.get('/profil')).status, 303);
  });

  test('idle timeout just inside the window keeps the session; absolute timeout of 8 hours ends it', async () => {
    const client = new TestClient(app.baseUrl);
    await loginSteps(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    try {
      // A request every 14 minutes keeps the session (each one renews the idle time) ...
      for (let elapsed = 14; elapsed < 8 * 60; elapsed += 14) {
        app.clock.advance(14 * 60_000);
        assert.equal((await client.get('/profil')).status, 200, `${elapsed} minutes in, 14 idle`);
      }
      // ... until 8 hours after the sign-in, however active the user is.
      app.clock.reset();
      app.clock.advance(8 * 3_600_000 + 60_000);
      const page = await client.get('/profil');
      assert.equal(page.location, '/sesi-tamat');
    } finally {
      app.clock.reset();
    }
  });

  test('Log Keluar destroys the session on the server', async () => {
    const client = new TestClient(app.baseUrl);
    await loginSteps(client, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    const page = await client.get('/profil');
    const sid = sidOf(client);
    const cookie = client.cookie('ispeks.sid')!;
    assert.equal((await app.db('session').where('sid', sid)).length, 1);
    const out = await client.post('/log-keluar', { _csrf: csrfTokenIn(page.html)! });
    assert.equal(out.status, 303);
    assert.equal((await app.db('session').where('sid', sid)).length, 0);
    const replay = await new TestClient(app.baseUrl).request('GET', '/profil', undefined, {
      cookie: `ispeks.sid=${cookie}`,
    });
    assert.equal(replay.status, 303);
    assert.ok(
      (await auditActions(app.db, await accountId(app.db, DEMO.activeEmployee.ic))).includes('logout'),
    );
  });

  test('a pending login session expires on the activation page too', async () => {
    const p = DEMO.pendingEmployee;
    const { DEMO_TEMP_PASSWORD } = await import('../../seeds/demo-accounts.js');
    const client = new TestClient(app.baseUrl);
    const done = await loginSteps(client, p.ic, DEMO_TEMP_PASSWORD);
    assert.equal(done.location, '/pengaktifan');
    app.clock.advance(16 * 60_000);
    const page = await client.get('/pengaktifan');
    app.clock.reset();
    assert.equal(page.location, '/sesi-tamat');
  });

  test('step 1 and step 2 refuse empty and over-long input with a message at the field', async () => {
    const c = new TestClient(app.baseUrl);
    await c.get('/');
    const empty = await c.post('/log-masuk', { loginId: '' });
    assert.equal(empty.status, 400);
    assert.ok(
      empty.html.includes('<p class="field-error" id="loginId-error">Sila masukkan ID Pengguna.</p>'),
    );
    const long = await c.post('/log-masuk', { loginId: 'A'.repeat(40) });
    assert.equal(long.status, 400);
    assert.ok(long.html.includes('id="loginId-error"'));
    await c.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    const noPassword = await c.post('/log-masuk/kata-laluan', { password: '' });
    assert.equal(noPassword.status, 400);
    assert.ok(
      noPassword.html.includes('<p class="field-error" id="password-error">Sila masukkan Kata Laluan.</p>'),
    );
  });
});
