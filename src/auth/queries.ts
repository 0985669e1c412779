import type { Knex } from 'knex';
import { auditRow, type AuditEntry } from '../core/audit.js';
import { prepared } from '../core/db.js';

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

export interface SecretImage {
  id: number;
  slug: string;
  file_name: string;
  label_ms: string;
  label_en: string;
}

export async function listSecretImages(db: Db): Promise<SecretImage[]> {
  return db('secret_images')
    .select<SecretImage[]>('id', 'slug', 'file_name', 'label_ms', 'label_en')
    .orderBy('id');
}

export interface SecurityQuestion {
  id: number;
  text_ms: string;
  text_en: string;
}

/** The curated catalogue of security questions (active ones only). */
export async function listSecurityQuestions(db: Db): Promise<SecurityQuestion[]> {
  return db('security_questions')
    .where('active', true)
    .select<SecurityQuestion[]>('id', 'text_ms', 'text_en')
    .orderBy('id');
}

/** A successful login: the failure and lock counts start again; the welcome is shown once. */
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

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
/** The doubling stops at one day. */
export const MAX_LOCK_MINUTES = 24 * 60;

export interface FailureOutcome {
  /** False when the account was already locked: nothing was counted. */
  counted: boolean;
  failedCount: number;
  justLocked: boolean;
  lockedUntil: Date | null;
  lockMinutes: number;
}

export function lockMinutesFor(lockCount: number): number {
  return Math.min(LOCK_MINUTES * 2 ** Math.max(0, Math.min(lockCount - 1, 16)), MAX_LOCK_MINUTES);
}

/**
 * Counts one wrong password or answer, atomically (one UPDATE, so concurrent requests on several
 * app processes cannot lose a count). The fifth in a row locks the account for 15 minutes,
 * doubling with each repeated lock. A lock that has run out starts the count again.
 */
export async function registerFailure(db: Db, accountId: number): Promise<FailureOutcome> {
  const n = `(CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 0 ELSE failed_count END + 1)`;
  const result = await db.raw<{
    rows: { failed_count: number; lock_count: number; locked_until: Date | null }[];
  }>(
    `UPDATE accounts SET
       failed_count = ${n},
       lock_count = lock_count + CASE WHEN ${n} >= ? THEN 1 ELSE 0 END,
       locked_until = CASE WHEN ${n} >= ?
         THEN now() + make_interval(mins => LEAST(? * power(2, LEAST(lock_count, 16))::int, ?))
         ELSE NULL END,
       updated_at = now()
     WHERE id = ? AND (locked_until IS NULL OR locked_until <= now())
     RETURNING failed_count, lock_count, locked_until`,
    [MAX_FAILURES, MAX_FAILURES, LOCK_MINUTES, MAX_LOCK_MINUTES, accountId],
  );
  const row = result.rows[0];
  if (!row)
    return {
      counted: false,
      failedCount: MAX_FAILURES,
      justLocked: false,
      lockedUntil: null,
      lockMinutes: 0,
    };
  return {
    counted: true,
    failedCount: row.failed_count,
    justLocked: row.locked_until !== null,
    lockedUntil: row.locked_until,
    lockMinutes: row.locked_until ? lockMinutesFor(row.lock_count) : 0,
  };
}

/** Who owns an account: for the password policy and the emails. */
export interface AccountOwner {
  id: number;
  login_id: string;
  kind: 'employee' | 'company';
  status: 'pending' | 'active' | 'disabled';
  name: string;
  email: string | null;
  ic_no: string | null;
  password_hash: string | null;
  locked_until: Date | null;
  secret_phrase: string | null;
  secret_image_id: number | null;
  notify_payment_status: boolean;
}

export async function findAccountOwner(db: Db, accountId: number): Promise<AccountOwner | undefined> {
  return db('accounts as a')
    .leftJoin('employees as e', 'e.id', 'a.employee_id')
    .leftJoin('suppliers as s', 's.id', 'a.supplier_id')
    .where('a.id', accountId)
    .first<AccountOwner | undefined>(
      'a.id',
      'a.login_id',
      'a.kind',
      'a.status',
      db.raw('coalesce(e.name, s.name) as name'),
      db.raw('coalesce(e.email, s.email) as email'),
      'e.ic_no',
      'a.password_hash',
      'a.locked_until',
      'a.secret_phrase',
      'a.secret_image_id',
      'a.notify_payment_status',
    );
}

export async function findAccountOwnerByLoginId(db: Db, loginId: string): Promise<AccountOwner | undefined> {
  const row = await db('accounts').where('login_id', loginId).first<{ id: number } | undefined>('id');
  return row ? findAccountOwner(db, row.id) : undefined;
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

export interface NewAnswer {
  position: number;
  questionId: number;
  hash: string;
}

export async function replaceAnswers(
  trx: Knex.Transaction,
  accountId: number,
  answers: NewAnswer[],
): Promise<void> {
  await trx('account_answers').where('account_id', accountId).delete();
  await trx('account_answers').insert(
    answers.map((a) => ({
      account_id: accountId,
      position: a.position,
      question_id: a.questionId,
      answer_hash: a.hash,
    })),
  );
}

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

/**
 * A new password (profile or reset). Every outstanding reset link and temporary password stops
 * working with it (issue 11, item 7): a link or temporary password read by someone else must not
 * outlive the owner's change.
 */
export async function setPassword(
  db: Db,
  accountId: number,
  passwordHash: string,
  clearLock: boolean,
): Promise<void> {
  await db('accounts')
    .where('id', accountId)
    .update({
      password_hash: passwordHash,
      password_changed_at: db.fn.now(),
      temp_password_hash: null,
      temp_password_expires_at: null,
      updated_at: db.fn.now(),
      ...(clearLock ? { failed_count: 0, lock_count: 0, locked_until: null } : {}),
    });
  await voidResetTokens(db, accountId);
}

export async function setSecret(db: Db, accountId: number, phrase: string, imageId: number): Promise<void> {
  await db('accounts')
    .where('id', accountId)
    .update({ secret_phrase: phrase, secret_image_id: imageId, updated_at: db.fn.now() });
}

export async function setNotifyPaymentStatus(db: Db, accountId: number, notify: boolean): Promise<void> {
  await db('accounts')
    .where('id', accountId)
    .update({ notify_payment_status: notify, updated_at: db.fn.now() });
}

export interface StoredAnswer {
  position: number;
  question_id: number;
  text_ms: string;
  text_en: string;
  answer_hash: string;
}

export async function accountAnswers(db: Db, accountId: number): Promise<StoredAnswer[]> {
  return db('account_answers as aa')
    .join('security_questions as q', 'q.id', 'aa.question_id')
    .where('aa.account_id', accountId)
    .orderBy('aa.position')
    .select<StoredAnswer[]>('aa.position', 'aa.question_id', 'q.text_ms', 'q.text_en', 'aa.answer_hash');
}

// ---------------------------------------------------------------- password reset tokens

export async function createResetToken(
  trx: Knex.Transaction,
  accountId: number,
  tokenHash: string,
  minutes: number,
): Promise<void> {
  // A new link voids the older ones that were not used.
  await trx('password_reset_tokens')
    .where('account_id', accountId)
    .whereNull('used_at')
    .update({ used_at: trx.fn.now() });
  await trx('password_reset_tokens').insert({
    account_id: accountId,
    token_hash: tokenHash,
    expires_at: trx.raw(`now() + make_interval(mins => ?)`, [minutes]),
  });
}

export interface ResetToken {
  id: number;
  account_id: number;
}

/** A token that is unused, unexpired and belongs to an active account. */
export async function findUsableResetToken(
  db: Db,
  by: { tokenHash: string } | { id: number },
): Promise<ResetToken | undefined> {
  const q = db('password_reset_tokens as t')
    .join('accounts as a', 'a.id', 't.account_id')
    .whereNull('t.used_at')
    .andWhere('t.expires_at', '>', db.fn.now())
    .andWhere('a.status', 'active');
  if ('tokenHash' in by) q.andWhere('t.token_hash', by.tokenHash);
  else q.andWhere('t.id', by.id);
  return q.first<ResetToken | undefined>('t.id', 't.account_id');
}

/** Uses up a token; true only for the one request that did. */
export async function useResetToken(db: Db, tokenId: number): Promise<boolean> {
  const n = await db('password_reset_tokens')
    .where('id', tokenId)
    .whereNull('used_at')
    .andWhere('expires_at', '>', db.fn.now())
    .update({ used_at: db.fn.now() });
  return n === 1;
}

export async function voidResetTokens(db: Db, accountId: number): Promise<void> {
  await db('password_reset_tokens')
    .where('account_id', accountId)
    .whereNull('used_at')
    .update({ used_at: db.fn.now() });
}
