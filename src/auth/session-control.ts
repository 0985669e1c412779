import type { Request } from 'express';
import type { Knex } from 'knex';

/** Starts a signed-in session under a new session ID (no fixation); the CSRF token is new with it. */
export function startSignedInSession(req: Request, accountId: number): Promise<void> {
  const locale = req.session.flash;
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      const now = Date.now();
      req.session.accountId = accountId;
      req.session.loginAt = now;
      req.session.lastSeenAt = now;
      if (locale) req.session.flash = locale;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** Ends the session on the server (its row is deleted), not only in the browser. */
export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** Ends every session of an account except, optionally, the current one. */
export async function endOtherSessions(
  db: Knex | Knex.Transaction,
  accountId: number,
  keepSid?: string,
): Promise<number> {
  const q = db('session').whereRaw("(sess ->> 'accountId') = ?", [String(accountId)]);
  if (keepSid) q.andWhereNot('sid', keepSid);
  return q.delete();
}
