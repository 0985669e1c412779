import type { Knex } from 'knex';

/**
 * Marks a database that the demo seed loaded (seeds/index.ts). The seed empties its tables before
 * loading, so it refuses any database that holds people it did not create: a real database,
 * whatever NODE_ENV says. The app role has no access to this table.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE demo_seed (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  seeded_at timestamptz NOT NULL DEFAULT now()
);
-- A database seeded before this marker existed holds the demo administrator (seeds/demo-accounts.ts).
INSERT INTO demo_seed (seeded_at)
  SELECT now() WHERE EXISTS (SELECT 1 FROM accounts WHERE login_id = '760828145309');
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS demo_seed');
}
