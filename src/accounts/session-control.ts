import type { Request } from 'express';
import type { Knex } from 'knex';

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/**
 * Saves the session now. Call it after changing the session and before a redirect:
 * express-session sends the response headers (the Location of a 303) before its own save at
 * the end has finished, so a browser can follow the redirect and read the old session.
 */
export const saveSession = save;

/**
 * Starts a signed-in session under a new session ID (no fixation). The CSRF token lives in the
 * session, so it is new with it. `flash` is a one-shot notice for the next page.
 */
export async function startSignedInSession(req: Request, accountId: number, flash?: string): Promise<void> {
  await regenerate(req);
  const now = Date.now();
  req.session.accountId = accountId;
  req.session.loginAt = now;
  req.session.lastSeenAt = now;
  if (flash) req.session.flash = flash;
  await save(req);
}

/**
 * After a temporary-password login: a new session that can reach the activation page only
 * (it holds no accountId, so no signed-in page lets it in).
 */
export async function startActivationSession(req: Request, accountId: number, stamp?: string): Promise<void> {
  await regenerate(req);
  const now = Date.now();
  req.session.activationAccountId = accountId;
  req.session.activationStamp = stamp;
  req.session.loginAt = now;
  req.session.lastSeenAt = now;
  await save(req);
}

/** A new, anonymous session (new ID): after activation or a password reset, with a notice. */
export async function startAnonymousSession(req: Request, flash?: string): Promise<void> {
  await regenerate(req);
  if (flash) req.session.flash = flash;
  await save(req);
}

/** Ends the session on the server (its row is deleted), not only in the browser. */
export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/**
 * Ends every session of an account except, optionally, the current one: signed-in sessions and
 * activation-only ones (a temporary password used by whoever read it must not outlive a
 * correction or reset of the account; issue 11, item 3).
 */
export async function endOtherSessions(
  db: Knex | Knex.Transaction,
  accountId: number,
  keepSid?: string,
): Promise<number> {
  const id = String(accountId);
  const q = db('session').where((w) =>
    w.whereRaw("(sess ->> 'accountId') = ?", [id]).orWhereRaw("(sess ->> 'activationAccountId') = ?", [id]),
  );
  if (keepSid) q.andWhereNot('sid', keepSid);
  return q.delete();
}

/**
 * A new session ID for the signed-in user after a security change (the login time is kept,
 * so the absolute timeout still counts from the login).
 */
export async function rotateSession(req: Request, flash?: string): Promise<void> {
  const { accountId, loginAt } = req.session;
  await regenerate(req);
  req.session.accountId = accountId;
  req.session.loginAt = loginAt;
  req.session.lastSeenAt = Date.now();
  if (flash) req.session.flash = flash;
  await save(req);
}
