import type { Knex } from 'knex';
import { prepared } from './db.js';

// The counter behind middleware/rate-limit.ts, apart from the middleware so that a service
// (auth/reset-service.ts: per-IC and per-email limits) can count without importing HTTP code.

/** Expired rows one counter write deletes on its way (a bounded amount of work per request). */
const PRUNE_PER_HIT = 20;

/**
 * Counts a hit for `key` and returns the new count and when the window ends. The counter lives
 * in PostgreSQL (one atomic upsert), so several app processes share it. The same statement
 * deletes a few rows whose window has ended: keys hold IC numbers and emails, kept no longer than
 * they count (SKIP LOCKED: concurrent writers never wait on each other's pruning; the row being
 * counted is left to the upsert).
 */
export async function hitRateLimit(
  db: Knex,
  key: string,
  windowSeconds: number,
): Promise<{ count: number; resetAt: Date }> {
  const result = await db
    .raw<{ rows: { count: number; reset_at: Date }[] }>(
      `WITH expired AS (
         SELECT key FROM rate_limits WHERE reset_at <= now() AND key <> ?
          ORDER BY reset_at LIMIT ? FOR UPDATE SKIP LOCKED),
       pruned AS (DELETE FROM rate_limits WHERE key IN (SELECT key FROM expired))
     INSERT INTO rate_limits (key, count, reset_at) VALUES (?, 1, now() + make_interval(secs => ?))
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
       reset_at = CASE WHEN rate_limits.reset_at <= now() THEN excluded.reset_at ELSE rate_limits.reset_at END
     RETURNING count, reset_at`,
      [key, PRUNE_PER_HIT, key, windowSeconds],
    )
    .options(prepared('rate-limit-hit-prune'));
  const row = result.rows[0];
  if (!row) throw new Error('rate limit upsert returned nothing');
  return { count: row.count, resetAt: row.reset_at };
}
