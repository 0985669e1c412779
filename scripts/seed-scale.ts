/**
 * `npm run seed:scale -- --employees 50000 --months 24`: fills a database with a whole state's
 * civil service (issue 7): employees, their payslips and lines, loans, applications, payments and
 * a few thousand active accounts, streamed through COPY. Prints its own time and rows per second.
 *
 * With DATABASE_URL it loads that database (which must be empty or migrated and empty; pass
 * --reset to roll back every migration first and replace what is there). Without it, it uses the
 * benchmark's own embedded PostgreSQL (.data/bench-postgres, port 54339), which it always resets.
 *
 * Options: --employees N (50000), --months M (24), --accounts K (min(5000, N)), --today YYYY-MM-DD
 * (the seed's date; default today in Malaysia), --reset.
 */
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, TOOL_TIMEOUTS } from '../src/core/db.js';
import { hashSecret } from '../src/core/passwords.js';
import { migrateLatest, migrationSource } from '../migrations/index.js';
import { todayInKualaLumpur } from '../seeds/dates.js';
import { SCALE_ANSWER, SCALE_PASSWORD } from '../bench/scale/accounts.js';
import { makePlan } from '../bench/scale/generate.js';
import { loadScaleData } from '../bench/scale/load.js';
import {
  BENCH_DB,
  seedReportFile,
  recreateDatabase,
  startBenchPostgres,
  type BenchPostgres,
} from '../bench/scale/postgres.js';

function fail(message: string): never {
  process.stderr.write(`seed:scale: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '50000' },
    months: { type: 'string', default: '24' },
    accounts: { type: 'string' },
    today: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'report-file': { type: 'string' },
  },
  strict: true,
});

const positive = (name: string, raw: string | undefined, max: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(`--${name} must be a whole number from 1 to ${max}`);
  return n;
};
const employees = positive('employees', values.employees, 5_000_000);
const months = positive('months', values.months, 240);
const accounts =
  values.accounts === undefined
    ? Math.min(5000, employees)
    : positive('accounts', values.accounts, employees);
const today = values.today ?? todayInKualaLumpur();
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) fail('--today must be YYYY-MM-DD');

const log = (line: string) => process.stdout.write(`${line}\n`);
const started = performance.now();

let server: BenchPostgres | undefined;
let url = process.env.DATABASE_URL;
if (url) {
  const db = createDb(url, 2, undefined, TOOL_TIMEOUTS);
  try {
    const found = await db.raw<{ rows: { n: number | null }[] }>(
      `SELECT CASE WHEN to_regclass('public.employees') IS NULL THEN NULL
                   ELSE (SELECT count(*) FROM (SELECT 1 FROM employees LIMIT 1) x) END AS n`,
    );
    const n = found.rows[0]?.n;
    if (n && !values.reset)
      fail('the database at DATABASE_URL already has employees; pass --reset to replace its data');
    if (n !== null && values.reset) {
      log('resetting: rolling back every migration');
      await db.migrate.rollback({ migrationSource }, true);
    }
  } finally {
    await db.destroy();
  }
} else {
  log('starting the benchmark PostgreSQL (bulk-load settings)');
  server = await startBenchPostgres('load');
  await recreateDatabase(server.url('postgres'), BENCH_DB);
  url = server.url(BENCH_DB);
}

const pool = new pg.Pool({ connectionString: url, max: 12, application_name: 'seed-scale' });
// An idle connection closed by the server's shutdown is no error of the load.
pool.on('error', () => {});
try {
  const knex = createDb(url, 2, undefined, TOOL_TIMEOUTS);
  await migrateLatest(knex);
  await knex.destroy();

  // One argon2id hash for every account (and one for every security answer): hashing 5,000
  // passwords would take minutes and prove nothing.
  const [passwordHash, answerHash] = await Promise.all([
    hashSecret(SCALE_PASSWORD),
    hashSecret(SCALE_ANSWER),
  ]);
  const plan = makePlan(employees, months, accounts, today);
  log(
    `loading ${employees.toLocaleString('en')} employees over ${months} months (to ${today}), ${accounts} accounts`,
  );
  const report = await loadScaleData(pool, { plan, passwordHash, answerHash, log });
  const total = (performance.now() - started) / 1000;

  const width = Math.max(...Object.keys(report.rows).map((k) => k.length));
  for (const [table, n] of Object.entries(report.rows))
    log(`  ${table.padEnd(width)} ${n.toLocaleString('en').padStart(12)}`);
  const s = report.seconds;
  log(
    `loaded ${report.totalRows.toLocaleString('en')} rows in ${total.toFixed(1)} s ` +
      `(${Math.round(report.totalRows / total).toLocaleString('en')} rows/s overall; ` +
      `COPY ${s.copy.toFixed(1)} s at ${Math.round(report.totalRows / s.copy).toLocaleString('en')} rows/s, ` +
      `keys and indexes ${s.indexes.toFixed(1)} s, ANALYZE ${s.analyze.toFixed(1)} s)`,
  );
  log(`  peak memory of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  if (report.refusedPayslips)
    log(`  ${report.refusedPayslips} payslips refused by the payroll rules were left out`);
  const file = values['report-file'] ?? seedReportFile(!server);
  await mkdir(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify(
      {
        employees,
        months,
        accounts,
        today,
        database: server ? 'embedded' : 'DATABASE_URL',
        totalSeconds: total,
        ...report,
      },
      null,
      2,
    ),
  );
  log(`accounts: login ID = IC number of an employee with an account, password "${SCALE_PASSWORD}"`);
} catch (err) {
  process.stderr.write(
    `seed:scale failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
} finally {
  await pool.end();
  await server?.stop();
}
