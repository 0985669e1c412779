import type { Knex } from 'knex';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import { findEmailHold, listEmailHolds, releaseEmailHold, type EmailHold } from './recovery-queries.js';

export type ReleaseResult = 'released' | 'notHeld' | 'sameActor';

/**
 * The helpdesk's release of a cooling-off hold (issue 11), for a genuine urgent case after the
 * helpdesk has confirmed with the employee (by a known phone number, in person). Made by a second
 * person: whoever changed the email cannot release their own hold.
 */
export class EmailHoldService {
  constructor(private readonly db: Knex) {}

  list(): Promise<EmailHold[]> {
    return listEmailHolds(this.db);
  }

  async release(actorId: number, employeeId: number, facts: RequestFacts): Promise<ReleaseResult> {
    return this.db.transaction(async (trx) => {
      const hold = await findEmailHold(trx, employeeId);
      if (!hold) return 'notHeld';
      if (hold.email_changed_by === actorId) return 'sameActor';
      await releaseEmailHold(trx, employeeId);
      await writeAudit(trx, {
        action: 'staff.helpdesk.email_hold_released',
        actorAccountId: actorId,
        subjectAccountId: hold.account_id,
        details: {
          employeeId,
          email: hold.email,
          heldUntil: new Date(hold.email_hold_until).toISOString(),
          changedBy: hold.email_changed_by,
        },
        ...facts,
      });
      return 'released';
    });
  }
}
