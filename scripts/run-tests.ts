/**
 * The test runner: starts one real PostgreSQL for the whole run (embedded unless
 * TEST_PG_SERVER_URL names a server), builds a migrated and seeded template database once, and
 * runs every test file with node:test; each file clones its own database from the template.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/core/embedded-postgres.js';
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import {
  DEFAULT_APP_ROLE,
  DEFAULT_OWNER_ROLE,
  ensureOwnedDatabase,
  ensureRoles,
  installAuditGuard,
  urlAs,
  urlOf,
} from '../src/core/db-roles.js';
import { prepareDatabase } from '../migrations/prepare.js';
import { seedDemo } from '../seeds/index.js';
import { freePort } from './free-port.js';
import { findTests } from './test-files.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TEMPLATE = 'ispeks_template';
/** The two roles of production (SECURITY.md, "Database roles"), with test-only passwords. */
const OWNER = { name: DEFAULT_OWNER_ROLE, password: 'ispeks-owner-test' };
const APP = { name: DEFAULT_APP_ROLE, password: 'ispeks-app-test' };

async function main() {
  // `--dir=<folder>` runs another folder's tests (npm run test:soak: scripts/soak), `--timeout=<ms>`
  // sets the per-file timeout; other arguments filter the files by path.
  const args = process.argv.slice(2);
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const filter = args.filter((a) => !a.startsWith('--'));
  const testDir = path.join(ROOT, option('dir') ?? 'test');
  // Generous: a file that hangs still fails, but a slow shared machine does not make a flake.
  const timeout = option('timeout') ?? '600000';
  const started = Date.now();
  let embedded: EmbeddedDb | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.TEST_PG_SERVER_URL;
  if (!serverUrl) {
    // A fresh cluster per run, on a free port, keeps concurrent runs independent of each other.
    dataDir = path.join(ROOT, '.data', `test-postgres-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    const port = Number(process.env.TEST_PG_PORT ?? (await freePort()));
    embedded = await startEmbeddedPostgres(dataDir, port);
    serverUrl = embedded.url('postgres');
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.end();
  // As production runs: the superuser only creates the roles and the database; the owner role
  // migrates, loads the reference data, grants the app role and seeds; tests' apps connect as
  // the app role (test/helpers/db.ts). The superuser then adds the audit-log event triggers.
  await ensureRoles(serverUrl, OWNER, APP);
  await ensureOwnedDatabase(serverUrl, TEMPLATE, OWNER.name);
  const db = createDb(urlAs(serverUrl, OWNER.name, OWNER.password, TEMPLATE), 2, undefined, TOOL_TIMEOUTS);
  try {
    await prepareDatabase(db, APP.name);
    await seedDemo(db);
  } finally {
    await db.destroy();
  }
  await installAuditGuard(urlOf(serverUrl, TEMPLATE));
  process.stdout.write(`test database template ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const files = findTests(testDir, filter);
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${timeout}`, ...files],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        TEST_PG_SERVER_URL: serverUrl,
        TEST_PG_OWNER_URL: urlAs(serverUrl, OWNER.name, OWNER.password),
        TEST_PG_APP_URL: urlAs(serverUrl, APP.name, APP.password),
        TEST_PG_OWNER_ROLE: OWNER.name,
        TEST_TEMPLATE_DB: TEMPLATE,
      },
    },
  );
  const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

main().catch((err: unknown) => {
  process.stderr.write(`test run failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
