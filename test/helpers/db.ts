import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { createDb } from '../../src/core/db.js';
import { urlOf } from '../../src/core/db-roles.js';

export interface TestDatabase {
  /** The app's connection: the app role, as in production (it owns nothing). */
  url: string;
  name: string;
  /** A pool as the app role: what the app under test uses. */
  db: Knex;
  /** The owner role's connection (DDL, the demo seed, what a migration may do). */
  ownerUrl: string;
  /** A pool as the owner role, for tests that need the owner's powers. */
  owner: Knex;
  drop: () => Promise<void>;
}

function env(name: string): string {
  const url = process.env[name];
  if (!url) throw new Error(`Run tests with \`npm test\` (${name} is set by scripts/run-tests.ts)`);
  return url;
}

/** The server's superuser (creating and dropping databases, nothing else). */
function serverUrl(): string {
  return env('TEST_PG_SERVER_URL');
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database of its own for one test file, cloned from the migrated, seeded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.TEST_TEMPLATE_DB ?? 'ispeks_template';
  const owner = process.env.TEST_PG_OWNER_ROLE ?? 'ispeks_owner';
  const name = `t_${randomBytes(6).toString('hex')}`;
  // CREATE DATABASE ... TEMPLATE fails if another session is connected to the template; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${owner}`);
      break;
    } catch (err) {
      if (attempt > 20) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  // Database privileges are not copied from the template (ensureOwnedDatabase's REVOKE).
  await adminQuery(`REVOKE CREATE, TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
  const url = urlOf(env('TEST_PG_APP_URL'), name);
  const ownerUrl = urlOf(env('TEST_PG_OWNER_URL'), name);
  const db = createDb(url, 10);
  const ownerDb = createDb(ownerUrl, 2);
  return {
    url,
    name,
    db,
    ownerUrl,
    owner: ownerDb,
    drop: async () => {
      await db.destroy();
      await ownerDb.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
