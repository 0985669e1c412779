import type { Knex } from 'knex';
import { writeAudit } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { accountResetEmail } from './emails.js';
import {
  findEmployeeInScope,
  resetAccountToFirstTime,
  updateEmployeeEmail,
  voidTemporaryPassword,
  type EmployeeRecord,
  type PayrollScope,
} from './queries.js';

export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

export type EmailChangeResult =
  | { ok: true; oldEmail: string | null; newEmail: string; voidedTemporary: boolean }
  | { ok: false; reason: 'same' };

export type ResetResult = { ok: true } | { ok: false; reason: 'noAccount' | 'disabled' | 'noEmail' };

/** Unit Gaji actions on one employee; every lookup goes through the officer's scope. */
export class PayrollService {
  constructor(
    private readonly db: Knex,
    private readonly config: Config,
  ) {}

  employee(scope: PayrollScope, employeeId: number): Promise<EmployeeRecord | undefined> {
    return findEmployeeInScope(this.db, scope, employeeId);
  }

  /**
   * Corrects the official email (the fix that lets a failed first-time login succeed). The old
   * and new values go to the audit log. A temporary password already sent to the old address
   * stops working.
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
      if (employee.email === newEmail) return { ok: false, reason: 'same' } as const;
      await updateEmployeeEmail(trx, scope, employeeId, newEmail);
      const voided = employee.account_id
        ? (await voidTemporaryPassword(trx, employee.account_id)) > 0
        : false;
      await writeAudit(trx, {
        action: 'staff.payroll.email_corrected',
        actorAccountId: scope.accountId,
        subjectAccountId: employee.account_id,
        details: {
          employeeId,
          oldEmail: employee.email,
          newEmail,
          temporaryPasswordVoided: voided,
        },
        ...facts,
      });
      return { ok: true, oldEmail: employee.email, newEmail, voidedTemporary: voided } as const;
    });
  }

  /**
   * Returns the employee's portal account to first-time login (DESIGN 1.11): the account becomes
   * pending with no password, answers, phrase or image, its sessions end, and the employee is
   * told by email (in the same transaction, through the outbox).
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
      if (employee.account_status === 'disabled') return { ok: false, reason: 'disabled' } as const;
      if (!employee.email) return { ok: false, reason: 'noEmail' } as const;
      await trx('accounts').where('id', employee.account_id).forUpdate().select('id');
      await resetAccountToFirstTime(trx, employee.account_id);
      await enqueueEmail(trx, {
        accountId: employee.account_id,
        kind: 'account_reset',
        to: employee.email,
        ...accountResetEmail({
          loginId: employee.login_id,
          loginUrl: `${this.config.baseUrl}/login-kali-pertama`,
          helpdesk: this.config.HELPDESK_EMAIL,
        }),
      });
      await writeAudit(trx, {
        action: 'staff.payroll.account_reset',
        actorAccountId: scope.accountId,
        subjectAccountId: employee.account_id,
        details: { employeeId, previousStatus: employee.registration },
        ...facts,
      });
      return { ok: true } as const;
    });
  }
}
