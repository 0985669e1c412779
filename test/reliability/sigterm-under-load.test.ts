/**
 * SIGTERM under load. The real server runs as a child process in its embedded mode (no
 * DATABASE_URL: it starts its own PostgreSQL in a fresh folder and stops it last), with
 * requests on fresh connections in flight when the signal comes, slow clients among them.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/core/embedded-postgres.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import {
  form,
  freePort,
  freshSession,
  ownDataDir,
  probePort,
  rawRequest,
  sleep,
  spawnServer,
  type RawRequestOptions,
  type ServerProcess,
} from './support.js';

interface Outcome {
  kind: 'slow' | 'load' | 'keep-alive';
  method: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  error?: string;
  /** The failed request went out on a kept-alive connection used before (a client retries it). */
  reused?: boolean;
  body?: string;
}

async function attempt(port: number, kind: Outcome['kind'], options: RawRequestOptions): Promise<Outcome> {
  const startedAt = Date.now();
  const method = options.method ?? 'GET';
  try {
    const r = await rawRequest(port, options);
    return { kind, method, startedAt, endedAt: r.endedAt, status: r.status, body: r.body };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { reusedSocket?: boolean };
    return {
      kind,
      method,
      startedAt,
      endedAt: Date.now(),
      error: e.code ?? String(e),
      reused: e.reusedSocket,
    };
  }
}

const STEP_2 = 'Frasa Rahsia';

describe('SIGTERM under load', () => {
  let dataDir: string;
  let pgPort: number;
  let smtp: SmtpCatcher;
  let server: ServerProcess;

  before(async () => {
    dataDir = ownDataDir('sigterm');
    pgPort = await freePort();
    smtp = await startSmtpCatcher(0);
    server = await spawnServer({
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'info',
    });
  });

  after(async () => {
    await server?.stop();
    await smtp?.close();
    if (!dataDir) return;
    // Had the server been killed (a failed run), its PostgreSQL would still run: stop it first.
    const pidFile = path.join(dataDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGINT');
        for (let i = 0; i < 100 && existsSync(pidFile); i++) await sleep(100);
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('in-flight requests finish with 200, new connections are refused, the process exits 0 after stopping its PostgreSQL, nothing is lost', async (t) => {
    const port = server.port;
    const sessions = await Promise.all(Array.from({ length: 12 }, () => freshSession(port)));
    const loginStep1 = (s: { cookie: string; token: string }, loginId: string): RawRequestOptions => ({
      method: 'POST',
      path: '/log-masuk',
      headers: { cookie: s.cookie },
      body: form({ _csrf: s.token, loginId }),
    });

    // Slow clients: their requests are in flight (body still arriving) for about two seconds.
    const slow = sessions
      .slice(0, 4)
      .map((s, i) =>
        attempt(port, 'slow', { ...loginStep1(s, `85010110544${i}`), pieces: 10, trickleMs: 300 }),
      );

    // Load: six clients, each request on a new connection, until the process has gone.
    let gone = false;
    void server.exited.then(() => (gone = true));
    const load: Outcome[] = [];
    let posts = 0;
    const worker = async (w: number) => {
      for (let i = 0; !gone; i++) {
        const s = sessions[4 + ((w + i) % 8)]!;
        const usePost = i % 2 === 1 && posts < 150;
        if (usePost) posts += 1;
        const outcome = await attempt(port, 'load', usePost ? loginStep1(s, '790921146013') : { path: '/' });
        load.push(outcome);
        if (outcome.error) await sleep(25);
      }
    };
    // And two clients that keep their connection alive, as browsers and load balancers do.
    const keptAlive: Outcome[] = [];
    const keepAliveWorker = async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (!gone) {
        const outcome = await attempt(port, 'keep-alive', { path: '/', agent });
        keptAlive.push(outcome);
        if (outcome.error) await sleep(25);
      }
      agent.destroy();
    };
    const workers = [...Array.from({ length: 6 }, (_, w) => worker(w)), keepAliveWorker(), keepAliveWorker()];

    // The signal comes once the load flows (a cold process compiles its views first), while the
    // slow requests are still arriving.
    const loadStarted = Date.now();
    while (load.filter((o) => o.status === 200).length < 12 && Date.now() - loadStarted < 2_000)
      await sleep(20);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    await Promise.all(workers);
    const slowDone = await Promise.all(slow);
    t.diagnostic(
      `SIGTERM ${signalledAt - loadStarted} ms into the load; the process exited ${exit.at - signalledAt} ms after it, ` +
        `${exit.at - Math.max(...slowDone.map((o) => o.endedAt))} ms after the last in-flight request, with code ${exit.code}`,
    );

    // ------------------------------------------------------------ the process
    assert.equal(exit.code, 0, `exit code (stderr: ${server.stderr()})`);
    assert.equal(exit.signal, null);
    assert.equal(server.stderr(), '', 'nothing on stderr');
    const logs = server.logs();
    assert.ok(
      logs.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'),
      'the shutdown is logged',
    );
    const errors = logs.filter((l) => l.level >= 50);
    assert.deepEqual(errors, [], 'no error logged');

    // ------------------------------------------------------------ in-flight requests
    for (const o of slowDone) {
      assert.equal(o.status, 200, `a slow request in flight at SIGTERM: ${o.error ?? o.status}`);
      assert.ok(o.body?.includes(STEP_2) && o.body.trimEnd().endsWith('</html>'), 'its whole page');
      assert.ok(o.endedAt > signalledAt, 'it finished after the signal');
    }
    const lastInFlight = Math.max(...slowDone.map((o) => o.endedAt));
    // Kept-alive connections do not hold the process up (their keep-alive timeout is 5 s).
    assert.ok(
      exit.at - lastInFlight < 4_500,
      `exited ${exit.at - lastInFlight} ms after the last in-flight request`,
    );
    for (const o of keptAlive.filter((x) => x.status !== undefined)) assert.equal(o.status, 200);
    for (const o of keptAlive.filter((x) => x.error))
      assert.ok(
        o.error === 'ECONNREFUSED' || (o.error === 'ECONNRESET' && o.reused),
        `a kept-alive client failed with ${o.error}${o.reused ? ' on a reused connection' : ''}`,
      );
    t.diagnostic(
      `keep-alive clients: ${keptAlive.filter((x) => x.status).length} answered, ` +
        `${keptAlive.filter((x) => x.error === 'ECONNREFUSED').length} refused, ` +
        `${keptAlive.filter((x) => x.error === 'ECONNRESET').length} reset on a reused connection`,
    );
    const answered = load.filter((o) => o.status !== undefined);
    const failed = load.filter((o) => o.error);
    for (const o of answered) {
      assert.equal(o.status, 200, `a load request answered ${o.status}`);
      assert.ok(o.body?.trimEnd().endsWith('</html>'), 'a whole page');
    }
    // A connection the kernel had queued but node had not accepted yet when the listener
    // closed is reset by the kernel; it never reached the app. Nothing else may fail.
    for (const o of failed)
      assert.match(o.error!, /^(ECONNREFUSED|ECONNRESET|EPIPE)$/, `a load request failed with ${o.error}`);
    const resets = failed.filter((o) => o.error !== 'ECONNREFUSED').length;
    const answeredAfter = answered.filter((o) => o.endedAt > signalledAt).length;
    t.diagnostic(
      `load: ${load.length} requests, ${answered.length} answered 200 (${answeredAfter} of them after SIGTERM), ` +
        `${failed.length - resets} refused, ${resets} reset before reaching the app`,
    );
    assert.ok(
      answered.filter((o) => o.startedAt < signalledAt).length >= 5,
      'the load was running at SIGTERM',
    );

    // ------------------------------------------------------------ new connections
    // Connections opened well after the signal, while the slow requests were still being
    // served, are refused: the listener is closed though the process is still finishing.
    const late = load.filter((o) => o.startedAt > signalledAt + 300 && o.endedAt < lastInFlight);
    assert.ok(late.length > 0, 'new connections were tried while in-flight requests were finishing');
    for (const o of late) assert.equal(o.error, 'ECONNREFUSED', 'a new connection after SIGTERM');
    const firstRefused = Math.min(
      ...failed.filter((o) => o.error === 'ECONNREFUSED').map((o) => o.startedAt),
    );
    assert.ok(
      load.every((o) => o.startedAt <= firstRefused || o.error),
      'once refused, always refused (no connection served after the listener closed)',
    );

    // ------------------------------------------------------------ the embedded PostgreSQL
    assert.equal(await probePort(pgPort), 'ECONNREFUSED', 'the embedded PostgreSQL no longer listens');
    assert.ok(!existsSync(path.join(dataDir, 'postmaster.pid')), 'and has shut down cleanly');

    // ------------------------------------------------------------ nothing lost
    // Every login step 1 that was answered was counted, once, in the database's rate limit.
    const cluster = await startEmbeddedPostgres(dataDir, pgPort);
    try {
      const client = new pg.Client({ connectionString: cluster.url('ispeks') });
      await client.connect();
      try {
        const row = await client.query<{ count: number }>(
          `SELECT count FROM rate_limits WHERE key = 'login-id:ip:127.0.0.1'`,
        );
        const answeredPosts = [...slowDone, ...answered].filter((o) => o.method === 'POST').length;
        assert.equal(Number(row.rows[0]?.count), answeredPosts, 'every answered POST is stored, none lost');
      } finally {
        await client.end();
      }
    } finally {
      await cluster.stop();
    }
  });
});
