import type { Knex } from 'knex';

/**
 * Issue 14 (items 1 and 17).
 *
 * previous_temp_password_hash: the temporary password that a newer one replaced. It opens
 * nothing; it only lets the login say "this temporary password was replaced, ask again" instead
 * of "invalid" to the person who holds it (the one who typed it right).
 *
 * previous_login_at: the login before the latest, which the profile shows as "Log masuk terakhir"
 * (the latest is the user's own current login, which tells them nothing).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE accounts
      ADD COLUMN previous_temp_password_hash text,
      ADD COLUMN previous_login_at timestamptz;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE accounts
      DROP COLUMN previous_temp_password_hash,
      DROP COLUMN previous_login_at;
  `);
}
