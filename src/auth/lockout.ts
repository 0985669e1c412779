import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { accountLockedEmail } from './emails.js';
import { findAccountOwner, registerFailure, type FailureOutcome } from './queries.js';

export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Counts a wrong password or security answer toward the lockout. When it is the one that locks
 * the account, the lock is audited and its owner emailed, in the same transaction.
 */
export async function countFailure(
  db: Knex,
  config: Config,
  accountId: number,
  facts: RequestFacts,
): Promise<FailureOutcome> {
  return db.transaction(async (trx) => {
    const outcome = await registerFailure(trx, accountId);
    if (!outcome.justLocked) return outcome;
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
    return outcome;
  });
}

export function isLocked(lockedUntil: Date | null, now = new Date()): boolean {
  return lockedUntil !== null && lockedUntil > now;
}
