/**
 * A crash in a request handler. The portal has no route that throws on purpose, so the test
 * gives createApp one through its dependencies (AppDeps.extraRoutes), mounted just before the
 * 404 handler: its requests pass through every real middleware (request ID, session, CSRF,
 * current user) and its errors reach the real error handler and logger.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Router } from 'express';
import { DEMO, DEMO_PASSWORD } from '../../seeds/demo-accounts.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TestClient, login, visibleText, type Page } from '../helpers/http.js';
import {
  leaksInternals,
  rawRequest,
  sleep,
  startInProcessApp,
  type InProcessApp,
  type LogLine,
} from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function crashingRoutes(): Router {
  const router = Router();
  router.get('/segerak', () => {
    throw new Error('sengaja: ralat segerak dalam pengendali');
  });
  router.get('/tak-segerak', async () => {
    await sleep(5);
    throw new Error('sengaja: ralat tak segerak dalam pengendali');
  });
  router.get('/separuh-jalan', (_req, res) => {
    res.status(200).type('html');
    res.write('<!doctype html><html><body><p>permulaan halaman');
    throw new Error('sengaja: ralat selepas respons bermula');
  });
  return router;
}

describe('a crash in a request handler', () => {
  let database: TestDatabase;
  let smtp: SmtpCatcher;
  let app: InProcessApp;

  before(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpCatcher(0);
    app = await startInProcessApp({
      databaseUrl: database.url,
      smtpUrl: smtp.url,
      sender: false,
      extraRoutes: { '/__ujian-ralat': crashingRoutes() },
    });
  });

  after(async () => {
    await app?.close();
    await smtp?.close();
    await database?.drop();
  });

  const logsOf = (requestId: string): LogLine[] =>
    app
      .logs()
      .filter((l) => l.requestId === requestId || (l.req as { id?: string } | undefined)?.id === requestId);

  function assertServerErrorPage(page: Page, what: string): string {
    assert.equal(page.status, 500, what);
    const requestId = page.headers.get('x-request-id') ?? '';
    assert.match(requestId, UUID, `${what}: a request ID`);
    const text = visibleText(page.html);
    assert.ok(text.includes(requestId), `${what}: the page shows the request ID`);
    assert.ok(text.includes('PORTAL iSPEKS versi 2.1'), `${what}: in the portal frame`);
    assert.ok(!text.includes('sengaja'), `${what}: the error's message stays in the log`);
    assert.ok(!leaksInternals(page.html), `${what}: no stack trace`);
    return requestId;
  }

  test('a thrown error or a rejected promise gives the 500 page with the request ID, logged with that ID; the process serves on', async () => {
    const client = new TestClient(app.baseUrl);
    for (const [path, message] of [
      ['/__ujian-ralat/segerak', 'sengaja: ralat segerak dalam pengendali'],
      ['/__ujian-ralat/tak-segerak', 'sengaja: ralat tak segerak dalam pengendali'],
    ] as const) {
      const requestId = assertServerErrorPage(await client.get(path), path);
      const lines = logsOf(requestId);
      const failure = lines.find((l) => l.msg === 'request failed');
      assert.ok(failure, `${path}: "request failed" is logged with the request ID`);
      assert.ok(failure.level >= 50, 'at level error');
      const err = failure.err as { message?: string; stack?: string };
      assert.equal(err.message, message);
      assert.match(err.stack ?? '', /thrown-errors\.test\.ts/, 'the stack trace is in the log');
      const completed = lines.find((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 500);
      assert.ok(completed, `${path}: the request's own log line has the same ID and status 500`);
      // The next requests are served as usual.
      assert.equal((await client.get('/')).status, 200);
    }
    assert.equal(
      (await login(new TestClient(app.baseUrl), DEMO.activeEmployee.ic, DEMO_PASSWORD)).status,
      200,
    );
  });

  test('signed in, the 500 page comes in the signed-in frame and the session goes on', async () => {
    const client = new TestClient(app.baseUrl);
    assert.equal((await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    const page = await client.get('/__ujian-ralat/tak-segerak');
    assertServerErrorPage(page, 'signed in');
    const text = visibleText(page.html);
    assert.ok(text.includes(DEMO.activeEmployee.name) && text.includes('Log Keluar'), 'the signed-in frame');
    assert.equal((await client.get('/laman-utama')).status, 200, 'still signed in');
  });

  test('a crash after the response began cuts the connection (no truncated page that looks whole) and is logged', async () => {
    const port = Number(new URL(app.baseUrl).port);
    const outcome = await rawRequest(port, { path: '/__ujian-ralat/separuh-jalan' }).then(
      (r) => `complete response ${r.status}: ${r.body}`,
      (err: NodeJS.ErrnoException) => err.code ?? err.message,
    );
    assert.match(outcome, /ECONNRESET|ABORTED|aborted|socket hang up/, outcome);
    const logged = app
      .logs()
      .find(
        (l) =>
          l.msg === 'request failed' && (l.err as { message?: string }).message?.includes('selepas respons'),
      );
    assert.ok(
      logged && typeof logged.requestId === 'string' && UUID.test(logged.requestId),
      'logged with its request ID',
    );
    assert.equal((await new TestClient(app.baseUrl).get('/')).status, 200);
  });

  test('a query that fails for another reason than an outage is a 500 (not a 503) and shows no SQL', async () => {
    const client = new TestClient(app.baseUrl);
    assert.equal((await login(client, DEMO.activeEmployee.ic, DEMO_PASSWORD)).status, 200);
    assert.equal((await client.get('/muat-turun')).status, 200);
    // The owner's DDL (the app role owns nothing and could not rename it).
    await database.owner.raw('ALTER TABLE downloads RENAME TO downloads_hilang');
    try {
      const page = await client.get('/muat-turun');
      assertServerErrorPage(page, 'a missing table');
      assert.ok(!page.html.includes('downloads'), 'no SQL on the page');
    } finally {
      await database.owner.raw('ALTER TABLE downloads_hilang RENAME TO downloads');
    }
    assert.equal((await client.get('/muat-turun')).status, 200);
  });
});
