import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { hitRateLimit } from '../core/rate-limit-counter.js';
import { renderPage, type RenderOptions } from '../core/render.js';

export interface RateLimitOptions {
  /** Names the limited action, e.g. 'login'. */
  name: string;
  /** Requests allowed per window per client IP. */
  max: number;
  windowSeconds: number;
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
