import { Router } from 'express';
import type { Knex } from 'knex';

/** How long /readyz waits for `select 1` before it answers 503 (a probe must not hang). */
export const READY_TIMEOUT_MS = 2_000;

/**
 * Probes for a load balancer, the image's HEALTHCHECK and docker-compose. Mounted before the
 * request log, the session and CSRF (src/app.ts): a probe every few seconds would otherwise write
 * a log line and a session row each time. They show nothing but "ok" or "unavailable".
 * - /healthz: the process is up and its event loop answers (no database: a database outage
 *   must not get every app process restarted);
 * - /readyz: the process can serve, i.e. its pool gets an answer from PostgreSQL in time.
 */
export function healthRouter(db: Knex): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').type('text/plain').send('ok');
  });
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store').type('text/plain');
    const ready = await databaseAnswers(db, READY_TIMEOUT_MS);
    res.status(ready ? 200 : 503).send(ready ? 'ok' : 'unavailable');
  });
  return router;
}

/** True when `select 1` comes back within `timeoutMs` (a pool wait counts against it too). */
async function databaseAnswers(db: Knex, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  // A query that fails after the timeout already answered is settled here, never unhandled.
  const query = db.raw('select 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}
