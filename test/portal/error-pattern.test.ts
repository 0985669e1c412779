/**
 * Issue 14 item 5: the GOV.UK error pattern in every form's error state. The error summary comes
 * first in main, focusable (tabindex=-1) and focused on load (autofocus, so also without
 * JavaScript; no field is autofocused then); each summary link names a field whose
 * aria-describedby holds its error message and which is aria-invalid=true.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_STAFF } from '../../seeds/demo-accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/http.js';
import { signIn } from './portal-helpers.js';

/** The opening tag of the element with this id, or undefined. */
function tagWithId(html: string, id: string): string | undefined {
  return new RegExp(`<[a-z]+\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
}

function assertErrorPattern(page: Page, what: string): void {
  const { html } = page;
  assert.equal(page.status, 400, `${what}: status`);
  const main = html.slice(html.indexOf('<main'));
  assert.ok(main.includes('data-error-summary'), `${what}: an error summary`);
  const summary = /<div class="error-summary"[^>]*>/.exec(main)![0];
  assert.match(summary, /tabindex="-1"/, `${what}: summary focusable`);
  assert.match(summary, /\sautofocus/, `${what}: summary focused on load`);
  const autofocused = [...html.matchAll(/<[a-z]+\b[^>]*\sautofocus[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(autofocused, [summary], `${what}: nothing else is autofocused`);
  // The summary is the first thing in main.
  assert.match(main, /^<main[^>]*>\s*<div class="error-summary"/, `${what}: summary first in main`);

  const hrefs = [...main.matchAll(/<div class="error-summary"[\s\S]*?<\/div>/g)][0]![0].matchAll(
    /href="#([^"]+)"/g,
  );
  let fields = 0;
  for (const [, id] of hrefs) {
    const control = tagWithId(html, id!);
    assert.ok(control, `${what}: the summary links to #${id}, which exists`);
    fields++;
    if (/type="radio"/.test(control)) {
      // A radio group: its fieldset is described by the error (GOV.UK radios).
      assert.match(
        html,
        new RegExp(`<fieldset[^>]*aria-describedby="[^"]*${id}-error`),
        `${what}: #${id}'s group`,
      );
    } else if (/^<(input|select|textarea)/.test(control)) {
      assert.match(control, /aria-invalid="true"/, `${what}: #${id} is aria-invalid`);
      const described = /aria-describedby="([^"]+)"/.exec(control)?.[1]?.split(' ') ?? [];
      assert.ok(described.includes(`${id}-error`), `${what}: #${id} is described by its error`);
      assert.ok(tagWithId(html, `${id}-error`), `${what}: #${id}-error exists`);
    }
  }
  assert.ok(fields > 0, `${what}: the summary links to fields`);
}

describe('the GOV.UK error pattern in every form', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ sender: false });
  });
  after(async () => {
    await app?.close();
  });

  test('public forms: login, first-time login, forgot password', async () => {
    const c = new TestClient(app.baseUrl);
    await c.get('/');
    assertErrorPattern(await c.post('/log-masuk', { loginId: '' }), 'login step 1');
    await c.get('/login-kali-pertama');
    assertErrorPattern(
      await c.post('/login-kali-pertama', { idNo: '12', email: 'bukan-emel' }),
      'first-time',
    );
    await c.get('/lupa-kata-laluan');
    assertErrorPattern(await c.post('/lupa-kata-laluan', { loginId: '', email: '' }), 'forgot');
    // Without errors the first field is autofocused, as before.
    const fresh = await c.get('/');
    assert.match(fresh.html, /<input id="loginId"[^>]*autofocus/);
    assert.doesNotMatch(fresh.html, /aria-invalid/);
  });

  test("an employee's forms: profile password, questions, phrase; eMaklum and Permohonan filters", async () => {
    const c = await signIn(app, DEMO.activeEmployee.ic);
    await c.get('/profil/kata-laluan');
    assertErrorPattern(
      await c.post('/profil/kata-laluan', { currentPassword: '', newPassword: '', confirmPassword: '' }),
      'profile password',
    );
    await c.get('/profil/soalan');
    assertErrorPattern(await c.post('/profil/soalan', { currentPassword: '' }), 'profile questions');
    await c.get('/profil/frasa');
    assertErrorPattern(await c.post('/profil/frasa', { currentPassword: '', phrase: '' }), 'profile phrase');
    assertErrorPattern(await c.get('/emaklum?dari=2026-02-30'), 'eMaklum filter');
  });

  test('staff forms: Unit Gaji email correction, audit filter', async () => {
    const admin = await signIn(app, DEMO_STAFF.admin.ic);
    assertErrorPattern(await admin.get('/pentadbir/admin/audit?from=2026-02-30'), 'audit filter');
    const payroll = await signIn(app, DEMO_STAFF.payroll.ic);
    const employee = await app
      .db('employees')
      .where('ic_no', DEMO.activeEmployee.ic)
      .first<{ id: number }>('id');
    await payroll.get(`/pentadbir/unit-gaji/pekerja/${employee!.id}`);
    assertErrorPattern(
      await payroll.post(`/pentadbir/unit-gaji/pekerja/${employee!.id}/emel`, { email: 'bukan-emel' }),
      'email correction',
    );
  });
});
