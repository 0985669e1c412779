import type { Knex } from 'knex';
import type { Config } from '../core/config.js';
import type { RequestFacts } from '../core/audit.js';
import { AccountRecovery } from './account-recovery.js';
import { findRecoveryEmployee, holdsAnyStaffRole, type RecoveryEmployee } from './recovery-queries.js';

export type AdminRecoveryResult =
  { ok: true; heldUntil?: Date | null } | { ok: false; key: string; status: number } | undefined;

/**
 * The administrator's account recovery (issue 11): the only way to correct the official email of,
 * or reset, an account that holds a staff role. Never on the administrator's own account (one
 * stolen administrator session must not be able to redirect its own recovery).
 */
export class AdminRecoveryService {
  private readonly recovery: AccountRecovery;

  constructor(
    private readonly db: Knex,
    config: Config,
  ) {
    this.recovery = new AccountRecovery(config);
  }

  employee(accountId: number): Promise<RecoveryEmployee | undefined> {
    return findRecoveryEmployee(this.db, accountId);
  }

  async changeEmail(
    actorId: number,
    accountId: number,
    newEmail: string,
    facts: RequestFacts,
  ): Promise<AdminRecoveryResult> {
    if (actorId === accountId) return { ok: false, key: 'staff.recovery.self', status: 403 };
    return this.db.transaction(async (trx) => {
      const e = await findRecoveryEmployee(trx, accountId, { forUpdate: true });
      if (!e) return undefined;
      if (e.email === newEmail) return { ok: false, key: 'staff.payroll.email.same', status: 400 };
      const done = await this.recovery.changeEmail(
        trx,
        {
          employeeId: e.employee_id,
          icNo: e.ic_no,
          email: e.email,
          accountId: e.account_id,
          loginId: e.login_id,
        },
        newEmail,
        { accountId: actorId, role: 'admin' },
        facts,
      );
      return { ok: true, heldUntil: done.heldUntil };
    });
  }

  async reset(actorId: number, accountId: number, facts: RequestFacts): Promise<AdminRecoveryResult> {
    if (actorId === accountId) return { ok: false, key: 'staff.recovery.self', status: 403 };
    return this.db.transaction(async (trx) => {
      const e = await findRecoveryEmployee(trx, accountId, { forUpdate: true });
      if (!e) return undefined;
      // Taken for its lock: the roles dropped below cannot change under the reset.
      await holdsAnyStaffRole(trx, accountId, true);
      if (e.status === 'disabled') return { ok: false, key: 'staff.payroll.reset.disabled', status: 400 };
      if (!e.email) return { ok: false, key: 'staff.payroll.reset.noEmail', status: 400 };
      await this.recovery.resetToFirstTime(
        trx,
        {
          employeeId: e.employee_id,
          icNo: e.ic_no,
          email: e.email,
          accountId: e.account_id,
          loginId: e.login_id,
        },
        { accountId: actorId, role: 'admin' },
        e.registration,
        facts,
      );
      return { ok: true };
    });
  }
}
