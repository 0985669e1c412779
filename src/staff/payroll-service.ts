import type { Knex } from 'knex';
import type { RequestFacts } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { AccountRecovery } from './account-recovery.js';
import { findEmployeeInScope, type EmployeeRecord, type PayrollScope } from './queries.js';
import { holdsAnyStaffRole } from './recovery-queries.js';

export type EmailChangeResult =
  | { ok: true; oldEmail: string | null; newEmail: string; voidedTemporary: boolean; heldUntil: Date | null }
  | { ok: false; reason: 'same' | 'staffAccount' };

export type ResetResult =
  { ok: true } | { ok: false; reason: 'noAccount' | 'disabled' | 'noEmail' | 'staffAccount' };

/** Unit Gaji actions on one employee; every lookup goes through the officer's scope. */
export class PayrollService {
  private readonly recovery: AccountRecovery;

  constructor(
    private readonly db: Knex,
    config: Config,
  ) {
    this.recovery = new AccountRecovery(config);
  }

  employee(scope: PayrollScope, employeeId: number): Promise<EmployeeRecord | undefined> {
    return findEmployeeInScope(this.db, scope, employeeId);
  }

  /**
   * Corrects the official email (the fix that lets a failed first-time login succeed), in one
   * step for an ordinary employee. An account holding any staff role is refused: only an
   * administrator may redirect a staff member's email (issue 11: otherwise an officer could take
   * over the accounts of the staff of their departments, an administrator's included).
   */
  async changeEmail(
    scope: PayrollScope,
    employeeId: number,
    newEmail: string,
    facts: RequestFacts,
  ): Promise<EmailChangeResult | undefined> {
    return this.db.transaction(async (trx) => {
      const employee = await findEmployeeInScope(trx, scope, employeeId, { forUpdate: true });
      if (!employee) return undefined;
      if (employee.account_id && (await holdsAnyStaffRole(trx, employee.account_id)))
        return { ok: false, reason: 'staffAccount' } as const;
      if (employee.email === newEmail) return { ok: false, reason: 'same' } as const;
      const done = await this.recovery.changeEmail(
        trx,
        target(employee),
        newEmail,
        { accountId: scope.accountId, role: 'payroll' },
        facts,
      );
      return {
        ok: true,
        oldEmail: employee.email,
        newEmail,
        voidedTemporary: done.voidedTemporary,
        heldUntil: done.heldUntil,
      } as const;
    });
  }

  /**
   * Returns the employee's portal account to first-time login (DESIGN 1.11): the account becomes
   * pending with no password, answers, phrase or image, every session ends, and the employee is
   * told by email. A staff member's account is refused (only an administrator may reset it).
   */
  async resetAccount(
    scope: PayrollScope,
    employeeId: number,
    facts: RequestFacts,
  ): Promise<ResetResult | undefined> {
    return this.db.transaction(async (trx) => {
      const employee = await findEmployeeInScope(trx, scope, employeeId, { forUpdate: true });
      if (!employee) return undefined;
      if (!employee.account_id || !employee.login_id) return { ok: false, reason: 'noAccount' } as const;
      if (await holdsAnyStaffRole(trx, employee.account_id, true))
        return { ok: false, reason: 'staffAccount' } as const;
      if (employee.account_status === 'disabled') return { ok: false, reason: 'disabled' } as const;
      if (!employee.email) return { ok: false, reason: 'noEmail' } as const;
      await trx('accounts').where('id', employee.account_id).forUpdate().select('id');
      await this.recovery.resetToFirstTime(
        trx,
        {
          ...target(employee),
          accountId: employee.account_id,
          loginId: employee.login_id,
          email: employee.email,
        },
        { accountId: scope.accountId, role: 'payroll' },
        employee.registration,
        facts,
      );
      return { ok: true } as const;
    });
  }
}

function target(e: EmployeeRecord) {
  return { employeeId: e.id, icNo: e.ic_no, email: e.email, accountId: e.account_id, loginId: e.login_id };
}
