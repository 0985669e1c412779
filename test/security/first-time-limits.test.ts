import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { FORM_LIMITS } from '../../src/auth/routes.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import { requestFirstTime, waitForEmail } from '../auth/support.js';

/**
 * Issue 11, item 14: first-time login was counted per ID before the email was checked, so six
 * requests an hour with someone's IC blocked their own first login; and rate_limits rows (which
 * hold IC numbers) stayed forever.
 */
const SENT = 'Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.';

describe('first-time login limits and the pruning of rate_limits (issue 11, item 14)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test("ten requests with someone's IC and wrong emails do not block the owner's own first login", async () => {
    const p = DEMO.pendingEmployee;
    for (let i = 0; i < 10; i++) {
      const page = await requestFirstTime(
        new TestClient(app.baseUrl),
        p.ic,
        `orang.lain${i}@selangor.gov.my`,
      );
      assert.equal(page.status, 200, `stranger's request ${i + 1}`);
    }
    const own = await requestFirstTime(new TestClient(app.baseUrl), p.ic, p.email);
    assert.equal(own.status, 200, 'the owner is not refused');
    assert.ok(visibleText(own.html).includes(SENT), visibleText(own.html));
    await waitForEmail(app, p.email, 'Kata laluan sementara');
  });

  test('the same (ID, email) pair is still limited to five an hour', async () => {
    const p = DEMO.pendingEmployee;
    const email = 'sama.sahaja@selangor.gov.my';
    for (let i = 0; i < 5; i++)
      assert.equal((await requestFirstTime(new TestClient(app.baseUrl), p.ic, email)).status, 200);
    const sixth = await requestFirstTime(new TestClient(app.baseUrl), p.ic, email);
    assert.equal(sixth.status, 429);
    assert.ok(visibleText(sixth.html).includes('Terlalu banyak cubaan'));
  });

  test('volume is bounded per IP', async () => {
    await app.db('rate_limits').delete();
    const { max } = FORM_LIMITS.firstTime;
    const c = new TestClient(app.baseUrl);
    await c.get('/login-kali-pertama');
    for (let i = 0; i < max; i++) {
      const page = await c.post('/login-kali-pertama', {
        idNo: '850101105441',
        email: `volum${i}@selangor.gov.my`,
      });
      assert.equal(page.status, 200, `request ${i + 1}`);
    }
    const over = await c.post('/login-kali-pertama', { idNo: '900101105445', email: 'lagi@selangor.gov.my' });
    assert.equal(over.status, 429);
  });

  test('rows whose window has ended are deleted by the next counter write; live ones stay', async () => {
    await app.db('rate_limits').delete();
    const ic = DEMO.activeEmployee.ic;
    await app.db('rate_limits').insert([
      { key: `first-time:id:${ic}`, count: 6, reset_at: app.db.raw("now() - interval '1 minute'") },
      { key: 'first-time:pair:expired', count: 2, reset_at: app.db.raw("now() - interval '1 second'") },
      { key: 'login-id:ip:10.0.0.9', count: 3, reset_at: app.db.raw("now() - interval '2 hours'") },
      { key: 'first-time:pair:live', count: 1, reset_at: app.db.raw("now() + interval '30 minutes'") },
    ]);
    const c = new TestClient(app.baseUrl);
    await c.get('/');
    assert.equal((await c.post('/log-masuk', { loginId: '850101105441' })).status, 200);
    const keys = (await app.db('rate_limits').pluck('key')).sort();
    assert.deepEqual(keys, ['first-time:pair:live', 'login-id:ip:127.0.0.1']);
    assert.ok(!keys.some((k: string) => k.includes(ic)), 'no IC number outlives its window');
  });
});
