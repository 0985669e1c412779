import type { Knex } from 'knex';

export interface LoginAccount {
  id: number;
  login_id: string;
  status: 'pending' | 'active' | 'disabled';
  password_hash: string | null;
  temp_password_hash: string | null;
  temp_password_expires_at: Date | null;
  failed_count: number;
  lock_count: number;
  locked_until: Date | null;
  secret_phrase: string | null;
  image_slug: string | null;
  image_file: string | null;
  image_label_ms: string | null;
  image_label_en: string | null;
}

/** The account data login needs, by login ID. */
export async function findLoginAccount(
  db: Knex | Knex.Transaction,
  loginId: string,
): Promise<LoginAccount | undefined> {
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
      'a.failed_count',
      'a.lock_count',
      'a.locked_until',
      'a.secret_phrase',
      'i.slug as image_slug',
      'i.file_name as image_file',
      'i.label_ms as image_label_ms',
      'i.label_en as image_label_en',
    );
}

export interface SecretImage {
  id: number;
  slug: string;
  file_name: string;
  label_ms: string;
  label_en: string;
}

export async function listSecretImages(db: Knex | Knex.Transaction): Promise<SecretImage[]> {
  return db('secret_images')
    .select<SecretImage[]>('id', 'slug', 'file_name', 'label_ms', 'label_en')
    .orderBy('id');
}

export async function recordSuccessfulLogin(db: Knex | Knex.Transaction, accountId: number): Promise<void> {
  await db('accounts')
    .where('id', accountId)
    .update({ failed_count: 0, locked_until: null, last_login_at: db.fn.now(), updated_at: db.fn.now() });
}
