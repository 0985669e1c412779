import type { Knex } from 'knex';
import { endOtherSessions } from '../accounts/index.js';

/**
 * SQL of the account-recovery actions (correct an official email, reset an account to first-time
 * login), shared by Unit Gaji and the administrator. Callers run them in one transaction after
 * finding the employee in their own scope.
 */
type Db = Knex | Knex.Transaction;

/**
 * Whether the account holds ANY staff role, whatever its name (a role added later counts without
 * anyone listing it here). The lock on staff_roles makes a concurrent grant wait for the end of
 * the caller's transaction, so the answer holds while the caller acts on it.
 */
export async function holdsAnyStaffRole(
  trx: Knex.Transaction,
  accountId: number,
  forReset = false,
): Promise<boolean> {
  // A reset deletes from staff_roles later in the transaction: it takes the self-conflicting mode
  // the role grants take, so two resets queue instead of deadlocking on their SHARE locks.
  await trx.raw(`LOCK TABLE staff_roles IN ${forReset ? 'SHARE ROW EXCLUSIVE' : 'SHARE'} MODE`);
  const row = await trx('staff_roles')
    .where('account_id', accountId)
    .first<{ role: string } | undefined>('role');
  return row !== undefined;
}

/** Removes every staff role and payroll department of the account; returns what was removed. */
export async function dropStaffRoles(
  trx: Knex.Transaction,
  accountId: number,
): Promise<{ roles: string[]; departmentIds: number[] }> {
  const roles = await trx('staff_roles')
    .where('account_id', accountId)
    .delete()
    .returning<{ role: string }[]>('role');
  const departments = await trx('staff_departments')
    .where('account_id', accountId)
    .delete()
    .returning<{ department_id: number }[]>('department_id');
  return {
    roles: roles.map((r) => r.role).sort(),
    departmentIds: departments.map((d) => d.department_id).sort((a, b) => a - b),
  };
}

/**
 * Sets the official email, who changed it, and (when `holdHours` > 0) until when first-time login
 * with it is held. Returns the end of the hold.
 */
export async function setOfficialEmail(
  db: Db,
  employeeId: number,
  email: string,
  p: { holdHours: number; changedBy: number },
): Promise<Date | null> {
  const [row] = await db('employees')
    .where('id', employeeId)
    .update({
      email,
      email_hold_until: p.holdHours > 0 ? db.raw('now() + make_interval(hours => ?)', [p.holdHours]) : null,
      email_changed_by: p.changedBy,
      updated_at: db.fn.now(),
    })
    .returning<{ email_hold_until: Date | null }[]>('email_hold_until');
  return row?.email_hold_until ?? null;
}

/** Every unused temporary password and reset link of the account stops working. */
export async function voidAccountSecrets(
  db: Db,
  accountId: number,
): Promise<{ temporaryPassword: boolean; resetLinks: number }> {
  const temporary = await db('accounts')
    .where('id', accountId)
    .whereNotNull('temp_password_hash')
    .update({ temp_password_hash: null, temp_password_expires_at: null, updated_at: db.fn.now() });
  const links = await db('password_reset_tokens')
    .where('account_id', accountId)
    .whereNull('used_at')
    .update({ used_at: db.fn.now() });
  return { temporaryPassword: temporary > 0, resetLinks: links };
}

/**
 * Returns an account to first-time login: status pending with no password, temporary password,
 * phrase, image, answers or reset links, not locked; every session ends (activation-only ones
 * too). Staff roles are dropped by the caller (dropStaffRoles), which audits them.
 */
export async function resetAccountToFirstTime(db: Db, accountId: number): Promise<number> {
  await db('accounts').where('id', accountId).update({
    status: 'pending',
    password_hash: null,
    temp_password_hash: null,
    temp_password_expires_at: null,
    temp_password_sent_at: null,
    temp_password_outbox_id: null,
    failed_count: 0,
    lock_count: 0,
    locked_until: null,
    secret_phrase: null,
    secret_image_id: null,
    show_welcome: false,
    activated_at: null,
    password_changed_at: null,
    updated_at: db.fn.now(),
  });
  await db('account_answers').where('account_id', accountId).delete();
  await db('password_reset_tokens').where('account_id', accountId).delete();
  return endOtherSessions(db, accountId);
}

export interface RecoveryEmployee {
  employee_id: number;
  ic_no: string;
  email: string | null;
  account_id: number;
  login_id: string;
  status: 'pending' | 'active' | 'disabled';
  registration: string;
  email_hold_until: Date | null;
}

/** The employee behind an account (administrator's view), its row locked for the transaction. */
export async function findRecoveryEmployee(
  db: Db,
  accountId: number,
  options: { forUpdate?: boolean } = {},
): Promise<RecoveryEmployee | undefined> {
  const q = db('accounts as a')
    .join('employees as e', 'e.id', 'a.employee_id')
    .where('a.id', accountId)
    .first<RecoveryEmployee | undefined>(
      'e.id as employee_id',
      'e.ic_no',
      'e.email',
      'a.id as account_id',
      'a.login_id',
      'a.status',
      db.raw(
        "CASE WHEN a.status = 'disabled' THEN 'disabled' WHEN a.locked_until > now() THEN 'locked' ELSE a.status END AS registration",
      ),
      db.raw('CASE WHEN e.email_hold_until > now() THEN e.email_hold_until END AS email_hold_until'),
    );
  if (options.forUpdate) q.forUpdate('e', 'a');
  return q;
}

export interface EmailHold {
  employee_id: number;
  ic_no: string;
  name: string;
  email: string | null;
  department_code: string;
  email_hold_until: Date;
  email_changed_by: number | null;
}

/** First-time logins held now after an email change, soonest end first (for the helpdesk). */
export async function listEmailHolds(db: Db, limit = 200): Promise<EmailHold[]> {
  return db('employees as e')
    .join('departments as d', 'd.id', 'e.department_id')
    .where('e.email_hold_until', '>', db.fn.now())
    .orderBy([{ column: 'e.email_hold_until' }, { column: 'e.id' }])
    .limit(limit)
    .select<EmailHold[]>(
      'e.id as employee_id',
      'e.ic_no',
      'e.name',
      'e.email',
      'd.code as department_code',
      'e.email_hold_until',
      'e.email_changed_by',
    );
}

/** The hold of one employee with its account, locked for the transaction (undefined: not held). */
export async function findEmailHold(
  trx: Knex.Transaction,
  employeeId: number,
): Promise<(EmailHold & { account_id: number | null }) | undefined> {
  return trx('employees as e')
    .join('departments as d', 'd.id', 'e.department_id')
    .leftJoin('accounts as a', 'a.employee_id', 'e.id')
    .where('e.id', employeeId)
    .where('e.email_hold_until', '>', trx.fn.now())
    .forUpdate('e')
    .first<(EmailHold & { account_id: number | null }) | undefined>(
      'e.id as employee_id',
      'e.ic_no',
      'e.name',
      'e.email',
      'd.code as department_code',
      'e.email_hold_until',
      'e.email_changed_by',
      'a.id as account_id',
    );
}

export async function releaseEmailHold(db: Db, employeeId: number): Promise<void> {
  await db('employees').where('id', employeeId).update({ email_hold_until: null, updated_at: db.fn.now() });
}
