import type { Knex } from 'knex';
import type { FirstTimeService } from '../auth/index.js';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import { findHelpdeskAccount, unlockAccount, type HelpdeskAccount } from './helpdesk-queries.js';

export type ResendResult =
  { ok: true; email: string } | { ok: false; reason: 'notPending' | 'noEmail' | 'held' };

/** Helpdesk actions on an account. Nothing here reads a payslip, a payment or a loan. */
export class HelpdeskService {
  /** The first-time login service of the public pages (the same instance, from src/services.ts). */
  constructor(
    private readonly db: Knex,
    private readonly firstTime: FirstTimeService,
  ) {}

  account(accountId: number): Promise<HelpdeskAccount | undefined> {
    return findHelpdeskAccount(this.db, accountId);
  }

  /** The full IC (login ID) is shown only through this call, and each reveal is audited. */
  async revealLoginId(
    actorId: number,
    accountId: number,
    facts: RequestFacts,
  ): Promise<HelpdeskAccount | undefined> {
    const account = await findHelpdeskAccount(this.db, accountId);
    if (!account) return undefined;
    await writeAudit(this.db, {
      action: 'staff.helpdesk.reveal_ic',
      actorAccountId: actorId,
      subjectAccountId: accountId,
      ...facts,
    });
    return account;
  }

  async unlock(actorId: number, accountId: number, facts: RequestFacts): Promise<boolean | undefined> {
    return this.db.transaction(async (trx) => {
      const account = await findHelpdeskAccount(trx, accountId);
      if (!account) return undefined;
      const wasLocked = account.registration === 'locked' || account.failed_count > 0;
      if (!wasLocked) return false;
      await unlockAccount(trx, accountId);
      await writeAudit(trx, {
        action: 'staff.helpdesk.unlock',
        actorAccountId: actorId,
        subjectAccountId: accountId,
        details: {
          lockedUntil: account.locked_until?.toISOString() ?? null,
          failedCount: account.failed_count,
        },
        ...facts,
      });
      return true;
    });
  }

  /**
   * Re-sends the first-time email with a NEW temporary password (the old one stops working), by
   * the same service the public "Login Kali Pertama" form uses.
   */
  async resendFirstTime(
    actorId: number,
    accountId: number,
    facts: RequestFacts,
  ): Promise<ResendResult | undefined> {
    const account = await findHelpdeskAccount(this.db, accountId);
    if (!account) return undefined;
    if (account.status !== 'pending') return { ok: false, reason: 'notPending' };
    if (!account.email) return { ok: false, reason: 'noEmail' };
    const outcome = await this.firstTime.request(
      {
        ic: account.kind === 'employee' ? account.login_id : null,
        companyId: account.kind === 'company' ? account.login_id : null,
        email: account.email,
      },
      facts,
    );
    await writeAudit(this.db, {
      action: 'staff.helpdesk.resend_first_time',
      actorAccountId: actorId,
      subjectAccountId: accountId,
      details: { outcome },
      ...facts,
    });
    if (outcome === 'sent') return { ok: true, email: account.email };
    // The cooling-off after an email change binds the helpdesk too (issue 11, SECURITY.md).
    if (outcome === 'held') return { ok: false, reason: 'held' };
    return { ok: false, reason: outcome === 'active' ? 'notPending' : 'noEmail' };
  }
}
