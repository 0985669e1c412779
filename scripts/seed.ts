/**
 * `npm run seed`: (re)loads the demo data, as the owner role (DATABASE_OWNER_URL, else
 * DATABASE_URL), after migrating. Repeatable; refuses a database with real accounts.
 */
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import { appRoleFromEnv, ownerUrlFromEnv } from '../src/core/db-roles.js';
import { prepareDatabase } from '../migrations/prepare.js';
import { seedDemo } from '../seeds/index.js';

const url = ownerUrlFromEnv();
if (!url) {
  process.stderr.write('DATABASE_OWNER_URL (or DATABASE_URL) is required\n');
  process.exit(1);
}
const db = createDb(url, 2, undefined, TOOL_TIMEOUTS);
const started = Date.now();
try {
  await prepareDatabase(db, appRoleFromEnv());
  await seedDemo(db);
  process.stdout.write(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} catch (err) {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
