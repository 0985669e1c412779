import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { prepared } from '../core/db.js';
import { renderPage, type RenderOptions } from '../core/render.js';

export interface RateLimitOptions {
  /** Names the limited action, e.g. 'login'. */
  name: string;
  /** Requests allowed per window per client IP. */
  max: number;
  windowSeconds: number;
}

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

/**
 * Counts a hit on `key`; over `max` hits in the window the visitor gets the 429 page (with
 * Retry-After) and this returns true, so the caller stops. The one place that answers 429.
 */
export async function answeredOverLimit(
  db: Knex,
  res: Response,
  limit: { key: string; max: number; windowSeconds: number },
  options: RenderOptions = {},
): Promise<boolean> {
  const { count, resetAt } = await hitRateLimit(db, limit.key, limit.windowSeconds);
  if (count <= limit.max) return false;
  const minutes = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 60_000));
  res.set('Retry-After', String(minutes * 60));
  await renderPage(res, 'errors/rate-limited', { minutes }, { ...options, status: 429 });
  return true;
}

/** Per-IP limit on a public form's POST; over the limit the visitor gets a 429 page. */
export function rateLimit(db: Knex, opts: RateLimitOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = `${opts.name}:ip:${req.ip ?? 'unknown'}`;
    if (!(await answeredOverLimit(db, res, { key, max: opts.max, windowSeconds: opts.windowSeconds })))
      next();
  };
}
