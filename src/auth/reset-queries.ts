import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

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
