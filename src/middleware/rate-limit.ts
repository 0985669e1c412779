import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { hitRateLimit } from '../core/rate-limit-counter.js';
import { renderPage } from '../core/render.js';

export interface RateLimitOptions {
  /** Names the limited action, e.g. 'login'. */
  name: string;
  /** Requests allowed per window per client IP. */
  max: number;
  windowSeconds: number;
}

/** Per-IP limit on a public form's POST; over the limit the visitor gets a 429 page. */
export function rateLimit(db: Knex, opts: RateLimitOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const { count, resetAt } = await hitRateLimit(
      db,
      `${opts.name}:ip:${req.ip ?? 'unknown'}`,
      opts.windowSeconds,
    );
    if (count <= opts.max) return next();
    const minutes = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 60_000));
    res.set('Retry-After', String(minutes * 60));
    await renderPage(res, 'errors/rate-limited', { minutes }, { status: 429 });
  };
}
