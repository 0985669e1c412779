/**
 * PostgreSQL reachable but silent: a network partition (a firewall dropping packets) between the
 * app and a running PostgreSQL. The app in this process reaches its test database through a TCP
 * proxy of the test's own that can go silent: it keeps every connection open and accepts new
 * ones, but forwards no byte either way. The app's database timeouts are set small here
 * (connect 1 s, query 1.5 s, statement 1 s) so that the file runs in seconds.
 */
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { ConfigError, databaseTimeoutsFromEnv, loadConfig } from '../../src/core/config.js';
import { isDatabaseUnavailable, withSessionTimeouts } from '../../src/core/db.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TestClient, login, visibleText, type Page } from '../helpers/http.js';
import {
  eventually,
  leaksInternals,
  startInProcessApp,
  within,
  type InProcessApp,
  type LogLine,
} from './support.js';

interface Pair {
  client: Socket;
  /** Absent for a connection accepted during the partition: nothing reached the server. */
  upstream?: Socket;
  /** Bytes were dropped: the stream has a gap and can never carry the protocol again. */
  lost: boolean;
  /** A side that closed while the network was silent (its FIN is lost for now). */
  closedDuringPartition: boolean;
  /** The last bytes from the client, to find a trigger split across two chunks. */
  tail: Buffer;
}

/**
 * A TCP proxy that can partition the network. Silent, it drops every byte both ways and tells
 * neither side of a close, and it accepts new connections without connecting them onward. When
 * it heals, a connection whose other end closed meanwhile is closed too (the closing side's
 * kernel retransmits its FIN until the network lets it through); a connection that lost bytes
 * but is still open on both ends stays silent for good (TCP cannot get past the gap), which is
 * what a pool that reused it would find; the rest forward again.
 */
class PartitionProxy {
  private readonly pairs = new Set<Pair>();
  private silent = false;
  private trigger: Buffer | undefined;
  private partitionedAt = 0;
  port = 0;

  private constructor(
    private readonly server: Server,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<PartitionProxy> {
    const server = createServer();
    const proxy = new PartitionProxy(server, targetPort);
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.port = (server.address() as AddressInfo).port;
    return proxy;
  }

  get isSilent(): boolean {
    return this.silent;
  }

  /** Silent from now on. */
  partition(): void {
    this.silent = true;
    this.partitionedAt = Date.now();
  }

  /** Silent from the moment the app sends these bytes (that message itself is lost). */
  partitionWhenSent(text: string): void {
    this.trigger = Buffer.from(text);
  }

  /** Forwarding again; returns how long the partition lasted. */
  heal(): number {
    this.silent = false;
    this.trigger = undefined;
    for (const pair of this.pairs) {
      if (!pair.upstream || pair.closedDuringPartition) {
        pair.client.destroy();
        pair.upstream?.destroy();
        this.pairs.delete(pair);
      }
    }
    return Date.now() - this.partitionedAt;
  }

  /** Connections that lost bytes and are still open at both ends (a pool still holding them). */
  stalled(): number {
    return [...this.pairs].filter((p) => p.lost && !p.client.destroyed && !p.upstream?.destroyed).length;
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const pair: Pair = { client, lost: false, closedDuringPartition: false, tail: Buffer.alloc(0) };
    this.pairs.add(pair);
    client.on('error', () => {});
    if (this.silent) {
      // Accepted (the SYN got an answer) but nothing goes through: the startup never arrives.
      client.on('data', () => {});
      client.on('close', () => this.pairs.delete(pair));
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    pair.upstream = upstream;
    upstream.on('error', () => {});
    client.on('data', (chunk: Buffer) => {
      if (this.trigger && !this.silent) {
        const seen = Buffer.concat([pair.tail, chunk]);
        if (seen.includes(this.trigger)) this.partition();
        pair.tail = seen.subarray(Math.max(0, seen.length - this.trigger.length));
      }
      if (this.silent || pair.lost) pair.lost = true;
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.silent || pair.lost) pair.lost = true;
      else client.write(chunk);
    });
    const closed = (other: Socket) => () => {
      if (this.silent) pair.closedDuringPartition = true;
      else {
        other.destroy();
        this.pairs.delete(pair);
      }
    };
    client.on('close', closed(upstream));
    upstream.on('close', closed(client));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('PostgreSQL reachable but silent (a network partition)', () => {
  let database: TestDatabase;
  let proxy: PartitionProxy;
  let app: InProcessApp;

  before(async () => {
    database = await createTestDatabase();
    proxy = await PartitionProxy.start(Number(new URL(database.url).port));
    const throughProxy = new URL(database.url);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxy.port);
    app = await startInProcessApp({
      databaseUrl: throughProxy.toString(),
      // No email goes out in this file: the outbox sender is off and nothing listens here.
      smtpUrl: 'smtp://127.0.0.1:9',
      sender: false,
      env: {
        DATABASE_CONNECT_TIMEOUT_MS: '1000',
        DATABASE_QUERY_TIMEOUT_MS: '1500',
        DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      },
    });
  });

  after(async () => {
    await app?.close();
    await proxy?.close();
    await database?.drop();
  });

  /** The 503 page in the portal's frame, answered in bounded time. */
  async function assertOutagePage(what: string, request: Promise<Page>): Promise<{ page: Page; ms: number }> {
    const started = Date.now();
    const page = await within(15_000, what, request);
    const ms = Date.now() - started;
    assert.equal(page.status, 503, `${what} during the partition`);
    // The bound: at worst two round trips of the session store, each cut off by a timeout: its
    // load, then (unset: 'destroy', src/middleware/session.ts) the removal of the session it
    // could not load. The store's pool (src/app.ts) connects with a fixed 5 s timeout and, over
    // a connection already open, gives up after the query timeout (1.5 s here).
    assert.ok(ms < 12_000, `${what} answered in ${ms} ms: a silent database must not hang a request`);
    const text = visibleText(page.html);
    assert.ok(text.includes('Perkhidmatan tidak tersedia buat sementara'), `${what}: the outage text`);
    assert.ok(text.includes('PORTAL iSPEKS versi 2.1'), `${what}: the 503 page is in the portal frame`);
    assert.ok(text.includes('Bantuan Helpdesk'), `${what}: the frame's footer`);
    assert.ok(Number(page.headers.get('retry-after')) > 0, `${what}: Retry-After`);
    assert.ok(!leaksInternals(page.html), `${what}: no stack trace or raw error:\n${text}`);
    return { page, ms };
  }

  /** The requests that got the 503 page during the partition. */
  const outageRequestIds: string[] = [];

  const logsOf = (requestId: string): LogLine[] =>
    app
      .logs()
      .filter((l) => l.requestId === requestId || (l.req as { id?: string } | undefined)?.id === requestId);

  /** One warning for the 503, with the request ID and no stack; no error line of the handler. */
  function assertLoggedAsOutage(requestId: string, what: string): LogLine {
    assert.match(requestId, UUID, `${what}: a request ID`);
    const lines = logsOf(requestId);
    const outage = lines.filter((l) => l.msg === 'database unavailable');
    assert.equal(outage.length, 1, `${what}: one "database unavailable" line: ${JSON.stringify(lines)}`);
    const line = outage[0]!;
    assert.equal(line.level, 40, `${what}: at level warn`);
    assert.equal(line.requestId, requestId);
    assert.equal(line.err, undefined, `${what}: no error object, so no stack`);
    assert.ok(!JSON.stringify(line).includes('\n    at '), `${what}: no stack trace in the line`);
    assert.ok(
      !lines.some((l) => l.msg === 'request failed'),
      `${what}: not logged as a failed request (an error)`,
    );
    return line;
  }

  test('a partition mid-transaction: 503 pages in bounded time, nothing half-written, served again after it heals', async (t) => {
    const p = DEMO.firstTimeEmployee;
    const user = new TestClient(app.baseUrl);
    assert.equal((await login(user, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    assert.equal((await user.get('/laman-utama')).status, 200);
    const anonymous = new TestClient(app.baseUrl);
    assert.equal((await anonymous.get('/')).status, 200);
    const newcomer = new TestClient(app.baseUrl);
    assert.equal((await newcomer.get('/login-kali-pertama')).status, 200);

    const auditBefore =
      (await database.db('audit_log').max<{ max: number | null }[]>('id as max'))[0]?.max ?? 0;

    // ------------------------------------------------------------ the partition, mid-transaction
    // The first-time login creates the account and then writes its email to the outbox in one
    // transaction; the network goes silent just as the outbox INSERT leaves, so PostgreSQL holds
    // an open transaction with the new account in it and never hears of the rest.
    proxy.partitionWhenSent('insert into "email_outbox"');
    const firstTime = await assertOutagePage(
      'first-time login',
      newcomer.post('/login-kali-pertama', { idNo: p.ic, email: p.email }),
    );
    assert.ok(proxy.isSilent, 'the partition began during the first-time login');
    const firstTimeLine = assertLoggedAsOutage(
      firstTime.page.headers.get('x-request-id') ?? '',
      'first-time login',
    );
    t.diagnostic(
      `first-time login: 503 in ${firstTime.ms} ms (logged cause: ${String(firstTimeLine.cause)})`,
    );

    // A signed-in page and the public login form at the same time: the session store is the
    // first to meet the silence.
    const [dashboard, loginStep] = await Promise.all([
      assertOutagePage('signed-in dashboard', user.get('/laman-utama')),
      assertOutagePage('login step 1', anonymous.post('/log-masuk', { loginId: DEMO.activeEmployee.ic })),
    ]);
    const causes = [
      assertLoggedAsOutage(dashboard.page.headers.get('x-request-id') ?? '', 'signed-in dashboard'),
      assertLoggedAsOutage(loginStep.page.headers.get('x-request-id') ?? '', 'login step 1'),
    ].map((line) => String(line.cause));
    t.diagnostic(
      `dashboard: 503 in ${dashboard.ms} ms; login step 1: 503 in ${loginStep.ms} ms (causes: ${causes.join(' | ')})`,
    );
    outageRequestIds.push(
      ...[firstTime, dashboard, loginStep].map(({ page }) => page.headers.get('x-request-id') ?? ''),
    );

    // The knex pool on its own: queries on pooled connections (query timeout) and on new ones
    // (connect timeout) both fail fast with an error that means "unavailable".
    const started = Date.now();
    const direct = await Promise.allSettled([1, 2, 3, 4].map(() => app.db.raw('select 1')));
    const directMs = Date.now() - started;
    for (const r of direct) {
      assert.equal(r.status, 'rejected', 'no answer during the partition');
      if (r.status === 'rejected')
        assert.ok(isDatabaseUnavailable(r.reason), `an outage error: ${String(r.reason)}`);
    }
    assert.ok(directMs < 5_000, `four queries failed in ${directMs} ms`);
    t.diagnostic(
      `direct queries: ${[...new Set(direct.map((r) => (r.status === 'rejected' ? String((r.reason as Error).message) : 'ok')))].join(' | ')} in ${directMs} ms`,
    );

    // PostgreSQL still holds the cut transaction open, so nothing of it is visible.
    const orphans = () =>
      database.db('pg_stat_activity').where({
        datname: database.name,
        application_name: 'portal-ispeks',
        state: 'idle in transaction',
      });
    assert.equal(
      (await orphans()).length,
      1,
      'the transaction cut by the partition is still open on the server',
    );
    assert.equal(await database.db('accounts').where('login_id', p.ic).first(), undefined);

    // ------------------------------------------------------------ the partition heals
    const healedAt = Date.now();
    const lasted = proxy.heal();
    const back = await eventually(
      'the dashboard serves again',
      async () => {
        const page = await within(15_000, 'dashboard after the partition', user.get('/laman-utama'));
        return page.status === 200 ? page : undefined;
      },
      10_000,
      100,
    );
    t.diagnostic(
      `partition lasted ${lasted} ms; dashboard 200 again ${Date.now() - healedAt} ms after it healed`,
    );
    assert.ok(
      visibleText(back.html).includes(DEMO.activeEmployee.name),
      'the session survived the partition',
    );
    // No connection that lost bytes is kept: a pool that reused one would hang on it.
    assert.equal(proxy.stalled(), 0, 'the app closed every connection whose query timed out');
    for (let i = 0; i < 15; i++)
      assert.equal(
        (await within(5_000, 'dashboard', user.get('/laman-utama'))).status,
        200,
        `request ${i + 1}`,
      );
    await eventually('the cut transaction ends', async () =>
      (await orphans()).length === 0 ? true : undefined,
    );

    // ------------------------------------------------------------ nothing half-written
    assert.equal(
      await database.db('accounts').where('login_id', p.ic).first(),
      undefined,
      'no account without its email',
    );
    const outbox = await database
      .db('email_outbox')
      .where('to_address', p.email)
      .count<{ n: number }[]>('* as n');
    assert.equal(outbox[0]!.n, 0, 'no email without its account');
    const audited = await database
      .db('audit_log')
      .where('action', 'temp_password.sent')
      .andWhere('id', '>', auditBefore)
      .count<{ n: number }[]>('* as n');
    assert.equal(audited[0]!.n, 0, 'no audit row of a temporary password never stored');

    // The employee tries again and it works: no lock of the cut transaction is left behind.
    const retry = new TestClient(app.baseUrl);
    await retry.get('/login-kali-pertama');
    const sent = await within(
      10_000,
      'first-time login again',
      retry.post('/login-kali-pertama', { idNo: p.ic, email: p.email }),
    );
    assert.equal(sent.status, 200);
    assert.ok(visibleText(sent.html).includes('Maklumat pengguna berjaya di hantar'), 'sent');
    const account = await database
      .db('accounts')
      .where('login_id', p.ic)
      .first<{ id: number; status: string; temp_password_outbox_id: number | null }>(
        'id',
        'status',
        'temp_password_outbox_id',
      );
    assert.equal(account?.status, 'pending');
    const emails = await database
      .db('email_outbox')
      .where('to_address', p.email)
      .select<{ id: number }[]>('id');
    assert.deepEqual(
      emails.map((e) => e.id),
      [account.temp_password_outbox_id],
      'exactly one email, the account’s',
    );
  });

  test('the timeouts: defaults, validated, in the URL every pool is built from, 0 turns one off', () => {
    assert.deepEqual(databaseTimeoutsFromEnv({}), { connectMs: 5_000, queryMs: 15_000, statementMs: 10_000 });
    assert.throws(
      () => databaseTimeoutsFromEnv({ DATABASE_QUERY_TIMEOUT_MS: 'soon' }),
      (e: Error) => e instanceof ConfigError && /DATABASE_QUERY_TIMEOUT_MS/.test(e.message),
    );
    assert.throws(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }), /DATABASE_STATEMENT_TIMEOUT_MS/);
    assert.equal(loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0' }).DATABASE_CONNECT_TIMEOUT_MS, 0);
    const url = new URL(
      withSessionTimeouts(
        'postgres://portal:p%40ss@db.example:5432/ispeks?sslmode=require&statement_timeout=5',
        {
          connectMs: 1_000,
          queryMs: 1_500,
          statementMs: 0,
        },
      ),
    );
    assert.equal(decodeURIComponent(url.password), 'p@ss', 'the password survives');
    assert.equal(url.searchParams.get('sslmode'), 'require', "the operator's own parameters stay");
    assert.equal(url.searchParams.get('query_timeout'), '1500');
    assert.equal(url.searchParams.get('statement_timeout'), null, '0: no statement timeout at all');
    assert.equal(url.searchParams.get('idle_in_transaction_session_timeout'), '60000');
  });

  // pino-http would log every response of 500 or more at level error, with an error object of its
  // own ("failed with status code 503") and its stack (src/middleware/request-logging.ts).
  test('the request log line of an outage 503 is not at level error either', () => {
    assert.ok(outageRequestIds.length >= 3, 'the partition test ran first');
    for (const requestId of outageRequestIds) {
      const errors = logsOf(requestId).filter((l) => l.level >= 50);
      assert.deepEqual(
        errors.map((l) => l.msg),
        [],
        `${requestId}: no line at level error for an outage 503`,
      );
    }
  });
});
