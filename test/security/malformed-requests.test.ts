/**
 * Issue 11, item 11: a malformed language cookie (`ispeks.lang=%E0`, kept by the browser for a
 * year) must not break any page, `/bahasa` included; a form body in a charset the portal cannot
 * read answers 415 with a page that says what to do, not 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient, visibleText } from '../helpers/http.js';

describe('malformed requests', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  for (const bad of ['%E0', '%', '%zz', '%C3%28']) {
    test(`a language cookie "${bad}" is ignored: pages answer in Malay, /bahasa still works`, async () => {
      const client = new TestClient(app.baseUrl, { cookie: `ispeks.lang=${bad}` });
      for (const path of ['/', '/lupa-kata-laluan', '/login-kali-pertama', '/tiada-halaman-ini']) {
        const page = await client.get(path);
        assert.ok(page.status === 200 || page.status === 404, `${path}: ${page.status}`);
        assert.match(page.html, /<html lang="ms"/, path);
      }
      const switched = await client.get('/bahasa?lang=en&next=/');
      assert.equal(switched.status, 303);
      assert.match(switched.headers.getSetCookie().join('\n'), /ispeks\.lang=en/);
    });
  }

  test('a signed-in user with a malformed language cookie still sees their pages', async () => {
    const client = new TestClient(app.baseUrl);
    assert.equal((await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    const sid = client.cookie('ispeks.sid');
    const page = await client.request('GET', '/laman-utama', undefined, {
      cookie: `ispeks.lang=%E0; ispeks.sid=${sid}`,
    });
    assert.equal(page.status, 200);
  });

  for (const charset of ['ibm500', 'x-no-such-charset']) {
    test(`a form body in charset ${charset} answers 415 with a page that says what to do`, async () => {
      const client = new TestClient(app.baseUrl);
      await client.get('/');
      const page = await client.request('POST', '/log-masuk', 'loginId=850101105441', {
        'content-type': `application/x-www-form-urlencoded; charset=${charset}`,
      });
      assert.equal(page.status, 415);
      assert.match(visibleText(page.html), /Format borang tidak disokong/);
      assert.match(visibleText(page.html), /muat semula halaman/);
      assert.doesNotMatch(page.html, /Ralat sistem/);
    });
  }

  test('the 415 page is in English for an English visitor', async () => {
    const client = new TestClient(app.baseUrl, { cookie: 'ispeks.lang=en' });
    const page = await client.request('POST', '/lupa-kata-laluan', 'loginId=1', {
      'content-type': 'application/x-www-form-urlencoded; charset=ibm500',
    });
    assert.equal(page.status, 415);
    assert.match(visibleText(page.html), /Form format not supported/);
  });
});
