import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO } from '../../seeds/demo-accounts.js';
import { FORM_LIMITS } from '../../src/auth/routes.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, visibleText } from '../helpers/http.js';
import { requestFirstTime } from './support.js';

describe('per-IP rate limits on the public forms, held in PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database, smtp: a.smtp });
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  test('two app instances on one database share the limit', async () => {
    const { max } = FORM_LIMITS.loginId;
    const ca = new TestClient(a.baseUrl);
    const cb = new TestClient(b.baseUrl);
    await ca.get('/');
    await cb.get('/');
    const half = Math.ceil(max / 2);
    for (let i = 0; i < half; i++)
      assert.equal((await ca.post('/log-masuk', { loginId: '850101105441' })).status, 200);
    for (let i = half; i < max; i++)
      assert.equal((await cb.post('/log-masuk', { loginId: '850101105441' })).status, 200);
    const refusedB = await cb.post('/log-masuk', { loginId: '850101105441' });
    assert.equal(refusedB.status, 429);
    assert.ok(visibleText(refusedB.html).includes('Terlalu banyak cubaan'));
    assert.ok(Number(refusedB.headers.get('retry-after')) > 0);
    await ca.get('/');
    const refusedA = await ca.post('/log-masuk', { loginId: '850101105441' });
    assert.equal(refusedA.status, 429, 'the other instance refuses too');
    const row = await a.db('rate_limits').where('key', 'login-id:ip:127.0.0.1').first();
    assert.equal(row.count, max + 2);
    // Once the window has passed (moved in the database), posts go through again.
    await a
      .db('rate_limits')
      .where('key', 'login-id:ip:127.0.0.1')
      .update({ reset_at: a.db.raw("now() - interval '1 second'") });
    await ca.get('/');
    assert.equal((await ca.post('/log-masuk', { loginId: '850101105441' })).status, 200);
  });

  test('every public POST form is limited', async () => {
    const c = new TestClient(a.baseUrl);
    await c.get('/');
    await c.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    await c.post('/log-masuk/kata-laluan', { password: 'x' });
    for (const path of [
      '/login-kali-pertama',
      '/lupa-kata-laluan',
      '/pengaktifan',
      '/lupa-kata-laluan/soalan',
      '/lupa-kata-laluan/kata-laluan-baru',
    ]) {
      await c.get('/');
      assert.notEqual((await c.post(path, {})).status, 403, path);
    }
    const keys = await a.db('rate_limits').pluck('key');
    for (const l of Object.values(FORM_LIMITS)) assert.ok(keys.includes(`${l.name}:ip:127.0.0.1`), l.name);
  });

  test('first-time login: at most 5 emails per ID an hour', async () => {
    const p = DEMO.pendingEmployee;
    for (let i = 0; i < 5; i++)
      assert.equal((await requestFirstTime(new TestClient(b.baseUrl), p.ic, p.email)).status, 200);
    const sixth = await requestFirstTime(new TestClient(a.baseUrl), p.ic, p.email);
    assert.equal(sixth.status, 429);
  });
});
