import type { Knex } from 'knex';

/** The account's own data: owner, credentials, secret, answers, settings (used by auth, profile, staff). */
type Db = Knex | Knex.Transaction;

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

export async function voidResetTokens(db: Db, accountId: number): Promise<void> {
  await db('password_reset_tokens')
    .where('account_id', accountId)
    .whereNull('used_at')
    .update({ used_at: db.fn.now() });
}
