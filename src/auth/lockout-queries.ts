import type { Knex } from 'knex';
import { prepared } from '../core/db.js';
import {
  LOCK_MINUTES,
  MAX_FAILURES,
  MAX_LOCK_MINUTES,
  lockMinutesFor,
  type FailureOutcome,
} from './queries.js';

type Db = Knex | Knex.Transaction;

/** The count as it stands now: a lock that has run out starts it again. */
const CURRENT = `CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 0 ELSE failed_count END`;

/**
 * Claims one password attempt BEFORE the password is verified, in one UPDATE: the attempt is
 * counted as a failure now (a success clears it later), and the claim that spends the last of the
 * allowance sets the lock in the same statement. Concurrent requests serialise on the row, so at
 * most MAX_FAILURES verifications happen per lock window whatever the concurrency; a request that
 * gets no row (locked, or the allowance is spent) must not verify at all.
 */
export async function claimAttempt(db: Db, accountId: number): Promise<FailureOutcome> {
  const n = `(${CURRENT} + 1)`;
  const result = await db
    .raw<{ rows: { failed_count: number; lock_count: number; locked_until: Date | null }[] }>(
      `UPDATE accounts SET
       failed_count = ${n},
       lock_count = lock_count + CASE WHEN ${n} >= ? THEN 1 ELSE 0 END,
       locked_until = CASE WHEN ${n} >= ?
         THEN now() + make_interval(mins => LEAST(? * power(2, LEAST(lock_count, 16))::int, ?))
         ELSE NULL END,
       updated_at = now()
     WHERE id = ? AND (locked_until IS NULL OR locked_until <= now()) AND ${CURRENT} < ?
     RETURNING failed_count, lock_count, locked_until`,
      [MAX_FAILURES, MAX_FAILURES, LOCK_MINUTES, MAX_LOCK_MINUTES, accountId, MAX_FAILURES],
    )
    .options(prepared('login-claim'));
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
