/**
 * WEB_CONCURRENCY=2: the real entry point as a node:cluster primary with two workers on one port
 * (src/cluster.ts). Which worker answered a request is read from the request's log line (its
 * X-Request-Id and the worker's pid), so nothing is added to the app for the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TestClient, visibleText, type Page } from '../helpers/http.js';
import { assertDeliveredOnce, enqueue } from '../reliability/outbox-once.js';
import { eventually, spawnServer, type ServerProcess } from '../reliability/support.js';

/** The pid of the worker that answered `page` (from its request log line). */
async function workerOf(server: ServerProcess, page: Page): Promise<number> {
  const id = page.headers.get('x-request-id');
  assert.ok(id, 'every response carries a request ID');
  return eventually(`the log line of request ${id}`, async () => {
    const line = server.logs().find((l) => (l.req as { id?: string } | undefined)?.id === id);
    return typeof line?.pid === 'number' ? line.pid : undefined;
  });
}

/**
 * The primary hands out connections, not requests, in turn (round robin): each request on a
 * connection of its own, as from many browsers, so that consecutive requests reach both workers.
 */
const CLOSE = { connection: 'close' };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('WEB_CONCURRENCY=2: two cluster workers on one port', () => {
  let database: TestDatabase;
  let smtp: SmtpCatcher;
  let server: ServerProcess;
  const workersSeen = new Set<number>();

  before(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpCatcher(0);
    server = await spawnServer(
      {
        DATABASE_URL: database.url,
        SMTP_URL: smtp.url,
        WEB_CONCURRENCY: '2',
        LOG_LEVEL: 'info',
      },
      180_000,
    ); // two workers load the TypeScript through tsx at once: slow on a busy machine
    assert.match(server.stdout(), /is running at .*\(2 workers\)/);
  });

  after(async () => {
    await server?.stop();
    await smtp?.close();
    await database?.drop();
  });

  test('one user’s session is served by both workers', async () => {
    const client = new TestClient(server.baseUrl, CLOSE);
    await client.get('/');
    await client.post('/log-masuk', { loginId: DEMO.activeEmployee.ic });
    const done = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    assert.equal(done.status, 303);
    const pids = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const page = await client.get('/laman-utama');
      assert.equal(page.status, 200, `dashboard request ${i + 1}`);
      assert.ok(visibleText(page.html).includes(DEMO.activeEmployee.name));
      pids.add(await workerOf(server, page));
    }
    assert.equal(pids.size, 2, `the signed-in pages came from both workers (${[...pids].join(', ')})`);
    for (const pid of pids) workersSeen.add(pid);
  });

  test('both workers count failed logins on one lockout counter', async () => {
    const p = DEMO.secondActiveEmployee;
    const client = new TestClient(server.baseUrl, CLOSE);
    await client.get('/');
    await client.post('/log-masuk', { loginId: p.ic });
    const pids = new Set<number>();
    let attempts = 0;
    const lockedUntil = async () =>
      (
        await database
          .db('accounts')
          .where('login_id', p.ic)
          .first<{ locked_until: Date | null }>('locked_until')
      ).locked_until;
    while (attempts < 12 && !((await lockedUntil()) && (await lockedUntil())! > new Date())) {
      const page = await client.post('/log-masuk/kata-laluan', { password: `salah-kata-laluan-${attempts}` });
      assert.equal(page.status, 401, `wrong password ${attempts + 1}`);
      pids.add(await workerOf(server, page));
      attempts++;
      if (attempts === 2) {
        const row = await database
          .db('accounts')
          .where('login_id', p.ic)
          .first<{ failed_count: number }>('failed_count');
        assert.equal(row.failed_count, 2, 'two failures, one on each worker, are one count of 2');
      }
    }
    assert.ok(attempts < 12, 'the account was locked');
    assert.equal(pids.size, 2, 'the failures were answered by both workers');
    const right = await client.post('/log-masuk/kata-laluan', { password: DEMO_PASSWORD });
    assert.equal(right.status, 401, 'the right password on either worker is refused while locked');
  });

  test('the workers’ outbox senders send each email once', async () => {
    const subjects = await enqueue(database, 'Kluster', 40);
    await assertDeliveredOnce(database, smtp, subjects);
  });

  test('a worker that dies is replaced, and the port keeps answering', async () => {
    const [victim] = [...workersSeen];
    assert.ok(victim, 'the first test saw the workers');
    process.kill(victim, 'SIGKILL');
    // Requests on connections of their own, each bounded: one caught by the dying worker is lost
    // (as it would be for a browser), the next goes to a live one.
    const survivor = [...workersSeen].find((p) => p !== victim)!;
    const fresh = await eventually(
      'a page from a new worker',
      async () => {
        const res = await fetch(`${server.baseUrl}/`, { headers: CLOSE, signal: AbortSignal.timeout(3_000) });
        await res.text();
        if (res.status !== 200) return undefined;
        const pid = await workerOf(server, {
          status: res.status,
          headers: res.headers,
          html: '',
          location: null,
        });
        return workersSeen.has(pid) ? undefined : pid;
      },
      60_000,
      100,
    );
    const answeredBy = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const page = await new TestClient(server.baseUrl, CLOSE).get('/');
      assert.equal(page.status, 200);
      answeredBy.add(await workerOf(server, page));
    }
    assert.deepEqual(
      [...answeredBy].sort(),
      [fresh, survivor].sort(),
      'the survivor and the replacement serve',
    );
    assert.ok(!isRunning(victim));
    workersSeen.delete(victim);
    workersSeen.add(fresh);
    assert.ok(
      server.logs().some((l) => l.msg === 'worker died; starting a replacement' && l.workerPid === victim),
      'the primary logged the death',
    );
  });

  test('SIGTERM stops every worker and the primary exits 0', async () => {
    const result = await server.stop();
    assert.equal(result.code, 0);
    for (const pid of workersSeen) assert.ok(!isRunning(pid), `worker ${pid} has stopped`);
  });
});
