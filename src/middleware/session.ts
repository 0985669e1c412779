import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Config } from '../core/config.js';
import { PortalSessionStore } from './session-store.js';
import type { Clock } from '../core/deps.js';

export const SESSION_COOKIE = 'ispeks.sid';

/** Sessions live in PostgreSQL (table `session`) so that any app process can serve any user. */
export function sessionMiddleware(config: Config, pool: pg.Pool) {
  // No UPDATE of the session row on every request (express-session's touch): the row's expiry
  // is the absolute timeout, and the idle timeout rides on lastSeenAt, saved once a minute. The
  // store's read brings the signed-in account along (one round trip, src/middleware/session-store.ts).
  const store = new PortalSessionStore(
    pool,
    config.SESSION_ABSOLUTE_HOURS * 3600,
    config.NODE_ENV === 'test' ? false : 15 * 60,
  );
  const expressSession = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    // 'keep', not 'destroy': when the session could not be loaded (the database was out),
    // express-session leaves req.session unset, and 'destroy' would then delete the user's
    // session as the response ends: a short outage would sign people out.
    unset: 'keep',
    proxy: config.TRUST_PROXY,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Always Secure in production (issue 11): a cookie that may travel over plain HTTP can be
      // read on the network. Only ALLOW_INSECURE_HTTP (chosen on purpose, see config.ts) falls
      // back to Secure-when-the-request-is-HTTPS.
      secure: config.isProduction ? (config.ALLOW_INSECURE_HTTP ? 'auto' : true) : false,
      path: '/',
    },
  });
  // express-session saves the session as the response ends; when that save fails (the database
  // went down), it passes the error on after the page has gone out: to the error handler a
  // second time or, past it, to Express's final handler, which cuts the connection under a
  // complete page. The page is out by then: log the lost save and stop there.
  const middleware = (req: Request, res: Response, next: NextFunction) =>
    expressSession(req, res, (err?: unknown) => {
      if (err && res.headersSent) {
        req.log?.warn({ err, requestId: String(req.id ?? '') }, 'session not saved');
        return;
      }
      next(err);
    });
  return { middleware, store };
}

/**
 * Ends a signed-in session after the idle or absolute timeout. lastSeenAt is written at most
 * once a minute, so an active user's session row is not rewritten on every request.
 */
export function sessionTimeouts(config: Config, clock: Clock) {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  return (req: Request, res: Response, next: NextFunction) => {
    const s = req.session;
    if (!s?.accountId) return next();
    const now = clock.now();
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
    // For the warning before the idle timeout (public/js/session-timeout.js): seconds left.
    const idleEnd = (s.lastSeenAt ?? now) + idleMs;
    res.locals.sessionSecondsLeft = Math.max(
      0,
      Math.floor((Math.min(idleEnd, (s.loginAt ?? 0) + absoluteMs) - now) / 1000),
    );
    next();
  };
}
