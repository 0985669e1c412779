/**
 * PostgreSQL stopped and started again under a running app. The test has a PostgreSQL server of
 * its own (so stopping it disturbs no other test file) and the app in this process, on its own
 * pools, exactly as createApp builds it for the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { isDatabaseUnavailable } from '../../src/core/db.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { TestClient, csrfTokenIn, login, visibleText, type Page } from '../helpers/http.js';
import {
  eventually,
  leaksInternals,
  sleep,
  startInProcessApp,
  startOwnPostgres,
  within,
  type InProcessApp,
  type OwnPostgres,
} from './support.js';

interface Attempt {
  ic: string;
  email: string;
  status: number | string;
  sent: boolean;
}

describe('PostgreSQL stopped and started again while the app runs', () => {
  let pg: OwnPostgres;
  let smtp: SmtpCatcher;
  let app: InProcessApp;

  before(async () => {
    pg = await startOwnPostgres('db-restart');
    smtp = await startSmtpCatcher(0);
    app = await startInProcessApp({ databaseUrl: pg.url, smtpUrl: smtp.url });
  });

  after(async () => {
    await app?.close();
    await smtp?.close();
    await pg?.destroy();
  });

  test('the outage gives the 503 page at once, the same process serves again afterwards, no half-written account', async (t) => {
    const user = new TestClient(app.baseUrl);
    assert.equal((await login(user, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    const anonymous = new TestClient(app.baseUrl);
    const loginPage = await anonymous.get('/');
    assert.equal(loginPage.status, 200);
    // The login form as the browser holds it: each try re-submits it (with its CSRF token).
    const loginToken = csrfTokenIn(loginPage.html)!;

    // Employees with no account yet: first-time logins run before, during and after the outage.
    const candidates: { ic: string; email: string }[] = await app
      .db('employees as e')
      .leftJoin('accounts as a', 'a.employee_id', 'e.id')
      .whereNull('a.id')
      .where('e.email', 'like', '%.gov.my')
      .orderBy('e.id')
      .limit(40)
      .select('e.ic_no as ic', 'e.email');
    assert.ok(candidates.length >= 20);
    const attempts: Attempt[] = [];
    let writing = true;
    const writer = async () => {
      while (writing) {
        const c = candidates.shift();
        if (!c) return;
        const client = new TestClient(app.baseUrl);
        let status: number | string;
        let sent = false;
        try {
          const form = await client.get('/login-kali-pertama');
          const page =
            form.status === 200
              ? await client.post('/login-kali-pertama', { idNo: c.ic, email: c.email })
              : form;
          status = page.status;
          sent = visibleText(page.html).includes('Maklumat pengguna berjaya di hantar');
        } catch (err) {
          const e = err as Error & { cause?: { code?: string; message?: string } };
          status = `${e.message} (${e.cause?.code ?? e.cause?.message ?? ''})`;
        }
        attempts.push({ ...c, status, sent });
        // Slower while the database is down, so that some employees are left for afterwards.
        await sleep(status === 200 ? 150 : 400);
      }
    };
    const writers = [writer(), writer()];
    await sleep(400);

    // ------------------------------------------------------------ the outage
    let started = Date.now();
    await pg.server.stop();
    t.diagnostic(`PostgreSQL stopped in ${Date.now() - started} ms`);

    const probes: [string, () => Promise<Page>][] = [
      ['signed-in dashboard', () => user.get('/laman-utama')],
      ['signed-in payslip list', () => user.get('/epayslip')],
      [
        'login step 1',
        () => anonymous.post('/log-masuk', { loginId: DEMO.activeEmployee.ic, _csrf: loginToken }),
      ],
    ];
    const outageTimes: number[] = [];
    const outageEnds = Date.now() + 2_500;
    while (Date.now() < outageEnds) {
      for (const [what, probe] of probes) {
        const t0 = Date.now();
        const page = await within(10_000, what, probe());
        const ms = Date.now() - t0;
        outageTimes.push(ms);
        assert.equal(page.status, 503, `${what} during the outage`);
        assert.ok(ms < 2_000, `${what} answered in ${ms} ms: the outage must not hang a request`);
        const text = visibleText(page.html);
        assert.ok(text.includes('PORTAL iSPEKS versi 2.1'), `${what}: the 503 page is in the portal frame`);
        assert.ok(text.includes('Bantuan Helpdesk'), `${what}: the frame's footer`);
        assert.ok(Number(page.headers.get('retry-after')) > 0, `${what}: Retry-After`);
        assert.ok(!leaksInternals(page.html), `${what}: no stack trace or raw error:\n${text}`);
      }
      await sleep(100);
    }
    t.diagnostic(
      `${outageTimes.length} requests during the outage: all 503, slowest ${Math.max(...outageTimes)} ms, ` +
        `median ${outageTimes.sort((a, b) => a - b)[Math.floor(outageTimes.length / 2)]} ms`,
    );

    // ------------------------------------------------------------ back again
    started = Date.now();
    await pg.server.start();
    const restartMs = Date.now() - started;
    const dashboard = await eventually(
      'the dashboard serves again',
      async () => {
        const page = await within(10_000, 'dashboard after restart', user.get('/laman-utama'));
        return page.status === 200 ? page : undefined;
      },
      15_000,
      100,
    );
    t.diagnostic(
      `PostgreSQL started again in ${restartMs} ms; the app served the dashboard ${Date.now() - started} ms after the restart began`,
    );
    assert.ok(
      visibleText(dashboard.html).includes(DEMO.activeEmployee.name),
      'the session made before the outage is still valid',
    );
    for (let i = 0; i < 5; i++) assert.equal((await user.get('/epayslip')).status, 200);
    const fresh = new TestClient(app.baseUrl);
    assert.equal((await login(fresh, DEMO.secondActiveEmployee.ic, DEMO_PASSWORD)).status, 200);
    await sleep(500);
    writing = false;
    await Promise.all(writers);

    // ------------------------------------------------------------ nothing half-written
    const tried = attempts.map((a) => a.ic);
    t.diagnostic(
      `first-time logins around the outage: ${attempts.length} (${attempts.filter((a) => a.sent).length} sent, ` +
        `statuses ${[...new Set(attempts.map((a) => a.status))].join(', ')})`,
    );
    assert.ok(
      attempts.some((a) => a.sent),
      'some first-time logins went through',
    );
    const logged = [
      ...new Set(
        app
          .logs()
          .filter((l) => l.msg === 'request failed')
          .map((l) => (l.err as { message?: string }).message),
      ),
    ];
    // 200: sent; 503: the outage; 403: a form whose session could not be stored during the outage.
    assert.ok(
      attempts.every((a) => a.status === 200 || a.status === 503 || a.status === 403),
      `every first-time login got a page: ${JSON.stringify(attempts.filter((a) => ![200, 503, 403].includes(a.status as number)))}; errors logged: ${logged.join(' | ')}`,
    );
    const accounts: {
      login_id: string;
      status: string;
      temp_password_hash: string | null;
      temp_password_outbox_id: number | null;
      outbox_id: number | null;
      audited: number;
    }[] = await app
      .db('accounts as a')
      .leftJoin('email_outbox as o', 'o.id', 'a.temp_password_outbox_id')
      .whereIn('a.login_id', tried)
      .select(
        'a.login_id',
        'a.status',
        'a.temp_password_hash',
        'a.temp_password_outbox_id',
        'o.id as outbox_id',
        app.db.raw(
          "(select count(*) from audit_log l where l.subject_account_id = a.id and l.action = 'temp_password.sent')::int as audited",
        ),
      );
    for (const a of accounts) {
      assert.equal(a.status, 'pending', a.login_id);
      assert.ok(
        a.temp_password_hash?.startsWith('$argon2id$'),
        `${a.login_id}: the temporary password's hash`,
      );
      assert.ok(a.temp_password_outbox_id && a.outbox_id, `${a.login_id}: its email is in the outbox`);
      assert.equal(a.audited, 1, `${a.login_id}: audited once`);
    }
    for (const a of attempts.filter((x) => x.sent))
      assert.ok(
        accounts.some((acc) => acc.login_id === a.ic),
        `${a.ic}: "sent" was shown, so the account is stored`,
      );
    // Outbox rows of other people: none (nothing stored without its account).
    const strayOutbox = await app
      .db('email_outbox')
      .where('kind', 'temporary_password')
      .whereNotIn(
        'id',
        accounts.map((a) => a.outbox_id ?? 0),
      )
      .whereIn(
        'to_address',
        attempts.map((a) => a.email),
      )
      .count<{ count: number }[]>('* as count');
    assert.equal(strayOutbox[0]!.count, 0, 'no outbox row without its account');
    // Every stored email goes out once the database is back.
    await eventually(
      'every first-time email delivered',
      async () => {
        const pending = await app
          .db('email_outbox')
          .whereIn(
            'id',
            accounts.map((a) => a.outbox_id ?? 0),
          )
          .whereNot('status', 'sent')
          .count<{ count: number }[]>('* as count');
        return pending[0]!.count === 0 ? true : undefined;
      },
      20_000,
      200,
    );
    for (const a of accounts) {
      const email = attempts.find((x) => x.ic === a.login_id)!.email.toLowerCase();
      assert.equal(
        smtp.messages.filter((m) => m.to.includes(email)).length,
        1,
        `${a.login_id}: exactly one email`,
      );
    }
  });

  test('every error an outage gives (from PostgreSQL, pg, pg-pool and knex) means 503; other database errors do not', () => {
    const outage: unknown[] = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      new Error('Connection terminated unexpectedly'),
      new Error('ROLLBACK - Client has encountered a connection error and is not queryable'),
      new Error('Client was closed and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
      // A silent network: pg's query_timeout and connectionTimeoutMillis.
      new Error('Query read timeout'),
      new Error('timeout expired'),
    ];
    for (const err of outage) assert.ok(isDatabaseUnavailable(err), String(err));
    const notOutage: unknown[] = [
      Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }),
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      // PostgreSQL answered: the statement was too slow (statement_timeout), a bug to look at.
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      new Error('SMTP connection timeout expired'),
      new Error('boom'),
      undefined,
      'ECONNREFUSED',
    ];
    for (const err of notOutage) assert.ok(!isDatabaseUnavailable(err), String(err));
  });
});
