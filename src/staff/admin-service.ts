import type { Writable } from 'node:stream';
import type { Knex } from 'knex';
import { writeAudit, type RequestFacts } from '../core/audit.js';
import type { StaffRole } from '../core/current-user.js';
import {
  addDepartments,
  auditBatch,
  countRoleHolders,
  findRoleAccount,
  grantRole,
  lockStaffRoles,
  removeAllDepartments,
  removeDepartment,
  removeRole,
  type AuditFilters,
  type AuditRow,
} from './admin-queries.js';
import { endOtherSessions } from '../accounts/index.js';

export interface Actor {
  accountId: number;
  /** The actor's own session, kept when they change their own roles. */
  sessionId: string;
}

export type RoleChange = { ok: true } | { ok: false; key: string } | undefined;

type RoleAccount = NonNullable<Awaited<ReturnType<typeof findRoleAccount>>>;
/** What one role change did: refused (a message key), or changed (the audit action and details). */
type ChangeStep = { refused: string } | { action: string; details: Record<string, unknown> };

/** Granting and removing staff roles and payroll departments; each change is audited. */
export class AdminService {
  constructor(private readonly db: Knex) {}

  async grant(
    actor: Actor,
    accountId: number,
    role: StaffRole,
    departmentIds: number[],
    facts: RequestFacts,
  ): Promise<RoleChange> {
    return this.change(actor, accountId, facts, async (trx, account) => {
      if (account.kind !== 'employee') return { refused: 'staff.admin.err.company' };
      if (account.roles.includes(role)) return { refused: 'staff.admin.err.alreadyHeld' };
      if (role === 'payroll' && departmentIds.length === 0)
        return { refused: 'staff.admin.err.departmentsRequired' };
      await grantRole(trx, accountId, role, actor.accountId);
      if (role === 'payroll') await addDepartments(trx, accountId, departmentIds);
      return {
        action: 'staff.admin.role_granted',
        details: { role, ...(role === 'payroll' ? { departmentIds } : {}) },
      };
    });
  }

  async remove(actor: Actor, accountId: number, role: StaffRole, facts: RequestFacts): Promise<RoleChange> {
    return this.change(actor, accountId, facts, async (trx, account) => {
      if (!account.roles.includes(role)) return { refused: 'staff.admin.err.notHeld' };
      if (role === 'admin' && (await countRoleHolders(trx, 'admin')) <= 1)
        return { refused: 'staff.admin.err.lastAdmin' };
      await removeRole(trx, accountId, role);
      const departments = account.departments.map((d) => d.id);
      if (role === 'payroll') await removeAllDepartments(trx, accountId);
      return {
        action: 'staff.admin.role_removed',
        details: { role, ...(role === 'payroll' ? { departmentIds: departments } : {}) },
      };
    });
  }

  async addDepartment(
    actor: Actor,
    accountId: number,
    departmentId: number,
    facts: RequestFacts,
  ): Promise<RoleChange> {
    return this.change(actor, accountId, facts, async (trx, account) => {
      if (!account.roles.includes('payroll')) return { refused: 'staff.admin.err.notPayroll' };
      await addDepartments(trx, accountId, [departmentId]);
      return { action: 'staff.admin.department_added', details: { departmentId } };
    });
  }

  async removeDepartment(
    actor: Actor,
    accountId: number,
    departmentId: number,
    facts: RequestFacts,
  ): Promise<RoleChange> {
    return this.change(actor, accountId, facts, async (trx, account) => {
      if (!account.departments.some((d) => d.id === departmentId))
        return { refused: 'staff.admin.err.department' };
      if (account.roles.includes('payroll') && account.departments.length <= 1)
        return { refused: 'staff.admin.err.lastDepartment' };
      await removeDepartment(trx, accountId, departmentId);
      return { action: 'staff.admin.department_removed', details: { departmentId } };
    });
  }

  /**
   * The skeleton of every role change: one transaction under the staff-roles lock, the account
   * read after the lock, then `step` checks its rule and makes the change (or names the refusal),
   * then the account's other sessions end and the change is audited.
   */
  private change(
    actor: Actor,
    accountId: number,
    facts: RequestFacts,
    step: (trx: Knex.Transaction, account: RoleAccount) => Promise<ChangeStep>,
  ): Promise<RoleChange> {
    return this.db.transaction(async (trx) => {
      await lockStaffRoles(trx);
      const account = await findRoleAccount(trx, accountId);
      if (!account) return undefined;
      const done = await step(trx, account);
      if ('refused' in done) return { ok: false, key: done.refused };
      await this.afterPrivilegeChange(trx, actor, accountId);
      await writeAudit(trx, {
        action: done.action,
        actorAccountId: actor.accountId,
        subjectAccountId: accountId,
        details: done.details,
        ...facts,
      });
      return { ok: true };
    });
  }

  /**
   * A privilege change ends the account's other sessions, so its next request needs a new login
   * and with it a new session ID (DESIGN 3). Roles are read on every request anyway.
   */
  private async afterPrivilegeChange(trx: Knex.Transaction, actor: Actor, accountId: number): Promise<void> {
    await endOtherSessions(trx, accountId, accountId === actor.accountId ? actor.sessionId : undefined);
  }

  /**
   * Streams the filtered audit log as CSV, in batches of 1000 rows (keyset pagination), waiting
   * for the socket to drain between batches. The export itself is audited first.
   */
  async exportCsv(
    actorId: number,
    filters: AuditFilters,
    out: Writable,
    facts: RequestFacts,
  ): Promise<number> {
    await writeAudit(this.db, {
      action: 'staff.admin.audit_exported',
      actorAccountId: actorId,
      details: {
        from: filters.from?.toISOString() ?? null,
        to: filters.to?.toISOString() ?? null,
        actorAccountId: filters.actorAccountId ?? null,
        subjectAccountId: filters.subjectAccountId ?? null,
        actions: filters.actions ?? null,
      },
      ...facts,
    });
    let before: number | null = null;
    let count = 0;
    await write(out, '\uFEFF' + csvLine(AUDIT_CSV_HEADER));
    for (;;) {
      const rows: AuditRow[] = await auditBatch(this.db, filters, before, 1000);
      if (rows.length === 0) break;
      let chunk = '';
      for (const r of rows) chunk += csvLine(auditCsvCells(r));
      await write(out, chunk);
      count += rows.length;
      before = rows[rows.length - 1]!.id;
      if (rows.length < 1000) break;
    }
    return count;
  }
}

export const AUDIT_CSV_HEADER = [
  'id',
  'occurred_at',
  'action',
  'actor_login_id',
  'subject_login_id',
  'ip',
  'user_agent',
  'details',
];

function auditCsvCells(r: AuditRow): string[] {
  return [
    String(r.id),
    r.occurred_at.toISOString(),
    r.action,
    r.actor_login_id ?? (r.actor_account_id === null ? '' : `#${r.actor_account_id}`),
    r.subject_login_id ?? (r.subject_account_id === null ? '' : `#${r.subject_account_id}`),
    r.ip ?? '',
    r.user_agent ?? '',
    JSON.stringify(r.details ?? {}),
  ];
}

/**
 * One CSV cell, safe to open in a spreadsheet: a cell starting with =, +, -, @ (or a tab or
 * carriage return) is prefixed with ' so it is never run as a formula (OWASP CSV injection), then
 * quoted per RFC 4180 when it holds a comma, quote or line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.destroyed) return reject(new Error('client went away'));
    const ok = out.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else {
      const onDrain = () => {
        out.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        out.off('drain', onDrain);
        reject(new Error('client went away'));
      };
      out.once('drain', onDrain);
      out.once('close', onClose);
    }
  });
}
