import type { Knex } from 'knex';

/**
 * Issue 11, item 6: emails delivered or given up before secret parts were marked (see
 * src/core/mail/secrets.ts) still hold their temporary password or reset link in plain text.
 * Replace those parts, found by the labels the templates put before them. Pending emails are left
 * alone: the sender still needs them. Irreversible by design (there is nothing to restore).
 */
const REDACTED = '[disembunyikan selepas dihantar / removed after sending]';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE email_outbox
        SET text_body = regexp_replace(text_body, '(Kata laluan sementara|Temporary password|Pautan|Link): [^\\n]+', '\\1: ' || :r, 'g'),
            html_body = regexp_replace(
                          regexp_replace(html_body,
                            '(Kata laluan sementara|Temporary password):</td><td><strong><code>[^<]*</code>',
                            '\\1:</td><td><strong><code>' || :r || '</code>', 'g'),
                          '<a href="[^"]*">[^<]*</a>', :r, 'g')
      WHERE status IN ('sent', 'failed')
        AND kind IN ('temporary_password', 'password_reset_link')`,
    { r: REDACTED },
  );
}

export async function down(): Promise<void> {
  // Nothing to undo: the secrets are gone on purpose.
}
