/** `npm run migrate`: applies pending migrations to DATABASE_URL (`-- --down` rolls all back). */
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import { migrationSource } from '../migrations/index.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(1);
}
const db = createDb(url, 2, undefined, TOOL_TIMEOUTS);
if (process.argv.includes('--down')) await db.migrate.rollback({ migrationSource }, true);
else await db.migrate.latest({ migrationSource });
process.stdout.write(`migrations: ${JSON.stringify(await db.migrate.list({ migrationSource }))}\n`);
await db.destroy();
