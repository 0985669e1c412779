/**
 * GET /healthz and GET /readyz (src/health/routes.ts): what a load balancer, the image's
 * HEALTHCHECK and docker-compose ask. No session, no cookie, no request log line; /readyz is 503
 * within its short timeout when PostgreSQL refuses connections or does not answer at all.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/core/deps.js';
import { loadConfig } from '../../src/core/config.js';
import { createDb } from '../../src/core/db.js';
import { READY_TIMEOUT_MS } from '../../src/health/routes.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { capturingLogger, freePort } from '../reliability/support.js';

interface Running {
  baseUrl: string;
  logs: () => unknown[];
  close: () => Promise<void>;
}

/** The real app on `databaseUrl`, with its log lines kept. */
async function appOn(databaseUrl: string): Promise<Running> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, SMTP_URL: 'smtp://127.0.0.1:1' });
  const { logger, lines } = capturingLogger('info');
  const db = createDb(databaseUrl, 2, logger);
  const built = createApp({ config, db, logger, clock: systemClock });
  const server: Server = built.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs: lines,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.close();
      await db.destroy();
    },
  };
}

async function probe(url: string): Promise<{ status: number; body: string; ms: number; res: Response }> {
  const started = Date.now();
  const res = await fetch(url);
  const body = await res.text();
  return { status: res.status, body, ms: Date.now() - started, res };
}

describe('health endpoints', () => {
  let database: TestDatabase;
  let app: Running;

  before(async () => {
    database = await createTestDatabase();
    app = await appOn(database.url);
  });
  after(async () => {
    await app?.close();
    await database?.drop();
  });

  test('/healthz and /readyz answer 200 "ok" with no cookie, no caching and no log line', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const r = await probe(`${app.baseUrl}${path}`);
      assert.equal(r.status, 200, path);
      assert.equal(r.body, 'ok');
      assert.deepEqual(r.res.headers.getSetCookie(), [], `${path} starts no session`);
      assert.equal(r.res.headers.get('cache-control'), 'no-store');
    }
    const sessions = await database.db('session').count<{ count: number }[]>('* as count');
    // A page does log and may make a session; the probes did neither.
    await probe(`${app.baseUrl}/`);
    const logged = app.logs().map((l) => JSON.stringify(l));
    assert.ok(
      logged.some((l) => l.includes('"url":"/"')),
      'an ordinary page is logged',
    );
    assert.ok(!logged.some((l) => /healthz|readyz/.test(l)), 'the probes are not');
    assert.equal(sessions[0]!.count, 0, 'no session row for a probe');
  });

  test('/readyz is 503 when PostgreSQL refuses connections; /healthz stays 200', async () => {
    const down = await appOn(`postgres://nobody:x@127.0.0.1:${await freePort()}/none`);
    try {
      const ready = await probe(`${down.baseUrl}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(ready.body, 'unavailable');
      assert.equal((await probe(`${down.baseUrl}/healthz`)).status, 200);
    } finally {
      await down.close();
    }
  });

  test('/readyz is 503 within its timeout when PostgreSQL does not answer at all', async () => {
    // A server that accepts connections and never says a word: a hung database or a partition.
    const sockets = new Set<Socket>();
    const silent = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    const hung = await appOn(`postgres://nobody:x@127.0.0.1:${port}/none`);
    try {
      const ready = await probe(`${hung.baseUrl}/readyz`);
      assert.equal(ready.status, 503);
      assert.ok(ready.ms >= READY_TIMEOUT_MS - 100, `waited its timeout (${ready.ms} ms)`);
      assert.ok(ready.ms < READY_TIMEOUT_MS + 1_500, `and no longer (${ready.ms} ms)`);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
      await hung.close();
    }
  });
});
