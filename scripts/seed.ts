/** `npm run seed`: (re)loads the demo data into DATABASE_URL. Repeatable. */
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import { migrateLatest } from '../migrations/index.js';
import { seedDemo } from '../seeds/index.js';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(1);
}
const db = createDb(url, 2, undefined, TOOL_TIMEOUTS);
const started = Date.now();
await migrateLatest(db);
await seedDemo(db);
process.stdout.write(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
await db.destroy();
