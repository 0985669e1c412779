/**
 * `npm run migrate`: as the owner role (DATABASE_OWNER_URL, else DATABASE_URL) applies pending
 * migrations, upserts the reference catalogue and grants the app role (DATABASE_APP_ROLE, default
 * ispeks_app) its privileges. `-- --down` rolls every migration back.
 */
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import { appRoleFromEnv, ownerUrlFromEnv } from '../src/core/db-roles.js';
import { migrationSource } from '../migrations/index.js';
import { prepareDatabase } from '../migrations/prepare.js';

const url = ownerUrlFromEnv();
if (!url) {
  process.stderr.write('DATABASE_OWNER_URL (or DATABASE_URL) is required\n');
  process.exit(1);
}
const db = createDb(url, 2, undefined, TOOL_TIMEOUTS);
try {
  if (process.argv.includes('--down')) await db.migrate.rollback({ migrationSource }, true);
  else if ((await prepareDatabase(db, appRoleFromEnv())) === 'self')
    process.stdout.write(
      'warning: single-role installation, the app connects as the owner (see docs/operations-database.md)\n',
    );
  process.stdout.write(`migrations: ${JSON.stringify(await db.migrate.list({ migrationSource }))}\n`);
} catch (err) {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
