import type { Knex } from 'knex';

/**
 * rate_limits rows hold IC numbers and email addresses in their keys (issue 11, item 14): every
 * counter write deletes a few rows whose window has ended (src/middleware/rate-limit.ts). This
 * index makes finding them an index range scan that costs next to nothing when there are none.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX rate_limits_reset_at_idx ON rate_limits (reset_at);`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS rate_limits_reset_at_idx;`);
}
