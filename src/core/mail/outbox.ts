import type { Knex } from 'knex';

export interface OutgoingEmail {
  accountId?: number | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Writes an email to the outbox. Call it with the same transaction as the change that causes
 * the email, so that either both are stored or neither is; the sender delivers it later.
 */
export async function enqueueEmail(trx: Knex | Knex.Transaction, email: OutgoingEmail): Promise<number> {
  const [row] = await trx('email_outbox')
    .insert({
      account_id: email.accountId ?? null,
      kind: email.kind,
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      html_body: email.html,
    })
    .returning<{ id: number }[]>('id');
  if (!row) throw new Error('outbox insert returned no id');
  return Number(row.id);
}
