import type { Knex } from 'knex';
import { applyGrants } from '../src/core/db-roles.js';
import { migrateLatest } from './index.js';
import { syncReferenceData } from './reference-data.js';

/**
 * What `npm run migrate` does, as the owner role: the migrations, the reference catalogue, then
 * the app role's privileges (after the migrations, so every table is covered). The development
 * bring-up and the test harness call it too, so they run as production does.
 */
export async function prepareDatabase(owner: Knex, appRole: string): Promise<'granted' | 'self'> {
  await migrateLatest(owner);
  await syncReferenceData(owner);
  const grants = await applyGrants(owner, appRole);
  if (grants === 'missing') {
    throw new Error(
      `the app role ${appRole} does not exist: create it (deploy/postgres/init-roles.sh, docs/operations-database.md), ` +
        'or set DATABASE_APP_ROLE to the role of DATABASE_URL for a single-role installation (not recommended)',
    );
  }
  return grants;
}
