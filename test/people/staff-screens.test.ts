/**
 * Issue 14 items 15 and 16: the helpdesk's temporary-password facts agree with its event list
 * after a Unit Gaji reset; the Unit Gaji search flags a non-official email with the fix one click
 * away.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { formatDateTime } from '../../src/core/format.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient, visibleText } from '../helpers/http.js';
import { accountId, issueTemporaryPassword } from '../auth/support.js';

describe('staff screens people can read (issue 14)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  test('helpdesk after a Unit Gaji reset: "Kata laluan sementara terakhir dihantar" and its delivery agree with the event list', async () => {
    const p = DEMO.firstTimeEmployee;
    await issueTemporaryPassword(app, p.ic, p.email);
    const id = await accountId(app.db, p.ic);
    // Wait until the outbox has delivered it.
    for (let i = 0; i < 100; i++) {
      const o = await app
        .db('email_outbox')
        .where({ account_id: id, kind: 'temporary_password' })
        .first('status');
      if (o?.status === 'sent') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const employee = await app.db('employees').where('ic_no', p.ic).first<{ id: number }>('id');
    const payroll = new TestClient(app.baseUrl);
    await login(payroll, DEMO.payrollOfficer.ic, DEMO_PASSWORD);
    await payroll.get(`/pentadbir/unit-gaji/pekerja/${employee!.id}`);
    const reset = await payroll.post(`/pentadbir/unit-gaji/pekerja/${employee!.id}/set-semula`, {});
    assert.equal(reset.status, 303);

    const helpdesk = new TestClient(app.baseUrl);
    await login(helpdesk, DEMO.helpdesk.ic, DEMO_PASSWORD);
    const page = await helpdesk.get(`/pentadbir/helpdesk/akaun/${id}`);
    assert.equal(page.status, 200);
    const sent = await app
      .db('audit_log')
      .where({ subject_account_id: id, action: 'temp_password.sent' })
      .orderBy('id', 'desc')
      .first<{ occurred_at: Date }>('occurred_at');
    const text = visibleText(page.html);
    assert.ok(text.includes('Kata laluan sementara dihantar'), 'the event list shows it sent');
    assert.ok(
      text.includes(`Kata laluan sementara terakhir dihantar ${formatDateTime(sent!.occurred_at)}`),
      text,
    );
    assert.match(page.html, /data-field="delivery">\s*<span class="badge badge--ok">Telah dihantar<\/span>/);
  });

  test('Unit Gaji search flags a non-official email, and "Betulkan emel" opens the form to fix it', async () => {
    const p = DEMO.outdatedEmailEmployee;
    const payroll = new TestClient(app.baseUrl);
    await login(payroll, DEMO.payrollOfficer.ic, DEMO_PASSWORD);
    const search = await payroll.get(`/pentadbir/unit-gaji?q=${encodeURIComponent(p.name)}`);
    const text = visibleText(search.html);
    assert.ok(text.includes(p.email), text);
    assert.ok(text.includes('Bukan emel rasmi'));
    const employee = await app.db('employees').where('ic_no', p.ic).first<{ id: number }>('id');
    const link = `/pentadbir/unit-gaji/pekerja/${employee!.id}#email`;
    assert.ok(search.html.includes(`<a href="${link}">Betulkan emel`), 'the fix is one click away');
    const form = await payroll.get(link.replace('#email', ''));
    assert.match(form.html, /<input id="email"[^>]*name="email"/);
    // An official address is not flagged.
    const official = await payroll.get(
      `/pentadbir/unit-gaji?q=${encodeURIComponent(DEMO.activeEmployee.name)}`,
    );
    assert.ok(visibleText(official.html).includes(DEMO.activeEmployee.email));
    assert.ok(!official.html.includes('data-unofficial-email'));
  });
});
