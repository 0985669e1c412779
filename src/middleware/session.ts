import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Config } from '../core/config.js';

export const SESSION_COOKIE = 'ispeks.sid';

/** Sessions live in PostgreSQL so that any app process can serve any user. */
export function sessionMiddleware(config: Config, pool: pg.Pool) {
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool,
    tableName: 'session',
    createTableIfMissing: false,
    ttl: config.SESSION_ABSOLUTE_HOURS * 3600,
    pruneSessionInterval: config.NODE_ENV === 'test' ? false : 15 * 60,
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    unset: 'destroy',
    proxy: config.TRUST_PROXY,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction ? 'auto' : false,
      path: '/',
    },
  });
  return { middleware, store };
}

/**
 * Ends a signed-in session after the idle or absolute timeout. lastSeenAt is written at most
 * once a minute, so an active user's session row is not rewritten on every request.
 */
export function sessionTimeouts(config: Config) {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  return (req: Request, res: Response, next: NextFunction) => {
    const s = req.session;
    if (!s?.accountId) return next();
    const now = Date.now();
    const expired = now - (s.loginAt ?? 0) > absoluteMs || now - (s.lastSeenAt ?? 0) > idleMs;
    if (expired) {
      s.destroy((err) => {
        if (err) return next(err);
        res.clearCookie(SESSION_COOKIE);
        res.redirect(303, '/sesi-tamat');
      });
      return;
    }
    if (now - (s.lastSeenAt ?? 0) > 60_000) s.lastSeenAt = now;
    next();
  };
}
