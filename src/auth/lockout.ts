import type { Knex } from 'knex';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { accountLockedEmail } from './emails.js';
import { claimAttempt } from './lockout-queries.js';
import { findAccountOwner, registerFailure, type FailureOutcome } from './queries.js';

export type { RequestFacts } from '../core/audit.js';

/**
 * Counts a wrong security answer toward the lockout. When it is the one that locks the account,
 * the lock is audited and its owner emailed, in the same transaction.
 */
export async function countFailure(
  db: Knex,
  config: Config,
  accountId: number,
  facts: RequestFacts,
): Promise<FailureOutcome> {
  return db.transaction(async (trx) => {
    const outcome = await registerFailure(trx, accountId);
    if (outcome.justLocked) await announceLock(trx, config, accountId, outcome, facts);
    return outcome;
  });
}

/**
 * Claims a password attempt before the verification (see claimAttempt): `counted` false means
 * the account is locked or its allowance is spent, and the password must not be verified.
 */
export function claimPasswordAttempt(db: Knex, accountId: number): Promise<FailureOutcome> {
  return claimAttempt(db, accountId);
}

/** The lock is audited and the owner emailed (with the way out), in the caller's transaction. */
export async function announceLock(
  trx: Knex | Knex.Transaction,
  config: Config,
  accountId: number,
  outcome: FailureOutcome,
  facts: RequestFacts,
): Promise<void> {
  await writeAudit(trx, {
    action: 'account.locked',
    subjectAccountId: accountId,
    details: { minutes: outcome.lockMinutes, lockedUntil: outcome.lockedUntil?.toISOString() },
    ...facts,
  });
  const owner = await findAccountOwner(trx, accountId);
  if (owner?.email) {
    await enqueueEmail(trx, {
      accountId,
      kind: 'account_locked',
      to: owner.email,
      ...accountLockedEmail({
        minutes: outcome.lockMinutes,
        forgotUrl: `${config.baseUrl}/lupa-kata-laluan`,
        helpdesk: config.HELPDESK_EMAIL,
      }),
    });
  }
}

export function isLocked(lockedUntil: Date | null, now = new Date()): boolean {
  return lockedUntil !== null && lockedUntil > now;
}
