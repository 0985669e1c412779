import type { Knex } from 'knex';

/**
 * Issue 11, items 1 and 3: the cooling-off after a change of official email.
 *
 * `email_hold_until`: first-time login with this employee's record is held until then (the
 * previous address has been told and has time to object). `email_changed_by`: who made the last
 * change, so that a release of the hold is made by somebody else (a second person).
 * The activation-only sessions get the same kind of index as signed-in ones, since a correction
 * or reset deletes them by account.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE employees
      ADD COLUMN email_hold_until timestamptz,
      ADD COLUMN email_changed_by integer REFERENCES accounts(id) ON DELETE SET NULL;
    CREATE INDEX employees_email_hold_idx ON employees (email_hold_until) WHERE email_hold_until IS NOT NULL;
    CREATE INDEX session_activation_account_idx ON session (((sess ->> 'activationAccountId')));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS session_activation_account_idx;
    DROP INDEX IF EXISTS employees_email_hold_idx;
    ALTER TABLE employees DROP COLUMN IF EXISTS email_changed_by, DROP COLUMN IF EXISTS email_hold_until;
  `);
}
