import type { Knex } from 'knex';
import { auditRow, type AuditEntry } from '../core/audit.js';
import { prepared } from '../core/db.js';
import { voidResetTokens } from '../accounts/index.js';

type Db = Knex | Knex.Transaction;

export interface LoginAccount {
  id: number;
  login_id: string;
  status: 'pending' | 'active' | 'disabled';
  password_hash: string | null;
  temp_password_hash: string | null;
  temp_password_expires_at: Date | null;
  /** The temporary password a newer one replaced: it opens nothing, it only explains a refusal. */
  previous_temp_password_hash: string | null;
  failed_count: number;
  lock_count: number;
  locked_until: Date | null;
  show_welcome: boolean;
  secret_phrase: string | null;
  image_slug: string | null;
  image_file: string | null;
  image_label_ms: string | null;
  image_label_en: string | null;
}

/** The account data login needs, by login ID. */
export async function findLoginAccount(db: Db, loginId: string): Promise<LoginAccount | undefined> {
  return db('accounts as a')
    .leftJoin('secret_images as i', 'i.id', 'a.secret_image_id')
    .where('a.login_id', loginId)
    .first<LoginAccount | undefined>(
      'a.id',
      'a.login_id',
      'a.status',
      'a.password_hash',
      'a.temp_password_hash',
      'a.temp_password_expires_at',
      'a.previous_temp_password_hash',
      'a.failed_count',
      'a.lock_count',
      'a.locked_until',
      'a.show_welcome',
      'a.secret_phrase',
      'i.slug as image_slug',
      'i.file_name as image_file',
      'i.label_ms as image_label_ms',
      'i.label_en as image_label_en',
    )
    .options(prepared('login-account'));
}

/**
 * A successful login: the failure counters cleared, the last login stamped and its audit row
 * written, in ONE statement (one round trip on the login path, which the benchmark measures
 * against raw argon2; a data-modifying CTE runs whether or not it is read).
 */
export async function recordSuccessfulLogin(db: Db, accountId: number, audit: AuditEntry): Promise<void> {
  const row = auditRow(audit);
  await db
    .raw(
      `WITH login AS (
       UPDATE accounts SET failed_count = 0, lock_count = 0, locked_until = NULL, show_welcome = false,
                           previous_login_at = last_login_at, last_login_at = now(), updated_at = now()
        WHERE id = ?)
     INSERT INTO audit_log (action, actor_account_id, subject_account_id, details, ip, user_agent)
     VALUES (?, ?, ?, ?::jsonb, ?, ?)`,
      [
        accountId,
        row.action,
        row.actor_account_id,
        row.subject_account_id,
        row.details,
        row.ip,
        row.user_agent,
      ],
    )
    .options(prepared('login-ok'));
}

/**
 * The temporary password an activation session was opened with, while it is still the account's
 * current one and not expired: a replaced or expired one ends the activation (issue 14 item 1).
 */
export async function currentTemporaryPassword(db: Db, accountId: number): Promise<string | undefined> {
  const row = await db('accounts')
    .where({ id: accountId, status: 'pending' })
    .whereNotNull('temp_password_hash')
    .where('temp_password_expires_at', '>', db.fn.now())
    .first<{ temp_password_hash: string } | undefined>('temp_password_hash');
  return row?.temp_password_hash;
}

// ---------------------------------------------------------------- first-time login

export interface PayrollMatch {
  kind: 'employee' | 'company';
  employeeId: number | null;
  supplierId: number | null;
  loginId: string;
  email: string;
  /** Set while first-time login is held after a change of the official email (issue 11). */
  emailHoldUntil: Date | null;
}

/** The payroll employee with this IC whose recorded email is this one (case-insensitive). */
export async function findEmployeeMatch(
  db: Db,
  ic: string,
  email: string,
): Promise<PayrollMatch | undefined> {
  const row = await db('employees')
    .where('ic_no', ic)
    .andWhereRaw('lower(email) = ?', [email.toLowerCase()])
    .first<{ id: number; ic_no: string; email: string; email_hold_until: Date | null } | undefined>(
      'id',
      'ic_no',
      'email',
      db.raw('CASE WHEN email_hold_until > now() THEN email_hold_until END AS email_hold_until'),
    );
  return row
    ? {
        kind: 'employee',
        employeeId: row.id,
        supplierId: null,
        loginId: row.ic_no,
        email: row.email,
        emailHoldUntil: row.email_hold_until,
      }
    : undefined;
}

/** The registered supplier with this company ID and email. */
export async function findSupplierMatch(
  db: Db,
  companyId: string,
  email: string,
): Promise<PayrollMatch | undefined> {
  const row = await db('suppliers')
    .where('company_id', companyId)
    .andWhereRaw('lower(email) = ?', [email.toLowerCase()])
    .whereNot('status', 'blacklisted')
    .first<{ id: number; company_id: string; email: string } | undefined>('id', 'company_id', 'email');
  return row
    ? {
        kind: 'company',
        employeeId: null,
        supplierId: row.id,
        loginId: row.company_id,
        email: row.email,
        emailHoldUntil: null,
      }
    : undefined;
}

export interface AccountStatusRow {
  id: number;
  status: 'pending' | 'active' | 'disabled';
}

/** The account of a payroll person or supplier (by link or by login ID), locked for the transaction. */
export async function lockAccountFor(
  trx: Knex.Transaction,
  match: PayrollMatch,
): Promise<AccountStatusRow | undefined> {
  return trx('accounts')
    .where((q) => {
      q.where('login_id', match.loginId);
      if (match.employeeId) q.orWhere('employee_id', match.employeeId);
      if (match.supplierId) q.orWhere('supplier_id', match.supplierId);
    })
    .forUpdate()
    .first<AccountStatusRow | undefined>('id', 'status');
}

export async function createPendingAccount(trx: Knex.Transaction, match: PayrollMatch): Promise<number> {
  const [row] = await trx('accounts')
    .insert({
      login_id: match.loginId,
      kind: match.kind,
      employee_id: match.employeeId,
      supplier_id: match.supplierId,
      status: 'pending',
    })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('account insert returned no id');
  return row.id;
}

/** Stores a new temporary password; the old one (if any) is overwritten and so void. */
export async function setTemporaryPassword(
  trx: Knex.Transaction,
  accountId: number,
  p: { hash: string; hours: number; outboxId: number },
): Promise<void> {
  await trx('accounts')
    .where({ id: accountId, status: 'pending' })
    .update({
      // The one it replaces is kept only to tell its holder it was replaced.
      previous_temp_password_hash: trx.raw('coalesce(temp_password_hash, previous_temp_password_hash)'),
      temp_password_hash: p.hash,
      temp_password_expires_at: trx.raw(`now() + make_interval(hours => ?)`, [p.hours]),
      temp_password_sent_at: trx.fn.now(),
      temp_password_outbox_id: p.outboxId,
      failed_count: 0,
      updated_at: trx.fn.now(),
    });
}

// ---------------------------------------------------------------- activation and secrets

/** Activates a pending account; false when it is no longer pending (a second submit). */
export async function activateAccount(
  trx: Knex.Transaction,
  accountId: number,
  p: { passwordHash: string; phrase: string; imageId: number; temporaryHash: string },
): Promise<boolean> {
  // Single use for activation: only while the temporary password the session was opened with is
  // still the current one and not expired; the first activation clears it.
  const n = await trx('accounts')
    .where({ id: accountId, status: 'pending', temp_password_hash: p.temporaryHash })
    .where('temp_password_expires_at', '>', trx.fn.now())
    .update({
      status: 'active',
      password_hash: p.passwordHash,
      secret_phrase: p.phrase,
      secret_image_id: p.imageId,
      temp_password_hash: null,
      temp_password_expires_at: null,
      previous_temp_password_hash: null,
      failed_count: 0,
      lock_count: 0,
      locked_until: null,
      show_welcome: true,
      activated_at: trx.fn.now(),
      password_changed_at: trx.fn.now(),
      updated_at: trx.fn.now(),
    });
  // The first password voids any reset link too (none should exist for a pending account).
  if (n === 1) await voidResetTokens(trx, accountId);
  return n === 1;
}
