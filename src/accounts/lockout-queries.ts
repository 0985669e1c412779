import type { Knex } from 'knex';
import { prepared } from '../core/db.js';

type Db = Knex | Knex.Transaction;

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** The doubling stops at one day. */
export const MAX_LOCK_MINUTES = 24 * 60;

export interface FailureOutcome {
  /** False when the account was already locked: nothing was counted. */
  counted: boolean;
  failedCount: number;
  justLocked: boolean;
  lockedUntil: Date | null;
  lockMinutes: number;
}

export function lockMinutesFor(lockCount: number): number {
  return Math.min(LOCK_MINUTES * 2 ** Math.max(0, Math.min(lockCount - 1, 16)), MAX_LOCK_MINUTES);
}

/** The count as it stands now: a lock that has run out starts it again. */
const CURRENT = `CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 0 ELSE failed_count END`;
const NEXT = `(${CURRENT} + 1)`;

/**
 * One failure counted in one UPDATE (concurrent requests on several app processes serialise on
 * the row and cannot lose a count); the count that reaches MAX_FAILURES sets the lock, doubling
 * with each repeated lock up to a day. Nothing is counted on a locked account; with
 * `withinAllowance`, nothing either once the allowance is spent.
 */
async function countFailure(
  db: Db,
  accountId: number,
  withinAllowance: boolean,
  statementName: string,
): Promise<FailureOutcome> {
  const allowance = withinAllowance ? ` AND ${CURRENT} < ${MAX_FAILURES}` : '';
  const result = await db
    .raw<{ rows: { failed_count: number; lock_count: number; locked_until: Date | null }[] }>(
      `UPDATE accounts SET
       failed_count = ${NEXT},
       lock_count = lock_count + CASE WHEN ${NEXT} >= ? THEN 1 ELSE 0 END,
       locked_until = CASE WHEN ${NEXT} >= ?
         THEN now() + make_interval(mins => LEAST(? * power(2, LEAST(lock_count, 16))::int, ?))
         ELSE NULL END,
       updated_at = now()
     WHERE id = ? AND (locked_until IS NULL OR locked_until <= now())${allowance}
     RETURNING failed_count, lock_count, locked_until`,
      [MAX_FAILURES, MAX_FAILURES, LOCK_MINUTES, MAX_LOCK_MINUTES, accountId],
    )
    .options(prepared(statementName));
  const row = result.rows[0];
  if (!row)
    return {
      counted: false,
      failedCount: MAX_FAILURES,
      justLocked: false,
      lockedUntil: null,
      lockMinutes: 0,
    };
  return {
    counted: true,
    failedCount: row.failed_count,
    justLocked: row.locked_until !== null,
    lockedUntil: row.locked_until,
    lockMinutes: row.locked_until ? lockMinutesFor(row.lock_count) : 0,
  };
}

/** Counts one wrong password or answer (a security answer, a current password in the profile). */
export function registerFailure(db: Db, accountId: number): Promise<FailureOutcome> {
  return countFailure(db, accountId, false, 'lockout-register-failure');
}

/**
 * Claims one password attempt BEFORE the password is verified: the attempt is counted as a
 * failure now (a success clears it later), and the claim that spends the last of the allowance
 * sets the lock in the same statement. So at most MAX_FAILURES verifications happen per lock
 * window whatever the concurrency; a request that gets no row (locked, or the allowance is spent)
 * must not verify at all.
 */
export function claimAttempt(db: Db, accountId: number): Promise<FailureOutcome> {
  return countFailure(db, accountId, true, 'login-claim');
}
