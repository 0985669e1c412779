/**
 * Two app processes on one database, sharing no memory: two real servers (node src/server.ts)
 * behind no load balancer; the test's client sends each request to the one it chooses, with one
 * cookie jar (a browser shares cookies between ports of one host, as behind a balancer).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { createLogger } from '../../src/core/logger.js';
import { OutboxSender } from '../../src/core/mail/outbox-sender.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TestClient, visibleText } from '../helpers/http.js';
import { assertDeliveredOnce, enqueue } from './outbox-once.js';
import { sleep, spawnServer, type ServerProcess } from './support.js';

const LOCKED = 'Akaun anda telah dikunci buat sementara';

describe('two app processes on one database', () => {
  let database: TestDatabase;
  let smtp: SmtpCatcher;
  let a: ServerProcess;
  let b: ServerProcess;

  before(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpCatcher(0);
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
  });

  after(async () => {
    const exits = await Promise.all([a?.stop(), b?.stop()]);
    await smtp?.close();
    await database?.drop();
    for (const exit of exits) if (exit) assert.equal(exit.code, 0, 'each process ends cleanly');
  });

  const on = (server: ServerProcess, path: string) => `${server.baseUrl}${path}`;

  test('a session made on one process is valid on the other, and signing out on one ends it on both', async () => {
    const client = new TestClient(a.baseUrl);
    await client.get(on(a, '/'));
    assert.equal((await client.post(on(a, '/log-masuk'), { loginId: DEMO.activeEmployee.ic })).status, 200);
    // Step 2 on the other process: the step-1 session and its CSRF token come from the database.
    const done = await client.post(on(b, '/log-masuk/kata-laluan'), { password: DEMO_PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/laman-utama');
    for (const server of [a, b, a, b]) {
      const page = await client.get(on(server, '/laman-utama'));
      assert.equal(page.status, 200, `dashboard on ${server.port}`);
      assert.ok(visibleText(page.html).includes(DEMO.activeEmployee.name));
    }
    // The sign-out form came from A; B accepts its token and ends the session for both.
    await client.get(on(a, '/laman-utama'));
    const out = await client.post(on(b, '/log-keluar'), {});
    assert.equal(out.status, 303);
    for (const server of [a, b]) {
      const page = await client.get(on(server, '/laman-utama'));
      assert.equal(page.status, 303, `signed out on ${server.port} too`);
    }
  });

  test('lockout counts add up across both processes', async () => {
    const p = DEMO.secondActiveEmployee;
    const client = new TestClient(a.baseUrl);
    await client.get(on(a, '/'));
    await client.post(on(a, '/log-masuk'), { loginId: p.ic });
    const servers = [a, b, a, b, a];
    for (const [i, server] of servers.entries()) {
      const page = await client.post(on(server, '/log-masuk/kata-laluan'), {
        password: `salah-kata-laluan-${i}`,
      });
      assert.equal(page.status, 401, `wrong password ${i + 1} on ${server.port}`);
    }
    const account = await database
      .db('accounts')
      .where('login_id', p.ic)
      .first<{ id: number; failed_count: number; locked_until: Date | null }>(
        'id',
        'failed_count',
        'locked_until',
      );
    assert.ok(
      account.locked_until && account.locked_until > new Date(),
      'five failures, on two processes, lock the account',
    );
    // The right password on the other process: still locked.
    const right = await client.post(on(b, '/log-masuk/kata-laluan'), { password: DEMO_PASSWORD });
    assert.equal(right.status, 401);
    assert.ok(visibleText(right.html).includes(LOCKED), visibleText(right.html));
    // The owner is told once, by whichever process's sender picked the email.
    await smtp.waitFor((m) => m.to.includes(p.email) && /dikunci/i.test(m.subject), 15_000);
    await sleep(1_200);
    assert.equal(smtp.messages.filter((m) => m.to.includes(p.email) && /dikunci/i.test(m.subject)).length, 1);
  });

  test('rate limits add up across both processes', async () => {
    // At most five first-time requests per (ID, email) an hour (auth/routes.ts): 3 on A and 2 on B use them up.
    const idNo = '850101105441';
    const email = 'tiada.sesiapa@selangor.gov.my';
    const servers = [a, a, a, b, b];
    for (const server of servers) {
      const client = new TestClient(server.baseUrl);
      await client.get(on(server, '/login-kali-pertama'));
      const page = await client.post(on(server, '/login-kali-pertama'), { idNo, email });
      assert.equal(page.status, 200, `request on ${server.port}`);
    }
    for (const server of [a, b]) {
      const client = new TestClient(server.baseUrl);
      await client.get(on(server, '/login-kali-pertama'));
      const page = await client.post(on(server, '/login-kali-pertama'), { idNo, email });
      assert.equal(page.status, 429, `the sixth and seventh are refused, on ${server.port} too`);
      assert.ok(visibleText(page.html).includes('Terlalu banyak cubaan'));
    }
    const row = await database
      .db('rate_limits')
      .where('key', `first-time:pair:${createHash('sha256').update(`${idNo}\n${email}`).digest('hex')}`)
      .first<{ count: number }>('count');
    assert.equal(row.count, 7);
  });

  test('the two processes’ outbox senders send each email once', async () => {
    const subjects = await enqueue(database, 'Dua proses', 40);
    await assertDeliveredOnce(database, smtp, subjects);
  });

  test('several senders draining one outbox at the same moment take different emails', async () => {
    const subjects = await enqueue(database, 'Serentak', 60);
    const logger = createLogger('silent');
    const senders = [1, 2, 3].map(
      () =>
        new OutboxSender({
          db: database.db,
          smtpUrl: smtp.url,
          from: 'Ujian <ujian@selangor.gov.my>',
          logger,
        }),
    );
    try {
      const counts = await Promise.all(senders.map((s) => s.drain()));
      // The two server processes may take some too; these three must not collide with them either.
      assert.ok(
        counts.filter((c) => c > 0).length >= 2,
        `several senders worked at once: ${counts.join(', ')}`,
      );
    } finally {
      await Promise.all(senders.map((s) => s.stop()));
    }
    await assertDeliveredOnce(database, smtp, subjects);
  });
});
