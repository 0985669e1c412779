import type { Knex } from 'knex';
import { endOtherSessions } from '../auth/session-control.js';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import type { Config } from '../core/config.js';
import { formatDateTime, maskIc } from '../core/format.js';
import { enqueueEmail } from '../core/mail/outbox.js';
import { accountResetEmail, emailChangedEmail, type ChangedBy } from './emails.js';
import {
  dropStaffRoles,
  resetAccountToFirstTime,
  setOfficialEmail,
  voidAccountSecrets,
} from './recovery-queries.js';

/** Who acts: their account and the role they act in (Unit Gaji or administrator). */
export interface RecoveryActor {
  accountId: number;
  role: ChangedBy;
}

/** The employee (and portal account, if any) an action is about, found in the actor's scope. */
export interface RecoveryTarget {
  employeeId: number;
  icNo: string;
  email: string | null;
  accountId: number | null;
  loginId: string | null;
}

export interface EmailChanged {
  heldUntil: Date | null;
  voidedTemporary: boolean;
  resetLinksVoided: number;
  sessionsEnded: number;
}

/**
 * The two account-recovery actions (issue 11), the same whoever performs them: called inside the
 * caller's transaction, after the caller has checked that the actor may act on the target.
 */
export class AccountRecovery {
  constructor(private readonly config: Config) {}

  /**
   * Corrects the official email. The account (if any) loses every session (activation-only ones
   * too), temporary password and reset link; first-time login with the new address is held for
   * EMAIL_CHANGE_HOLD_HOURS; the previous address and the new one are told, through the outbox.
   */
  async changeEmail(
    trx: Knex.Transaction,
    target: RecoveryTarget,
    newEmail: string,
    actor: RecoveryActor,
    facts: RequestFacts,
  ): Promise<EmailChanged> {
    const heldUntil = await setOfficialEmail(trx, target.employeeId, newEmail, {
      holdHours: this.config.EMAIL_CHANGE_HOLD_HOURS,
      changedBy: actor.accountId,
    });
    let voided = { temporaryPassword: false, resetLinks: 0 };
    let sessionsEnded = 0;
    if (target.accountId) {
      voided = await voidAccountSecrets(trx, target.accountId);
      sessionsEnded = await endOtherSessions(trx, target.accountId);
    }
    const common = {
      maskedId: maskIc(target.icNo),
      oldEmail: target.email ?? '-',
      newEmail,
      when: formatDateTime(new Date()),
      heldUntil: heldUntil ? formatDateTime(heldUntil) : null,
      by: actor.role,
      helpdesk: this.config.HELPDESK_EMAIL,
    };
    const recipients: ['previous' | 'new', string][] = [['new', newEmail]];
    if (target.email && target.email.toLowerCase() !== newEmail.toLowerCase())
      recipients.unshift(['previous', target.email]);
    for (const [to, address] of recipients)
      await enqueueEmail(trx, {
        accountId: target.accountId,
        kind: to === 'previous' ? 'official_email_changed_previous' : 'official_email_changed_new',
        to: address,
        ...emailChangedEmail({ ...common, to }),
      });
    await writeAudit(trx, {
      action: `staff.${actor.role}.email_corrected`,
      actorAccountId: actor.accountId,
      subjectAccountId: target.accountId,
      details: {
        employeeId: target.employeeId,
        oldEmail: target.email,
        newEmail,
        temporaryPasswordVoided: voided.temporaryPassword,
        resetLinksVoided: voided.resetLinks,
        sessionsEnded,
        heldUntil: heldUntil?.toISOString() ?? null,
        notified: recipients.map(([to]) => to),
      },
      ...facts,
    });
    return {
      heldUntil,
      voidedTemporary: voided.temporaryPassword,
      resetLinksVoided: voided.resetLinks,
      sessionsEnded,
    };
  }

  /**
   * Returns the account to first-time login (DESIGN 1.11). Its staff roles and departments are
   * dropped (audited): whoever activates the account again gets no staff power until an
   * administrator grants it anew. The employee is told at the recorded address.
   */
  async resetToFirstTime(
    trx: Knex.Transaction,
    target: RecoveryTarget & { accountId: number; loginId: string; email: string },
    actor: RecoveryActor,
    previousStatus: string,
    facts: RequestFacts,
  ): Promise<void> {
    const dropped = await dropStaffRoles(trx, target.accountId);
    const sessionsEnded = await resetAccountToFirstTime(trx, target.accountId);
    await enqueueEmail(trx, {
      accountId: target.accountId,
      kind: 'account_reset',
      to: target.email,
      ...accountResetEmail({
        loginId: target.loginId,
        loginUrl: `${this.config.baseUrl}/login-kali-pertama`,
        helpdesk: this.config.HELPDESK_EMAIL,
        by: actor.role,
      }),
    });
    await writeAudit(trx, {
      action: `staff.${actor.role}.account_reset`,
      actorAccountId: actor.accountId,
      subjectAccountId: target.accountId,
      details: { employeeId: target.employeeId, previousStatus, sessionsEnded, rolesDropped: dropped.roles },
      ...facts,
    });
    if (dropped.roles.length > 0)
      await writeAudit(trx, {
        action: 'staff.admin.roles_dropped',
        actorAccountId: actor.accountId,
        subjectAccountId: target.accountId,
        details: { reason: 'account_reset', roles: dropped.roles, departmentIds: dropped.departmentIds },
        ...facts,
      });
  }
}
