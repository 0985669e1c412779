/**
 * Issue 11, item 6: temporary passwords and reset links stayed in email_outbox in plain text
 * forever after sending. Once an email is delivered (or given up) its row holds no secret, while
 * the recipient got the real one; staff pages never show it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { up as redactOldRows } from '../../migrations/20261201030000_outbox_redact_sent_secrets.js';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { resetLinkEmail, temporaryPasswordEmail } from '../../src/accounts/emails.js';
import { REDACTED, revealSecrets } from '../../src/core/mail/secrets.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { login, TestClient } from '../helpers/http.js';
import { issueTemporaryPassword, loginSteps, resetLinkIn, waitForEmail } from '../auth/support.js';

interface OutboxRow {
  id: number;
  status: string;
  text_body: string;
  html_body: string;
}

/** The outbox row of the latest email of `kind` to `to`, once it is no longer pending. */
async function settledRow(app: TestApp, to: string, kind: string): Promise<OutboxRow> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const row = await app
      .db('email_outbox')
      .where({ to_address: to, kind })
      .orderBy('id', 'desc')
      .first<OutboxRow | undefined>('id', 'status', 'text_body', 'html_body');
    if (row && row.status !== 'pending') return row;
    if (Date.now() > deadline) throw new Error(`the ${kind} email to ${to} was not sent in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function assertHolds(row: OutboxRow, secret: string) {
  assert.ok(!row.text_body.includes(secret), 'no secret in the stored text');
  assert.ok(!row.html_body.includes(secret), 'no secret in the stored HTML');
  assert.ok(!row.html_body.includes(secret.replace(/&/g, '&amp;')), 'no escaped secret in the HTML');
  assert.ok(row.text_body.includes(REDACTED) && row.html_body.includes(REDACTED), 'the place is marked');
}

describe('secrets at rest in the outbox', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  test('a delivered temporary password is gone from the outbox; the catcher got the real one, which works', async () => {
    const who = DEMO.firstTimeEmployee;
    const temporary = await issueTemporaryPassword(app, who.ic, who.email);
    const row = await settledRow(app, who.email, 'temporary_password');
    assert.equal(row.status, 'sent');
    assertHolds(row, temporary);
    // What was sent was the real password, not the mark: it signs in (to activation).
    const page = await loginSteps(new TestClient(app.baseUrl), who.ic, temporary);
    assert.equal(page.status, 303);
    assert.match(page.location ?? '', /pengaktifan|aktif/i);
  });

  test('a delivered reset link is gone from the outbox; the catcher got the real one', async () => {
    const who = DEMO.secondActiveEmployee;
    const client = new TestClient(app.baseUrl);
    await client.get('/lupa-kata-laluan');
    await client.post('/lupa-kata-laluan', { loginId: who.ic, email: who.email });
    const link = resetLinkIn(await waitForEmail(app, who.email, 'Tetapan semula kata laluan'));
    const row = await settledRow(app, who.email, 'password_reset_link');
    assert.equal(row.status, 'sent');
    const token = new URL(link).searchParams.get('token')!;
    assertHolds(row, token);
    const reader = new TestClient(app.baseUrl);
    const opened = await reader.get(new URL(link).pathname + new URL(link).search);
    assert.equal(opened.location, '/lupa-kata-laluan/soalan', 'the link that was sent still works');
  });

  test('the helpdesk page of the account shows delivery facts, never the temporary password', async () => {
    const who = DEMO.pendingEmployee;
    const temporary = await issueTemporaryPassword(app, who.ic, who.email);
    await settledRow(app, who.email, 'temporary_password');
    const account = await app.db('accounts').where('login_id', who.ic).first<{ id: number }>('id');
    const helpdesk = new TestClient(app.baseUrl);
    assert.equal((await login(helpdesk, DEMO.helpdesk.ic, DEMO_PASSWORD)).status, 200);
    const page = await helpdesk.get(`/pentadbir/helpdesk/akaun/${account!.id}`);
    assert.equal(page.status, 200);
    assert.ok(!page.html.includes(temporary));
  });

  test('emails sent before this change are redacted by the migration; pending ones are left for the sender', async () => {
    const temporary = 'Lama-Rahsia-7731';
    const link = 'https://ispeks.example/lupa-kata-laluan/pautan?token=OldTokenOldToken0123456789abcdef';
    const oldStyle = (e: { subject: string; text: string; html: string }) => ({
      subject: e.subject,
      text_body: revealSecrets(e.text),
      html_body: revealSecrets(e.html),
    });
    const tp = temporaryPasswordEmail({
      loginId: '850101105441',
      temporaryPassword: temporary,
      hours: 24,
      loginUrl: 'https://ispeks.example/',
      helpdesk: 'help@selangor.gov.my',
    });
    const rl = resetLinkEmail({ link, helpdesk: 'help@selangor.gov.my' });
    const ids = await app
      .db('email_outbox')
      .insert([
        { kind: 'temporary_password', to_address: 'a@selangor.gov.my', status: 'sent', ...oldStyle(tp) },
        { kind: 'password_reset_link', to_address: 'b@selangor.gov.my', status: 'failed', ...oldStyle(rl) },
        {
          kind: 'temporary_password',
          to_address: 'c@selangor.gov.my',
          status: 'pending',
          next_attempt_at: app.db.raw("now() + interval '1 day'"),
          ...oldStyle(tp),
        },
      ])
      .returning<{ id: number }[]>('id');
    await redactOldRows(app.db);
    const rows = await app
      .db('email_outbox')
      .whereIn(
        'id',
        ids.map((r) => r.id),
      )
      .orderBy('id')
      .select<OutboxRow[]>('id', 'status', 'text_body', 'html_body');
    assertHolds(rows[0]!, temporary);
    assertHolds(rows[1]!, 'OldTokenOldToken');
    assert.ok(rows[0]!.text_body.includes('850101105441'), 'the rest of the email is kept');
    assert.ok(rows[2]!.text_body.includes(temporary), 'a pending email is not touched');
  });
});
