/**
 * The SMTP server down for a while, and an address the relay refuses for good. The app runs in
 * this process with its outbox sender (fast polling, back-off from one second); the SMTP server
 * is a real one (src/core/mail/smtp-catcher.ts) started, stopped and started again on one port.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { OutboxSender } from '../../src/core/mail/outbox-sender.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TestClient, login, visibleText } from '../helpers/http.js';
import { capturingLogger, eventually, freePort, startInProcessApp, type InProcessApp } from './support.js';

interface OutboxRow {
  id: number;
  status: string;
  attempts: number;
  last_error: string | null;
  account_id: number | null;
}

interface AuditRow {
  actor_account_id: number | null;
  details: Record<string, unknown>;
  ip: string | null;
}

/** A mail server that is "down" the slow way: it accepts connections and never says a word. */
async function silentServer(port: number): Promise<{ close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function firstTime(baseUrl: string, idNo: string, email: string) {
  const client = new TestClient(baseUrl);
  await client.get('/login-kali-pertama');
  const started = Date.now();
  const page = await client.post('/login-kali-pertama', { idNo, email });
  return { page, ms: Date.now() - started };
}

describe('SMTP down for a while', () => {
  let database: TestDatabase;
  let smtpPort: number;
  let app: InProcessApp;
  let smtp: SmtpCatcher | undefined;

  before(async () => {
    database = await createTestDatabase();
    smtpPort = await freePort();
    app = await startInProcessApp({
      databaseUrl: database.url,
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      sender: { pollMs: 100, baseBackoffSeconds: 1 },
    });
  });

  after(async () => {
    await app?.close();
    await smtp?.close();
    await database?.drop();
  });

  const emailFailedRows = (accountId: number) =>
    app
      .db('audit_log')
      .where({ action: 'email.failed', subject_account_id: accountId })
      .select<AuditRow[]>('actor_account_id', 'details', 'ip');

  const outboxOf = (accountId: number) =>
    app
      .db('email_outbox')
      .where('account_id', accountId)
      .orderBy('id', 'desc')
      .first<OutboxRow>('id', 'status', 'attempts', 'last_error', 'account_id');

  test('first-time login answers at once with SMTP down; the outbox keeps the email and delivers it when SMTP is back', async (t) => {
    const p = DEMO.firstTimeEmployee;
    // Down the slow way first (connections hang), then refused, then a real server again.
    const silent = await silentServer(smtpPort);
    const { page, ms } = await firstTime(app.baseUrl, p.ic, p.email);
    t.diagnostic(`first-time login answered in ${ms} ms with the SMTP server hanging`);
    assert.equal(page.status, 200);
    assert.ok(
      visibleText(page.html).includes('Maklumat pengguna berjaya di hantar ke emel yang telah didaftarkan.'),
    );
    // The sender's SMTP timeouts are 5 s: an answer well under that never waited for the mail server.
    assert.ok(ms < 3_000, `answered in ${ms} ms`);

    const account = await app
      .db('accounts')
      .where('login_id', p.ic)
      .first<{ id: number; status: string }>('id', 'status');
    assert.equal(account.status, 'pending');
    const queued = await outboxOf(account.id);
    assert.ok(queued && queued.status === 'pending', 'the email waits in the outbox');

    // The sender is stuck in the hanging connection; now the server goes away altogether.
    await eventually('the sender leased the email', async () =>
      (await outboxOf(account.id)).attempts >= 1 ? true : undefined,
    );
    await silent.close();
    const failedOnce = await eventually(
      'the failed attempt is recorded',
      async () => {
        const row = await outboxOf(account.id);
        return row.last_error ? row : undefined;
      },
      15_000,
    );
    assert.equal(failedOnce.status, 'pending', 'a failure to connect is retried, not given up');
    const refused = await eventually(
      'a retry finds the port closed',
      async () => {
        const row = await outboxOf(account.id);
        return row.last_error?.includes('ECONNREFUSED') ? row : undefined;
      },
      15_000,
    );
    assert.equal(refused.status, 'pending', 'still waiting to be sent');
    t.diagnostic(
      `while SMTP was down: "${failedOnce.last_error}", then after ${refused.attempts} attempts "${refused.last_error}"`,
    );

    // Helpdesk sees that the email is waiting to be retried.
    const helpdesk = new TestClient(app.baseUrl);
    assert.equal((await login(helpdesk, DEMO.helpdesk.ic, DEMO_PASSWORD)).status, 200);
    const retrying = visibleText((await helpdesk.get(`/pentadbir/helpdesk/akaun/${account.id}`)).html);
    assert.match(retrying, /Cubaan \d+ gagal; akan dicuba semula/);

    // The SMTP server comes back on the same port: the email goes out, once.
    const downFor = Date.now();
    smtp = await startSmtpCatcher(smtpPort);
    const mail = await smtp.waitFor((m) => m.to.includes(p.email.toLowerCase()), 20_000);
    t.diagnostic(`delivered ${Date.now() - downFor} ms after the SMTP server came back`);
    assert.match(mail.text, /Kata laluan sementara: \S+/);
    const sent = await eventually('the outbox row is marked sent', async () => {
      const row = await outboxOf(account.id);
      return row.status === 'sent' ? row : undefined;
    });
    assert.equal(sent.last_error, null);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(
      smtp.messages.filter((m) => m.to.includes(p.email.toLowerCase())).length,
      1,
      'sent exactly once',
    );
    const delivered = visibleText((await helpdesk.get(`/pentadbir/helpdesk/akaun/${account.id}`)).html);
    assert.ok(delivered.includes('Telah dihantar'), 'helpdesk sees it sent');
    assert.deepEqual(await emailFailedRows(account.id), [], 'an email retried and delivered is no failure');
  });

  test('an address the relay refuses (550) is marked failed with the error, not retried, and helpdesk sees it', async (t) => {
    smtp ??= await startSmtpCatcher(smtpPort);
    const c = DEMO.firstTimeCompany;
    smtp.rejectRecipients.add(c.email.toLowerCase());
    const { page } = await firstTime(app.baseUrl, c.companyId, c.email);
    assert.equal(page.status, 200);
    const account = await app.db('accounts').where('login_id', c.companyId).first<{ id: number }>('id');
    const failed = await eventually('the email is marked failed', async () => {
      const row = await outboxOf(account.id);
      return row.status === 'failed' ? row : undefined;
    });
    t.diagnostic(`failed after ${failed.attempts} attempt(s): "${failed.last_error}"`);
    assert.equal(failed.attempts, 1, 'a permanent refusal is not retried');
    assert.match(failed.last_error ?? '', /550/);
    assert.equal(smtp.messages.filter((m) => m.to.includes(c.email.toLowerCase())).length, 0);

    const helpdesk = new TestClient(app.baseUrl);
    assert.equal((await login(helpdesk, DEMO.helpdesk.ic, DEMO_PASSWORD)).status, 200);
    const text = visibleText((await helpdesk.get(`/pentadbir/helpdesk/akaun/${account.id}`)).html);
    assert.ok(text.includes('Gagal dihantar'), 'helpdesk sees the failed delivery');
    assert.match(text, /550/, 'with the relay’s answer');

    // The give-up is in the audit log, once (the sender keeps polling meanwhile), with what it
    // was and why, and nothing of the email itself: no body, no temporary password, no address.
    await new Promise((r) => setTimeout(r, 500));
    const audited = await emailFailedRows(account.id);
    assert.equal(audited.length, 1, 'one email.failed row');
    const row = audited[0]!;
    assert.equal(row.actor_account_id, null, 'no person did it');
    assert.deepEqual(row.details, {
      outboxId: failed.id,
      kind: 'temporary_password',
      attempts: 1,
      reason: 'refused',
      smtpCode: 550,
      toDomain: 'agrohijau.com.my',
    });
    const { text_body: body } = await app
      .db('email_outbox')
      .where('id', failed.id)
      .first<{ text_body: string }>('text_body');
    // Given up, the row keeps no temporary password either (issue 11, item 6).
    assert.match(
      body,
      /Kata laluan sementara: \[disembunyikan/,
      'the outbox row holds no temporary password',
    );
    const stored = JSON.stringify(row);
    assert.ok(!stored.includes('Kata laluan'), 'no body in the audit row');
    assert.ok(!stored.includes(c.email.split('@')[0]!), 'no address in the audit row');
  });

  test('an email that fails until its last attempt is marked failed and audited once', async () => {
    // The app's own sender would deliver the email through the running SMTP server: stop it and
    // send with one of this test's, two attempts at most, to a port where nothing listens.
    await app.sender.stop();
    // An employee of the demo data with no account yet (not the one of the first test).
    const p = await app
      .db('employees as e')
      .leftJoin('accounts as a', 'a.employee_id', 'e.id')
      .whereNull('a.id')
      .where('e.email', 'like', '%.gov.my')
      .whereNot('e.ic_no', DEMO.firstTimeEmployee.ic)
      .orderBy('e.id')
      .first<{ ic: string; email: string }>('e.ic_no as ic', 'e.email');
    const { page } = await firstTime(app.baseUrl, p.ic, p.email);
    assert.equal(page.status, 200);
    const account = await app.db('accounts').where('login_id', p.ic).first<{ id: number }>('id');
    const { logger } = capturingLogger('silent');
    const sender = new OutboxSender({
      db: app.db,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: app.config.MAIL_FROM,
      logger,
      maxAttempts: 2,
      baseBackoffSeconds: 0,
    });
    try {
      assert.equal(await sender.drain(), 2, 'tried, then tried again at once (no back-off)');
      assert.equal(await sender.drain(), 0, 'not tried a third time');
    } finally {
      await sender.stop();
    }
    const row = await outboxOf(account.id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 2);
    const audited = await emailFailedRows(account.id);
    assert.equal(audited.length, 1, 'one email.failed row');
    assert.deepEqual(audited[0]!.details, {
      outboxId: row.id,
      kind: 'temporary_password',
      attempts: 2,
      reason: 'max_attempts',
      toDomain: p.email.split('@')[1],
    });
  });
});
