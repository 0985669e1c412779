import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { loadCurrentUser } from '../core/current-user.js';
import { preloadedUser } from './session-store.js';

/**
 * The signed-in account for the request: normally already read with the session (one round trip,
 * src/middleware/session-store.ts), else loaded; a session whose account is gone or not active ends.
 */
export function currentUser(db: Knex) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const accountId = req.session?.accountId;
    if (!accountId) return next();
    const read = preloadedUser(req, accountId);
    const user = read ? read.user : await loadCurrentUser(db, accountId);
    if (!user || user.status !== 'active') {
      delete req.session.accountId;
      return next();
    }
    req.currentUser = user;
    res.locals.user = user;
    res.locals.isStaff = user.roles.length > 0;
    next();
  };
}

/** Signed-in pages hold personal data: never cache them anywhere. */
export function noStoreWhenSignedIn(req: Request, res: Response, next: NextFunction) {
  if (req.session?.accountId) {
    res.set('Cache-Control', 'no-store');
    res.set('Pragma', 'no-cache');
  }
  next();
}
