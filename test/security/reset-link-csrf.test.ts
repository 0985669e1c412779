import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, csrfTokenIn, login, visibleText } from '../helpers/http.js';
import { resetLinkIn, waitForEmail } from '../auth/support.js';

/**
 * Issue 11, item 12: login CSRF by a link. An attacker asks for a reset link for their own
 * account and gets a signed-in victim to open it; the victim's session must not be replaced by
 * the attacker's reset without the victim's say.
 */
describe('a reset link opened while signed in asks first (issue 11, item 12)', () => {
  let app: TestApp;
  let attackerLink: URL;
  before(async () => {
    app = await startTestApp();
    const attacker = DEMO.secondActiveEmployee;
    const c = new TestClient(app.baseUrl);
    await c.get('/lupa-kata-laluan');
    await c.post('/lupa-kata-laluan', { loginId: attacker.ic, email: attacker.email });
    attackerLink = new URL(
      resetLinkIn(await waitForEmail(app, attacker.email, 'Tetapan semula kata laluan')),
    );
  });
  after(async () => {
    await app.close();
  });

  const sid = (c: TestClient) => decodeURIComponent(c.cookie('ispeks.sid') ?? '');

  test("the victim's session survives the link; the page asks, and a post without the session's token is refused", async () => {
    const victim = new TestClient(app.baseUrl);
    assert.equal((await login(victim, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    const before = sid(victim);
    const opened = await victim.get(attackerLink.pathname + attackerLink.search);
    assert.equal(opened.status, 200, 'a page, not a redirect into the reset');
    const text = visibleText(opened.html);
    assert.ok(text.includes('Tamatkan sesi semasa?'), text);
    assert.ok(text.includes('Tamatkan sesi dan teruskan'), text);
    assert.equal(sid(victim), before, 'the session cookie is unchanged');
    const home = await victim.get('/laman-utama');
    assert.equal(home.status, 200, 'still signed in as the victim');
    // The questions page of the attacker's account is not reachable from this session.
    assert.equal((await victim.get('/lupa-kata-laluan/soalan')).status, 410);
    // A cross-site form cannot press the button: no token, or a token from another session.
    const forged = await victim.post('/lupa-kata-laluan/pautan', { _csrf: null });
    assert.equal(forged.status, 403);
    const other = new TestClient(app.baseUrl);
    const otherPage = await other.get('/lupa-kata-laluan');
    const crossToken = await victim.post('/lupa-kata-laluan/pautan', { _csrf: csrfTokenIn(otherPage.html)! });
    assert.equal(crossToken.status, 403);
    assert.equal((await victim.get('/laman-utama')).status, 200, 'still signed in after the forged posts');
  });

  test('pressing the button ends the session on the server and continues to the questions', async () => {
    const owner = new TestClient(app.baseUrl);
    await login(owner, DEMO.activeEmployee.ic, DEMO_PASSWORD);
    const before = sid(owner);
    const sidOnly = before.replace(/^s:/, '').split('.')[0]!;
    const page = await owner.get(attackerLink.pathname + attackerLink.search);
    const go = await owner.post('/lupa-kata-laluan/pautan', { _csrf: csrfTokenIn(page.html)! });
    assert.equal(go.status, 303);
    assert.equal(go.location, '/lupa-kata-laluan/soalan');
    assert.notEqual(sid(owner), before, 'a new session');
    assert.equal((await app.db('session').where('sid', sidOnly)).length, 0, 'the old session row is gone');
    assert.equal((await owner.get('/lupa-kata-laluan/soalan')).status, 200);
    assert.equal((await owner.get('/laman-utama')).status, 303, 'no longer signed in');
  });

  test('with nobody signed in the link still goes straight to the questions', async () => {
    const c = new TestClient(app.baseUrl);
    const opened = await c.get(attackerLink.pathname + attackerLink.search);
    assert.equal(opened.status, 303);
    assert.equal(opened.location, '/lupa-kata-laluan/soalan');
  });
});
