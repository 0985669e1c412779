import type { Request } from 'express';
import session from 'express-session';
import type pg from 'pg';
import {
  CURRENT_USER_COLUMNS,
  CURRENT_USER_JOINS,
  toCurrentUser,
  type CurrentUser,
  type CurrentUserRow,
} from '../core/current-user.js';

/** Where the store's read leaves the signed-in account for the currentUser middleware. */
const LOADED_USER = Symbol('loaded current user');
const preloaded = new WeakMap<Request, { accountId: number; user: CurrentUser | undefined }>();

/**
 * The account that the session read brought along with the session (undefined when it brought
 * none: no session, an anonymous one, or a session saved during this request).
 */
export function preloadedUser(
  req: Request,
  accountId: number,
): { user: CurrentUser | undefined } | undefined {
  const hit = preloaded.get(req);
  return hit && hit.accountId === accountId ? { user: hit.user } : undefined;
}

type StoredSession = session.SessionData & { [LOADED_USER]?: CurrentUser | undefined; accountId?: number };
type Callback<T = unknown> = (err?: unknown, value?: T) => void;

// The table is connect-pg-simple's (migrations/20261101000000_core_schema.ts): sid, sess (json),
// expire. Other code ends sessions by deleting its rows (src/auth/session-control.ts).
/** Exported for the benchmark's EXPLAIN (bench/lib/explain.ts). */
export const SESSION_WITH_ACCOUNT = {
  name: 'session-get',
  text: `SELECT s.sess, ${CURRENT_USER_COLUMNS}
           FROM session s
           LEFT JOIN accounts a ON a.id = (s.sess ->> 'accountId')::int
           ${CURRENT_USER_JOINS}
          WHERE s.sid = $1 AND s.expire >= now()`,
};
const SET = {
  name: 'session-set',
  text: `INSERT INTO session (sid, sess, expire) VALUES ($1, $2, to_timestamp($3))
         ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expire = excluded.expire`,
};
const DESTROY = { name: 'session-destroy', text: 'DELETE FROM session WHERE sid = $1' };
const PRUNE = { name: 'session-prune', text: 'DELETE FROM session WHERE expire < now()' };

/**
 * The express-session store (in place of connect-pg-simple, same table): its read of a session
 * also brings the signed-in account with it, in one statement, so a signed-in page makes one
 * round trip for "session + current user" instead of two (issue 15). Each query is a named
 * prepared statement. No touch: the row's expiry is the absolute timeout, and the idle timeout
 * rides on lastSeenAt (src/middleware/session.ts).
 */
export class PortalSessionStore extends session.Store {
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly pool: pg.Pool,
    /** Seconds a stored session lives (the absolute timeout). */
    private readonly ttlSeconds: number,
    pruneEverySeconds: number | false,
  ) {
    super();
    if (pruneEverySeconds) {
      this.pruneTimer = setInterval(() => {
        this.pool.query(PRUNE).catch(() => {
          // The next round tries again; expired rows are never read (the read checks expire).
        });
      }, pruneEverySeconds * 1000);
      this.pruneTimer.unref();
    }
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.pool.query<{ sess: StoredSession } & CurrentUserRow>({ ...SESSION_WITH_ACCOUNT, values: [sid] }).then((result) => {
      const row = result.rows[0];
      if (!row) return callback(null, null);
      const sess = row.sess;
      if (typeof sess.accountId === 'number') sess[LOADED_USER] = toCurrentUser(row);
      callback(null, sess);
    }, callback);
  }

  /** express-session builds req.session here from what get() returned: the account goes aside. */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const stored = data as StoredSession;
    if (typeof stored.accountId === 'number' && LOADED_USER in stored) {
      preloaded.set(req, { accountId: stored.accountId, user: stored[LOADED_USER] });
    }
    delete stored[LOADED_USER];
    return super.createSession(req, data);
  }

  override set(sid: string, sess: session.SessionData, callback?: Callback): void {
    const maxAge = sess.cookie?.maxAge;
    const expire = Math.ceil(Date.now() / 1000 + (maxAge ? maxAge / 1000 : this.ttlSeconds));
    this.pool.query({ ...SET, values: [sid, JSON.stringify(sess), expire] }).then(
      () => callback?.(),
      (err: unknown) => callback?.(err),
    );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.pool.query({ ...DESTROY, values: [sid] }).then(
      () => callback?.(),
      (err: unknown) => callback?.(err),
    );
  }

  /** Touch writes nothing (see above). */
  override touch(_sid: string, _sess: session.SessionData, callback?: () => void): void {
    callback?.();
  }

  close(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }
}
